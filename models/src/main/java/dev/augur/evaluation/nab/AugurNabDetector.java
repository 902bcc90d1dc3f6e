package dev.augur.evaluation.nab;

import java.util.Arrays;

/**
 * A streaming anomaly detector for one evenly spaced series, as the Numenta Anomaly Benchmark runs
 * detectors: {@link #next} scores each row from that row and the rows before it only, in [0, 1].
 *
 * <ol>
 *   <li>Forecast: five candidate one-step forecasts, the best of which (smallest recent mean
 *       absolute error, exponentially weighted at rate {@value #ERROR_RATE}) is used for each row:
 *       the previous value; once the probationary period has shown a spacing that divides a day,
 *       the median of the values at the same time of the last (up to) {@value #SEASONS} days, and
 *       of the last {@value #SEASONS} weeks (a robust seasonal naive forecast that one anomalous day
 *       does not echo into the next); and the previous value plus the median change between the
 *       same two times of the last {@value #SEASONS} days, and weeks (seasonal differencing, which
 *       follows the level like the previous value and the shape like the seasonal forecasts).
 *   <li>Deviation: the absolute residual in units of that candidate's mean absolute error — the
 *       residual normalised by a robust prediction-interval half-width, as Augur's streaming
 *       comparison scores actual values against forecast intervals.
 *   <li>Surprise: {@code −log10} of the probability of a deviation at least as large, from the
 *       extreme-value tail ({@link TailProbability}) of all the series' earlier deviations, so
 *       that a spike in a series full of spikes surprises less than a small step in a calm one.
 *       The rows of an alarmed anomaly stay out of that history while their deviations stay in
 *       the tail (see {@link #next}), and each candidate's mean absolute error takes an error of
 *       at most {@value #ERROR_CLIP} of its mean absolute errors: one anomaly inflates neither the
 *       tail nor the scale, so a second one soon after it still surprises.
 *   <li>Shape: the same surprise, from a tail of its own, for the distance of the last {@value
 *       #SHAPE_ROWS} values to the nearest earlier stretch ({@link LeftMatrixProfile}), which
 *       finds stretches unlike any before them even where each row's forecast error is ordinary.
 *       A row's surprise is the larger of the two less {@code log10 2}: the smaller of two
 *       p-values, Bonferroni-corrected, so that two chances to look surprising do not make
 *       alarms twice as frequent.
 *   <li>One alarm per event: a row raises an alarm when its surprise reaches
 *       {@value #ALARM_SURPRISE} (a tail probability of about 0.3 %) and then scores 1; the
 *       {@value #COOLDOWN} rows after an alarm score 0, as Augur's alarm state machine holds an
 *       incident open instead of paging again (the benchmark, like an operator, rewards the first
 *       detection of an event and charges each repeat). Every other row scores {@code s / (s + }
 *       {@value #HALF_SCORE_SURPRISE}{@code )} for its surprise {@code s} (below the alarm level,
 *       so under 0.2): a threshold below the alarm level still ranks those rows by their surprise,
 *       while the alarms themselves are the detector's decisions, not a ranking for the benchmark's
 *       threshold to cut at a level fitted to the series it is scored on.
 * </ol>
 *
 * <p>The probationary period ({@link NabScorer#probationaryLength}) scores 0 and only warms the
 * statistics up. There are no per-series parameters: the spacing and seasons come from the data,
 * the scale of the deviations from the series' own tail.
 */
public final class AugurNabDetector {
  /** Days (or weeks) whose values at the same time form the seasonal forecasts' median. */
  public static final int SEASONS = 3;

  /** Weight of the newest absolute error in each candidate's running mean absolute error. */
  public static final double ERROR_RATE = 0.01;

  /**
   * The largest absolute error, in mean absolute errors, that a candidate's running mean takes in
   * full; larger errors count as this many (once the mean has seen {@code 1 / ERROR_RATE} rows).
   */
  public static final double ERROR_CLIP = 2.0;

  /** The surprise ({@code −log10} tail probability) at which a row raises an alarm. */
  public static final double ALARM_SURPRISE = 2.5;

