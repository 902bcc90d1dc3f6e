package dev.augur.pipelines.config;

import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.ModelScope;
import dev.augur.models.Statistic;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.backtest.WalkForward;
import dev.augur.transforms.parse.EventFormat;
import java.io.Serializable;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The backtest's options turned, once and validated, into plain values; every problem names its
 * option. Option by option it means what it means to the batch pipeline (input, window, model)
 * and to the stream (statistics, alarm).
 *
 * <p>Models are trained as the batch pipeline trains them, except that the trainer's holdout
 * evaluation is left out: the walk-forward itself measures every model on windows it never saw.
 * It saves no XGBoost fit and changes no forecast: without a holdout the trainer fits the same
 * windows and forecasts the same span for its calibration ({@code TrainedModelTest}); only a global
 * model may take in series the batch's would leave out as too short for a holdout.
 */
public record BacktestConfig(
    String input,
    EventFormat format,
    Duration window,
    List<Statistic> statistics,
    int horizonWindows,
    ModelScope modelScope,
    String bandBaseline,
    double intervalCoverage,
    boolean widenPerSeries,
    int trainWindows,
    int retrainWindows,
    AlarmConfig alarm,
    String output,
    @Nullable String labels,
    String deadLetters,
    @Nullable String report,
    Instant latestEvent)
    implements Serializable {

  public static BacktestConfig from(BacktestOptions o) {
    EventFormat format =
        BatchConfig.eventFormat(o.getTimestampField(), o.getValueField(), o.getSeriesFields());
    Duration window = BatchConfig.window(o.getWindow());
    List<Statistic> targets = BatchConfig.statistics("targets", o.getTargets());
    List<Statistic> statistics = BatchConfig.statistics("statistics", o.getStatistics());
    for (Statistic s : statistics) {
      if (!targets.contains(s)) {
        throw new InvalidOptionException(
            "statistics",
            "names " + s.id() + ", which --targets does not forecast; add it to --targets");
      }
    }
    int horizon = BatchConfig.windows("horizon", o.getHorizon(), window);
    ModelScope scope = BatchConfig.modelScope(o.getModelScope());
    String band = BatchConfig.bandBaseline(o.getBandBaseline(), window);
    double coverage = BatchConfig.intervalCoverage(o.getIntervalCoverage());
    boolean widen = Boolean.TRUE.equals(o.getWidenPerSeries());
    int train = BatchConfig.windows("trainSpan", o.getTrainSpan(), window);
    int retrain = BatchConfig.windows("retrainEvery", o.getRetrainEvery(), window);
    if (retrain > horizon) {
      throw new InvalidOptionException(
          "retrainEvery",
          "(" + retrain + " windows) must not exceed --horizon (" + horizon + " windows): the "
              + "forecast of one retraining has to last until the next");
    }
    int least =
        ForecastTrainer.minimumHistoryWindows(
            forecastConfig(scope, band, coverage, widen, horizon), window.getMillis(), false);
    if (train < least) {
      throw new InvalidOptionException(
          "trainSpan",
          "(" + train + " windows) is shorter than the " + least + " windows the first models"
              + " need (a training span, then a calibration span of at least twice --horizon);"
              + " give --trainSpan=" + DurationText.format(window.multipliedBy(least))
              + " or more");
    }
    AlarmConfig alarm = StreamConfig.alarm(o);
    String output = BatchConfig.nonEmpty("output", o.getOutput()).trim();
    if (output.endsWith("/") && output.length() > 1) {
      output = output.substring(0, output.length() - 1);
    }
    String labels =
        o.getAnomalyLabels() == null || o.getAnomalyLabels().isBlank()
            ? null
            : o.getAnomalyLabels().trim();
    return new BacktestConfig(
        BatchConfig.nonEmpty("input", o.getInput()), format, window, statistics, horizon, scope,
        band, coverage, widen, train, retrain, alarm, output, labels, output + "/dead-letters",
        report(o.getReport(), output), Instant.now().plus(BatchConfig.FUTURE_LEEWAY));
  }

  /**
   * Where the HTML report goes (a local file or an {@code s3://} object), or null for none; by
   * default {@code report.html} under the output.
   */
  static @Nullable String report(@Nullable String option, String output) {
    String value = option == null ? "" : option.trim();
    if (value.equalsIgnoreCase("none")) {
      return null;
    }
    return value.isEmpty() ? output + "/report.html" : value;
  }

  /** What the walk-forward trains and how it alarms. */
  public WalkForward.Settings settings() {
    return new WalkForward.Settings(
        forecastConfig(modelScope, bandBaseline, intervalCoverage, widenPerSeries, horizonWindows),
        trainWindows,
        retrainWindows,
        alarm);
  }

  /** The trainer's configuration: the batch's, without a holdout (the walk measures itself). */
  private static ForecastConfig forecastConfig(
      ModelScope scope, String bandBaseline, double coverage, boolean widen, int horizon) {
    return BatchConfig.forecastConfig(scope, bandBaseline, coverage, widen, horizon)
        .toBuilder()
        .holdoutWindows(0)
        .build();
  }

  public String comparisons() {
    return output + "/comparisons";
  }

  public String incidents() {
    return output + "/incidents";
  }

  public String evaluation() {
    return output + "/evaluation.json";
  }
}
