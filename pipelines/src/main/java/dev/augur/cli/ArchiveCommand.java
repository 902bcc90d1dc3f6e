package dev.augur.cli;

import dev.augur.pipelines.ArchivePipeline;
import dev.augur.pipelines.Launch;
import dev.augur.pipelines.config.ArchiveConfig;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.options.ArchiveOptions;
import org.apache.beam.sdk.Pipeline;

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
            Launch.inStreamingMode(
                PipelineRun.withLiveSourceDefaults(PipelineRun.withDirectRunnerDefaults(beamArgs))),
            ArchiveOptions.class);
    ArchiveConfig config = ArchiveConfig.from(options);
    Pipeline pipeline = ArchivePipeline.checked(options, config);
    System.err.printf(
        "augur archive: %s to %s (read it back with --input='%s'), flushed every"
            + " %s, %s; dead letters to %s%n",
        config.source().describe(),
        config.events(),
        config.readBackPattern(),
        DurationText.format(config.flushInterval()),
        config.fields().isEmpty()
            ? "events as they came"
            : "adding " + config.fields() + " where missing",
        config.deadLetters());
    int status =
        PipelineRun.awaitLive(options, ArchivePipeline.run(pipeline, config), "augur archive");
    if (status == 0 && PipelineRun.runsHere(options)) {
      // A replay that ended here: its files are final.
      OutputDirs.removeEmptyTempDirs(config.events(), config.deadLetters());
    }
    return status;
  }
}