  /** Rows after an alarm that score 0 (and so raise no alarm). */
  public static final int COOLDOWN = 100;

  /** Values in each stretch of the shape statistic ({@link LeftMatrixProfile}). */
  public static final int SHAPE_ROWS = 12;

  /** The surprise that scores 0.5. */
  public static final double HALF_SCORE_SURPRISE = 10.0;

  private static final long DAY_SECONDS = 86_400;

  // Candidate forecasts, see predict().
  private static final int PREVIOUS = 0;
  private static final int DAILY = 1;
  private static final int WEEKLY = 2;
  private static final int DAILY_CHANGE = 3;
  private static final int WEEKLY_CHANGE = 4;

  private final int probation;
  private final double alarmSurprise;
  private final int cooldown;
  private final double[] values;
  private final long[] seconds;
  private int n;

  // The lag of each candidate's seasonal values; 0 while unknown (and for PREVIOUS).
  private final int[] lags = new int[5];
  private final double[] errors = new double[5];
  private final int[] errorCounts = new int[5];
  private boolean seasonsFixed;

  private final TailProbability tail = new TailProbability();
  private final LeftMatrixProfile shape = new LeftMatrixProfile(SHAPE_ROWS);
  private final TailProbability shapeTail = new TailProbability();
  private int lastAlarm = Integer.MIN_VALUE / 2;
  // Whether every row since the last alarm has been set aside as part of the alarmed event.
  private boolean inAlarmedEvent;
  // Rows the current event may still set aside, and rows the tail took in since the last one was.
  private int eventBudget;
  private int addedSinceEvent;

  /** A detector for a series of {@code rows} rows (which sets the probationary period). */
  public AugurNabDetector(int rows) {
    this(rows, ALARM_SURPRISE, COOLDOWN);
  }

  /**
   * A detector with another alarm level and cooldown than the defaults, for measuring how the
   * benchmark's score depends on them ({@code GeneratedNabBenchmark}).
   */
  AugurNabDetector(int rows, double alarmSurprise, int cooldown) {
    this.alarmSurprise = alarmSurprise;
    this.cooldown = cooldown;
    this.probation = NabScorer.probationaryLength(rows);
    this.values = new double[rows];
    this.seconds = new long[rows];
  }

  /** Scores every row of a series in order, each from itself and the rows before it. */
  public static double[] scoreAll(long[] epochSeconds, double[] values) {
    return scoreAll(epochSeconds, values, ALARM_SURPRISE, COOLDOWN);
  }

  /** The same with another alarm level and cooldown ({@code GeneratedNabBenchmark}). */
  static double[] scoreAll(long[] epochSeconds, double[] values, double alarmSurprise, int cooldown) {
    AugurNabDetector d = new AugurNabDetector(values.length, alarmSurprise, cooldown);
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
    double distance = shape.next(value);
    if (!seasonsFixed && t >= Math.max(probation, 2)) {
      fixSeasons();
    }
    if (t == 0) {
      return 0.0;
    }
    double deviation = deviation(t);
    for (int c = 0; c < lags.length; c++) {
      if (usable(c, t)) {
        learn(c, Math.abs(value - predict(c, t)));
      }
    }
    if (Double.isNaN(deviation)) {
      return 0.0;
    }
    double shapeSurprise = Double.isNaN(distance) ? 0.0 : shapeTail.surprise(distance);
    double larger = Math.max(tail.surprise(deviation), shapeSurprise);
    // The rows after an alarm that stay in either tail are the alarmed anomaly itself, not
    // ordinary behaviour: they are set aside, so that one long anomaly does not make the next
    // one look ordinary. The first row back in the body of both ends the event, and so does the
    // budget: an event sets aside no more rows than the tails took in since the previous one, so
    // anomalies never outnumber ordinary rows (a series that was constant and turns noisy would
    // otherwise stay one endless event, its tails never learning the noise).
    inAlarmedEvent = inAlarmedEvent && larger > 0.0 && eventBudget > 0;
    if (inAlarmedEvent) {
      eventBudget--;
      addedSinceEvent = 0;
    } else {
      tail.add(deviation);
      if (!Double.isNaN(distance)) {
        shapeTail.add(distance);
      }
      addedSinceEvent++;
    }
    if (t < probation || t - lastAlarm <= cooldown) {
      return 0.0;
    }
    // P(min of two p-values <= p) <= 2 p, whatever their dependence.
    double surprise = Math.max(0.0, larger - Math.log10(2.0));
    if (surprise >= alarmSurprise) {
      lastAlarm = t;
      inAlarmedEvent = true;
      eventBudget = addedSinceEvent;
      return 1.0;
    }
    return surprise / (surprise + HALF_SCORE_SURPRISE);
  }

