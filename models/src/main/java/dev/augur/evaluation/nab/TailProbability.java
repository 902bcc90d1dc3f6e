package dev.augur.evaluation.nab;

import java.util.Arrays;

/**
 * How surprising a value is against every value seen before it, from the upper tail of their
 * distribution: a peaks-over-threshold model (the extreme-value approach of SPOT, Siffer et al.,
 * KDD 2017). The threshold {@code u} is the {@value #QUANTILE} quantile of the values so far; the
 * excesses over it follow a generalised Pareto distribution whose shape and scale are fitted by the
 * method of moments, so {@code P(X > x) = f · (1 + ξ (x − u) / σ)^(−1/ξ)} for {@code x > u}, with
 * {@code f} the share of values above {@code u}. Heavy-tailed series (frequent large spikes) get a
 * large shape and so find a new spike less surprising than a series whose excesses are small and
 * even; that is what makes one threshold on {@link #surprise} fit series of very different kinds.
 *
 * <p>The moment estimate of the shape is kept in {@code [0, }{@value #MAX_SHAPE}{@code ]}: a
 * negative shape would give the tail a finite end beyond which every value is impossible, and the
 * moment estimator needs a finite variance ({@code ξ < 0.5}). Few excesses leave the tail itself
 * uncertain, which the fit does not hide: the tail is never lighter than the posterior predictive
 * tail of an exponential fitted to the same {@code k} excesses (its rate unknown, under Jeffreys'
 * prior), a generalised Pareto tail of shape {@code 1 / k} and scale their mean. With fewer than
 * ten excesses (a history of under about a thousand values) that is the fit; with many it is
 * close to the exponential tail, and the moments' heavier one wins when they find it.
 *
 * <p>The model is refitted after {@value #MIN_REFIT} new values, or a sixteenth of the values so
 * far when that is more, so the cost stays near-linear.
 *
 * <p>Plain Java; {@link #surprise} reads only values already {@link #add added}.
 */
public final class TailProbability {
  /** Quantile of the values seen that starts the tail. */
  public static final double QUANTILE = 0.99;

  /** Largest shape of the fitted generalised Pareto distribution. */
  public static final double MAX_SHAPE = 0.45;

  /** Values needed before {@link #surprise} is anything but 0. */
  public static final int MIN_VALUES = 100;

  /** Fewest new values between two fits. */
  public static final int MIN_REFIT = 50;

  /** Fewest excesses for a shape estimate; with fewer the tail is taken as exponential. */
  private static final int MIN_EXCESSES_FOR_SHAPE = 10;

  private double[] values = new double[256];
  private int count;
  private int nextFit = MIN_VALUES;
  private boolean fitted;
  private double threshold;
  private double exceedShare;
  private double shape;
  private double scale;

  /** Adds a value to the history the tail is fitted to. */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    if (count == values.length) {
      values = Arrays.copyOf(values, 2 * count);
    }
    values[count++] = value;
  }

  /** Values added so far. */
  public int count() {
    return count;
  }

  /**
   * {@code −log10 P(X ≥ x)} under the fitted tail for {@code x} above the threshold, 0 at or below
   * it and while fewer than {@value #MIN_VALUES} values have been added.
   */
  public double surprise(double x) {
    if (count < MIN_VALUES) {
      return 0.0;
    }
    if (!fitted || count >= nextFit) {
      fit();
      nextFit = count + Math.max(MIN_REFIT, count / 16);
    }
    if (!(x > threshold)) {
      return 0.0;
    }
    double excess = x - threshold;
    double lnTail =
        shape == 0.0 ? -excess / scale : -Math.log1p(shape * excess / scale) / shape;
    return (-Math.log(exceedShare) - lnTail) / Math.log(10);
  }

  private void fit() {
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int at = (int) Math.floor(QUANTILE * (count - 1));
    threshold = sorted[at];
    int excesses = 0;
    double sum = 0;
    for (int i = at + 1; i < count; i++) {
      if (sorted[i] > threshold) {
        excesses++;
        sum += sorted[i] - threshold;
      }
    }
    exceedShare = Math.max(excesses, 1) / (double) count;
    double mean = excesses == 0 ? 0.0 : sum / excesses;
    double squares = 0;
    for (int i = at + 1; i < count; i++) {
      if (sorted[i] > threshold) {
        double d = sorted[i] - threshold - mean;
        squares += d * d;
      }
    }
    double variance = excesses > 1 ? squares / (excesses - 1) : 0.0;
    shape = 0.0;
    if (excesses >= MIN_EXCESSES_FOR_SHAPE && variance > 0) {
      shape = Math.max(0.0, Math.min(MAX_SHAPE, 0.5 * (1.0 - mean * mean / variance)));
    }
    // The distribution's mean excess is scale / (1 − shape); a tail without excesses (a constant
    // history) gets a tiny scale, so any value above it is very surprising.
    scale = Math.max(mean * (1.0 - shape), 1e-9 * Math.max(1.0, Math.abs(threshold)));
    // k excesses cannot vouch for a tail lighter than the exponential's predictive one: with the
    // rate unknown (Jeffreys prior), the next excess over k with mean m has
    // P(Y > y) = (1 + y / (k m))^(−k), a generalised Pareto tail of shape 1 / k and scale m.
    if (excesses > 0 && shape < 1.0 / excesses) {
      shape = 1.0 / excesses;
      scale = Math.max(mean, 1e-9 * Math.max(1.0, Math.abs(threshold)));
    }
    fitted = true;
  }
}
