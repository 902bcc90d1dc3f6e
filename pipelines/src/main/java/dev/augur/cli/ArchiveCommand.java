package dev.augur.cli;

import dev.augur.pipelines.ArchivePipeline;
import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.ArchiveConfig;
import dev.augur.pipelines.options.ArchiveOptions;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code augur archive}: runs the archive pipeline and shows its counters while it runs. With a
 * Kinesis or Kafka source it runs until stopped; a file replay ends with its files. On Dataflow it
 * returns once the job is submitted.
 */
final class ArchiveCommand {
  private ArchiveCommand() {}

  static int run(String[] beamArgs) throws Exception {
    ArchiveOptions options =
        PipelineOptionsCommand.parse(
            StreamingDetectionPipeline.inStreamingMode(PipelineRun.withDirectRunnerDefaults(beamArgs)),
            ArchiveOptions.class);
    ArchiveConfig config = ArchiveConfig.from(options);
    System.err.printf(
        "augur archive: %s to %s, flushed every %s, %s; dead letters to %s%n",
        config.source().describe(),
        config.events(),
        PipelineRun.describe(config.flushInterval()),
        config.fields().isEmpty() ? "events as they are" : "adding " + config.fields() + " where missing",
        config.deadLetters());
    PipelineResult result = ArchivePipeline.run(options, config);
    if (PipelineRun.onlyWroteJobSpecification(options, "augur archive", System.err)) {
      return 0;
    }
    if (Launch.runsAsService(options)) {
      System.err.println("augur archive: the job is submitted and runs on the service");
      return 0;
    }
    PipelineResult.State state = PipelineRun.awaitWithProgress(result, System.err);
    if (state != PipelineResult.State.DONE) {
      System.err.println("augur archive: pipeline ended " + state);
      return 1;
    }
    System.err.println(
        "augur archive: done; read it back with --input='" + config.events() + "/*/*/*.jsonl.gz'");
    return 0;
  }
}
