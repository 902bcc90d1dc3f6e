package dev.augur.models;

import java.io.Serializable;

/**
 * The forecast of one window: the expected value (the median forecast) and a prediction interval
 * {@code [lower, upper]} of the model's nominal coverage. Always {@code lower <= expected <= upper}.
 */
public final class ForecastPoint implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long windowStartMillis;
  private final long windowEndMillis;
  private final double expected;
  private final double lower;
  private final double upper;

  public ForecastPoint(
      long windowStartMillis, long windowEndMillis, double expected, double lower, double upper) {
    if (!(lower <= expected && expected <= upper)) {
      throw new IllegalArgumentException(
          "need lower <= expected <= upper, got " + lower + ", " + expected + ", " + upper);
    }
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.expected = expected;
    this.lower = lower;
    this.upper = upper;
  }

  public long windowStartMillis() {
    return windowStartMillis;
  }

  /** Exclusive end of the window. */
  public long windowEndMillis() {
    return windowEndMillis;
  }

  public double expected() {
    return expected;
  }

  public double lower() {
    return lower;
  }

  public double upper() {
    return upper;
  }

  /** Whether {@code value} lies inside the interval (bounds included). */
  public boolean covers(double value) {
    return value >= lower && value <= upper;
  }

  @Override
  public String toString() {
    return "ForecastPoint{" + windowStartMillis + ".." + windowEndMillis + ", expected=" + expected
        + ", [" + lower + ", " + upper + "]}";
  }
}
