package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The band's shape over the day on a smooth series whose level swings far more over the day than
 * its noise: four series of Poisson counts in 30-minute windows, about 30 a window at night and
 * 150 at noon, trained on two weeks and forecast a day ahead over the third from origins every
 * two hours. With the band's quantiles boosted from one intercept each, as XGBoost starts them, the
 * misses fell all below at night and all above in the afternoon (8.2 % below and none above from
 * midnight to 4 am, none below and 13.9 % above from noon to 4 pm, against 5 % a side).
 */
public class BandBaselineTest {
  private static final long WINDOW = 30 * 60_000L;
  private static final long START = 1_790_812_800_000L; // Thursday 2026-10-01 00:00 UTC
  private static final int DAY = 48;
  private static final int TRAIN_DAYS = 14;

  private static List<SeriesHistory> series;
  private static TrainedModel model;

  @BeforeClass
  public static void train() {
    series = dailyCounts(21, 7L);
    List<SeriesHistory> history = new ArrayList<>();
    for (SeriesHistory h : series) {
      history.add(h.head(TRAIN_DAYS * DAY));
    }
    model = ForecastTrainer.train(Statistic.COUNT, history, ForecastConfig.defaults());
  }

  @AfterClass
  public static void close() {
    model.close();
  }

  @Test
  public void theBandFollowsTheLevelOverTheDay() {
    int blocks = 6;
    int[] below = new int[blocks];
    int[] above = new int[blocks];
    int[] windows = new int[blocks];
    double nightUpper = 0;
    int night = 0;
    for (SeriesHistory h : series) {
      double[] x = h.values(Statistic.COUNT);
      List<Integer> origins = new ArrayList<>();
      for (int o = TRAIN_DAYS * DAY; o + DAY <= x.length; o += 4) {
        origins.add(o);
      }
      int[] o = origins.stream().mapToInt(Integer::intValue).toArray();
      List<List<ForecastPoint>> runs = model.backtest(h, o, DAY);
      for (int i = 0; i < o.length; i++) {
        for (int s = 0; s < DAY; s++) {
          ForecastPoint p = runs.get(i).get(s);
          double y = x[o[i] + s];
          int block = (int) (Math.floorMod(p.windowStartMillis(), 86_400_000L) / 14_400_000L);
          windows[block]++;
          below[block] += y < p.lower() ? 1 : 0;
          above[block] += y > p.upper() ? 1 : 0;
          if (block == 0) {
            nightUpper += p.upper();
            night++;
          }
        }
      }
    }
    StringBuilder shape = new StringBuilder();
    for (int b = 0; b < blocks; b++) {
      shape.append(String.format(Locale.ROOT, " %02dh %.1f/%.1f %%", 4 * b,
          100.0 * below[b] / windows[b], 100.0 * above[b] / windows[b]));
    }
    System.out.printf(Locale.ROOT, "band misses below/above by 4-hour block:%s; mean upper bound"
        + " midnight to 4 am %.1f%n", shape, nightUpper / night);
    for (int b = 0; b < blocks; b++) {
      assertThat("misses below" + shape, (double) below[b] / windows[b], lessThan(0.12));
      assertThat("misses above" + shape, (double) above[b] / windows[b], lessThan(0.12));
    }
    // Midnight to 4 am: 15 to 39 events a window by series, their 95th percentiles 22 to 50,
    // 35 on average.
    assertThat("mean upper bound at night", nightUpper / night, lessThan(45.0));
    assertEquals("day_mean", model.bandBaseline().feature());
  }

  @Test
  public void theBaselineIsSavedWithTheModel() throws Exception {
    JsonNode meta = new ObjectMapper().readTree(model.metadataJson());
    assertEquals("day_mean", meta.get("band_baseline").get("feature").asText());
    assertEquals("auto", meta.get("config").get("band_baseline").asText());
    try (TrainedModel loaded = TrainedModel.load(model.toUbj(), model.metadataJson())) {
      assertEquals("day_mean", loaded.bandBaseline().feature());
      assertIdentical(model.forecast(series.get(0), DAY), loaded.forecast(series.get(0), DAY));
    }
  }

