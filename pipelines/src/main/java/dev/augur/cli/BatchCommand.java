package dev.augur.cli;

import dev.augur.pipelines.BatchForecastPipeline;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.transforms.parse.ParseEvents;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Instant;

/** {@code augur batch}: runs the batch forecasting pipeline, shows progress, then a summary. */
final class BatchCommand {
  private BatchCommand() {}

  static int run(String[] beamArgs) throws Exception {
    BatchOptions options =
        PipelineOptionsCommand.parse(PipelineRun.withDirectRunnerDefaults(beamArgs), BatchOptions.class);
    BatchConfig config = BatchConfig.from(options, Instant.now());
    System.err.printf(
        "augur batch: version %s, %s windows, forecasting %d windows ahead%n",
        config.modelVersion(), DurationText.format(config.window()), config.horizonWindows());
    long started = System.currentTimeMillis();
    PipelineResult result = BatchForecastPipeline.run(options, config);
    if (PipelineRun.onlyWroteJobSpecification(options, "augur batch", System.err)) {
      return 0;
    }
    PipelineResult.State state = PipelineRun.awaitWithProgress(result, System.err);
    if (state != PipelineResult.State.DONE) {
      System.err.println("augur batch: pipeline ended " + state);
      return 1;
    }
    Map<String, Long> counters = PipelineRun.counters(result);
    RunSummary.noValues("augur batch", counters, config.format().valueField(), config.targets())
        .ifPresent(System.err::println);
    if (!RunSummary.print(config, System.out)) {
      boolean eventsRead = counters.getOrDefault(ParseEvents.PARSED_COUNTER, 0L) > 0;
      if (!eventsRead) {
        System.err.printf(
            "augur batch: no event was read from --input=%s: its files hold no lines, or every"
                + " line was refused (%,d dead letters, under %s)%n",
            config.input(),
            counters.getOrDefault(ParseEvents.DEAD_LETTER_COUNTER, 0L),
            config.deadLetters());
        DeadLetterReasons.mostCommon(config.deadLetters(), started - StreamCommand.CLOCK_SLACK_MILLIS)
            .ifPresent(r -> System.err.println("augur batch: the most common reason: " + r));
      }
      System.err.println(RunSummary.noForecasts("augur batch", config, eventsRead));
      return 1;
    }
    return 0;
  }
}
