package dev.augur.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.evaluation.ForecastEvaluation.Excluded;
import dev.augur.evaluation.ForecastEvaluation.Predicted;
import dev.augur.evaluation.ForecastEvaluation.Result;
import dev.augur.models.SeriesCoverage;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ForecastEvaluationTest {
  private static final long WEEK = 7L * 24 * 3600 * 1000;

  @Test
  public void scoresAgainstActualsAndTheWeeklyNaive() {
    // Two windows of a week-long window grid: week 0 is the naive forecast, week 1 the truth.
    EnumMap<Statistic, double[]> v = new EnumMap<>(Statistic.class);
    v.put(Statistic.COUNT, new double[] {8, 10, 10, 20, 30, 40});
    SeriesHistory h = new SeriesHistory("s", 0, WEEK, v);
    List<Predicted> forecasts =
        List.of(
            new Predicted("s", Statistic.COUNT, WEEK, 2 * WEEK, 11, 9, 12), // actual 10, naive 8
            new Predicted("s", Statistic.COUNT, 2 * WEEK, 3 * WEEK, 12, 11, 13), // actual 10, naive 10
            new Predicted("s", Statistic.COUNT, 3 * WEEK, 4 * WEEK, 99, 0, 100)); // excluded
    Map<Statistic, Result> r =
        ForecastEvaluation.evaluate(forecasts, Map.of("s", h), List.of(new Excluded("s", 3 * WEEK + 5, 3 * WEEK + 6)));
    Result count = r.get(Statistic.COUNT);
    assertEquals(2, count.windows());
    assertEquals(1, count.excludedWindows());
    assertEquals(3.0 / 20, count.wape(), 1e-12); // |10-11| + |10-12| over 20
    assertEquals(3.0 / 2, count.mase(), 1e-12); // model errors 1+2 over naive errors 2+0
    assertEquals(0.5, count.coverage(), 1e-12); // 10 in [9,12]; 10 not in [11,13]
  }

  @Test
  public void windowsWithoutAWeekBeforeCountForWapeAndCoverageButNotForMase() {
    EnumMap<Statistic, double[]> v = new EnumMap<>(Statistic.class);
    v.put(Statistic.COUNT, new double[] {8, 10});
    SeriesHistory h = new SeriesHistory("s", 0, WEEK, v);
    List<Predicted> forecasts =
        List.of(
            new Predicted("s", Statistic.COUNT, 0, WEEK, 9, 0, 1), // actual 8, no week before
            new Predicted("s", Statistic.COUNT, WEEK, 2 * WEEK, 11, 9, 12)); // actual 10, naive 8
    Result count = ForecastEvaluation.evaluate(forecasts, Map.of("s", h), List.of()).get(Statistic.COUNT);
    assertEquals(2, count.windows());
    assertEquals(2.0 / 18, count.wape(), 1e-12);
    assertEquals(1.0 / 2, count.mase(), 1e-12); // the second window only
    assertEquals(0.5, count.coverage(), 1e-12);

    Result first =
        ForecastEvaluation.evaluate(forecasts.subList(0, 1), Map.of("s", h), List.of()).get(Statistic.COUNT);
    assertEquals(Double.NaN, first.mase(), 0);
    assertEquals("count   windows=1 (excluded 0) WAPE=12.5% MASE=– coverage=0.0%", first.toString());
  }

  /**
   * Hourly counts of 10 for {@code windows} windows, forecast in a band that holds 10 in the first
   * {@code covered} of them and misses it after.
   */
  private static void series(
      String key, int windows, int covered, Map<String, SeriesHistory> histories,
      List<Predicted> forecasts) {
    long hour = 3_600_000L;
    double[] x = new double[windows];
    java.util.Arrays.fill(x, 10);
    histories.put(key, new SeriesHistory(key, 0, hour, Map.of(Statistic.COUNT, x)));
    for (int i = 0; i < windows; i++) {
      forecasts.add(
          i < covered
              ? new Predicted(key, Statistic.COUNT, i * hour, (i + 1) * hour, 10, 9, 11)
              : new Predicted(key, Statistic.COUNT, i * hour, (i + 1) * hour, 14, 12, 16));
    }
  }

  @Test
  public void namesTheSeriesItsBandsCoveredLeastAmongThoseWithEnoughWindows() {
    Map<String, SeriesHistory> histories = new HashMap<>();
    List<Predicted> forecasts = new ArrayList<>();
    series("s=a", 40, 20, histories, forecasts); // 50 %
    series("s=b", 30, 30, histories, forecasts); // 100 %
    series("s=c", 19, 0, histories, forecasts); // 0 %, but too few windows to name
    series("s=d", 25, 20, histories, forecasts); // 80 %
    series("s=e", 20, 19, histories, forecasts); // 95 %
    Result count = ForecastEvaluation.evaluate(forecasts, histories, List.of()).get(Statistic.COUNT);
    assertEquals((20 + 30 + 0 + 20 + 19) / 134.0, count.coverage(), 1e-12);
    assertEquals(
        List.of(
            new SeriesCoverage("s=a", 40, 0.5),
            new SeriesCoverage("s=d", 25, 0.8),
            new SeriesCoverage("s=e", 20, 0.95)),
        count.leastCovered());
    assertEquals("s=a 50.0% of 40", count.leastCovered().get(0).toString());

    // Windows in an excluded span do not count towards a series' share.
    Result without =
        ForecastEvaluation.evaluate(
                forecasts, histories, List.of(new Excluded("s=a", 20 * 3_600_000L, 40 * 3_600_000L)))
            .get(Statistic.COUNT);
    assertEquals(new SeriesCoverage("s=d", 25, 0.8), without.leastCovered().get(0));
    assertEquals(new SeriesCoverage("s=a", 20, 1.0), without.leastCovered().get(2));

    // One series with enough windows: the pooled figure is its own, and none is named.
    Map<String, SeriesHistory> one = new HashMap<>();
    List<Predicted> itsForecasts = new ArrayList<>();
    series("s=a", 40, 20, one, itsForecasts);
    series("s=c", 19, 0, one, itsForecasts);
    assertTrue(
        ForecastEvaluation.evaluate(itsForecasts, one, List.of())
            .get(Statistic.COUNT)
            .leastCovered()
            .isEmpty());
  }
}
