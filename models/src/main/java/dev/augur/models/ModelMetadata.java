package dev.augur.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metadata JSON of a {@link TrainedModel}: format and model version, training time (ISO-8601),
 * XGBoost version, target statistic, window size, horizon, feature names, the full
 * {@link ForecastConfig}, the {@link IntervalCalibration} and the {@link HoldoutEvaluation}.
 * Doubles are written in their shortest exact form, so a restored model computes bit-for-bit the
 * same forecasts.
 */
final class ModelMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelMetadata() {}

  static String write(TrainedModel m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", TrainedModel.FORMAT_VERSION);
    root.put("model_version", m.modelVersion());
    root.put("trained_at", m.trainedAt().toString());
    root.put("xgboost_version", m.xgboostVersion());
    root.put("target", m.target().id());
    root.put("window_millis", m.windowMillis());
    root.put("horizon", m.horizon());
    ArrayNode names = root.putArray("feature_names");
    m.features().names().forEach(names::add);
    root.set("config", config(m.config()));
    BandBaseline band = m.bandBaseline();
    if (band == null) {
      root.putNull("band_baseline");
    } else {
      ObjectNode b = root.putObject("band_baseline");
      b.put("feature", band.feature());
      b.put("median_start", band.medianStart());
    }
    ObjectNode cal = root.putObject("calibration");
    cal.put("coverage", m.calibration().coverage());
    cal.put("scores_per_step", m.calibration().scoresPerStep());
    cal.put("span", m.calibration().span().id());
    cal.put("anomalous_windows", m.calibration().anomalousWindows());
    array(cal.putArray("lower"), m.calibration().lowerAdjustments());
    array(cal.putArray("upper"), m.calibration().upperAdjustments());
    ObjectNode widened = cal.putObject("series_widening");
    m.calibration().widenings().forEach(widened::put);
    if (m.evaluation().isPresent()) {
      root.set("evaluation", evaluation(m.evaluation().get()));
    } else {
      root.putNull("evaluation");
    }
    ObjectNode training = root.putObject("training");
    training.put("series", m.trainingSeries());
    training.put("rows", m.trainingRows());
    training.put("seconds", m.trainingSeconds());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static TrainedModel read(byte[] ubj, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("model metadata is not JSON: " + e.getMessage(), e);
    }
    int format = required(root, "format_version").asInt();
    if (format < 1 || format > TrainedModel.FORMAT_VERSION) {
      throw new IllegalArgumentException("unsupported model metadata format_version " + format
          + "; this library reads 1 to " + TrainedModel.FORMAT_VERSION);
    }
    String version = required(root, "model_version").asText();
    if (!version.equals(TrainedModel.digest(ubj))) {
      throw new IllegalArgumentException("metadata of model " + version
          + " does not belong to this booster (" + TrainedModel.digest(ubj) + ")");
    }
    Statistic target = Statistic.parse(required(root, "target").asText());
    long window = required(root, "window_millis").asLong();
    int horizon = required(root, "horizon").asInt();
    ForecastConfig config = config(required(root, "config"));
    List<String> names = new ArrayList<>();
    required(root, "feature_names").forEach(n -> names.add(n.asText()));
    List<String> expected = LagFeatures.of(window, config).names();
    if (!names.equals(expected)) {
      throw new IllegalArgumentException("the model's features " + names
          + " differ from what this library builds " + expected);
    }
    JsonNode c = required(root, "calibration");
    // Models written before series were widened have none.
    Map<String, Double> widenings = new java.util.TreeMap<>();
    c.path("series_widening")
        .fields()
        .forEachRemaining(w -> widenings.put(w.getKey(), w.getValue().asDouble()));
    IntervalCalibration cal = new IntervalCalibration(required(c, "coverage").asDouble(),
        doubles(required(c, "lower")), doubles(required(c, "upper")),
        required(c, "scores_per_step").asInt(), c.path("anomalous_windows").asInt(0),
        IntervalCalibration.Span.of(
            c.path("span").asText(IntervalCalibration.Span.CALIBRATION.id())),
        widenings);
    JsonNode e = root.get("evaluation");
    HoldoutEvaluation eval = e == null || e.isNull() ? null : evaluation(e, target);
    Instant trainedAt;
    try {
      trainedAt = Instant.parse(required(root, "trained_at").asText());
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException("trained_at is not ISO-8601: " + ex.getMessage(), ex);
    }
    JsonNode training = required(root, "training");
    String xgboostVersion = required(root, "xgboost_version").asText();
    JsonNode b = root.get("band_baseline");
    BandBaseline band = null;
    if (b != null && !b.isNull()) {
      band = BandBaseline.of(required(b, "feature").asText(), LagFeatures.of(window, config),
          config.quantiles(), required(b, "median_start").asDouble());
    } else if (!"none".equals(config.bandBaseline())) {
      // Its booster holds only the sums of its trees: without the starts it forecasts wrongly.
      throw new IllegalArgumentException("model metadata lacks 'band_baseline', which a model"
          + " trained with band baseline '" + config.bandBaseline() + "' needs");
    }
    QuantileModel model = QuantileModel.load(ubj, band);
    try {
      return new TrainedModel(model, ubj.clone(), target, window, config, horizon, cal, eval,
          trainedAt, training.path("seconds").asDouble(), training.path("series").asInt(),
          training.path("rows").asLong(), xgboostVersion);
    } catch (RuntimeException ex) {
      model.close();
      throw ex;
    }
  }

  private static ObjectNode config(ForecastConfig c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("scope", c.scope().name());
    n.put("recent_lags", c.recentLags());
    n.put("seasonal_neighbours", c.seasonalNeighbours());
    n.put("seasonal_weeks", c.seasonalWeeks());
    n.put("seasonal_days", c.seasonalDays());
    n.put("coverage", c.coverage());
    array(n.putArray("quantiles"), c.quantiles());
    n.put("horizon_windows", c.horizonWindows());
    n.put("calibration_windows", c.calibrationWindows());
    n.put("holdout_windows", c.holdoutWindows());
    n.put("origins", c.origins());
    n.put("rounds", c.rounds());
    n.put("max_depth", c.maxDepth());
    n.put("eta", c.eta());
    n.put("min_child_weight", c.minChildWeight());
    n.put("subsample", c.subsample());
    n.put("colsample_bytree", c.colsampleByTree());
    n.put("lambda", c.lambda());
    n.put("max_training_rows", c.maxTrainingRows());
    n.put("threads", c.threads());
    n.put("seed", c.seed());
    n.put("refit_after_calibration", c.refitAfterCalibration());
    n.put("widen_per_series", c.widenPerSeries());
    n.put("band_baseline", c.bandBaseline());
    return n;
  }

  private static ForecastConfig config(JsonNode n) {
    return ForecastConfig.builder()
        .scope(ModelScope.valueOf(required(n, "scope").asText()))
        .recentLags(required(n, "recent_lags").asInt())
        .seasonalNeighbours(required(n, "seasonal_neighbours").asInt())
        .seasonalWeeks(required(n, "seasonal_weeks").asInt())
        .seasonalDays(required(n, "seasonal_days").asInt())
        .coverage(required(n, "coverage").asDouble())
        .quantiles(doubles(required(n, "quantiles")))
        .horizonWindows(required(n, "horizon_windows").asInt())
        .calibrationWindows(required(n, "calibration_windows").asInt())
        .holdoutWindows(required(n, "holdout_windows").asInt())
        .origins(required(n, "origins").asInt())
        .rounds(required(n, "rounds").asInt())
        .maxDepth(required(n, "max_depth").asInt())
        .eta(required(n, "eta").asDouble())
        .minChildWeight(required(n, "min_child_weight").asDouble())
        .subsample(required(n, "subsample").asDouble())
        .colsampleByTree(required(n, "colsample_bytree").asDouble())
        .lambda(required(n, "lambda").asDouble())
        .maxTrainingRows(required(n, "max_training_rows").asInt())
        .threads(required(n, "threads").asInt())
        .seed(required(n, "seed").asLong())
        .refitAfterCalibration(required(n, "refit_after_calibration").asBoolean())
        // Models written before the option were never widened.
        .widenPerSeries(n.path("widen_per_series").asBoolean(false))
        .bandBaseline(n.path("band_baseline").asText("none"))
        .build();
  }

  private static ObjectNode evaluation(HoldoutEvaluation e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("baseline", e.baseline().name());
    n.put("series", e.series());
    n.put("origins", e.origins());
    n.put("horizon", e.horizon());
    n.put("windows", e.windows());
    figure(n, "wape", e.wape());
    figure(n, "mase", e.mase());
    figure(n, "baseline_wape", e.baselineWape());
    figure(n, "coverage", e.coverage());
    n.put("ordinary_windows", e.ordinaryWindows());
    figure(n, "ordinary_coverage", e.ordinaryCoverage());
    n.put("nominal_coverage", e.nominalCoverage());
    array(n.putArray("coverage_by_step"), e.coverageByStep());
    SeriesCoverage.write(n.putArray("least_covered"), e.leastCovered());
    n.put("summary", e.toString());
    return n;
  }

  private static HoldoutEvaluation evaluation(JsonNode n, Statistic target) {
    return new HoldoutEvaluation(target,
        HoldoutEvaluation.Baseline.valueOf(required(n, "baseline").asText()),
        required(n, "series").asInt(), required(n, "origins").asInt(),
        required(n, "horizon").asInt(), required(n, "windows").asLong(),
        figure(n, "wape"), figure(n, "mase"), figure(n, "baseline_wape"), figure(n, "coverage"),
        n.path("ordinary_windows").asLong(0),
        n.has("ordinary_coverage") ? figure(n, "ordinary_coverage") : Double.NaN,
        required(n, "nominal_coverage").asDouble(), doubles(required(n, "coverage_by_step")),
        // Metadata written before the least covered series were measured has none.
        SeriesCoverage.read(n.path("least_covered")));
  }

  /** JSON has no NaN: a figure that could not be computed is written as null. */
  private static void figure(ObjectNode n, String field, double value) {
    if (Double.isFinite(value)) {
      n.put(field, value);
    } else {
      n.putNull(field);
    }
  }

  /** A figure that must be there, null (or, as metadata once wrote it, "NaN") when undefined. */
  private static double figure(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new IllegalArgumentException("model metadata lacks '" + field + "'");
    }
    return number(v);
  }

  private static double number(JsonNode n) {
    if (n.isNull()) {
      return Double.NaN;
    }
    return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
  }

  private static void array(ArrayNode a, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(a.get(i));
    }
    return v;
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("model metadata lacks '" + field + "'");
    }
    return v;
  }
}
