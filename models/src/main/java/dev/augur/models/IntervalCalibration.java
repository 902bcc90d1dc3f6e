package dev.augur.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conformal calibration of the quantile band, one adjustment per forecast step. For step
 * {@code h} the raw band {@code [lo, hi]} of the quantile model (in scaled units) becomes
 * {@code [lo - a_h * w, hi + b_h * w]} with {@code w = hi - lo + WIDTH_FLOOR}, where {@code a_h}
 * and {@code b_h} are the empirical {@code 1 - (1 - coverage)/2} quantiles of the normalised
 * conformity scores {@code (lo - y)/w} and {@code (y - hi)/w} of recursive forecasts over a
 * calibration segment (locally adaptive, one-sided conformalized quantile regression). Negative
 * adjustments narrow a band that was too wide. To smooth sampling noise, step {@code h} pools the
 * scores of steps {@code h - floor(h/10) .. h + floor(h/10)}.
 *
 * <p>Those adjustments fit all series' forecasts together, and a global model's band, in each
 * series' scaled units, follows a series' own noise only as far as the quantile model learned it:
 * on a generated backtest the bands of series of under 8 events a window covered 78–85 % of their
 * windows, those of 16 or more 91–93 %, and the quiet series paged falsely. So, with {@link
 * ForecastConfig#widenPerSeries()}, each series also gets a widening ({@link #widening}): the
 * factor by which its calibrated band, stretched around the median, would hold {@code coverage} of
 * that series' own ordinary calibration windows (the conformal quantile of the factor each window
 * needs), when that is more than 1 and the series has at least {@value #MIN_WIDENING_WINDOWS} such
 * windows, at most {@value #MAX_WIDENING}.
 * No band is narrowed below the pooled calibration: narrowing the series covered more than
 * nominal paged falsely more often in the same backtests.
 */
public final class IntervalCalibration implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Added to the raw band width (in scaled units) so degenerate bands still get widened. */
  public static final double WIDTH_FLOOR = 0.02;
  /** The ordinary calibration windows a series needs for a widening of its own. */
  public static final int MIN_WIDENING_WINDOWS = 48;
  /** The largest widening of a series' band. */
  public static final double MAX_WIDENING = 3.0;

  private final double coverage;
  private final double[] lowerAdjustment;
  private final double[] upperAdjustment;
  private final int scoresPerStep;
  private final int anomalousWindows;
  private final Span span;
  /** Series key → widening, for the series widened (more than 1) only. */
  private final Map<String, Double> widenings;

  /** The span of history whose forecasts gave the adjustments (see {@link ForecastTrainer}). */
  public enum Span {
    /** Model A's forecasts over the calibration segment. */
    CALIBRATION("calibration"),
    /** Model B's forecasts over the holdout. */
    HOLDOUT("holdout");

    private final String id;

    Span(String id) {
      this.id = id;
    }

    /** The name in model metadata. */
    public String id() {
      return id;
    }

    static Span of(String id) {
      for (Span s : values()) {
        if (s.id.equals(id)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown calibration span '" + id + "', expected "
          + CALIBRATION.id + " or " + HOLDOUT.id);
    }
  }

  IntervalCalibration(double coverage, double[] lowerAdjustment, double[] upperAdjustment,
      int scoresPerStep, int anomalousWindows, Span span) {
    this(coverage, lowerAdjustment, upperAdjustment, scoresPerStep, anomalousWindows, span,
        Map.of());
  }

  IntervalCalibration(double coverage, double[] lowerAdjustment, double[] upperAdjustment,
      int scoresPerStep, int anomalousWindows, Span span, Map<String, Double> widenings) {
    if (lowerAdjustment.length != upperAdjustment.length || lowerAdjustment.length == 0) {
      throw new IllegalArgumentException("need one lower and one upper adjustment per step");
    }
    widenings.forEach(
        (series, w) -> {
          if (!(w > 1 && w <= MAX_WIDENING)) {
            throw new IllegalArgumentException(
                "the widening of " + series + " must be in (1, " + MAX_WIDENING + "]: " + w);
          }
        });
    this.widenings = Map.copyOf(widenings);
    this.coverage = coverage;
    this.lowerAdjustment = lowerAdjustment.clone();
    this.upperAdjustment = upperAdjustment.clone();
    this.scoresPerStep = scoresPerStep;
    this.anomalousWindows = anomalousWindows;
    this.span = span;
  }

  /**
   * Builds the calibration from recursive forecasts over a span of history, leaving out the
   * windows that were anomalous there (see {@link #leaveOutAnomalies}).
   *
   * @param jobs the forecasts' jobs; those of one series share its values array
   * @param r their forecasts, {@code horizon} steps each
   * @param span where in the history the forecasts lie, for the model's metadata
   * @param widen whether each series gets a widening of its own (see above)
   */
  static IntervalCalibration fromForecasts(List<RecursiveForecaster.Job> jobs,
      RecursiveForecaster.Result r, int horizon, double coverage, Span span, boolean widen) {
    return Scores.of(jobs, r, horizon).calibration(coverage, span, widen);
  }

  /**
   * The conformity scores of recursive forecasts over a span of history, with the windows that
   * were anomalous there left out (see {@link #leaveOutAnomalies}). The holdout evaluation asks it
   * which windows were ordinary, so its coverage can also be read against the nominal one.
   */
  static final class Scores {
    private final double[][] lower;
    private final double[][] upper;
    private final int anomalousWindows;
    /** Jobs of series whose values do not vary there: measured, but calibrating nothing. */
    private final boolean[] uninformative;
    private final List<RecursiveForecaster.Job> jobs;
    private final RecursiveForecaster.Result forecasts;

    private Scores(double[][] lower, double[][] upper, int anomalousWindows,
        boolean[] uninformative, List<RecursiveForecaster.Job> jobs,
        RecursiveForecaster.Result forecasts) {
      this.lower = lower;
      this.upper = upper;
      this.anomalousWindows = anomalousWindows;
      this.uninformative = uninformative;
      this.jobs = jobs;
      this.forecasts = forecasts;
    }

    /**
     * @param jobs the forecasts' jobs; those of one series share its values array
     * @param r their forecasts, {@code horizon} steps each
     */
    static Scores of(List<RecursiveForecaster.Job> jobs, RecursiveForecaster.Result r,
        int horizon) {
      double[][] lower = new double[horizon][jobs.size()];
      double[][] upper = new double[horizon][jobs.size()];
      java.util.Set<double[]> constant = constantSeries(jobs, horizon);
      boolean[] uninformative = new boolean[jobs.size()];
      for (int j = 0; j < jobs.size(); j++) {
        RecursiveForecaster.Job job = jobs.get(j);
        uninformative[j] = constant.contains(job.x);
        for (int h = 0; h < horizon; h++) {
          double y = job.x[job.origin + h] / r.scale[j][h];
          double w = width(r.lower[j][h], r.upper[j][h]);
          lower[h][j] = (r.lower[j][h] - y) / w;
          upper[h][j] = (y - r.upper[j][h]) / w;
        }
      }
      return new Scores(
          lower, upper, leaveOutAnomalies(jobs, lower, upper), uninformative, jobs, r);
    }

    /**
     * The series (values arrays, which a series' jobs share) whose observed values are all the
     * same over the windows their jobs forecast: a series that sent nothing there (counts and sums
     * of 0), or a heartbeat. Their forecasts' scores say nothing of how far the others err, and
     * pooled with them they narrowed every band: one series with a single event in a fortnight
     * took a global model's holdout coverage of counts from 92 % to 71 %. None when every series
     * is constant.
     */
    private static java.util.Set<double[]> constantSeries(
        List<RecursiveForecaster.Job> jobs, int horizon) {
      java.util.Map<double[], int[]> spans = new java.util.IdentityHashMap<>();
      for (RecursiveForecaster.Job job : jobs) {
        int[] span = spans.computeIfAbsent(job.x, x -> new int[] {Integer.MAX_VALUE, 0});
        span[0] = Math.min(span[0], job.origin);
        span[1] = Math.max(span[1], job.origin + horizon);
      }
      java.util.Set<double[]> constant =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      spans.forEach(
          (x, span) -> {
            double first = Double.NaN;
            for (int t = span[0]; t < span[1]; t++) {
              if (Double.isNaN(x[t])) {
                continue;
              }
              if (Double.isNaN(first)) {
                first = x[t];
              } else if (x[t] != first) {
                return;
              }
            }
            constant.add(x);
          });
      // With none varying (a per-series model of a heartbeat), they are all there is.
      return constant.size() == spans.size() ? java.util.Set.of() : constant;
    }

    /**
     * Whether the window that job {@code job} forecast at {@code step} (1-based) was left out:
     * anomalous, or without an observed value.
     */
    boolean leftOut(int job, int step) {
      return Double.isNaN(lower[step - 1][job]);
    }

    /** The calibration of all jobs, with each series' widening when {@code widen} (see above). */
    IntervalCalibration calibration(double coverage, Span span, boolean widen) {
      boolean[] all = new boolean[uninformative.length];
      java.util.Arrays.fill(all, true);
      IntervalCalibration pooled = calibration(coverage, span, all, true);
      if (!widen) {
        return pooled;
      }
      return new IntervalCalibration(coverage, pooled.lowerAdjustment, pooled.upperAdjustment,
          pooled.scoresPerStep, pooled.anomalousWindows, span, widenings(pooled, coverage));
    }

    /**
     * Per series with enough ordinary windows, the conformal {@code coverage} quantile of the
     * factor by which {@code pooled}'s band, stretched around the median, would have had to widen
     * to hold each of them; the series whose factor is above 1.
     */
    private Map<String, Double> widenings(IntervalCalibration pooled, double coverage) {
      Map<String, List<Double>> needed = new java.util.TreeMap<>();
      for (int j = 0; j < jobs.size(); j++) {
        if (uninformative[j]) {
          continue;
        }
        RecursiveForecaster.Job job = jobs.get(j);
        for (int h = 0; h < lower.length; h++) {
          if (Double.isNaN(lower[h][j])) {
            continue; // anomalous, or no value observed
          }
          double lo = forecasts.lower[j][h];
          double med = forecasts.median[j][h];
          double hi = forecasts.upper[j][h];
          double y = job.x[job.origin + h] / forecasts.scale[j][h];
          double edge =
              y >= med ? pooled.upper(h + 1, lo, med, hi) : pooled.lower(h + 1, lo, med, hi);
          double factor =
              y == med ? 0 : edge == med ? MAX_WIDENING : Math.abs(y - med) / Math.abs(edge - med);
          needed.computeIfAbsent(job.key, k -> new ArrayList<>()).add(factor);
        }
      }
      Map<String, Double> out = new java.util.TreeMap<>();
      needed.forEach(
          (series, factors) -> {
            if (factors.size() < MIN_WIDENING_WINDOWS) {
              return;
            }
            double[] f = factors.stream().mapToDouble(Double::doubleValue).toArray();
            double w = Math.min(MAX_WIDENING, quantile(f, coverage));
            if (w > 1) {
              out.put(series, w);
            }
          });
      return out;
    }

    /** The calibration of the jobs {@code j} with {@code in[j] == keep} only. */
    IntervalCalibration calibration(double coverage, Span span, boolean[] in, boolean keep) {
      double[][] l = new double[lower.length][];
      double[][] u = new double[upper.length][];
      for (int h = 0; h < lower.length; h++) {
        l[h] = lower[h].clone();
        u[h] = upper[h].clone();
        for (int j = 0; j < in.length; j++) {
          if (in[j] != keep || uninformative[j]) {
            l[h][j] = Double.NaN;
            u[h][j] = Double.NaN;
          }
        }
      }
      return fromScores(l, u, coverage, anomalousWindows, span);
    }
  }

  /**
   * Builds the calibration from conformity scores: {@code lowerScores[h][i]} is
   * {@code (lo - y)/w} and {@code upperScores[h][i]} is {@code (y - hi)/w} of the i-th forecast at
   * step {@code h + 1}. NaN scores (left out as anomalous) are ignored.
   */
  private static IntervalCalibration fromScores(double[][] lowerScores, double[][] upperScores,
      double coverage, int anomalousWindows, Span span) {
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
      double[] lowerPool = pool(lowerScores, from, to);
      double[] upperPool = pool(upperScores, from, to);
      if (lowerPool.length == 0) {
        // No forecast of these steps met an observed value: pool every step's scores.
        lowerPool = pool(lowerScores, 0, horizon - 1);
        upperPool = pool(upperScores, 0, horizon - 1);
      }
      lower[h] = quantile(lowerPool, level);
      upper[h] = quantile(upperPool, level);
      minCount = Math.min(minCount, countFinite(lowerScores[h]));
    }
    return new IntervalCalibration(coverage, lower, upper, minCount, anomalousWindows, span);
  }

  /**
   * Robust sigmas above the median beyond which a window of the calibration span is taken for an
   * anomaly: Iglewicz and Hoaglin's cut of 3.5 on the modified z-score.
   */
  static final double ANOMALY_SIGMAS = 3.5;

  /**
   * Sets to NaN the scores of the windows that were anomalous in the calibration span, and returns
   * how many windows that left out. History is rarely clean, and the spikes, dips, shifts and
   * outages in it would otherwise widen every band, while the bands are meant to hold the
   * ordinary windows. Each window of a series is forecast from several origins; the median of
   * its scores over those forecasts says how far outside the band the window itself was (one
   * origin's forecast can be off on its own, say when it started from anomalous values). A window
   * is anomalous when that median, on either side, lies more than {@link #ANOMALY_SIGMAS} robust
   * sigmas (median absolute deviations, scaled) above the median of the same series' windows:
   * each series against its own ordinary errors, since a series of few events per window has
   * wider ones than the band's width alone conveys.
   */
  static int leaveOutAnomalies(
      List<RecursiveForecaster.Job> jobs, double[][] lower, double[][] upper) {
    int horizon = lower.length;
    Map<double[], List<Integer>> bySeries = new IdentityHashMap<>();
    for (int j = 0; j < jobs.size(); j++) {
      bySeries.computeIfAbsent(jobs.get(j).x, k -> new ArrayList<>()).add(j);
    }
    int leftOut = 0;
    for (Map.Entry<double[], List<Integer>> e : bySeries.entrySet()) {
      int length = e.getKey().length;
      double[] lowerMedians = windowMedians(length, e.getValue(), jobs, lower, horizon);
      double[] upperMedians = windowMedians(length, e.getValue(), jobs, upper, horizon);
      double lowerCut = cut(lowerMedians);
      double upperCut = cut(upperMedians);
      boolean[] anomalous = new boolean[length];
      for (int t = 0; t < length; t++) {
        anomalous[t] = lowerMedians[t] > lowerCut || upperMedians[t] > upperCut;
        leftOut += anomalous[t] ? 1 : 0;
      }
      for (int j : e.getValue()) {
        int origin = jobs.get(j).origin;
        for (int h = 0; h < horizon; h++) {
          if (anomalous[origin + h]) {
            lower[h][j] = Double.NaN;
            upper[h][j] = Double.NaN;
          }
        }
      }
    }
    return leftOut;
  }

  /** {@link #ANOMALY_SIGMAS} robust sigmas above the median of the values that are not NaN. */
  private static double cut(double[] values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    return v.length == 0 ? Double.POSITIVE_INFINITY : robustBound(v, ANOMALY_SIGMAS);
  }

  /**
   * {@code sigmas} robust sigmas (median absolute deviations, scaled to a normal's sigma) above the
   * median of {@code sorted}, or infinity when most values are equal.
   */
  private static double robustBound(double[] sorted, double sigmas) {
    int n = sorted.length;
    double median = median(sorted, n);
    double[] deviations = new double[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
    }
    Arrays.sort(deviations);
    double sigma = 1.4826 * median(deviations, n);
    return sigma > 0 ? median + sigmas * sigma : Double.POSITIVE_INFINITY;
  }

  /** Per window of a series of {@code length}, the median score of the jobs covering it, or NaN. */
  private static double[] windowMedians(int length, List<Integer> seriesJobs,
      List<RecursiveForecaster.Job> jobs, double[][] scores, int horizon) {
    int from = Integer.MAX_VALUE;
    int to = 0;
    for (int j : seriesJobs) {
      from = Math.min(from, jobs.get(j).origin);
      to = Math.max(to, jobs.get(j).origin + horizon);
    }
    double[][] covering = new double[to - from][seriesJobs.size()];
    int[] n = new int[to - from];
    for (int j : seriesJobs) {
      int origin = jobs.get(j).origin;
      for (int h = 0; h < horizon; h++) {
        double s = scores[h][j];
        if (!Double.isNaN(s)) {
          int t = origin + h - from;
          covering[t][n[t]++] = s;
        }
      }
    }
    double[] out = new double[length];
    Arrays.fill(out, Double.NaN);
    for (int t = 0; t < n.length; t++) {
      if (n[t] > 0) {
        double[] v = Arrays.copyOf(covering[t], n[t]);
        Arrays.sort(v);
        out[from + t] = median(v, v.length);
      }
    }
    return out;
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
      throw new IllegalArgumentException(
          "no forecast of the calibration span met an observed value to calibrate the intervals");
    }
    Arrays.sort(scores);
    int n = scores.length;
    double cut = robustBound(scores, OUTLIER_SIGMAS);
    while (n > 1 && scores[n - 1] > cut) {
      n--;
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

  /** Windows of the calibration span left out as anomalous (see {@link #leaveOutAnomalies}). */
  public int anomalousWindows() {
    return anomalousWindows;
  }

  /** The span of history whose forecasts gave the adjustments. */
  public Span span() {
    return span;
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

  /**
   * The factor by which {@code series}' band is widened around the median: 1 for a series with no
   * widening of its own (one the calibration did not see, or not widened).
   */
  public double widening(String series) {
    return widenings.getOrDefault(series, 1.0);
  }

  /** The series widened, with their factors, by key. */
  public Map<String, Double> widenings() {
    return new java.util.TreeMap<>(widenings);
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
    return "IntervalCalibration{coverage=" + coverage + ", span=" + span.id()
        + ", anomalousWindows=" + anomalousWindows + ", horizon=" + horizon()
        + ", step1=[" + lowerAdjustment[0] + ", " + upperAdjustment[0] + "], step" + horizon()
        + "=[" + lowerAdjustment[horizon() - 1] + ", " + upperAdjustment[horizon() - 1] + "]"
        + ", widened series=" + widenings.size() + "}";
  }
}
