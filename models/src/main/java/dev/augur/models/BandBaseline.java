package dev.augur.models;

import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.XGBoostJNI;

/**
 * Where each output of the quantile booster starts from (XGBoost's base margin, to which the sum
 * of the output's trees is added). The median starts from one intercept, the median of the
 * training labels, as XGBoost would start it. The other quantiles start from a feature of the row
 * itself ({@link ForecastConfig#bandBaseline()}, by default the same window's mean over the last
 * days), so that their trees learn the band's spread around the row's own level.
 *
 * <p>From one intercept, as XGBoost starts by default, an upper quantile has to be boosted down
 * to the quiet hours of a series whose level swings over the day: every row there lies below it
 * and pulls with a gradient of only {@code 1 - q}, against {@code q} for each row above, so the
 * trees split those rows off late and the band stays nearly as wide in absolute terms by night
 * as by day: too wide at night and too narrow at noon, while its overall coverage looks right.
 *
 * <p>Where the feature is missing (the first days of a series), the row starts from its last
 * value, and where that is missing too, from 1, the series' typical level in scaled units.
 */
final class BandBaseline {
  /** What {@code auto} chooses: the first of these the features have. */
  static final List<String> AUTO = List.of("day_mean", "week_mean", "lag_1");

  /** The feature used where the baseline feature is missing. */
  static final String FALLBACK = "lag_1";

  private final String feature;
  private final int featureIndex;
  private final int fallbackIndex;
  private final int medianIndex;
  private final int outputs;
  private final double medianStart;

  private BandBaseline(String feature, int featureIndex, int fallbackIndex, int medianIndex,
      int outputs, double medianStart) {
    this.feature = feature;
    this.featureIndex = featureIndex;
    this.fallbackIndex = fallbackIndex;
    this.medianIndex = medianIndex;
    this.outputs = outputs;
    this.medianStart = medianStart;
  }

  /**
   * The quantiles other than the median (0.5, one of the ascending {@code quantiles}) start from
   * {@code feature} of the rows of {@code features} ({@code auto}: the first of {@link #AUTO} they
   * have), the median from {@code medianStart}.
   *
   * @throws IllegalArgumentException naming the option when {@code features} has no such column
   */
  static BandBaseline of(String feature, LagFeatures features, double[] quantiles,
      double medianStart) {
    List<String> names = features.names();
    String chosen = feature;
    if ("auto".equals(feature)) {
      chosen = AUTO.stream().filter(names::contains).findFirst().orElseThrow();
    }
    int index = names.indexOf(chosen);
    if (index < 0) {
      throw new IllegalArgumentException("bandBaseline '" + feature + "' is not a feature of "
          + features.windowMillis() + " ms windows; give auto, none or one of " + names);
    }
    return new BandBaseline(chosen, index, names.indexOf(FALLBACK),
        Arrays.binarySearch(quantiles, 0.5), quantiles.length, medianStart);
  }

  /** The median of {@code labels[0..n)}, where the median output starts. */
  static double medianOf(float[] labels, int n) {
    float[] sorted = Arrays.copyOf(labels, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : ((double) sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The feature the band starts from. */
  String feature() {
    return feature;
  }

  /** Where the median output starts. */
  double medianStart() {
    return medianStart;
  }

  /** Sets the starts of the {@code rows} rows of {@code data} on {@code matrix}, for each output. */
  void setOn(DMatrix matrix, float[] data, int rows, int width) throws XGBoostError {
    float[] margins = new float[rows * outputs];
    for (int r = 0; r < rows; r++) {
      float start = start(data, r, width);
      for (int o = 0; o < outputs; o++) {
        margins[r * outputs + o] = o == medianIndex ? (float) medianStart : start;
      }
    }
    // DMatrix.setBaseMargin takes one value per row only; XGBoost takes rows x outputs, row-major.
    int rc = XGBoostJNI.XGDMatrixSetFloatInfo(matrix.getHandle(), "base_margin", margins);
    if (rc != 0) {
      throw new XGBoostError(XGBoostJNI.XGBGetLastError());
    }
  }

  /** Adds each row's starts to the booster's raw predictions of the rows of {@code data}. */
  void addTo(float[][] predictions, float[] data, int width) {
    for (int r = 0; r < predictions.length; r++) {
      float start = start(data, r, width);
      for (int o = 0; o < predictions[r].length; o++) {
        predictions[r][o] += o == medianIndex ? (float) medianStart : start;
      }
    }
  }

  private float start(float[] data, int row, int width) {
    float v = data[row * width + featureIndex];
    if (Float.isNaN(v) && fallbackIndex >= 0) {
      v = data[row * width + fallbackIndex];
    }
    return Float.isNaN(v) ? 1f : v;
  }

  @Override
  public String toString() {
    return feature;
  }
}
