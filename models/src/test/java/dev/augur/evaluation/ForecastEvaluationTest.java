package dev.augur.evaluation;

import static org.junit.Assert.assertEquals;

import dev.augur.evaluation.ForecastEvaluation.Excluded;
import dev.augur.evaluation.ForecastEvaluation.Predicted;
import dev.augur.evaluation.ForecastEvaluation.Result;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import java.util.EnumMap;
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
}
