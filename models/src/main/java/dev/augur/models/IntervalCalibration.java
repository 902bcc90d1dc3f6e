package dev.augur.models;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Conformal calibration of the quantile band, one adjustment per forecast step. For step
 * {@code h} the raw band {@code [lo, hi]} of the quantile model (in scaled units) becomes
 * {@code [lo - a_h * w, hi + b_h * w]} with {@code w = hi - lo + WIDTH_FLOOR}, where {@code a_h}
 * and {@code b_h} are the empirical {@code 1 - (1 - coverage)/2} quantiles of the normalised
 * conformity scores {@code (lo - y)/w} and {@code (y - hi)/w} of recursive forecasts over a
 * calibration segment (locally adaptive, one-sided conformalized quantile regression). Negative
 * adjustments narrow a band that was too wide. To smooth sampling noise, step {@code h} pools the
 * scores of steps {@code h - floor(h/10) .. h + floor(h/10)}.
 */
public final class IntervalCalibration implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Added to the raw band width (in scaled units) so degenerate bands still get widened. */
  public static final double WIDTH_FLOOR = 0.02;

  private final double coverage;
  private final double[] lowerAdjustment;
  private final double[] upperAdjustment;
  private final int scoresPerStep;

  IntervalCalibration(
      double coverage, double[] lowerAdjustment, double[] upperAdjustment, int scoresPerStep) {
    if (lowerAdjustment.length != upperAdjustment.length || lowerAdjustment.length == 0) {
      throw new IllegalArgumentException("need one lower and one upper adjustment per step");
    }
    this.coverage = coverage;
    this.lowerAdjustment = lowerAdjustment.clone();
    this.upperAdjustment = upperAdjustment.clone();
    this.scoresPerStep = scoresPerStep;
  }

  /**
   * Builds the calibration from conformity scores: {@code lowerScores[h][i]} is
   * {@code (lo - y)/w} and {@code upperScores[h][i]} is {@code (y - hi)/w} of the i-th forecast at
   * step {@code h + 1}. NaN scores are ignored.
   */
  static IntervalCalibration fromScores(
      double[][] lowerScores, double[][] upperScores, double coverage) {
    int horizon = lowerScores.length;
    double level = 1 - (1 - coverage) / 2;
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    int minCount = Integer.MAX_VALUE;
    for (int h = 0; h < horizon; h++) {
      int step = h + 1;
      int r = step / 10;
      int from = Math.max(0, h - r);
      int to = Math.min(horizon - 1, h + r);
      lower[h] = quantile(pool(lowerScores, from, to), level);
      upper[h] = quantile(pool(upperScores, from, to), level);
      minCount = Math.min(minCount, countFinite(lowerScores[h]));
    }
    return new IntervalCalibration(coverage, lower, upper, minCount);
  }

  private static double[] pool(double[][] scores, int from, int to) {
    int n = 0;
    for (int h = from; h <= to; h++) {
      n += scores[h].length;
    }
    double[] out = new double[n];
    int k = 0;
    for (int h = from; h <= to; h++) {
      for (double s : scores[h]) {
        if (!Double.isNaN(s)) {
          out[k++] = s;
        }
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Robust sigmas above the median beyond which a conformity score is taken for an anomaly in
   * the calibration span rather than for the model's ordinary error: history is rarely clean,
   * and a few spikes or outages there would otherwise widen every band.
   */
  static final double OUTLIER_SIGMAS = 8;

  /**
   * The conformal quantile: the ceil((n+1) * level)-th smallest score (the largest if beyond),
   * among the scores that are not gross outliers ({@link #OUTLIER_SIGMAS} median absolute
   * deviations, scaled to sigmas, above the median).
   */
  static double quantile(double[] scores, double level) {
    if (scores.length == 0) {
      throw new IllegalStateException("no conformity scores to calibrate the intervals");
    }
    Arrays.sort(scores);
    int n = scores.length;
    double median = median(scores, n);
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(scores[i] - median);
    }
    Arrays.sort(deviations);
    double sigma = 1.4826 * median(deviations, n);
    if (sigma > 0) {
      double cut = median + OUTLIER_SIGMAS * sigma;
      while (n > 1 && scores[n - 1] > cut) {
        n--;
      }
    }
    int rank = (int) Math.ceil((n + 1) * level);
    return scores[Math.min(rank, n) - 1];
  }

  private static double median(double[] sorted, int n) {
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static int countFinite(double[] v) {
    int n = 0;
    for (double d : v) {
      n += Double.isNaN(d) ? 0 : 1;
    }
    return n;
  }

  /** Nominal coverage the adjustments were computed for. */
  public double coverage() {
    return coverage;
  }

  /** Number of calibrated steps. */
  public int horizon() {
    return lowerAdjustment.length;
  }

  /** Scores at the least populated step (before pooling neighbours). */
  public int scoresPerStep() {
    return scoresPerStep;
  }

  /** Adjustment of the lower bound at {@code step} (1-based), in band widths. */
  public double lowerAdjustment(int step) {
    return lowerAdjustment[step - 1];
  }

  /** Adjustment of the upper bound at {@code step} (1-based), in band widths. */
  public double upperAdjustment(int step) {
    return upperAdjustment[step - 1];
  }

  double[] lowerAdjustments() {
    return lowerAdjustment.clone();
  }

  double[] upperAdjustments() {
    return upperAdjustment.clone();
  }

  /** Normalising width of a raw band. */
  static double width(double lo, double hi) {
    return Math.max(hi - lo, 0) + WIDTH_FLOOR;
  }

  /** The calibrated lower bound at {@code step}, never above {@code median}. */
  double lower(int step, double lo, double median, double hi) {
    return Math.min(lo - lowerAdjustment[step - 1] * width(lo, hi), median);
  }

  /** The calibrated upper bound at {@code step}, never below {@code median}. */
  double upper(int step, double lo, double median, double hi) {
    return Math.max(hi + upperAdjustment[step - 1] * width(lo, hi), median);
  }

  @Override
  public String toString() {
    return "IntervalCalibration{coverage=" + coverage + ", horizon=" + horizon()
        + ", step1=[" + lowerAdjustment[0] + ", " + upperAdjustment[0] + "], step" + horizon()
        + "=[" + lowerAdjustment[horizon() - 1] + ", " + upperAdjustment[horizon() - 1] + "]}";
  }
}