  /**
   * Row {@code t}'s absolute residual under the best candidate, in its mean absolute errors; NaN
   * while no candidate has seen {@code 1 / ERROR_RATE} rows, the memory of its running mean.
   */
  private double deviation(int t) {
    int best = -1;
    for (int c = 0; c < lags.length; c++) {
      if (usable(c, t) && errorCounts[c] * ERROR_RATE >= 1.0
          && (best < 0 || errors[c] < errors[best])) {
        best = c;
      }
    }
    if (best < 0) {
      return Double.NaN;
    }
    double d = Math.abs(values[t] - predict(best, t)) / Math.max(errors[best], 1e-9);
    return Math.min(d, Double.MAX_VALUE);
  }

  private boolean usable(int c, int t) {
    if (c == PREVIOUS) {
      return t >= 1;
    }
    return lags[c] > 0 && t > lags[c];
  }

  /**
   * Adds an absolute error to candidate {@code c}'s running mean: the plain mean of its first
   * {@code 1 / ERROR_RATE} errors, exponentially weighted after them, each of those clipped at
   * {@value #ERROR_CLIP} times the mean so far. The clip bounds the influence of one error (a
   * Huber-type estimate of scale): a spike no longer inflates the scale the next hundred rows are
   * measured in, and so no longer hides a second spike soon after it.
   */
  private void learn(int c, double error) {
    if (errorCounts[c] * ERROR_RATE >= 1.0 && errors[c] > 0.0) {
      error = Math.min(error, ERROR_CLIP * errors[c]);
    }
    errorCounts[c]++;
    errors[c] += Math.max(ERROR_RATE, 1.0 / errorCounts[c]) * (error - errors[c]);
  }

  /** Candidate {@code c}'s forecast of row {@code t}, from rows before it. */
  private double predict(int c, int t) {
    if (c == PREVIOUS) {
      return values[t - 1];
    }
    int lag = lags[c];
    boolean change = c == DAILY_CHANGE || c == WEEKLY_CHANGE;
    int k = Math.min(SEASONS, (t - 1) / lag);
    double[] past = new double[k];
    for (int j = 0; j < k; j++) {
      int at = t - (j + 1) * lag;
      past[j] = change ? values[at] - values[at - 1] : values[at];
    }
    Arrays.sort(past);
    double median = k % 2 == 1 ? past[k / 2] : 0.5 * (past[k / 2 - 1] + past[k / 2]);
    return change ? values[t - 1] + median : median;
  }

  /**
   * At the end of the probationary period: infers the spacing (the median gap between rows so far)
   * and, when it divides a day, adds the seasonal candidates, their errors warmed up on the rows
   * already seen.
   */
  private void fixSeasons() {
    long[] gaps = new long[n - 1];
    for (int i = 1; i < n; i++) {
      gaps[i - 1] = seconds[i] - seconds[i - 1];
    }
    Arrays.sort(gaps);
    long spacing = gaps[gaps.length / 2];
    if (spacing > 0 && DAY_SECONDS % spacing == 0) {
      int day = (int) (DAY_SECONDS / spacing);
      lags[DAILY] = day;
      lags[WEEKLY] = 7 * day;
      lags[DAILY_CHANGE] = day;
      lags[WEEKLY_CHANGE] = 7 * day;
      for (int c = DAILY; c < lags.length; c++) {
        for (int i = lags[c] + 1; i < n; i++) {
          learn(c, Math.abs(values[i] - predict(c, i)));
        }
      }
    }
    seasonsFixed = true;
  }
}
