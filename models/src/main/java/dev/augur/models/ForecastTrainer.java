package dev.augur.models;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the XGBoost quantile model of one statistic ({@code objective=reg:quantileerror}, one
 * output per configured quantile, {@code tree_method=hist}) on the {@link LagFeatures} of one or
 * more series, with calibrated prediction intervals and a holdout evaluation. The median output
 * starts from one intercept, the others from each row's {@link BandBaseline}.
 *
 * <p>Splits, counted back from the end of each series: the last {@code E} windows are the holdout
 * and the {@code C} before them the calibration segment. With a holdout and {@link
 * ForecastConfig#refitAfterCalibration()} (the defaults), model B is fit on everything before the
 * holdout, as it would have been deployed at the holdout's start, and forecasts the holdout
 * recursively over the full horizon from {@link ForecastConfig#origins()} origins per series.
 * Those forecasts give the per-step {@link IntervalCalibration}, leaving out the windows that were
 * anomalous there, and the {@link HoldoutEvaluation} measures B on them, its intervals cross-fitted
 * (each half of the series measured with the calibration of the other half's forecasts, so no
 * forecast is measured with a calibration its own scores helped make). The returned model is
 * refit on all data and takes the calibration of all of the holdout's forecasts: the latest span,
 * from the model nearest its own training length. Without a holdout, model A is fit on everything
 * before the calibration segment and its forecasts over that segment calibrate the returned model
 * (refit on all data). Without refitting, A itself is calibrated, measured on the holdout with
 * that calibration and returned (one fit instead of two). Defaults when not configured: horizon
 * one day of windows; {@code C = max(2H, min(week, n/5))} windows (a week being {@code 7H} when
 * the window is a day or longer) for the longest series length {@code n}; {@code E = C} when the
 * series is long enough ({@code n >= 2C +} the minimum training span), else no holdout
 * evaluation.
 *
 * <p>Rows are the windows with an observed target from index {@code recentLags} on; rows whose
 * target is missing are skipped. When there are more than {@link ForecastConfig#maxTrainingRows()}
 * candidate rows, a seeded uniform random subsample of about that many is used. Series too short
 * for the splits (see {@link #minimumHistoryWindows}) are left out of a global model with a
 * warning; a per-series model, or a global one with no series left, fails with the reason.
 */
public final class ForecastTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ForecastTrainer.class);

  private ForecastTrainer() {}

  /** One series' values of the target statistic. */
  static final class Series {
    final String key;
    final double[] x;
    final long startMillis;

    Series(String key, double[] x, long startMillis) {
      this.key = key;
      this.x = x;
      this.startMillis = startMillis;
    }

    Series head(int n) {
      return new Series(key, Arrays.copyOf(x, n), startMillis);
    }
  }

  /**
   * Trains a model of {@code target} on {@code histories} (all with the same window size; exactly
   * one for {@link ModelScope#PER_SERIES}).
   *
   * @throws IllegalArgumentException for an unusable configuration or history, naming the cause
   */
  public static TrainedModel train(
      Statistic target, List<SeriesHistory> histories, ForecastConfig config) {
    if (target == null || histories == null || config == null) {
      throw new IllegalArgumentException("target, histories and config are required");
    }
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("histories is empty: nothing to train on");
    }
    if (config.scope() == ModelScope.PER_SERIES && histories.size() != 1) {
      throw new IllegalArgumentException(
          "scope PER_SERIES trains on exactly one history, got " + histories.size());
    }
    long window = histories.get(0).windowMillis();
    for (SeriesHistory h : histories) {
      if (h.windowMillis() != window) {
        throw new IllegalArgumentException("all histories need the same window size: "
            + h.seriesKey() + " has " + h.windowMillis() + " ms, expected " + window + " ms");
      }
      if (!h.has(target)) {
        throw new IllegalArgumentException(h.seriesKey() + " has no statistic " + target.id());
      }
    }
    long started = System.nanoTime();
    LagFeatures features = LagFeatures.of(window, config);
    int horizon = horizon(config, window);
    int maxLength = histories.stream().mapToInt(SeriesHistory::length).max().getAsInt();
    int calibration = calibrationWindows(config, features, horizon, maxLength);
    int holdout = holdoutWindows(config, horizon, features, calibration, maxLength);
    int needed = minimumTrainingWindows(config, horizon, features) + calibration + holdout;

    List<Series> series = new ArrayList<>();
    List<String> tooShort = new ArrayList<>();
    for (SeriesHistory h : histories) {
      if (h.length() >= needed) {
        series.add(new Series(h.seriesKey(), h.values(target), h.startMillis()));
      } else if (config.scope() == ModelScope.PER_SERIES || histories.size() == 1) {
        throw tooShort(h, needed, config, horizon, features, calibration, holdout);
      } else {
        tooShort.add(h.seriesKey() + " (" + h.length() + ")");
      }
    }
    if (!tooShort.isEmpty()) {
      LOG.warn("leaving {} out of the {} model: fewer windows than the {} it needs: {}",
          seriesCount(tooShort.size()), target.id(), needed, someOf(tooShort));
    }
    if (series.isEmpty()) {
      throw tooShort(histories.get(0), needed, config, horizon, features, calibration, holdout);
    }
    // The intervals are calibrated on the forecasts of the holdout's windows, or of the
    // calibration segment's before it. A series with no value of the target there (a mean or
    // standard deviation of windows without events) gives those forecasts nothing to be scored on.
    boolean onHoldout = holdout > 0 && config.refitAfterCalibration();
    int spanFromEnd = onHoldout ? holdout : holdout + calibration;
    int spanEndFromEnd = onHoldout ? 0 : holdout;
    List<Series> observed = new ArrayList<>();
    List<String> unobserved = new ArrayList<>();
    for (Series s : series) {
      if (hasValue(s.x, s.x.length - spanFromEnd, s.x.length - spanEndFromEnd)) {
        observed.add(s);
      } else {
        unobserved.add(s.key);
      }
    }
    if (!unobserved.isEmpty() && !observed.isEmpty()) {
      LOG.warn("leaving {} out of the {} model: no {} value in the last {} windows, on which the"
              + " intervals are calibrated{}: {}",
          seriesCount(unobserved.size()), target.id(), target.id(), spanFromEnd,
          target == Statistic.MEAN || target == Statistic.STDDEV
              ? " (series of events without values have none)" : "",
          someOf(unobserved));
    }
    if (observed.isEmpty()) {
      throw new IllegalArgumentException("no series has a " + target.id() + " value in its last "
          + spanFromEnd + " windows, on which the intervals are calibrated"
          + (series.size() == 1 ? " (" + series.get(0).key + ")" : "")
          + (target == Statistic.STDDEV ? "; a standard deviation needs two events in a window"
              : target == Statistic.MEAN ? "; a mean needs an event in its window" : ""));
    }
    series = observed;

    List<Series> beforeHoldout = heads(series, holdout);
    long[] rows = new long[1];
    IntervalCalibration cal;
    HoldoutEvaluation evaluation = null;
    QuantileModel last = null;
    try {
      if (holdout > 0 && config.refitAfterCalibration()) {
        // B: the model as it would be deployed at the start of the holdout, measured on it; the
        // holdout's forecasts calibrate the returned model.
        QuantileModel measured = fit(beforeHoldout, features, config, rows);
        try {
          Measured m = evaluate(target, series, features, config, horizon, holdout, measured, null);
          evaluation = m.evaluation();
          cal = m.calibration();
        } finally {
          measured.close();
        }
        LOG.info("{}", evaluation);
        last = fit(series, features, config, rows);
      } else {
        // A: fit before the calibration segment (which ends where the holdout starts), calibrate.
        last = fit(heads(beforeHoldout, calibration), features, config, rows);
        cal = calibrate(last, target, beforeHoldout, features, config, horizon, calibration);
        if (holdout > 0) {
          evaluation =
              evaluate(target, series, features, config, horizon, holdout, last, cal).evaluation();
          LOG.info("{}", evaluation);
        }
        if (config.refitAfterCalibration()) {
          last.close();
          last = null;
          last = fit(series, features, config, rows);
        }
      }
    } catch (RuntimeException e) {
      if (last != null) {
        last.close();
      }
      throw e;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("{} intervals calibrated on the {} span, {} anomalous windows left out",
        target.id(), cal.span().id(), cal.anomalousWindows());
    LOG.info(String.format(Locale.ROOT, "trained %s on %d series (%d rows) in %.1f s",
        target.id(), series.size(), rows[0], seconds));
    return new TrainedModel(last, target, window, config, horizon, cal, evaluation,
        Instant.now(), seconds, series.size(), rows[0]);
  }

  /** The forecast horizon in windows: configured, else one day of windows. */
  static int horizon(ForecastConfig config, long windowMillis) {
    if (config.horizonWindows() > 0) {
      return config.horizonWindows();
    }
    return (int) Math.max(1, Math.round((double) LagFeatures.DAY_MILLIS / windowMillis));
  }

  /** Rows a fit needs at the least. */
  static final int MIN_TRAINING_ROWS = 50;

  /**
   * The shortest training span (in windows) before the calibration segment: twice the horizon,
   * eight times the recent lags and 64 windows, and no less than a scale block (a day of windows)
   * more than the rows a fit needs, since a row is scaled by the whole blocks before its own and
   * the first block's rows have none.
   */
  static int minimumTrainingWindows(ForecastConfig config, int horizon, LagFeatures features) {
    return Math.max(
        Math.max(2 * horizon, 8 * config.recentLags()),
        Math.max(64, features.scaleBlock() + MIN_TRAINING_ROWS));
  }

  /**
   * The shortest history, in windows of {@code windowMillis}, a model can be trained on: the
   * minimum training span, then a calibration span of at least twice the horizon (longer, up to a
   * week, as the history grows), without a holdout. With {@code withHoldout}, the shortest that
   * also leaves a holdout as long as the calibration span, which the trainer then measures itself
   * on.
   */
  public static int minimumHistoryWindows(ForecastConfig config, long windowMillis, boolean withHoldout) {
    LagFeatures features = LagFeatures.of(windowMillis, config);
    int horizon = horizon(config, windowMillis);
    int training = minimumTrainingWindows(config, horizon, features);
    int length = training + horizon;
    while (length
        < training + (withHoldout ? 2 : 1) * calibrationWindows(config, features, horizon, length)) {
      length++;
    }
    return length;
  }


  private static int calibrationWindows(
      ForecastConfig config, LagFeatures features, int horizon, int maxLength) {
    if (config.calibrationWindows() > 0) {
      if (config.calibrationWindows() < horizon) {
        throw new IllegalArgumentException("calibrationWindows (" + config.calibrationWindows()
            + ") must be at least the horizon (" + horizon + " windows)");
      }
      return config.calibrationWindows();
    }
    int week = features.weekWindows() > 0 ? features.weekWindows() : 7 * horizon;
    return Math.max(2 * horizon, Math.min(week, maxLength / 5));
  }

  private static int holdoutWindows(
      ForecastConfig config, int horizon, LagFeatures features, int calibration, int maxLength) {
    if (config.holdoutWindows() == ForecastConfig.AUTO) {
      return maxLength >= 2 * calibration + minimumTrainingWindows(config, horizon, features)
          ? calibration
          : 0;
    }
    if (config.holdoutWindows() > 0 && config.holdoutWindows() < horizon) {
      throw new IllegalArgumentException("holdoutWindows (" + config.holdoutWindows()
          + ") must be 0 or at least the horizon (" + horizon + " windows)");
    }
    return config.holdoutWindows();
  }

  private static IllegalArgumentException tooShort(SeriesHistory h, int needed,
      ForecastConfig config, int horizon, LagFeatures features, int calibration, int holdout) {
    return new IllegalArgumentException("history too short to train: " + h.seriesKey() + " has "
        + h.length() + " windows, need at least " + needed + " (minimum training span "
        + minimumTrainingWindows(config, horizon, features) + " + calibrationWindows " + calibration
        + " + holdoutWindows " + holdout + "; horizonWindows " + horizon + ")");
  }

  private static String seriesCount(int n) {
    return n == 1 ? "1 series" : n + " series";
  }

  /** The first few of {@code keys}, and how many more there are, for one log line. */
  static String someOf(List<String> keys) {
    int shown = Math.min(keys.size(), 5);
    String names = String.join(", ", keys.subList(0, shown));
    return keys.size() > shown ? names + " and " + (keys.size() - shown) + " more" : names;
  }

  private static boolean hasValue(double[] x, int from, int to) {
    for (int i = Math.max(0, from); i < to; i++) {
      if (!Double.isNaN(x[i])) {
        return true;
      }
    }
    return false;
  }

  /** Each series without its last {@code windows} windows. */
  private static List<Series> heads(List<Series> series, int windows) {
    if (windows == 0) {
      return series;
    }
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      out.add(s.head(s.x.length - windows));
    }
    return out;
  }

  /** Origins spread evenly over {@code [from, to]}, at most {@code count} distinct ones. */
  static int[] origins(int from, int to, int count) {
    int k = Math.min(count, to - from + 1);
    int[] o = new int[k];
    for (int i = 0; i < k; i++) {
      o[i] = k == 1 ? to : from + (int) Math.round((double) i * (to - from) / (k - 1));
    }
    return o;
  }

  private static IntervalCalibration calibrate(QuantileModel model, Statistic target,
      List<Series> series, LagFeatures features, ForecastConfig config, int horizon,
      int calibration) {
    List<RecursiveForecaster.Job> jobs = new ArrayList<>();
    for (Series s : series) {
      int n = s.x.length;
      for (int o : origins(n - calibration, n - horizon, config.origins())) {
        jobs.add(new RecursiveForecaster.Job(s.key, s.x, s.startMillis, o));
      }
    }
    long started = System.nanoTime();
    RecursiveForecaster.Result r =
        new RecursiveForecaster(model, features, target, config.quantiles()).run(jobs, horizon);
    LOG.debug(String.format(Locale.ROOT, "calibration forecasts: %d origins x %d steps in %.1f s",
        jobs.size(), horizon, (System.nanoTime() - started) / 1e9));
    return IntervalCalibration.fromForecasts(
        jobs, r, horizon, config.coverage(), IntervalCalibration.Span.CALIBRATION,
        config.widenPerSeries());
  }

  /** The holdout's evaluation and the calibration that all of the holdout's forecasts give. */
  private record Measured(HoldoutEvaluation evaluation, IntervalCalibration calibration) {}

  /**
   * Measures {@code model} on the holdout: recursive forecasts from several origins per series,
   * compared with what happened. With a {@code calibration}, its intervals are measured; without
   * one, the intervals the holdout's own forecasts calibrate, cross-fitted so that no forecast is
   * measured with a calibration its own scores helped make: the series fall in two halves (the
   * origins, when there is one series), each measured with the calibration of the other's
   * forecasts. That is how the returned model's intervals are calibrated, from all of them.
   */
  private static Measured evaluate(Statistic target, List<Series> series,
      LagFeatures features, ForecastConfig config, int horizon, int holdout, QuantileModel model,
      IntervalCalibration calibration) {
    int shortest = series.stream().mapToInt(s -> s.x.length).min().getAsInt();
    int firstOrigin = shortest - holdout;
    HoldoutEvaluation.Baseline baseline;
    int period;
    if (features.weekWindows() > 0 && firstOrigin >= features.weekWindows()) {
      baseline = HoldoutEvaluation.Baseline.WEEKLY;
      period = features.weekWindows();
    } else if (features.dayWindows() > 0 && firstOrigin >= features.dayWindows()) {
      baseline = HoldoutEvaluation.Baseline.DAILY;
      period = features.dayWindows();
    } else {
      baseline = HoldoutEvaluation.Baseline.LAST_VALUE;
      period = 1;
    }
    List<RecursiveForecaster.Job> jobs = new ArrayList<>();
    int originsPerSeries = 0;
    for (Series s : series) {
      int n = s.x.length;
      int[] o = origins(n - holdout, n - horizon, config.origins());
      originsPerSeries = o.length;
      for (int origin : o) {
        jobs.add(new RecursiveForecaster.Job(s.key, s.x, s.startMillis, origin));
      }
    }
    RecursiveForecaster forecaster =
        new RecursiveForecaster(model, features, target, config.quantiles());
    RecursiveForecaster.Result r = forecaster.run(jobs, horizon);
    IntervalCalibration.Scores scores = IntervalCalibration.Scores.of(jobs, r, horizon);
    IntervalCalibration all =
        calibration != null
            ? null
            : scores.calibration(
                config.coverage(), IntervalCalibration.Span.HOLDOUT, config.widenPerSeries());
    IntervalCalibration[] measuredWith = new IntervalCalibration[jobs.size()];
    if (calibration != null) {
      Arrays.fill(measuredWith, calibration);
    } else {
      crossFit(scores, series.size(), originsPerSeries, config.coverage(), all, measuredWith);
    }
    HoldoutEvaluation.Accumulator acc = new HoldoutEvaluation.Accumulator(horizon);
    for (int j = 0; j < jobs.size(); j++) {
      RecursiveForecaster.Job job = jobs.get(j);
      double[] naive = Accuracy.seasonalNaive(job.x, job.origin, horizon, period);
      for (int h = 0; h < horizon; h++) {
        ForecastPoint p = forecaster.point(r, j, job, h, measuredWith[j]);
        acc.add(job.key, h + 1, job.x[job.origin + h], p, naive[h], !scores.leftOut(j, h + 1));
      }
    }
    return new Measured(
        acc.build(target, baseline, series.size(), originsPerSeries, config.coverage()), all);
  }

  /**
   * Sets each job's calibration to that of the other half's forecasts: the halves are alternate
   * series (jobs come {@code originsPerSeries} to a series), or with one series the earlier and
   * later origins. One forecast in all cannot be split, and is measured with {@code all}.
   */
  private static void crossFit(IntervalCalibration.Scores scores, int seriesCount,
      int originsPerSeries, double coverage, IntervalCalibration all,
      IntervalCalibration[] measuredWith) {
    int jobs = measuredWith.length;
    boolean[] firstHalf = new boolean[jobs];
    int inFirstHalf = 0;
    for (int j = 0; j < jobs; j++) {
      firstHalf[j] = seriesCount > 1
          ? (j / originsPerSeries) % 2 == 0
          : j % originsPerSeries < originsPerSeries / 2;
      inFirstHalf += firstHalf[j] ? 1 : 0;
    }
    if (inFirstHalf == 0 || inFirstHalf == jobs) {
      Arrays.fill(measuredWith, all);
      return;
    }
    IntervalCalibration bySecond;
    IntervalCalibration byFirst;
    try {
      bySecond = scores.calibration(coverage, IntervalCalibration.Span.HOLDOUT, firstHalf, false);
      byFirst = scores.calibration(coverage, IntervalCalibration.Span.HOLDOUT, firstHalf, true);
    } catch (IllegalArgumentException e) {
      // One half met no observed value (a series silent for the later origins): not split.
      Arrays.fill(measuredWith, all);
      return;
    }
    for (int j = 0; j < jobs; j++) {
      measuredWith[j] = firstHalf[j] ? bySecond : byFirst;
    }
  }

  /**
   * Fits the quantile model on the rows of {@code series} (each up to its end); stores the number
   * of rows used in {@code rowsOut[0]}.
   */
  static QuantileModel fit(List<Series> series, LagFeatures features, ForecastConfig config,
      long[] rowsOut) {
    long started = System.nanoTime();
    int first = config.recentLags();
    long candidates = 0;
    for (Series s : series) {
      for (int t = first; t < s.x.length; t++) {
        candidates += Double.isNaN(s.x[t]) ? 0 : 1;
      }
    }
    double keep = Math.min(1.0, (double) config.maxTrainingRows() / Math.max(1, candidates));
    Random random = new Random(config.seed());
    int width = features.size();
    int capacity = (int) Math.min(candidates, (long) (config.maxTrainingRows() * 1.1) + 16);
    float[] data = new float[capacity * width];
    float[] labels = new float[capacity];
    // Where each row's band starts; its median's start, from all the labels, is set after.
    BandBaseline baseline = "none".equals(config.bandBaseline()) ? null
        : BandBaseline.of(config.bandBaseline(), features, config.quantiles(), Double.NaN);
    float[] starts = new float[baseline == null ? 0 : capacity];
    double[] row = new double[width];
    int n = 0;
    long window = features.windowMillis();
    for (Series s : series) {
      int scaleEnd = -1;
      double scale = Double.NaN;
      for (int t = first; t < s.x.length; t++) {
        if (Double.isNaN(s.x[t]) || (keep < 1 && random.nextDouble() >= keep)) {
          continue;
        }
        int end = features.scaleEnd(s.startMillis, t, t, s.x.length);
        if (end != scaleEnd) {
          scale = features.scaleBefore(s.x, end);
          scaleEnd = end;
        }
        if (Double.isNaN(scale)) {
          continue;
        }
        if (n == labels.length) {
          labels = Arrays.copyOf(labels, n * 2);
          data = Arrays.copyOf(data, n * 2 * width);
          starts = Arrays.copyOf(starts, baseline == null ? 0 : n * 2);
        }
        features.compute(s.x, t, s.startMillis + t * window, scale, row, 0);
        for (int f = 0; f < width; f++) {
          data[n * width + f] = (float) row[f];
        }
        labels[n] = (float) (s.x[t] / scale);
        if (baseline != null) {
          starts[n] = baseline.start(s.x, t, scale, row);
        }
        n++;
      }
    }
    if (n < MIN_TRAINING_ROWS) {
      throw new IllegalArgumentException("too few training rows (" + n + ") with an observed "
          + "target; the histories are mostly missing values or too short");
    }
    rowsOut[0] = n;
    long built = System.nanoTime();
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(Arrays.copyOf(data, n * width), n, width, Float.NaN);
      matrix.setLabel(Arrays.copyOf(labels, n));
      matrix.setFeatureNames(features.names().toArray(new String[0]));
      QuantileModel model = train(matrix, labels, n, baseline, starts, config);
      LOG.debug(String.format(Locale.ROOT, "fit %d rows: features %.1f s, boosting %.1f s", n,
          (built - started) / 1e9, (System.nanoTime() - built) / 1e9));
      return model;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /**
   * Boosts the quantiles of {@code config} on the {@code n} rows of {@code matrix}, their outputs
   * starting from the booster's intercepts or, with a band baseline, the median's from the median
   * of the {@code labels} and the others' from each row's {@code starts} (see {@link
   * BandBaseline}).
   */
  private static QuantileModel train(DMatrix matrix, float[] labels, int n,
      BandBaseline band, float[] starts, ForecastConfig config) throws XGBoostError {
    Map<String, Object> params = params(config);
    BandBaseline baseline = null;
    if (band != null) {
      baseline = band.withMedianStart(BandBaseline.medianOf(labels, n));
      baseline.setOn(matrix, starts, n);
      params.put("base_score", 0.0);
    }
    return new QuantileModel(
        XGBoost.train(matrix, params, config.rounds(), new HashMap<>(), null, null), baseline);
  }

  static Map<String, Object> params(ForecastConfig config) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "reg:quantileerror");
    p.put("quantile_alpha", quantileAlpha(config.quantiles()));
    p.put("tree_method", "hist");
    p.put("max_depth", config.maxDepth());
    p.put("eta", config.eta());
    p.put("min_child_weight", config.minChildWeight());
    p.put("subsample", config.subsample());
    p.put("colsample_bytree", config.colsampleByTree());
    p.put("lambda", config.lambda());
    p.put("nthread", config.threads());
    p.put("seed", config.seed());
    p.put("verbosity", 0);
    return p;
  }

  /** XGBoost4J takes the quantiles as a JSON-like string; a Java array is rejected. */
  static String quantileAlpha(double[] quantiles) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < quantiles.length; i++) {
      sb.append(i > 0 ? "," : "").append(quantiles[i]);
    }
    return sb.append(']').toString();
  }
}
