package dev.augur.evaluation.nab;

import java.util.Arrays;

/**
 * A streaming anomaly detector for one evenly spaced series, as the Numenta Anomaly Benchmark runs
 * detectors: {@link #next} scores each row from that row and the rows before it only, in [0, 1].
 *
 * <ol>
 *   <li>Forecast: candidate one-step forecasts are the previous value and, once the probationary
 *       period has shown a spacing that divides a day, the median of the values at the same time
 *       of the last (up to) {@value #SEASONS} days and of the last {@value #SEASONS} weeks — a
 *       robust seasonal naive forecast that one anomalous day does not echo into the next. The
 *       candidate with the smallest recent mean absolute error (exponentially weighted, rate
 *       {@value #ERROR_RATE}) is used.
 *   <li>Deviation: the absolute residual in units of that mean absolute error — the residual
 *       normalised by a robust prediction-interval half-width, as Augur's streaming comparison
 *       scores actual values against forecast intervals.
 *   <li>Likelihood: the mean deviation over the last {@value #SHORT} rows is compared with the
 *       distribution (mean, standard deviation) of that mean over the last {@value #LONG} rows, as
 *       NAB's anomaly likelihood does; the surprise is {@code −log10} of the normal upper tail
 *       probability.
 *   <li>One alarm per event: a row's surprise counts only when it exceeds every surprise of the
 *       {@value #REFRACTORY} rows before it (the benchmark, like an operator, rewards the first
 *       detection of an event and charges the repeats); otherwise the score is 0.
 *   <li>Scale: {@code s / (s + }{@value #HALF_SCORE_SURPRISE}{@code )}, monotone and never
 *       saturating, so a threshold can separate even very surprising rows.
 * </ol>
 *
 * <p>The probationary period ({@link NabScorer#probationaryLength}) scores 0 and only warms the
 * statistics up. There are no per-series parameters: the spacing and seasons come from the data.
 */
public final class AugurNabDetector {
  /** Days (or weeks) whose values at the same time form the seasonal forecasts' median. */
  public static final int SEASONS = 3;

  /** Weight of the newest absolute error in each candidate's running mean absolute error. */
  public static final double ERROR_RATE = 0.01;

  /** Rows averaged into the sustained deviation. */
  public static final int SHORT = 5;

  /** Rows of short-term deviations the likelihood's distribution is estimated over. */
  public static final int LONG = 8640;

  /** Rows after a surprise during which only a larger surprise raises a new alarm. */
  public static final int REFRACTORY = 50;

  /** The surprise ({@code −log10} tail probability) that scores 0.5. */
  public static final double HALF_SCORE_SURPRISE = 10.0;

  private static final long DAY_SECONDS = 86_400;

  private final int probation;
  private final double[] values;
  private final long[] seconds;
  private final double[] surprises;
  private int n;

  // Candidate forecasts: 0 the previous value, 1 the daily median, 2 the weekly median.
  private final int[] lags = {1, 0, 0};
  private final double[] errors = {Double.NaN, Double.NaN, Double.NaN};
  private boolean seasonsFixed;

  private final Likelihood single = new Likelihood(1);
  private final Likelihood sustained = new Likelihood(SHORT);

  /** A detector for a series of {@code rows} rows (which sets the probationary period). */
  public AugurNabDetector(int rows) {
    this.probation = NabScorer.probationaryLength(rows);
    this.values = new double[rows];
    this.seconds = new long[rows];
    this.surprises = new double[rows];
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
    if (n == values.length) {
      throw new IllegalStateException("the detector was made for " + values.length + " rows");
    }
    int t = n++;
    values[t] = value;
    seconds[t] = epochSecond;
    if (!seasonsFixed && t >= Math.max(probation, 2)) {
      fixSeasons();
    }
    if (t == 0) {
      return 0.0;
    }
    double deviation = deviation(t);
    for (int c = 0; c < lags.length; c++) {
      if (usable(c, t)) {
        errors[c] = updated(errors[c], Math.abs(value - predict(c, t)));
      }
    }
    double surprise = surprise(t, deviation);
    surprises[t] = surprise;
    if (t < probation) {
      return 0.0;
    }
    for (int i = Math.max(0, t - REFRACTORY); i < t; i++) {
      if (surprises[i] >= surprise) {
        return 0.0;
      }
    }
    return surprise / (surprise + HALF_SCORE_SURPRISE);
  }

