package dev.augur.cli;

import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.transforms.sink.IncidentSink;
import java.io.PrintStream;

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
    checkWebhookSecret(options, config, System.err);
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

  /**
   * The webhook's secret is read by the workers when the first incident is delivered, which on a
   * live source may be days after the start. On the DirectRunner this process is the worker, so an
   * {@code env:} or {@code file:} secret it cannot read fails now, naming the option; on other
   * runners the workers may have what the launcher has not, so it is only warned about.
   */
  static void checkWebhookSecret(StreamOptions options, StreamConfig config, PrintStream err) {
    if (config.incidentSink() != IncidentSink.WEBHOOK) {
      return;
    }
    String problem = config.incidents().webhookSecretProblemHere();
    if (problem == null) {
      return;
    }
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      throw new InvalidOptionException(
          "webhookSecret", "cannot be read by this process, which delivers the incidents: " + problem);
    }
    err.println(
        "augur stream: warning: " + problem + " here, on the launcher; the workers must have it"
            + " when the first incident is delivered");
  }
}
