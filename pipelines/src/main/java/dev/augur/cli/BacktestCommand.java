package dev.augur.cli;

import dev.augur.pipelines.BacktestPipeline;
import dev.augur.pipelines.BacktestResults;
import dev.augur.pipelines.config.BacktestConfig;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.options.BacktestOptions;
import java.io.PrintStream;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code augur backtest}: runs the walk-forward backtest, which scores what it wrote (forecast
 * accuracy; with {@code --anomalyLabels}, event-level precision, recall, F1 and time to detect) into
 * {@code evaluation.json} and draws the HTML report, then prints a summary of that evaluation.
 */
final class BacktestCommand {
  private BacktestCommand() {}

  static int run(String[] beamArgs) throws Exception {
    BacktestOptions options =
        PipelineOptionsCommand.parse(PipelineRun.withDirectRunnerDefaults(beamArgs), BacktestOptions.class);
    BacktestConfig config = BacktestConfig.from(options);
    System.err.printf(
        "augur backtest: %s windows, training on the first %d windows, retraining every %d "
            + "windows (%s models), comparing %s%n",
        DurationText.format(config.window()),
        config.trainWindows(),
        config.retrainWindows(),
        config.modelScope(),
        config.statistics());
    PipelineResult result = BacktestPipeline.run(options, config);
    if (PipelineRun.onlyWroteJobSpecification(options, "augur backtest", System.err)) {
      return 0;
    }
    PipelineResult.State state = PipelineRun.awaitWithProgress(result, System.err);
    if (state != PipelineResult.State.DONE) {
      System.err.println("augur backtest: pipeline ended " + state);
      return 1;
    }
    // The job scored its own output; this reads the figures it wrote.
    BacktestResults results = BacktestResults.readJson(config.evaluation());
    print(results, config, System.out);
    if (results.windowsWithForecast() == 0) {
      System.err.println(
          "augur backtest: no window was compared with a forecast: the history is not longer than"
              + " --trainSpan (" + config.trainWindows() + " windows), or too short to train a model"
              + " on (see the warnings above); give a shorter --trainSpan or a longer --input");
      return 1;
    }
    return 0;
  }

  static void print(BacktestResults results, BacktestConfig config, PrintStream out) {
    out.println("backtest:");
    results.summary().forEach(line -> out.println("  " + line));
    out.println("  comparisons:  " + config.comparisons() + "/");
    out.println("  incidents:    " + config.incidents() + "/");
    out.println("  evaluation:   " + config.evaluation());
    out.println("  dead letters: " + config.deadLetters() + "/");
    if (config.report() != null) {
      out.println("  report:       " + config.report());
    }
  }
}
