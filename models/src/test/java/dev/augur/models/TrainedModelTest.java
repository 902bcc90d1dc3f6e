package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** A small per-series model: forecasts, guarantees, validation and the save/load round trip. */
public class TrainedModelTest {
  private static final ForecastConfig FAST =
      ForecastConfig.builder().scope(ModelScope.PER_SERIES).rounds(40).build();

  private static SeriesHistory history;
  private static TrainedModel model;

  @BeforeClass
  public static void train() {
    history = SimulatedMetrics.generate(1, 3 * 672, 99L).get(0);
    model = ForecastTrainer.train(Statistic.COUNT, List.of(history), FAST);
  }

  @AfterClass
  public static void close() {
    model.close();
  }

  @Test
  public void forecastsTheWindowsAfterTheHistory() {
    List<ForecastPoint> f = model.forecast(history, 96);
    assertEquals(96, f.size());
    for (int i = 0; i < f.size(); i++) {
      ForecastPoint p = f.get(i);
      assertEquals(history.windowStart(history.length() + i), p.windowStartMillis());
      assertEquals(p.windowStartMillis() + history.windowMillis(), p.windowEndMillis());
      assertTrue(p.lower() <= p.expected() && p.expected() <= p.upper());
      assertTrue("counts are never negative: " + p, p.lower() >= 0);
    }
    assertEquals(96, model.horizon());
    assertTrue(model.evaluation().isPresent());
  }

  @Test
  public void theReturnedModelIsCalibratedOnTheHoldoutWhenThereIsOne() {
    assertEquals(IntervalCalibration.Span.HOLDOUT, model.calibration().span());
    try (TrainedModel withoutHoldout = ForecastTrainer.train(
        Statistic.COUNT, List.of(history), FAST.toBuilder().holdoutWindows(0).build())) {
      assertEquals(IntervalCalibration.Span.CALIBRATION, withoutHoldout.calibration().span());
      assertTrue(withoutHoldout.evaluation().isEmpty());
    }
  }

  /**
   * The holdout costs no forecast its accuracy: without one, the trainer fits the same windows and
   * forecasts the same span for its calibration, so the model forecasts exactly as with it (what
   * the backtest, which trains without a holdout, relies on to forecast as the batch would).
   */
  @Test
  public void withoutAHoldoutTheModelForecastsTheSame() {
    try (TrainedModel withoutHoldout = ForecastTrainer.train(
        Statistic.COUNT, List.of(history), FAST.toBuilder().holdoutWindows(0).build())) {
      assertIdentical(model.forecast(history, 96), withoutHoldout.forecast(history, 96));
      assertEquals(model.modelVersion(), withoutHoldout.modelVersion());
    }
  }

