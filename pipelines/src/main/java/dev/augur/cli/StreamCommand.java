package dev.augur.cli;

import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;

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
            Launch.inStreamingMode(PipelineRun.withDirectRunnerDefaults(beamArgs)),
            StreamOptions.class);
    StreamConfig config = StreamConfig.from(options);
    System.err.printf(
        "augur stream: %s, %s windows, forecasts from %s, metrics to %s, incidents to %s,"
            + " dead letters to %s%n",
        config.source().describe(),
        DurationText.format(config.window()),
        config.forecasts(),
        config.metricsSink(),
        config.incidentSink(),
        config.writeDeadLetters().describe());
    return PipelineRun.awaitLive(
        options, StreamingDetectionPipeline.run(options, config), "augur stream");
  }
}
