package dev.augur.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * A trained forecast model of one statistic: the XGBoost quantile booster with where its outputs
 * start ({@link QuantileModel}), the feature recipe, the per-step interval calibration and the
 * holdout evaluation. Forecasts are recursive: each window's
 * median forecast is fed back as a lag of the next. Saved as the booster's UBJ bytes plus a
 * metadata JSON document ({@link #toUbj()}, {@link #metadataJson()}) and restored with
 * {@link #load}; {@link #toArtifact} wraps both for shipping.
 *
 * <p>Holds native memory: {@link #close()} it when done. Forecasts use XGBoost's in-place
 * prediction, which XGBoost documents as thread-safe for tree boosters.
 */
public final class TrainedModel implements AutoCloseable {
  /**
   * Version of the metadata layout written by {@link #metadataJson()}: 3 since the band may start
   * from {@code day_median}, which is no feature, so a reader of version 2 would refuse such a
   * model with a misleading message; 2 since the band's baseline ({@code band_baseline}) is
   * recorded, without which a model trained with one would forecast wrongly; version 1, written
   * before, has no baseline. All three are read.
   */
  public static final int FORMAT_VERSION = 3;

  private final QuantileModel model;
  private final byte[] ubj;
  private final Statistic target;
  private final long windowMillis;
  private final ForecastConfig config;
  private final int horizon;
  private final IntervalCalibration calibration;
  private final HoldoutEvaluation evaluation;
  private final Instant trainedAt;
  private final double trainingSeconds;
  private final int trainingSeries;
  private final long trainingRows;
  private final String modelVersion;
  private final String xgboostVersion;
  private final LagFeatures features;
  private final RecursiveForecaster forecaster;

  TrainedModel(QuantileModel model, Statistic target, long windowMillis,
      ForecastConfig config, int horizon, IntervalCalibration calibration,
      HoldoutEvaluation evaluation, Instant trainedAt, double trainingSeconds, int trainingSeries,
      long trainingRows) {
    this(model, model.toUbj(), target, windowMillis, config, horizon, calibration, evaluation,
        trainedAt, trainingSeconds, trainingSeries, trainingRows, xgboostRuntimeVersion());
  }

  TrainedModel(QuantileModel model, byte[] ubj, Statistic target, long windowMillis,
      ForecastConfig config, int horizon, IntervalCalibration calibration,
      HoldoutEvaluation evaluation, Instant trainedAt, double trainingSeconds, int trainingSeries,
      long trainingRows, String xgboostVersion) {
    if (calibration.horizon() != horizon) {
      throw new IllegalArgumentException("calibration covers " + calibration.horizon()
          + " steps but the horizon is " + horizon);
    }
    this.model = model;
    this.ubj = ubj;
    this.target = target;
    this.windowMillis = windowMillis;
    this.config = config;
    this.horizon = horizon;
    this.calibration = calibration;
    this.evaluation = evaluation;
    this.trainedAt = trainedAt;
    this.trainingSeconds = trainingSeconds;
    this.trainingSeries = trainingSeries;
    this.trainingRows = trainingRows;
    this.modelVersion = digest(ubj);
    this.xgboostVersion = xgboostVersion;
    this.features = LagFeatures.of(windowMillis, config);
    this.forecaster = new RecursiveForecaster(model, features, target, config.quantiles());
  }

  /** Where the band starts from (see {@link BandBaseline}), or null for the intercepts. */
  BandBaseline bandBaseline() {
    return model.baseline();
  }

  public Statistic target() {
    return target;
  }

  public long windowMillis() {
    return windowMillis;
  }

  public ForecastConfig config() {
    return config;
  }

  public LagFeatures features() {
    return features;
  }

  /** The longest horizon (in windows) the intervals are calibrated for. */
  public int horizon() {
    return horizon;
  }

  public IntervalCalibration calibration() {
    return calibration;
  }

  /** The holdout evaluation, absent when the data was too short or it was switched off. */
  public Optional<HoldoutEvaluation> evaluation() {
    return Optional.ofNullable(evaluation);
  }

  public Instant trainedAt() {
    return trainedAt;
  }

  /** Wall-clock training time, evaluation and calibration included. */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  public int trainingSeries() {
    return trainingSeries;
  }

  /** Rows the final booster was fit on (after subsampling). */
  public long trainingRows() {
    return trainingRows;
  }

  /** Identity of the booster: the first 16 hex digits of the SHA-256 of its UBJ bytes. */
  public String modelVersion() {
    return modelVersion;
  }

  public String xgboostVersion() {
    return xgboostVersion;
  }

  /**
   * Forecasts the {@code horizon} windows after the end of {@code history}: windows
   * {@code history.length() .. history.length() + horizon - 1}. None when the series has no value
   * of the target in the span its scale is read from (see {@link #forecastable}).
   */
  public List<ForecastPoint> forecast(SeriesHistory history, int horizon) {
    int origin = history.length();
    return forecastable(history, origin)
        ? forecastFrom(history, origin, horizon)
        : List.of();
  }

  /**
   * Whether {@code history} has a value of the target in the span the series scale is read from
   * for a forecast from {@code origin} (the week or so before the day of the origin). A series
   * silent there has no mean or standard deviation to forecast from, and the model would forecast
   * one at an arbitrary unit scale; its count and sum are 0 there, so they are always forecast.
   */
  public boolean forecastable(SeriesHistory history, int origin) {
    return !Double.isNaN(
        features.scale(history.values(target), history.startMillis(), origin, origin));
  }

  /**
   * Forecasts windows {@code origin .. origin + horizon - 1} of {@code history} from the windows
   * before {@code origin} only (later windows are ignored), for backtests.
   */
  public List<ForecastPoint> forecastFrom(SeriesHistory history, int origin, int horizon) {
    check(history, origin, horizon);
    return run(List.of(new RecursiveForecaster.Job(history.seriesKey(), history.values(target),
        history.startMillis(), origin)), horizon).get(0);
  }

  /**
   * Backtest forecasts: for each {@code origins[i]}, the windows {@code origins[i] ..
   * origins[i] + horizon - 1} of {@code history} forecast from the windows before it only. All
   * origins run as one batch, which is much faster than one {@link #forecastFrom} call each.
   */
  public List<List<ForecastPoint>> backtest(SeriesHistory history, int[] origins, int horizon) {
    List<RecursiveForecaster.Job> jobs = new ArrayList<>();
    for (int origin : origins) {
      check(history, origin, horizon);
      jobs.add(new RecursiveForecaster.Job(
          history.seriesKey(), history.values(target), history.startMillis(), origin));
    }
    return jobs.isEmpty() ? List.of() : run(jobs, horizon);
  }

  /** {@link #forecast} of several series in one batch; results in the order of the input. */
  public List<List<ForecastPoint>> forecastAll(List<SeriesHistory> histories, int horizon) {
    List<RecursiveForecaster.Job> jobs = new ArrayList<>();
    for (SeriesHistory h : histories) {
      check(h, h.length(), horizon);
      jobs.add(
          new RecursiveForecaster.Job(h.seriesKey(), h.values(target), h.startMillis(), h.length()));
    }
    return jobs.isEmpty() ? List.of() : run(jobs, horizon);
  }

  private void check(SeriesHistory history, int origin, int horizon) {
    if (horizon <= 0) {
      throw new IllegalArgumentException("horizon must be positive: " + horizon);
    }
    if (horizon > this.horizon) {
      throw new IllegalArgumentException("horizon " + horizon + " exceeds the calibrated horizon "
          + this.horizon + " of this model (set ForecastConfig.horizonWindows when training)");
    }
    if (history.windowMillis() != windowMillis) {
      throw new IllegalArgumentException(history.seriesKey() + " has windows of "
          + history.windowMillis() + " ms but the model was trained on " + windowMillis + " ms");
    }
    if (!history.has(target)) {
      throw new IllegalArgumentException(history.seriesKey() + " has no statistic " + target.id());
    }
    if (origin < 0 || origin > history.length()) {
      throw new IllegalArgumentException(
          "origin " + origin + " outside 0.." + history.length() + " of " + history.seriesKey());
    }
  }

  private List<List<ForecastPoint>> run(List<RecursiveForecaster.Job> jobs, int horizon) {
    RecursiveForecaster.Result r = forecaster.run(jobs, horizon);
    List<List<ForecastPoint>> out = new ArrayList<>();
    for (int j = 0; j < jobs.size(); j++) {
      RecursiveForecaster.Job job = jobs.get(j);
      List<ForecastPoint> points = new ArrayList<>(horizon);
      for (int h = 0; h < horizon; h++) {
        points.add(forecaster.point(r, j, job, h, calibration));
      }
      out.add(points);
    }
    return out;
  }

  /** The booster in XGBoost's UBJ format. */
  public byte[] toUbj() {
    return ubj.clone();
  }

  /** Everything but the booster, as JSON (see {@link ModelMetadata}). */
  public String metadataJson() {
    return ModelMetadata.write(this);
  }

  /** Booster and metadata in one serializable holder; {@code scopeKey} names the series group. */
  public ModelArtifact toArtifact(String scopeKey) {
    return new ModelArtifact(target, scopeKey, ubj, metadataJson());
  }

  /**
   * Restores a model from {@link #toUbj()} and {@link #metadataJson()}; it forecasts exactly as
   * the saved one did.
   *
   * @throws IllegalArgumentException when the metadata is unreadable or belongs to another booster
   */
  public static TrainedModel load(byte[] ubj, String metadataJson) {
    return ModelMetadata.read(ubj, metadataJson);
  }

  /** Frees the booster's native memory. */
  @Override
  public void close() {
    model.close();
  }

  static String digest(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The XGBoost4J version on the class path, or "unknown". */
  static String xgboostRuntimeVersion() {
    try (var in = XGBoost.class.getResourceAsStream("/xgboost4j-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        return p.getProperty("version", "unknown").trim();
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  @Override
  public String toString() {
    return "TrainedModel{" + target.id() + ", window=" + windowMillis + "ms, horizon=" + horizon
        + ", version=" + modelVersion + ", trainedAt=" + trainedAt + "}";
  }
}