  @Test
  public void theHoldoutCoverageIsAlsoGivenOverItsOrdinaryWindows() {
    HoldoutEvaluation clean = model.evaluation().orElseThrow();
    assertTrue("clean holdout: " + clean, clean.ordinaryWindows() >= 0.97 * clean.windows());

    // The same history with a surge and an outage in the holdout (its last 403 windows).
    double[] count = history.values(Statistic.COUNT).clone();
    int n = count.length;
    for (int t = n - 300; t < n - 270; t++) {
      count[t] = 4 * count[t] + 20;
    }
    for (int t = n - 150; t < n - 110; t++) {
      count[t] = 0;
    }
    SeriesHistory anomalous = new SeriesHistory(history.seriesKey(), history.startMillis(),
        history.windowMillis(), Map.of(Statistic.COUNT, count));
    try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, List.of(anomalous), FAST)) {
      HoldoutEvaluation e = m.evaluation().orElseThrow();
      // The forecasts over the 70 anomalous windows miss them and leave them out. Forecasts from
      // origins just after them still start from anomalous lags, so the ordinary windows are not
      // covered quite as on the clean history.
      assertThat(e.windows() - e.ordinaryWindows(), greaterThanOrEqualTo(300L));
      assertTrue(e.toString(), e.coverage() < clean.coverage() - 0.1);
      assertTrue(e.toString(), e.ordinaryCoverage() > e.coverage() + 0.05);
    }
  }

  /**
   * A global model's holdout names the series its bands covered least: one series whose holdout
   * turned noisy among three calm ones comes first, far below the pooled coverage. The names are
   * kept with the model; metadata written before them loads with none.
   */
  @Test
  public void theHoldoutNamesTheSeriesItsBandsCoveredLeast() throws Exception {
    List<SeriesHistory> series = new java.util.ArrayList<>(SimulatedMetrics.generate(4, 3 * 672, 7L));
    SeriesHistory calm = series.get(3);
    double[] count = calm.values(Statistic.COUNT).clone();
    java.util.Random r = new java.util.Random(3);
    for (int t = count.length - 403; t < count.length; t++) {
      count[t] = Math.max(0, Math.round(count[t] * (1 + 0.5 * r.nextGaussian())));
    }
    SeriesHistory noisy = new SeriesHistory(calm.seriesKey(), calm.startMillis(),
        calm.windowMillis(), Map.of(Statistic.COUNT, count));
    series.set(3, noisy);
    ForecastConfig global = FAST.toBuilder().scope(ModelScope.GLOBAL).build();
    try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, series, global)) {
      HoldoutEvaluation e = m.evaluation().orElseThrow();
      List<SeriesCoverage> least = e.leastCovered();
      assertEquals(e.toString(), SeriesCoverage.NAMED, least.size());
      assertEquals(least.toString(), noisy.seriesKey(), least.get(0).series());
      assertTrue(least + " against " + e, least.get(0).coverage() < e.ordinaryCoverage() - 0.1);
      assertTrue(least.get(0).coverage() <= least.get(1).coverage());

      ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(m.metadataJson());
      try (TrainedModel loaded = TrainedModel.load(m.toUbj(), meta.toString())) {
        assertEquals(least, loaded.evaluation().orElseThrow().leastCovered());
      }
      ((ObjectNode) meta.get("evaluation")).remove("least_covered");
      try (TrainedModel loaded = TrainedModel.load(m.toUbj(), meta.toString())) {
        assertEquals(List.of(), loaded.evaluation().orElseThrow().leastCovered());
      }
    }
    // A model of one series has no other to compare it with.
    assertEquals(List.of(), model.evaluation().orElseThrow().leastCovered());
  }

  @Test
  public void backtestMatchesSingleForecasts() {
    int[] origins = {1500, 1600};
    List<List<ForecastPoint>> runs = model.backtest(history, origins, 10);
    for (int o = 0; o < origins.length; o++) {
      List<ForecastPoint> single = model.forecastFrom(history, origins[o], 10);
      List<ForecastPoint> cut = model.forecast(history.head(origins[o]), 10);
      for (int s = 0; s < 10; s++) {
        assertEquals(single.get(s).expected(), runs.get(o).get(s).expected(), 0);
        assertEquals(single.get(s).upper(), cut.get(s).upper(), 0);
      }
    }
  }

  @Test
  public void saveAndLoadGiveIdenticalForecasts() throws Exception {
    byte[] ubj = model.toUbj();
    String json = model.metadataJson();
    JsonNode meta = new ObjectMapper().readTree(json);
    assertEquals("count", meta.get("target").asText());
    assertEquals(model.modelVersion(), meta.get("model_version").asText());
    assertEquals(model.xgboostVersion(), meta.get("xgboost_version").asText());
    assertEquals("3.4.0", model.xgboostVersion());
    assertEquals(model.features().size(), meta.get("feature_names").size());
    Instant.parse(meta.get("trained_at").asText());

    try (TrainedModel loaded = TrainedModel.load(ubj, json)) {
      assertIdentical(model.forecast(history, 96), loaded.forecast(history, 96));
      assertEquals(model.config(), loaded.config());
      assertEquals(model.evaluation().get().toString(), loaded.evaluation().get().toString());
      assertEquals(json, loaded.metadataJson());
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model.toArtifact("*"));
    }
    ModelArtifact shipped;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (ModelArtifact) in.readObject();
    }
    assertEquals(Statistic.COUNT, shipped.statistic());
    try (TrainedModel rebuilt = shipped.load()) {
      assertIdentical(model.forecast(history, 96), rebuilt.forecast(history, 96));
    }
  }

  @Test
  public void metadataWrittenBeforeTheAnomalyCutStillLoads() throws Exception {
    ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(model.metadataJson());
    ((ObjectNode) meta.get("calibration")).remove(List.of("span", "anomalous_windows"));
    ((ObjectNode) meta.get("evaluation")).remove(List.of("ordinary_windows", "ordinary_coverage"));
    try (TrainedModel loaded = TrainedModel.load(model.toUbj(), meta.toString())) {
      assertIdentical(model.forecast(history, 96), loaded.forecast(history, 96));
      assertEquals(IntervalCalibration.Span.CALIBRATION, loaded.calibration().span());
      assertEquals(0, loaded.calibration().anomalousWindows());
      HoldoutEvaluation e = loaded.evaluation().orElseThrow();
      assertEquals(model.evaluation().orElseThrow().coverage(), e.coverage(), 0);
      assertEquals(0, e.ordinaryWindows());
      assertTrue(Double.isNaN(e.ordinaryCoverage()));
    }
  }

  /** A figure that cannot be computed is null in the metadata, which JSON readers take. */
  @Test
  public void anUndefinedHoldoutFigureIsNullAndReadsBackAsNaN() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (boolean asWrittenBefore : new boolean[] {false, true}) {
      ObjectNode meta = (ObjectNode) json.readTree(model.metadataJson());
      ObjectNode evaluation = (ObjectNode) meta.get("evaluation");
      if (asWrittenBefore) {
        evaluation.put("mase", "NaN");
      } else {
        evaluation.putNull("mase");
      }
      try (TrainedModel loaded = TrainedModel.load(model.toUbj(), meta.toString())) {
        assertTrue(Double.isNaN(loaded.evaluation().orElseThrow().mase()));
        JsonNode rewritten = json.readTree(loaded.metadataJson()).get("evaluation");
        assertTrue(rewritten.toString(), rewritten.get("mase").isNull());
        assertTrue(rewritten.get("wape").isNumber());
      }
    }
  }

  @Test
  public void loadRejectsForeignMetadata() {
    byte[] ubj = model.toUbj();
    ubj[ubj.length - 1] ^= 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainedModel.load(ubj, model.metadataJson()));
    assertThat(e.getMessage(), containsString("does not belong"));
  }

  @Test
  public void badForecastRequestsAreNamed() {
    expect("horizon must be positive", () -> model.forecast(history, 0));
    expect("exceeds the calibrated horizon", () -> model.forecast(history, 97));
    expect("origin", () -> model.forecastFrom(history, history.length() + 1, 3));
  }

  @Test
  public void badTrainingRequestsAreNamed() {
    expect("history too short to train",
        () -> ForecastTrainer.train(Statistic.COUNT, List.of(history.head(300)), FAST));
    expect("PER_SERIES trains on exactly one history",
        () -> ForecastTrainer.train(Statistic.COUNT, List.of(history, history), FAST));
    expect("calibrationWindows",
        () -> ForecastTrainer.train(Statistic.COUNT, List.of(history),
            FAST.toBuilder().calibrationWindows(10).build()));
    expect("histories is empty",
        () -> ForecastTrainer.train(Statistic.COUNT, List.of(), FAST));
  }

  /**
   * The minimum history is exact: a model trains on that many windows and not on one fewer; with
   * a holdout, the trainer measures itself from that length on and not before.
   */
  @Test
  public void theMinimumHistoryIsWhatTrainingNeeds() {
    long window = history.windowMillis();
    for (int horizon : new int[] {4, 24, 96}) {
      ForecastConfig config = FAST.toBuilder().horizonWindows(horizon).build();
      int least = ForecastTrainer.minimumHistoryWindows(config, window, false);
      int withHoldout = ForecastTrainer.minimumHistoryWindows(config, window, true);
      assertTrue(horizon + ": " + least + " < " + withHoldout, least < withHoldout);
      expect("history too short to train",
          () -> ForecastTrainer.train(Statistic.COUNT, List.of(history.head(least - 1)), config));
      try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, List.of(history.head(least)), config)) {
        assertTrue(m.evaluation().isEmpty());
      }
      try (TrainedModel m =
          ForecastTrainer.train(Statistic.COUNT, List.of(history.head(withHoldout - 1)), config)) {
        assertTrue(horizon + ": holdout at " + (withHoldout - 1), m.evaluation().isEmpty());
      }
      try (TrainedModel m =
          ForecastTrainer.train(Statistic.COUNT, List.of(history.head(withHoldout)), config)) {
        assertTrue(horizon + ": no holdout at " + withHoldout, m.evaluation().isPresent());
      }
    }
    // The demo's 15-minute windows and one-day horizon: two days of training, two of calibration.
    assertEquals(4 * 96, ForecastTrainer.minimumHistoryWindows(FAST, window, false));
    assertEquals(6 * 96, ForecastTrainer.minimumHistoryWindows(FAST, window, true));
  }

  /**
   * A sum may be negative (refunds, net flows), so it is clipped at 0 only where the series' own
   * history has no negative window: there a band below 0 would hide the one value that is news.
   * The same series lowered by one unit has negative windows, and its bands reach below 0.
   */
  @Test
  public void forecastsOfSeriesNeverNegativeStayAtOrAboveZero() {
    // The counts less their 30th percentile, floored at 0: quiet hours of a sum that is often 0.
    double[] count = history.values(Statistic.COUNT).clone();
    double[] sorted = count.clone();
    java.util.Arrays.sort(sorted);
    double quiet = sorted[(int) (0.3 * sorted.length)];
    double[] lowered = new double[count.length];
    for (int i = 0; i < count.length; i++) {
      count[i] = Math.max(0, count[i] - quiet);
      lowered[i] = count[i] - 1;
    }
    SeriesHistory positive = new SeriesHistory(history.seriesKey(), history.startMillis(),
        history.windowMillis(), Map.of(Statistic.SUM, count));
    SeriesHistory negative = new SeriesHistory(history.seriesKey(), history.startMillis(),
        history.windowMillis(), Map.of(Statistic.SUM, lowered));
    double lowestPositive = Double.POSITIVE_INFINITY;
    double lowestNegative = Double.POSITIVE_INFINITY;
    try (TrainedModel p = ForecastTrainer.train(Statistic.SUM, List.of(positive), FAST);
        TrainedModel n = ForecastTrainer.train(Statistic.SUM, List.of(negative), FAST)) {
      for (List<ForecastPoint> run : p.backtest(positive, new int[] {1500, 1600, 1700, 1800}, 96)) {
        for (ForecastPoint f : run) {
          lowestPositive = Math.min(lowestPositive, f.lower());
        }
      }
      for (List<ForecastPoint> run : n.backtest(negative, new int[] {1500, 1600, 1700, 1800}, 96)) {
        for (ForecastPoint f : run) {
          lowestNegative = Math.min(lowestNegative, f.lower());
        }
      }
    }
    assertEquals(0.0, lowestPositive, 0.0);
    assertTrue("lowest lower bound " + lowestNegative, lowestNegative < -1.0);
  }

  /** Series left out of a model are named in one log line, a few of them when there are many. */
  @Test
  public void aLogLineNamesAFewOfTheSeriesLeftOut() {
    assertEquals("a, b", ForecastTrainer.someOf(List.of("a", "b")));
    assertEquals(
        "a, b, c, d, e and 2 more",
        ForecastTrainer.someOf(List.of("a", "b", "c", "d", "e", "f", "g")));
  }

  /**
   * A series that stopped sending has no mean in its last windows: it is left out of the model it
   * cannot calibrate, and gets no mean forecast once it has been silent for the week its scale is
   * read from (a forecast at an arbitrary unit scale, about 1, used to be written for it).
   */
  @Test
  public void aSeriesSilentAtTheEndGetsNoMeanModelOrForecast() {
    List<SeriesHistory> three = SimulatedMetrics.generate(3, 3 * 672, 7L);
    SeriesHistory silent = silentFrom(three.get(0), 3 * 672 - 800);
    List<SeriesHistory> histories = List.of(silent, three.get(1), three.get(2));
    ForecastConfig global = FAST.toBuilder().scope(ModelScope.GLOBAL).build();
    try (TrainedModel m = ForecastTrainer.train(Statistic.MEAN, histories, global)) {
      assertEquals(2, m.trainingSeries());
      assertFalse(m.forecastable(silent, silent.length()));
      assertEquals(List.of(), m.forecast(silent, 96));
      assertEquals(96, m.forecast(three.get(1), 96).size());
      // Its count is 0 there, a value: counted windows are always forecast.
      assertTrue(m.forecastable(three.get(1), three.get(1).length()));
    }
    try (TrainedModel c = ForecastTrainer.train(Statistic.COUNT, histories, global)) {
      assertEquals(3, c.trainingSeries());
      List<ForecastPoint> f = c.forecast(silent, 96);
      assertEquals(96, f.size());
      assertTrue(f.toString(), f.stream().allMatch(p -> p.expected() < 1.0 && p.lower() == 0.0));
    }
  }

  /** With no series to calibrate on, the statistic has no model, told why; it used to crash. */
  @Test
  public void noMeanModelWhenEverySeriesIsSilentWhereTheIntervalsAreCalibrated() {
    List<SeriesHistory> two = SimulatedMetrics.generate(2, 3 * 672, 7L);
    List<SeriesHistory> silent =
        List.of(silentFrom(two.get(0), 3 * 672 - 500), silentFrom(two.get(1), 3 * 672 - 450));
    expect("no series has a mean value in its last 403 windows",
        () -> ForecastTrainer.train(
            Statistic.MEAN, silent, FAST.toBuilder().scope(ModelScope.GLOBAL).build()));
  }

  /**
   * One series silent for the later half of its holdout: the holdout's later origins meet no
   * value, so their half cannot calibrate the earlier's; the holdout is measured unsplit instead
   * of failing the run.
   */
  @Test
  public void aSeriesSilentForPartOfItsHoldoutIsStillTrained() {
    SeriesHistory s = silentFrom(SimulatedMetrics.generate(1, 3 * 672, 7L).get(0), 3 * 672 - 250);
    try (TrainedModel m = ForecastTrainer.train(Statistic.MEAN, List.of(s), FAST)) {
      assertTrue(m.evaluation().isPresent());
      assertEquals(96, m.forecast(s, 96).size());
    }
  }

  /**
   * A series with a single event in its history is forecast at 0, and its windows, all 0, say
   * nothing of how far the others' forecasts err: pooled into the calibration, they narrowed every
   * band of a global model (a walkthrough's holdout coverage of counts fell from 92 % to 71 %).
   */
  @Test
  public void aSeriesThatNeverVariesDoesNotNarrowTheOthersBands() {
    List<SeriesHistory> three = SimulatedMetrics.generate(3, 3 * 672, 11L);
    SeriesHistory dead = silentFrom(
        new SeriesHistory("s=dead", three.get(0).startMillis(), three.get(0).windowMillis(),
            Map.of(Statistic.COUNT, three.get(0).values(Statistic.COUNT),
                Statistic.SUM, three.get(0).values(Statistic.SUM),
                Statistic.MEAN, three.get(0).values(Statistic.MEAN),
                Statistic.STDDEV, three.get(0).values(Statistic.STDDEV))), 1);
    ForecastConfig global = FAST.toBuilder().scope(ModelScope.GLOBAL).build();
    double without;
    try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, three, global)) {
      without = m.evaluation().orElseThrow().ordinaryCoverage();
    }
    List<SeriesHistory> four = new java.util.ArrayList<>(three);
    four.add(dead);
    try (TrainedModel m = ForecastTrainer.train(Statistic.COUNT, four, global)) {
      HoldoutEvaluation e = m.evaluation().orElseThrow();
      // The dead series' windows are all covered; the others' as without it.
      double others = (e.ordinaryCoverage() * e.ordinaryWindows() - e.ordinaryWindows() / 4.0)
          / (0.75 * e.ordinaryWindows());
      assertEquals(e.toString(), without, others, 0.02);
      List<ForecastPoint> f = m.forecast(dead, 96);
      assertTrue(f.toString(), f.stream().allMatch(p -> p.covers(0.0)));
    }
  }

  /** {@code h} with no events from window {@code from} on: counts and sums 0, the rest missing. */
  private static SeriesHistory silentFrom(SeriesHistory h, int from) {
    Map<Statistic, double[]> values = new java.util.EnumMap<>(Statistic.class);
    for (Statistic st : List.of(Statistic.COUNT, Statistic.SUM, Statistic.MEAN, Statistic.STDDEV)) {
      double[] x = h.values(st).clone();
      boolean counted = st == Statistic.COUNT || st == Statistic.SUM;
      java.util.Arrays.fill(x, from, x.length, counted ? 0.0 : Double.NaN);
      values.put(st, x);
    }
    return new SeriesHistory(h.seriesKey(), h.startMillis(), h.windowMillis(), values);
  }

  @Test
  public void aGlobalModelWidensTheBandOfTheSeriesItForecastsWorstAndKeepsItWhenSaved()
      throws Exception {
    // Four series of one shape; the last with noise far beyond the others', for its level.
    List<SeriesHistory> histories = new java.util.ArrayList<>();
    java.util.Random r = new java.util.Random(8);
    for (SeriesHistory h : SimulatedMetrics.generate(4, 3 * 672, 21L)) {
      histories.add(h);
    }
    SeriesHistory calm = histories.remove(3);
    double[] noisy = calm.values(Statistic.MEAN).clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] *= 1 + 0.6 * r.nextGaussian();
    }
    histories.add(new SeriesHistory("noisy", calm.startMillis(), calm.windowMillis(),
        Map.of(Statistic.MEAN, noisy)));
    ForecastConfig global = ForecastConfig.builder().rounds(40).widenPerSeries(true).build();
    try (TrainedModel pooledOnly =
        ForecastTrainer.train(
            Statistic.MEAN, histories, global.toBuilder().widenPerSeries(false).build())) {
      assertTrue(pooledOnly.calibration().widenings().isEmpty());
    }
    try (TrainedModel m = ForecastTrainer.train(Statistic.MEAN, histories, global)) {
      double w = m.calibration().widening("noisy");
      assertTrue(m.calibration().widenings().toString(), w > 1.2);
      ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(m.metadataJson());
      assertEquals(w, meta.get("calibration").get("series_widening").get("noisy").asDouble(), 0);
      assertTrue(meta.get("config").get("widen_per_series").asBoolean());
      SeriesHistory last = histories.get(3);
      try (TrainedModel loaded = TrainedModel.load(m.toUbj(), meta.toString())) {
        assertIdentical(m.forecast(last, 96), loaded.forecast(last, 96));
      }
      // Metadata written before series were widened: the same forecasts, in the pooled band,
      // which the widened one stretches by w around the expected value.
      ((ObjectNode) meta.get("calibration")).remove("series_widening");
      try (TrainedModel pooled = TrainedModel.load(m.toUbj(), meta.toString())) {
        List<ForecastPoint> wide = m.forecast(last, 96);
        List<ForecastPoint> narrow = pooled.forecast(last, 96);
        for (int i = 0; i < wide.size(); i++) {
          ForecastPoint a = wide.get(i);
          ForecastPoint b = narrow.get(i);
          assertEquals(b.expected(), a.expected(), 0);
          assertEquals(w * (b.upper() - b.expected()), a.upper() - a.expected(), 1e-9 * a.upper());
        }
      }
    }
  }

  private static void assertIdentical(List<ForecastPoint> a, List<ForecastPoint> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(
          new double[] {a.get(i).expected(), a.get(i).lower(), a.get(i).upper()},
          new double[] {b.get(i).expected(), b.get(i).lower(), b.get(i).upper()}, 0.0);
      assertEquals(Double.doubleToRawLongBits(a.get(i).expected()),
          Double.doubleToRawLongBits(b.get(i).expected()));
    }
  }

  private static void expect(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertThat(e.getMessage(), containsString(message));
  }
}