  /** Row {@code t}'s absolute residual under the best candidate, in its mean absolute errors. */
  private double deviation(int t) {
    int best = -1;
    for (int c = 0; c < lags.length; c++) {
      if (usable(c, t) && !Double.isNaN(errors[c]) && (best < 0 || errors[c] < errors[best])) {
        best = c;
      }
    }
    if (best < 0) {
      return 0.0;
    }
    return Math.abs(values[t] - predict(best, t)) / Math.max(errors[best], 1e-9);
  }

  /** The larger surprise of the row's deviation and of the mean deviation of the last rows. */
  private double surprise(int t, double deviation) {
    return Math.max(single.surprise(t, deviation), sustained.surprise(t, deviation));
  }

  /**
   * NAB's anomaly likelihood in logarithms: the mean deviation over the last {@code rows} rows
   * against the normal distribution fitted to that mean over the last {@link #LONG} rows.
   */
  private static final class Likelihood {
    private final int rows;
    private final double[] recent;
    private double recentSum;
    private final double[] history = new double[LONG];
    private double historySum;
    private double historySumSq;
    private int historyCount;

    Likelihood(int rows) {
      this.rows = rows;
      this.recent = new double[rows];
    }

    /** {@code −log10} of the upper tail probability; then adds row {@code t} to the history. */
    double surprise(int t, double deviation) {
      recentSum += deviation - recent[t % rows];
      recent[t % rows] = deviation;
      double average = Math.max(0.0, recentSum / rows); // no negative rounding residue
      double surprise = 0.0;
      if (historyCount >= SHORT) {
        double mean = historySum / historyCount;
        double variance = Math.max(historySumSq / historyCount - mean * mean, 0.0);
        // A floor on the spread, so a perfectly regular past does not make every change infinite.
        double std = Math.sqrt(Math.max(variance, 1e-4 * mean * mean + 1e-12));
        double z = (average - mean) / std;
        surprise = z <= 0 ? 0.0 : -logUpperTail(z) / Math.log(10);
      }
      int slot = t % LONG;
      if (historyCount == LONG) {
        historySum -= history[slot];
        historySumSq -= history[slot] * history[slot];
      } else {
        historyCount++;
      }
      history[slot] = average;
      historySum += average;
      historySumSq += average * average;
      return surprise;
    }
  }

  private boolean usable(int c, int t) {
    return lags[c] > 0 && t >= lags[c];
  }

  private static double updated(double mean, double error) {
    return Double.isNaN(mean) ? error : mean + ERROR_RATE * (error - mean);
  }

  /** Candidate {@code c}'s forecast of row {@code t}: the median of up to SEASONS lagged values. */
  private double predict(int c, int t) {
    int lag = lags[c];
    if (lag == 1) {
      return values[t - 1];
    }
    int k = Math.min(SEASONS, t / lag);
    double[] past = new double[k];
    for (int j = 0; j < k; j++) {
      past[j] = values[t - (j + 1) * lag];
    }
    Arrays.sort(past);
    return k % 2 == 1 ? past[k / 2] : 0.5 * (past[k / 2 - 1] + past[k / 2]);
  }

  /**
   * At the end of the probationary period: infers the spacing (the median gap between rows so far)
   * and, when it divides a day, adds the daily and weekly candidates, their errors warmed up on the
   * rows already seen.
   */
  private void fixSeasons() {
    long[] gaps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = seconds[i] - seconds[i - 1];
    }
    Arrays.sort(gaps);
    long spacing = gaps[gaps.length / 2];
    if (spacing > 0 && DAY_SECONDS % spacing == 0) {
      lags[1] = (int) (DAY_SECONDS / spacing);
      lags[2] = 7 * lags[1];
      for (int c = 1; c < lags.length; c++) {
        for (int i = lags[c]; i < n; i++) {
          errors[c] = updated(errors[c], Math.abs(values[i] - predict(c, i)));
        }
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
