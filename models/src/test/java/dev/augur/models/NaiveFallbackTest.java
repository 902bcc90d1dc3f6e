package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A booster that forecasts its holdout clearly worse than the seasonal naive forecast is replaced
 * by it. Three series each repeat a jagged daily profile of their own (each 15-minute slot its own
 * level, 0 to 100) with small noise, over 8 days: yesterday's value is nearly right, while four
 * days of training rows leave the trees a coarse copy of it. The holdout's two days of three
 * series give six series-days for the test of the difference.
 */
public class NaiveFallbackTest {
  private static final ForecastConfig CONFIG = ForecastConfig.builder().rounds(60).build();
  private static final int DAY = 96;

  private static List<SeriesHistory> histories;
  private static SeriesHistory history;
  private static TrainedModel model;

  @BeforeClass
  public static void train() {
    Random r = new Random(5);
    histories = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      double[] profile = new double[DAY];
      for (int i = 0; i < DAY; i++) {
        profile[i] = 100 * r.nextDouble();
      }
      double[] x = new double[8 * DAY];
      for (int t = 0; t < x.length; t++) {
        x[t] = Math.max(0, profile[t % DAY] + r.nextGaussian());
      }
      histories.add(new SeriesHistory("service=jagged" + s, SimulatedMetrics.START,
          SimulatedMetrics.WINDOW, Map.of(Statistic.COUNT, x)));
    }
    history = histories.get(0);
    model = ForecastTrainer.train(Statistic.COUNT, histories, CONFIG);
  }

  @AfterClass
  public static void close() {
    model.close();
  }

  @Test
  public void aBoosterThatLosesToTheSeasonalNaiveIsReplacedByIt() {
    HoldoutEvaluation booster = model.boosterEvaluation().orElseThrow();
    assertThat(booster.toString(), booster.mase(), greaterThan(1.0));
    assertEquals(HoldoutEvaluation.Baseline.DAILY, booster.baseline());
    assertTrue(model.seasonalNaive());
    assertEquals(DAY, model.naivePeriodWindows());

    // Measured against itself, the naive forecast's MASE is 1; its band is its own errors'.
    HoldoutEvaluation naive = model.evaluation().orElseThrow();
    assertEquals(1.0, naive.mase(), 1e-9);
    assertThat(naive.wape(), lessThan(booster.wape()));
    assertThat(naive.toString(), naive.coverage(), both(greaterThan(0.8)).and(lessThan(0.98)));

    double[] x = history.values(Statistic.COUNT);
    int n = x.length;
    List<ForecastPoint> f = model.forecast(history, DAY);
    double width = 0;
    for (int h = 0; h < DAY; h++) {
      ForecastPoint p = f.get(h);
      assertEquals("step " + (h + 1), x[n - DAY + h], p.expected(), 1e-9);
      assertTrue(p.toString(), p.lower() < p.expected() && p.expected() < p.upper());
      width += p.upper() - p.lower();
    }
    // Noise of sd 1 gives day-apart differences of sd 1.4: a 90 % band about 4.7 wide.
    assertThat(width / DAY, both(greaterThan(2.5)).and(lessThan(10.0)));
  }

  @Test
  public void withoutTheFallbackTheBoosterIsKept() {
    try (TrainedModel kept = ForecastTrainer.train(
        Statistic.COUNT, histories, CONFIG.toBuilder().naiveFallback(false).build())) {
      assertFalse(kept.seasonalNaive());
      assertTrue(kept.boosterEvaluation().isEmpty());
      assertEquals(model.boosterEvaluation().orElseThrow().toString(),
          kept.evaluation().orElseThrow().toString());
      // It forecasts with its booster: not yesterday's values.
      double[] x = history.values(Statistic.COUNT);
      List<ForecastPoint> f = kept.forecast(history, DAY);
      double apart = 0;
      for (int h = 0; h < DAY; h++) {
        apart += Math.abs(f.get(h).expected() - x[x.length - DAY + h]);
      }
      assertThat(apart / DAY, greaterThan(0.1));
    }
  }

  /**
   * One series' model loses on both of its holdout's two days, by more than the three series'
   * model does; but two days cannot tell that from chance, so it is kept.
   */
  @Test
  public void aLossOverTooFewDaysToTellKeepsTheBooster() {
    try (TrainedModel one = ForecastTrainer.train(Statistic.COUNT, List.of(history),
        CONFIG.toBuilder().scope(ModelScope.PER_SERIES).build())) {
      assertThat(one.evaluation().orElseThrow().mase(),
          greaterThan(model.boosterEvaluation().orElseThrow().mase()));
      assertFalse(one.seasonalNaive());
    }
  }

  @Test
  public void theReplacementSurvivesSaveAndLoad() throws Exception {
    String json = model.metadataJson();
    JsonNode meta = new ObjectMapper().readTree(json);
    assertEquals("seasonal_naive", meta.path("forecaster").path("method").asText());
    assertEquals(DAY, meta.path("forecaster").path("period_windows").asInt());
    assertEquals("DAILY", meta.path("forecaster").path("baseline").asText());
    assertEquals(model.boosterEvaluation().orElseThrow().mase(),
        meta.path("booster_evaluation").path("mase").asDouble(), 0);
    try (TrainedModel loaded = TrainedModel.load(model.toUbj(), json)) {
      assertTrue(loaded.seasonalNaive());
      assertEquals(json, loaded.metadataJson());
      List<ForecastPoint> a = model.forecast(history, DAY);
      List<ForecastPoint> b = loaded.forecast(history, DAY);
      for (int h = 0; h < DAY; h++) {
        assertEquals(a.get(h).expected(), b.get(h).expected(), 0);
        assertEquals(a.get(h).lower(), b.get(h).lower(), 0);
        assertEquals(a.get(h).upper(), b.get(h).upper(), 0);
      }
    }
  }

  @Test
  public void aMissingValueIsTakenFromAPeriodFurtherBack() {
    double[] x = history.values(Statistic.COUNT).clone();
    int n = x.length;
    x[n - DAY + 3] = Double.NaN;
    SeriesHistory gap = new SeriesHistory(history.seriesKey(), history.startMillis(),
        history.windowMillis(), Map.of(Statistic.COUNT, x));
    List<ForecastPoint> f = model.forecast(gap, DAY);
    assertEquals(x[n - 2 * DAY + 3], f.get(3).expected(), 1e-9);
    assertEquals(x[n - DAY + 4], f.get(4).expected(), 1e-9);
  }
}
