package dev.augur.report;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One compared window of one series and statistic, as a comparisons line holds it ({@code
 * dev.augur.transforms.sink.SinkJson#comparison}): absent values stay null.
 *
 * @param direction WITHIN, ABOVE, BELOW, NO_FORECAST or NO_ACTUAL, as written
 */
public record Point(
    long startMillis,
    long endMillis,
    @Nullable Double actual,
    @Nullable Double expected,
    @Nullable Double lower,
    @Nullable Double upper,
    @Nullable Double score,
    String direction) {

  /** The absolute deviation score, 0 when there is none. */
  public double absScore() {
    return score == null ? 0 : Math.abs(score);
  }

  /** Whether the window lies outside its prediction interval (|score| beyond 1). */
  public boolean outside() {
    return absScore() > 1;
  }

  /** Whether both interval bounds are known. */
  public boolean hasBand() {
    return lower != null && upper != null;
  }
}
