package dev.augur.evaluation.nab;

import java.util.Arrays;

/**
 * A streaming anomaly detector for NAB series: each row's score uses that row and the rows before
 * it only.
 *
 * <ol>
 *   <li>Forecast: candidate one-step forecasts — the previous value and, once the spacing inferred
 *       from the timestamps divides a day or a week, the value one day and one week earlier. The
 *       residual used is that of the candidate with the smallest recent mean absolute error, so
 *       seasonal series are compared with their season and the others with their last value.
 *   <li>Deviation: the residual in units of the recent mean absolute residual (a robust
 *       prediction-interval half-width).
 *   <li>Likelihood: the mean deviation over the last few rows is compared with the distribution of
 *       that mean over a long past; the score is the negative base-10 logarithm of its upper tail
 *       probability, divided by {@link #LOG_SCALE} and clipped to [0, 1].
 * </ol>
 *
 * <p>Nothing is scored during the probationary period ({@link NabScorer#probationaryLength}); it
 * only warms the statistics up.
 */
public final class AugurNabDetector {
  /** A tail probability of {@code 10^-LOG_SCALE} scores 0.5; smaller ones approach 1. */
  public static final double LOG_SCALE = 10.0;

  private static final int SHORT = 10;
  private static final int LONG = 8640;
  private static final double ERROR_DECAY = 0.01;

  private final int probation;
  private final double[] values;
  private final long[] seconds;
  private int n;

  // Candidate forecasts: lag in rows (0 = unused) and recent mean absolute error.
  private final int[] lags = new int[3];
  private final double[] errors = new double[3];
  private boolean seasonsFixed;

  private double meanAbsResidual = Double.NaN;
  private final double[] recentDeviation = new double[SHORT];
  private double recentSum;
  private final double[] history = new double[LONG];
  private double historySum;
  private double historySumSq;
  private int historyCount;

  /** A detector for a series of {@code rows} rows. */
  public AugurNabDetector(int rows) {
    this.probation = NabScorer.probationaryLength(rows);
    this.values = new double[rows];
    this.seconds = new long[rows];
    lags[0] = 1;
    Arrays.fill(errors, Double.NaN);
  }

  /** Scores every row of a series in order, each from itself and the rows before it. */
  public static double[] scoreAll(long[] epochSeconds, double[] values) {
    AugurNabDetector d = new AugurNabDetector(values.length);
    double[] scores = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scores[i] = d.next(epochSeconds[i], values[i]);
    }
    return scores;
  }

  /** Takes the next row and returns its anomaly score in [0, 1]. */
  public double next(long epochSecond, double value) {
    int t = n++;
    values[t] = value;
    seconds[t] = epochSecond;
    if (!seasonsFixed && t >= Math.max(probation, 2)) {
      fixSeasons();
    }
    if (t == 0) {
      return 0.0;
    }
    // Residual of the candidate that forecast best so far, then update every candidate.
    int best = -1;
    for (int c = 0; c < lags.length; c++) {
      if (lags[c] > 0 && t >= lags[c] && (best < 0 || errors[c] < errors[best])) {
        best = c;
      }
    }
    double residual = best < 0 ? 0.0 : Math.abs(value - values[t - lags[best]]);
    for (int c = 0; c < lags.length; c++) {
      if (lags[c] > 0 && t >= lags[c]) {
        double e = Math.abs(value - values[t - lags[c]]);
        errors[c] = Double.isNaN(errors[c]) ? e : errors[c] + ERROR_DECAY * (e - errors[c]);
      }
    }
    double scale = meanAbsResidual;
    double deviation = Double.isNaN(scale) ? 0.0 : residual / Math.max(scale, 1e-9);
    meanAbsResidual = Double.isNaN(scale) ? residual : scale + ERROR_DECAY * (residual - scale);

    recentSum += deviation - recentDeviation[t % SHORT];
    recentDeviation[t % SHORT] = deviation;
    double average = recentSum / SHORT;

    double score = 0.0;
    if (historyCount >= SHORT && t >= probation) {
      double mean = historySum / historyCount;
      double variance = Math.max(historySumSq / historyCount - mean * mean, 0.0);
      double std = Math.sqrt(Math.max(variance, 1e-4 * mean * mean + 1e-12));
      double z = (average - mean) / std;
      double surprise = z <= 0 ? 0.0 : -logUpperTail(z) / Math.log(10);
      score = surprise / (surprise + LOG_SCALE);
    }
    int slot = historyCount < LONG ? historyCount : t % LONG;
    if (historyCount >= LONG) {
      historySum -= history[slot];
      historySumSq -= history[slot] * history[slot];
    } else {
      historyCount++;
    }
    history[slot] = average;
    historySum += average;
    historySumSq += average * average;
    return score;
  }

  /** Chooses the candidate forecasts from the spacing seen so far. */
  private void fixSeasons() {
    long[] gaps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = seconds[i] - seconds[i - 1];
    }
    Arrays.sort(gaps);
    long spacing = gaps[gaps.length / 2];
    if (spacing > 0 && 86_400 % spacing == 0) {
      lags[1] = (int) (86_400 / spacing);
      lags[2] = 7 * lags[1];
    }
    // Warm the seasonal candidates' errors up on the rows already seen.
    for (int c = 1; c < lags.length; c++) {
      for (int i = lags[c]; lags[c] > 0 && i < n; i++) {
        double e = Math.abs(values[i] - values[i - lags[c]]);
        errors[c] = Double.isNaN(errors[c]) ? e : errors[c] + ERROR_DECAY * (e - errors[c]);
      }
    }
    seasonsFixed = true;
  }

  /**
   * {@code ln P(Z > z)} of a standard normal for {@code z >= 0}, from the Chebyshev fit of erfc
   * (relative error below 1.2e-7), in logarithms so that far tails do not underflow.
   */
  static double logUpperTail(double z) {
    double a = z / Math.sqrt(2.0);
    double k = 1.0 / (1.0 + 0.5 * a);
    double exponent =
        -a * a - 1.26551223 + k * (1.00002368 + k * (0.37409196 + k * (0.09678418
            + k * (-0.18628806 + k * (0.27886807 + k * (-1.13520398 + k * (1.48851587
            + k * (-0.82215223 + k * 0.17087277))))))));
    return Math.log(0.5 * k) + exponent;
  }
}
