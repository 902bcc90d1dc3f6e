package dev.augur.models;

import java.util.Arrays;

/** Medians of the first values of an array. */
final class Median {
  private Median() {}

  /**
   * The median of {@code v[0..n)}, {@code n > 0}, the mean of the middle two when {@code n} is
   * even. Sorts those values in place.
   */
  static double ofFirst(double[] v, int n) {
    Arrays.sort(v, 0, n);
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
