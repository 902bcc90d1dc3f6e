package dev.augur.models;

import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.XGBoostJNI;

/**
 * Where each output of the quantile booster starts from (XGBoost's base margin, to which the sum
 * of the output's trees is added). The median starts from one intercept, the median of the
 * training labels, as XGBoost would start it. The other quantiles start from the row's own level
 * ({@link ForecastConfig#bandBaseline()}): by default the same window's mean over the last days
 * ({@code day_mean}, a feature of the row), or their median ({@value #DAY_MEDIAN}, computed from
 * the series, not a feature of the model), so that their trees learn the band's spread around
 * that level.
 *
 * <p>From one intercept, as XGBoost starts by default, an upper quantile has to be boosted down
 * to the quiet hours of a series whose level swings over the day: every row there lies below it
 * and pulls with a gradient of only {@code 1 - q}, against {@code q} for each row above, so the
 * trees split those rows off late and the band stays nearly as wide in absolute terms by night
 * as by day: too wide at night and too narrow at noon, while its overall coverage looks right.
 * The median is what one anomalous day at the same time cannot lift, with the next days' band;
 * it is not the default because on sparse series it widened the band of the standard deviation
 * (see docs/status.md).
 *
 * <p>Where the level is missing (the first days of a series), the row starts from its last
 * value, and where that is missing too, from 1, the series' typical level in scaled units.
 */
final class BandBaseline {
  /** The median of the same window over the last days ({@link LagFeatures#daySlotMedian}). */
  static final String DAY_MEDIAN = "day_median";

  /** What {@code auto} chooses: the first of these the features have. */
  static final List<String> AUTO = List.of("day_mean", "week_mean", "lag_1");

  /** The feature used where the baseline is missing. */
  static final String FALLBACK = "lag_1";

  private final String feature;
  private final LagFeatures features;
  /** The feature's column, or -1 for {@value #DAY_MEDIAN}. */
  private final int featureIndex;
  private final int fallbackIndex;
  private final int medianIndex;
  private final int outputs;
  private final double medianStart;

  private BandBaseline(String feature, LagFeatures features, int featureIndex, int fallbackIndex,
      int medianIndex, int outputs, double medianStart) {
    this.feature = feature;
    this.features = features;
    this.featureIndex = featureIndex;
    this.fallbackIndex = fallbackIndex;
    this.medianIndex = medianIndex;
    this.outputs = outputs;
    this.medianStart = medianStart;
  }

  /**
   * The quantiles other than the median (0.5, one of the ascending {@code quantiles}) start from
   * {@code feature} ({@value #DAY_MEDIAN} or a column of {@code features}; {@code auto}: the first
   * of {@link #AUTO} they have), the median from {@code medianStart}.
   *
   * @throws IllegalArgumentException naming the option when {@code features} has no such column
   */
  static BandBaseline of(String feature, LagFeatures features, double[] quantiles,
      double medianStart) {
    List<String> names = features.names();
    String chosen = feature;
    if ("auto".equals(feature)) {
      chosen = AUTO.stream().filter(f -> has(features, f)).findFirst().orElseThrow();
    }
    if (!has(features, chosen)) {
      throw new IllegalArgumentException("bandBaseline '" + feature + "' is not a feature of "
          + features.windowMillis() + " ms windows; give auto, none"
          + (features.dayWindows() > 0 ? ", " + DAY_MEDIAN : "") + " or one of " + names);
    }
    return new BandBaseline(chosen, features, names.indexOf(chosen), names.indexOf(FALLBACK),
        Arrays.binarySearch(quantiles, 0.5), quantiles.length, medianStart);
  }

  private static boolean has(LagFeatures features, String feature) {
    return DAY_MEDIAN.equals(feature) ? features.dayWindows() > 0 : features.names().contains(feature);
  }

  /** The same baseline, its median output starting from {@code start}. */
  BandBaseline withMedianStart(double start) {
    return new BandBaseline(feature, features, featureIndex, fallbackIndex, medianIndex, outputs,
        start);
  }

  /** The median of {@code labels[0..n)}, where the median output starts. */
  static double medianOf(float[] labels, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = labels[i];
    }
    return Median.ofFirst(values, n);
  }

  /** What the band starts from: {@value #DAY_MEDIAN} or a feature's name. */
  String feature() {
    return feature;
  }

  /** Where the median output starts. */
  double medianStart() {
    return medianStart;
  }

  /**
   * Where the band of window {@code t} of {@code x} starts, in the units of the features {@code
   * row} of that window, scaled by {@code scale}.
   */
  float start(double[] x, int t, double scale, double[] row) {
    double v = featureIndex >= 0 ? row[featureIndex] : features.daySlotMedian(x, t, scale);
    if (Double.isNaN(v) && fallbackIndex >= 0) {
      v = row[fallbackIndex];
    }
    return Double.isNaN(v) ? 1f : (float) v;
  }

  /** Sets {@code starts} of the {@code rows} rows of {@code matrix} on it, for each output. */
  void setOn(DMatrix matrix, float[] starts, int rows) throws XGBoostError {
    float[] margins = new float[rows * outputs];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outputs; o++) {
        margins[r * outputs + o] = o == medianIndex ? (float) medianStart : starts[r];
      }
    }
    // DMatrix.setBaseMargin takes one value per row only; XGBoost takes rows x outputs, row-major.
    int rc = XGBoostJNI.XGDMatrixSetFloatInfo(matrix.getHandle(), "base_margin", margins);
    if (rc != 0) {
      throw new XGBoostError(XGBoostJNI.XGBGetLastError());
    }
  }

  /** Adds each row's {@code starts} to the booster's raw predictions of the rows. */
  void addTo(float[][] predictions, float[] starts) {
    for (int r = 0; r < predictions.length; r++) {
      for (int o = 0; o < predictions[r].length; o++) {
        predictions[r][o] += o == medianIndex ? (float) medianStart : starts[r];
      }
    }
  }

  @Override
  public String toString() {
    return feature;
  }
}
