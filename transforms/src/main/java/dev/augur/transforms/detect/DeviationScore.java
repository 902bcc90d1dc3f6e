package dev.augur.transforms.detect;

import dev.augur.models.Statistic;
import dev.augur.transforms.records.Comparison.Direction;

/**
 * How far an actual value lies from its forecast, in half-widths of the prediction interval on the
 * side it deviates to: {@code (actual - expected) / (upper - expected)} above the expected value,
 * {@code (actual - expected) / (expected - lower)} below it. 0 at the expected value, ±1 at the
 * interval's edges (still {@link Direction#WITHIN}), beyond ±1 outside it ({@link Direction#ABOVE}
 * or {@link Direction#BELOW}).
 *
 * <p>A side of zero width cannot scale a deviation. Where the forecast is certain, a band of no
 * width at all (a quiet series' count forecast as exactly 0) or a lower side at a floor of 0 (a
 * count, or a sum never negative, forecast as 0), any deviation towards it scores {@link
 * #SATURATED} with its sign, a finite stand-in for "infinitely far" that JSON and metric sinks
 * accept. A side that collapsed onto the forecast elsewhere (its calibrated quantile crossed the
 * median, which then bounds the band) says nothing of certainty: a value beyond it lies outside
 * the interval, just past its edge, and scores ±1 plus its deviation in the other side's
 * half-width, so a 3 % shortfall under a band of [22,396, 37,066] around 22,396 scores -1.05, not
 * -1000 as it used to. Every score is clamped to ±{@link #SATURATED}.
 *
 * <p>A count is measured on the square-root scale ({@link #of(Statistic, double, double, double,
 * double)}): {@code (sqrt(actual) - sqrt(expected)) / (sqrt(upper) - sqrt(expected))} above the
 * forecast, {@code (sqrt(actual) - sqrt(expected)) / (sqrt(expected) - sqrt(lower))} below it. The
 * square root makes a Poisson count's spread nearly the same at every level, keeps the band's edges
 * at ±1 and keeps the order of values. On the linear scale a count, which cannot fall below 0,
 * could score no further down than {@code -expected / (expected - lower)}: -1.67 for a band of [2,
 * 8] around 5, so a series of 5 events a window could stay silent for hours without one window
 * scoring past the default {@code --minScore} of 1.85. On the square-root scale that silence
 * scores -2.72. At hundreds of events a window the two scales differ little within a few
 * half-widths.
 *
 * @param score the signed deviation in interval half-widths, within ±{@link #SATURATED}
 * @param direction {@link Direction#WITHIN}, {@link Direction#ABOVE} or {@link Direction#BELOW}
 */
public record DeviationScore(double score, Direction direction) {
  /** The largest score magnitude; given to any deviation towards a zero-width side. */
  public static final double SATURATED = 1000.0;

  /**
   * Scores {@code actual} against {@code expected} in {@code [lower, upper]}; all finite, with
   * {@code lower <= expected <= upper}.
   */
  public static DeviationScore of(double actual, double expected, double lower, double upper) {
    requireOrdered(actual, expected, lower, upper);
    return linear(actual, expected, lower, upper);
  }

  private static DeviationScore linear(double actual, double expected, double lower, double upper) {
    double deviation = actual - expected;
    if (deviation == 0) {
      return new DeviationScore(0.0, Direction.WITHIN);
    }
    double halfWidth = deviation > 0 ? upper - expected : expected - lower;
    double otherHalfWidth = deviation > 0 ? expected - lower : upper - expected;
    boolean atFloor = deviation < 0 && expected == 0;
    double score;
    if (halfWidth > 0) {
      score = deviation / halfWidth;
    } else if (!atFloor && otherHalfWidth > 0) {
      // Collapsed: past the edge, by the other side's measure.
      score = Math.copySign(1 + Math.abs(deviation) / otherHalfWidth, deviation);
    } else {
      score = Math.copySign(SATURATED, deviation);
    }
    return clamped(score);
  }

  /**
   * Scores {@code actual} of {@code statistic} as {@link #of(double, double, double, double)} does,
   * except a {@link Statistic#COUNT} with a band at or above 0, which is scored on the square-root
   * scale (see above) towards a side of some width.
   */
  public static DeviationScore of(
      Statistic statistic, double actual, double expected, double lower, double upper) {
    requireOrdered(actual, expected, lower, upper);
    if (statistic == Statistic.COUNT && actual >= 0 && lower >= 0 && actual != expected) {
      double root = Math.sqrt(expected);
      double edge = Math.sqrt(actual > expected ? upper : lower);
      if (edge != root) {
        return clamped((Math.sqrt(actual) - root) / Math.abs(edge - root));
      }
    }
    return linear(actual, expected, lower, upper);
  }

  private static void requireOrdered(double actual, double expected, double lower, double upper) {
    if (!Double.isFinite(actual)
        || !Double.isFinite(expected)
        || !Double.isFinite(lower)
        || !Double.isFinite(upper)
        || !(lower <= expected && expected <= upper)) {
      throw new IllegalArgumentException(
          "need finite values and lower <= expected <= upper, got actual " + actual + ", expected "
              + expected + " in [" + lower + ", " + upper + "]");
    }
  }

  private static DeviationScore clamped(double raw) {
    double score = Math.max(-SATURATED, Math.min(SATURATED, raw));
    Direction direction = score > 1 ? Direction.ABOVE : score < -1 ? Direction.BELOW : Direction.WITHIN;
    return new DeviationScore(score, direction);
  }
}
