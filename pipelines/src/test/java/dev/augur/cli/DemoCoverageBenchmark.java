package dev.augur.cli;

import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.evaluation.ReferenceWindowStats;
import dev.augur.evaluation.SyntheticTruth;
import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastPoint;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.models.TrainedModel;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the interval coverage of {@code augur demo}'s forecasts over several generator seeds,
 * in-process and without Beam; not a unit test. One held-back day of 12 series gives about 1,130
 * windows per statistic, so one seed's coverage moves by about a point from seed to seed; the
 * mean over seeds is the figure to compare with the 88–92 % target. Run after {@code mvn
 * test-compile} with the bundle on the class path:
 *
 * <pre>{@code
 * java -cp pipelines/target/classes:pipelines/target/test-classes:runners/target/augur-bundled.jar \
 *     dev.augur.cli.DemoCoverageBenchmark [days=15] [seeds=42,1,2,3,4] [series=12] \
 *     [windowMinutes=15] [eventsPerMinute=1] [bandBaseline=auto] [anomaliesPerSeriesPerDay=0.5] \
 *     [refitAfterCalibration=true]
 * }</pre>
 *
 * <p>The other arguments measure other shapes of data and settings with the same method: {@code 21 11,12,13,14,15 12
 * 30 0.5} is {@code BatchCommandIT}'s (sparse series, 30-minute windows).
 *
 * <p>Per seed it generates the demo's data ({@code days} days of history and one held-back day,
 * one event per minute per series, anomalies in the last week, as {@link DemoCommand} does),
 * computes the 15-minute window statistics of the history with {@link
 * ReferenceWindowStats} (the reference the Beam SQL aggregation is tested against), trains one
 * global model per statistic with the demo's settings (horizon one day, nominal 90 %), forecasts
 * the held-back day and scores it outside the injected anomalies, as the demo does. It prints one
 * Markdown row per seed and statistic (held-back day coverage, the trainer's own holdout coverage,
 * MASE and training time), then the mean coverage per statistic over the seeds.
 */
public final class DemoCoverageBenchmark {
  private static final Statistic[] TARGETS = {
    Statistic.COUNT, Statistic.SUM, Statistic.MEAN, Statistic.STDDEV
  };

  private DemoCoverageBenchmark() {}

  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    long[] seeds =
        Arrays.stream((args.length > 1 ? args[1] : "42,1,2,3,4").split(","))
            .mapToLong(Long::parseLong)
            .toArray();
    int series = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    long windowMillis = Duration.ofMinutes(args.length > 3 ? Long.parseLong(args[3]) : 15).toMillis();
    double eventsPerMinute = args.length > 4 ? Double.parseDouble(args[4]) : 1;
    String bandBaseline = args.length > 5 ? args[5] : "auto";
    // Anomalies in the last days of the history (and in the held-back day), as in the demo; 0
    // leaves them out.
    double anomaliesPerDay = args.length > 6 ? Double.parseDouble(args[6]) : 0.5;
    boolean refit = args.length <= 7 || Boolean.parseBoolean(args[7]);
    int horizon = (int) (Duration.ofDays(1).toMillis() / windowMillis);
    double[] total = new double[TARGETS.length];
    double seconds = 0;
    System.out.printf(
        Locale.ROOT,
        "| days | seed | statistic | held-back day coverage | holdout coverage (ordinary windows)"
            + " | MASE | training s |%n|---|---|---|---|---|---|---|%n");
    for (long seed : seeds) {
      GeneratorConfig config = demoData(seed, series, days, eventsPerMinute, anomaliesPerDay);
      SyntheticGenerator generator = new SyntheticGenerator(config);
      Instant liveStart = config.start().plus(Duration.ofDays(days));
      List<SeriesHistory> histories = histories(generator, liveStart, windowMillis);
      ForecastConfig forecast =
          ForecastConfig.builder()
              .horizonWindows(horizon)
              .bandBaseline(bandBaseline)
              .refitAfterCalibration(refit)
              .build();
      for (int i = 0; i < TARGETS.length; i++) {
        Statistic target = TARGETS[i];
        long started = System.nanoTime();
        List<ForecastEvaluation.Predicted> predicted = new ArrayList<>();
        String holdout;
        try (TrainedModel model = ForecastTrainer.train(target, histories, forecast)) {
          List<List<ForecastPoint>> points = model.forecastAll(histories, horizon);
          for (int s = 0; s < histories.size(); s++) {
            for (ForecastPoint p : points.get(s)) {
              predicted.add(
                  new ForecastEvaluation.Predicted(
                      histories.get(s).seriesKey(), target, p.windowStartMillis(),
                      p.windowEndMillis(), p.expected(), p.lower(), p.upper()));
            }
          }
          holdout =
              model
                  .evaluation()
                  .map(e -> String.format(Locale.ROOT, "%.1f %% (%.1f %%)", 100 * e.coverage(),
                      100 * e.ordinaryCoverage()))
                  .orElse("-");
        }
        double trained = (System.nanoTime() - started) / 1e9;
        seconds += trained;
        Map<Statistic, ForecastEvaluation.Result> scores =
            SyntheticTruth.score(
                generator,
                liveStart.toEpochMilli(),
                liveStart.plus(Duration.ofDays(1)).toEpochMilli(),
                windowMillis,
                predicted);
        ForecastEvaluation.Result r = scores.get(target);
        total[i] += r.coverage() / seeds.length;
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %s | %.1f %% | %s | %.3f | %.1f |%n",
            days, seed, target.id(), 100 * r.coverage(), holdout, r.mase(), trained);
      }
    }
    System.out.printf(Locale.ROOT, "%nmean held-back day coverage over %d seeds (%d days):", seeds.length, days);
    for (int i = 0; i < TARGETS.length; i++) {
      System.out.printf(Locale.ROOT, " %s %.1f %%", TARGETS[i].id(), 100 * total[i]);
    }
    System.out.printf(Locale.ROOT, "; training %.1f s per seed%n", seconds / seeds.length);
  }

  /** The generator settings of {@link DemoCommand}, its default event rate one a minute. */
  private static GeneratorConfig demoData(
      long seed, int series, int days, double eventsPerMinute, double anomaliesPerDay) {
    return GeneratorConfig.builder()
        .seed(seed)
        .seriesCount(series)
        .duration(Duration.ofDays(days + 1L))
        .cleanPeriod(Duration.ofDays(Math.max(0, days - 6)))
        .eventsPerMinute(eventsPerMinute)
        .anomaliesPerSeriesPerDay(anomaliesPerDay)
        .build();
  }

  /** The window statistics of the history (everything before the held-back day), by series key. */
  private static List<SeriesHistory> histories(
      SyntheticGenerator generator, Instant liveStart, long windowMillis) {
    ReferenceWindowStats stats =
        new ReferenceWindowStats(
            generator.config().start().toEpochMilli(), liveStart.toEpochMilli(), windowMillis);
    for (Iterator<SyntheticEvent> it = generator.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      stats.add(e.seriesKey(), e.timestampMillis(), e.hasValue() ? e.value() : Double.NaN);
    }
    List<SeriesHistory> out = new ArrayList<>(stats.histories().values());
    out.sort(Comparator.comparing(SeriesHistory::seriesKey));
    return out;
  }
}
