package dev.augur.cli;

import dev.augur.pipelines.BacktestPipeline;
import dev.augur.pipelines.BacktestResults;
import dev.augur.pipelines.config.BacktestConfig;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.report.HtmlReport;
import dev.augur.report.ReportData;
import dev.augur.report.ReportOptions;
import dev.augur.synthetic.AnomalyLabel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code augur backtest}: runs the walk-forward backtest, then reads back what it wrote, scores it
 * (forecast accuracy; with {@code --anomalyLabels}, event-level precision, recall, F1 and time to detect),
 * writes {@code evaluation.json} and prints a summary. The comparisons and incidents it writes are
 * the inputs of the HTML report ({@code dev.augur.report}).
 */
final class BacktestCommand {
  private BacktestCommand() {}

  static int run(String[] beamArgs) throws Exception {
    BacktestOptions options =
        PipelineOptionsCommand.parse(PipelineRun.withDirectRunnerDefaults(beamArgs), BacktestOptions.class);
    BacktestConfig config = BacktestConfig.from(options);
    List<AnomalyLabel> labels = labels(config);
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
    BacktestResults results =
        BacktestResults.read(
            config.comparisons(), config.incidents(), labels, config.window().getMillis());
    results.write(config.evaluation());
    if (config.report() != null) {
      // Scored like the evaluation: labels from the first compared window on, same grace.
      ReportData report =
          ReportData.load(
              config.comparisons(),
              config.incidents(),
              config.labels(),
              ReportOptions.defaults()
                  .withTitle("Augur backtest")
                  .withEvaluationSpan(results.firstComparedWindow(), null));
      HtmlReport.write(report, config.report());
    }
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

  /** The labels, read before any work starts so that a bad file fails fast; null without. */
  static List<AnomalyLabel> labels(BacktestConfig config) {
    if (config.labels() == null) {
      return null;
    }
    try {
      return AnomalyLabel.readAll(Path.of(config.labels()));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidOptionException("labels", "could not be read: " + e.getMessage());
    }
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
