package dev.augur.models;

/**
 * Forecast accuracy measures over aligned arrays. Every measure skips positions where any of its
 * inputs is {@code NaN} and returns {@code NaN} when no position is left (or a denominator is 0).
 */
public final class Accuracy {
  private Accuracy() {}

  /** Weighted absolute percentage error: {@code sum|actual - forecast| / sum|actual|}. */
  public static double wape(double[] actual, double[] forecast) {
    check(actual, forecast, "forecast");
    double err = 0;
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isNaN(actual[i]) && !Double.isNaN(forecast[i])) {
        err += Math.abs(actual[i] - forecast[i]);
        total += Math.abs(actual[i]);
      }
    }
    return total > 0 ? err / total : Double.NaN;
  }

  /** Mean absolute error. */
  public static double mae(double[] actual, double[] forecast) {
    check(actual, forecast, "forecast");
    double err = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isNaN(actual[i]) && !Double.isNaN(forecast[i])) {
        err += Math.abs(actual[i] - forecast[i]);
        n++;
      }
    }
    return n > 0 ? err / n : Double.NaN;
  }

  /**
   * Mean absolute scaled error against a baseline forecast of the same windows (typically the
   * seasonal naive forecast): the forecast's mean absolute error divided by the baseline's, over
   * the positions where actual, forecast and baseline are all present. Below 1 means the forecast
   * beats the baseline on these windows.
   */
  public static double mase(double[] actual, double[] forecast, double[] baseline) {
    check(actual, forecast, "forecast");
    check(actual, baseline, "baseline");
    double err = 0;
    double base = 0;
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isNaN(actual[i]) && !Double.isNaN(forecast[i]) && !Double.isNaN(baseline[i])) {
        err += Math.abs(actual[i] - forecast[i]);
        base += Math.abs(actual[i] - baseline[i]);
      }
    }
    return base > 0 ? err / base : Double.NaN;
  }

  /** Whether the interval {@code [lower, upper]} holds {@code actual}, bounds included. */
  public static boolean covers(double actual, double lower, double upper) {
    return actual >= lower && actual <= upper;
  }

  /** Share of actual values inside {@code [lower, upper]} (bounds included). */
  public static double coverage(double[] actual, double[] lower, double[] upper) {
    check(actual, lower, "lower");
    check(actual, upper, "upper");
    int in = 0;
    int n = 0;
    for (int i = 0; i < actual.length; i++) {
      if (!Double.isNaN(actual[i]) && !Double.isNaN(lower[i]) && !Double.isNaN(upper[i])) {
        n++;
        if (covers(actual[i], lower[i], upper[i])) {
          in++;
        }
      }
    }
    return n > 0 ? (double) in / n : Double.NaN;
  }

  /**
   * The seasonal naive forecast of windows {@code origin .. origin+horizon-1} of {@code x} made at
   * {@code origin}: each window takes the value one or more whole periods earlier, the latest that
   * lies before {@code origin}. Period 1 repeats the last observed value. {@code NaN} where that
   * value is missing or before the start of {@code x}.
   */
  public static double[] seasonalNaive(double[] x, int origin, int horizon, int period) {
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    if (horizon <= 0) {
      throw new IllegalArgumentException("horizon must be positive: " + horizon);
    }
    double[] out = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      int back = period * ((h + period - 1) / period);
      int i = origin + h - 1 - back;
      out[h - 1] = i >= 0 && i < x.length ? x[i] : Double.NaN;
    }
    return out;
  }

  private static void check(double[] actual, double[] other, String name) {
    if (actual.length != other.length) {
      throw new IllegalArgumentException(
          "actual has " + actual.length + " values but " + name + " has " + other.length);
    }
  }
}
