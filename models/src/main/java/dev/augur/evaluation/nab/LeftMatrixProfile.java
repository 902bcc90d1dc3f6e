package dev.augur.evaluation.nab;

import java.util.Arrays;

/**
 * How unlike anything seen before the latest stretch of a series is: for the last {@code length}
 * values, the distance to the nearest earlier stretch of the same length that does not overlap it
 * (the left matrix profile, as in DAMP, Lu et al., KDD 2022), as the root mean square of the
 * value-by-value differences. A repeat of an earlier shape at the same level is at distance 0; a
 * shape or a level never seen before is far from every earlier stretch.
 *
 * <p>The distances are not z-normalised: a stretch at a new level counts as new, and a flat stretch
 * needs no special case. Each {@link #next} updates the squared distances of the newest stretch to
 * every earlier one from those of the stretch before it (adding the newest difference, removing the
 * oldest), so it costs one pass over the history: {@code O(n)} per value, {@code O(n²)} for a
 * series.
 *
 * <p>Plain Java; {@link #next} reads only values already given.
 */
public final class LeftMatrixProfile {
  private final int length;
  private double[] values = new double[256];
  // squares[j]: squared distance between the newest stretch and the stretch ending at row j.
  private double[] squares = new double[256];
  private int count;

  /** A profile of stretches of {@code length} values. */
  public LeftMatrixProfile(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1, got " + length);
    }
    this.length = length;
  }

  /** The stretch length. */
  public int length() {
    return length;
  }

  /**
   * Takes the next value and returns the distance of the stretch it ends to the nearest earlier,
   * non-overlapping stretch; NaN until there is one (the first {@code 2 × length − 1} values).
   */
  public double next(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    if (count == values.length) {
      values = Arrays.copyOf(values, 2 * count);
      squares = Arrays.copyOf(squares, 2 * count);
    }
    int t = count++;
    values[t] = value;
    int m = length;
    if (t < m) {
      return Double.NaN;
    }
    double[] x = values;
    // From the newest j down, so squares[j - 1] still holds the previous stretch's distance.
    for (int j = t - 1; j >= m; j--) {
      double added = x[t] - x[j];
      double removed = x[t - m] - x[j - m];
      squares[j] = squares[j - 1] + added * added - removed * removed;
    }
    double first = 0;
    for (int q = 0; q < m; q++) {
      double d = x[t - q] - x[m - 1 - q];
      first += d * d;
    }
    squares[m - 1] = first;
    double nearest = Double.POSITIVE_INFINITY;
    for (int j = m - 1; j <= t - m; j++) {
      nearest = Math.min(nearest, squares[j]);
    }
    // The running sums may round a little below 0 for a repeated stretch.
    return nearest == Double.POSITIVE_INFINITY ? Double.NaN : Math.sqrt(Math.max(nearest, 0.0) / m);
  }
}
