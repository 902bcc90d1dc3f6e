package dev.augur.cli;

import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code augur stream}: runs the streaming detection pipeline and shows its counters while it
 * runs. With a Kinesis or Kafka source it runs until stopped; a file replay ends with its files.
 * On Dataflow it returns once the job is submitted: the service runs it until it is drained.
 */
final class StreamCommand {
  private StreamCommand() {}

  static int run(String[] beamArgs) throws Exception {
    StreamOptions options =
        PipelineOptionsCommand.parse(
            StreamingDetectionPipeline.inStreamingMode(PipelineRun.withDirectRunnerDefaults(beamArgs)),
            StreamOptions.class);
    StreamConfig config = StreamConfig.from(options);
    System.err.printf(
        "augur stream: %s, %s windows, forecasts from %s, metrics to %s, incidents to %s,"
            + " dead letters to %s%n",
        config.source().describe(),
        PipelineRun.describe(config.window()),
        config.forecasts(),
        config.metricsSink(),
        config.incidentSink(),
        config.writeDeadLetters().describe());
    PipelineResult result = StreamingDetectionPipeline.run(options, config);
    if (PipelineRun.onlyWroteJobSpecification(options, "augur stream", System.err)) {
      return 0;
    }
    if (Launch.runsAsService(options)) {
      // Dataflow runs the job until it is drained or cancelled; the runner printed where.
      System.err.println("augur stream: the job is submitted and runs on the service");
      return 0;
    }
    PipelineResult.State state = PipelineRun.awaitWithProgress(result, System.err);
    if (state != PipelineResult.State.DONE) {
      System.err.println("augur stream: pipeline ended " + state);
      return 1;
    }
    return 0;
  }
}
