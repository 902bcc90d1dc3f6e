package dev.augur.models;

import java.io.IOException;
import java.util.Arrays;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The XGBoost booster behind a model's quantiles, with an output per quantile, and where each
 * output starts from: with a {@link BandBaseline}, the starts it gives each row (the booster then
 * holds only the sums of its trees); without one ({@code bandBaseline=none}, and every model
 * saved before band baselines existed), the booster's own intercepts.
 */
final class QuantileModel implements AutoCloseable {
  private final Booster booster;
  private final BandBaseline baseline;

  QuantileModel(Booster booster, BandBaseline baseline) {
    this.booster = booster;
    this.baseline = baseline;
  }

  /** The band's baseline, or null when the outputs start from the booster's intercepts. */
  BandBaseline baseline() {
    return baseline;
  }

  /**
   * Every quantile of each of the {@code rows} rows of {@code matrix} ({@code width} features
   * each), in scaled units. Without a baseline they are sorted, as the model was always read;
   * with one, each is its output's own value plus its row's start ({@code starts}, from {@link
   * BandBaseline#start}; unused without a baseline), so the median is the median output's even
   * where a bound crosses it.
   */
  float[][] predict(float[] matrix, int rows, int width, float[] starts) {
    try {
      if (baseline == null) {
        // XGBoost 3.4 returns them sorted; sorted here too, so the median of a model saved
        // without a baseline stays the middle value whatever the XGBoost version.
        float[][] p = booster.inplace_predict(matrix, rows, width, Float.NaN);
        for (float[] row : p) {
          Arrays.sort(row);
        }
        return p;
      }
      // The raw sums of each output's trees: XGBoost's transformed values of several quantiles
      // come sorted, each no longer beside its own output and start.
      float[][] p = booster.inplace_predict(matrix, rows, width, Float.NaN, new int[] {0, 0},
          Booster.PredictionType.kMargin, null);
      baseline.addTo(p, starts);
      return p;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  /** The booster in XGBoost's UBJ format. */
  byte[] toUbj() {
    try {
      return booster.toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new IllegalStateException("cannot serialise the XGBoost model: " + e.getMessage(), e);
    }
  }

  /** Restores the booster of {@link #toUbj()}, its outputs starting from {@code baseline}. */
  static QuantileModel load(byte[] ubj, BandBaseline baseline) {
    try {
      return new QuantileModel(XGBoost.loadModel(ubj), baseline);
    } catch (XGBoostError | IOException e) {
      throw new IllegalArgumentException("cannot load the XGBoost model: " + e.getMessage(), e);
    }
  }

  /** Frees the booster's native memory. */
  @Override
  public void close() {
    booster.dispose();
  }
}