  /**
   * A model without a baseline, its metadata as versions before band baselines wrote it (format 1,
   * neither field), loads and forecasts as it was saved.
   */
  @Test
  public void aModelWithoutBaselineLoadsAsSaved() throws Exception {
    ForecastConfig none = ForecastConfig.builder().bandBaseline("none").rounds(40).build();
    List<SeriesHistory> history = List.of(series.get(0).head(TRAIN_DAYS * DAY));
    try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, history, none)) {
      assertNull(m.bandBaseline());
      ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(m.metadataJson());
      assertTrue(meta.get("band_baseline").isNull());
      meta.remove("band_baseline");
      ((ObjectNode) meta.get("config")).remove("band_baseline");
      meta.put("format_version", 1);
      try (TrainedModel loaded = TrainedModel.load(m.toUbj(), meta.toString())) {
        assertNull(loaded.bandBaseline());
        assertEquals("none", loaded.config().bandBaseline());
        assertIdentical(m.forecast(series.get(0), DAY), loaded.forecast(series.get(0), DAY));
      }
    }
  }

  /** The starts are part of the model: its booster alone holds only the sums of its trees. */
  @Test
  public void aModelWhoseStartsAreLostIsRefused() throws Exception {
    ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(model.metadataJson());
    meta.remove("band_baseline");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainedModel.load(model.toUbj(), meta.toString()));
    assertThat(e.getMessage(), containsString("lacks 'band_baseline'"));
    meta.put("format_version", 4);
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainedModel.load(model.toUbj(), meta.toString()));
    assertThat(e.getMessage(), containsString("format_version 4"));
  }

  /**
   * A spike at 3 am yesterday, four times the usual count, does not widen tonight's band above the
   * forecast at 3 am when the band starts from the median of the same window over the last days
   * ({@code day_median}), which one day cannot move. (The forecast itself rises a little, the
   * model reading yesterday's value among its features, and the band with it.) Started from their
   * mean ({@code day_mean}, the default), the upper bound also rises by a seventh of the spike
   * above the forecast.
   */
  @Test
  public void aSpikeTheDayBeforeDoesNotWidenABandStartedFromTheMedian() throws Exception {
    int origin = (TRAIN_DAYS + 1) * DAY;
    int slot = 6; // 3:00-3:30
    SeriesHistory clean = series.get(0).head(origin);
    double[] x = clean.values(Statistic.COUNT).clone();
    x[origin - DAY + slot] *= 4;
    SeriesHistory spiked = new SeriesHistory(clean.seriesKey(), clean.startMillis(),
        clean.windowMillis(), Map.of(Statistic.COUNT, x));
    List<SeriesHistory> history = new ArrayList<>();
    for (SeriesHistory h : series) {
      history.add(h.head(TRAIN_DAYS * DAY));
    }
    ForecastConfig dayMedian = ForecastConfig.builder().bandBaseline("day_median").build();
    try (TrainedModel byMedian = ForecastTrainer.train(Statistic.COUNT, history, dayMedian)) {
      assertEquals("day_median", byMedian.bandBaseline().feature());
      double median = widening(byMedian, clean, spiked, slot);
      double mean = widening(model, clean, spiked, slot);
      System.out.printf(Locale.ROOT, "upper bound's distance above the forecast at 3 am after a 4x"
          + " spike (%.0f) at 3 am the day before: %+.1f from the median over days, %+.1f from the"
          + " mean%n", x[origin - DAY + slot], median, mean);
      assertThat("widening from the mean", mean, greaterThan(5.0));
      assertThat("widening from the median", median, lessThan(2.0));
      // Saved and loaded, it forecasts as it did.
      try (TrainedModel loaded = TrainedModel.load(byMedian.toUbj(), byMedian.metadataJson())) {
        assertEquals("day_median", loaded.bandBaseline().feature());
        assertIdentical(byMedian.forecast(spiked, DAY), loaded.forecast(spiked, DAY));
      }
    }
    // Models started from the mean by default, as saved before format 3 (config "auto"), load and
    // forecast as saved.
    ObjectNode saved = (ObjectNode) new ObjectMapper().readTree(model.metadataJson());
    saved.put("format_version", 2);
    try (TrainedModel loaded = TrainedModel.load(model.toUbj(), saved.toString())) {
      assertEquals("day_mean", loaded.bandBaseline().feature());
      assertIdentical(model.forecast(spiked, DAY), loaded.forecast(spiked, DAY));
    }
  }

  /**
   * How much farther above the forecast the upper bound of window {@code slot} tomorrow lies after
   * {@code spiked}'s history than after {@code clean}'s.
   */
  private static double widening(TrainedModel m, SeriesHistory clean, SeriesHistory spiked,
      int slot) {
    ForecastPoint before = m.forecast(clean, DAY).get(slot);
    ForecastPoint after = m.forecast(spiked, DAY).get(slot);
    return (after.upper() - after.expected()) - (before.upper() - before.expected());
  }

  /** Windows of a day have no same window over days to take a median of, and of a week none over weeks. */
  @Test
  public void autoTakesTheFirstLevelTheWindowsHave() {
    ForecastConfig c = ForecastConfig.defaults();
    assertEquals("day_mean", BandBaseline.of("auto", LagFeatures.of(WINDOW, c), c.quantiles(), 1).feature());
    assertEquals("week_mean",
        BandBaseline.of("auto", LagFeatures.of(86_400_000L, c), c.quantiles(), 1).feature());
    assertEquals("lag_1",
        BandBaseline.of("auto", LagFeatures.of(7 * 86_400_000L, c), c.quantiles(), 1).feature());
    assertEquals("day_adj", BandBaseline.of("day_adj", LagFeatures.of(WINDOW, c), c.quantiles(), 1).feature());
  }

  @Test
  public void anUnknownBaselineIsNamed() {
    ForecastConfig bad = ForecastConfig.builder().bandBaseline("lag_99").rounds(10).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ForecastTrainer.train(Statistic.COUNT, List.of(series.get(0)), bad));
    assertThat(e.getMessage(), containsString("bandBaseline 'lag_99'"));
    assertThat(e.getMessage(), containsString("day_median"));
    assertThat(e.getMessage(), containsString("day_mean"));
  }

  private static void assertIdentical(List<ForecastPoint> a, List<ForecastPoint> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).expected(), b.get(i).expected(), 0);
      assertEquals(a.get(i).lower(), b.get(i).lower(), 0);
      assertEquals(a.get(i).upper(), b.get(i).upper(), 0);
    }
  }

  /** Poisson counts whose rate swings from about 30 a window at night to 150 at noon. */
  static List<SeriesHistory> dailyCounts(int days, long seed) {
    Random r = new Random(seed);
    double[] sizes = {1.0, 0.7, 1.3, 0.5};
    List<SeriesHistory> out = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      double[] x = new double[days * DAY];
      for (int i = 0; i < x.length; i++) {
        double hour = (i % DAY) / 2.0 + 0.25;
        double daily =
            hour >= 6 && hour <= 22 ? 0.2 + 0.8 * Math.sin(Math.PI * (hour - 6) / 16) : 0.2;
        double rate = 150 * sizes[s] * Math.max(0.2, daily);
        x[i] = poisson(r, rate);
      }
      out.add(new SeriesHistory("s" + s, START, WINDOW, Map.of(Statistic.COUNT, x)));
    }
    return out;
  }

  private static int poisson(Random r, double lambda) {
    double limit = Math.exp(-lambda);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }
}
