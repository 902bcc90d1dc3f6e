package dev.augur.models;

import java.util.Arrays;
import java.util.List;

/**
 * Runs the recursive multi-step forecast of a quantile model for a batch of (series, origin)
 * jobs at once: at each step the features of every job are built from its observed values and the
 * median forecasts of the earlier steps, all jobs are predicted in one call, and each job's median
 * is written back as the next lag. Forecasts are clipped at 0 for statistics that cannot be negative
 * (counts, standard deviations) and for series whose history before the origin has no negative
 * value (a sum of amounts or a mean latency): a band reaching below 0 there only hides the one
 * value that would be news.
 */
final class RecursiveForecaster {
  /** One forecast: the windows of {@code x} from {@code origin} on are treated as unknown. */
  static final class Job {
    /** The series' key, which names its band's widening (see {@link IntervalCalibration}). */
    final String key;
    final double[] x;
    final long startMillis;
    final int origin;
    /** Whether no window before {@code origin} is negative. */
    final boolean neverNegative;

    Job(String key, double[] x, long startMillis, int origin) {
      this.key = key;
      this.x = x;
      this.startMillis = startMillis;
      this.origin = origin;
      boolean negative = false;
      for (int i = 0; i < origin && !negative; i++) {
        negative = x[i] < 0;
      }
      this.neverNegative = !negative;
    }
  }

  /** Per job and step: the series scale and the sorted quantile forecasts in scaled units. */
  static final class Result {
    final double[][] scale;
    final double[][] lower;
    final double[][] median;
    final double[][] upper;
    /** Per job: whether its forecasts are clipped at 0. */
    final boolean[] clipped;

    Result(int jobs, int horizon) {
      clipped = new boolean[jobs];
      scale = new double[jobs][horizon];
      lower = new double[jobs][horizon];
      median = new double[jobs][horizon];
      upper = new double[jobs][horizon];
    }
  }

  private final QuantileModel model;
  private final LagFeatures features;
  private final boolean nonNegative;
  private final int medianIndex;

  RecursiveForecaster(QuantileModel model, LagFeatures features, Statistic target,
      double[] quantiles) {
    this.model = model;
    this.features = features;
    this.nonNegative = nonNegative(target);
    int m = Arrays.binarySearch(quantiles, 0.5);
    if (m < 0) {
      throw new IllegalArgumentException("quantiles must include 0.5");
    }
    this.medianIndex = m;
  }

  /** Whether values of {@code s} can never be negative (counts and standard deviations). */
  static boolean nonNegative(Statistic s) {
    return s == Statistic.COUNT || s == Statistic.STDDEV;
  }

  Result run(List<Job> jobs, int horizon) {
    int n = jobs.size();
    int lookback = features.lookback();
    int width = features.size();
    long window = features.windowMillis();
    double[][] buf = new double[n][];
    long[] bufStart = new long[n];
    int[] origin = new int[n];
    int[] scaleEnd = new int[n];
    double[] scale = new double[n];
    for (int j = 0; j < n; j++) {
      Job job = jobs.get(j);
      int base = Math.max(0, job.origin - lookback);
      buf[j] = new double[job.origin - base + horizon];
      System.arraycopy(job.x, base, buf[j], 0, job.origin - base);
      Arrays.fill(buf[j], job.origin - base, buf[j].length, Double.NaN);
      bufStart[j] = job.startMillis + base * window;
      origin[j] = job.origin - base;
      scaleEnd[j] = -1;
    }
    Result r = new Result(n, horizon);
    for (int j = 0; j < n; j++) {
      r.clipped[j] = nonNegative || jobs.get(j).neverNegative;
    }
    double[] row = new double[width];
    float[] matrix = new float[n * width];
    BandBaseline baseline = model.baseline();
    float[] starts = new float[n];
    for (int h = 0; h < horizon; h++) {
      for (int j = 0; j < n; j++) {
        int t = origin[j] + h;
        int end = features.scaleEnd(bufStart[j], t, origin[j], buf[j].length);
        if (end != scaleEnd[j]) {
          double s = features.scaleBefore(buf[j], end);
          scale[j] = Double.isNaN(s) ? 1.0 : s;
          scaleEnd[j] = end;
        }
        features.compute(buf[j], t, bufStart[j] + t * window, scale[j], row, 0);
        for (int f = 0; f < width; f++) {
          matrix[j * width + f] = (float) row[f];
        }
        if (baseline != null) {
          starts[j] = baseline.start(buf[j], t, scale[j], row);
        }
      }
      float[][] pred = model.predict(matrix, n, width, starts);
      for (int j = 0; j < n; j++) {
        float[] q = pred[j];
        r.scale[j][h] = scale[j];
        r.lower[j][h] = min(q);
        r.median[j][h] = q[medianIndex];
        r.upper[j][h] = max(q);
        double median = r.median[j][h] * scale[j];
        buf[j][origin[j] + h] = r.clipped[j] ? Math.max(0, median) : median;
      }
    }
    return r;
  }

  /** The lowest of a row's quantiles: the band always holds the median. */
  private static float min(float[] q) {
    float m = q[0];
    for (float v : q) {
      m = Math.min(m, v);
    }
    return m;
  }

  /** The highest of a row's quantiles. */
  private static float max(float[] q) {
    float m = q[0];
    for (float v : q) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * The forecast point of {@code job}, the {@code j}-th of {@code r}, at step {@code h + 1}: the
   * calibrated band, widened around the median by the series' own factor ({@link
   * IntervalCalibration#widening}), and the median, unscaled, and clipped at 0 for statistics that
   * cannot be negative and series never negative.
   */
  ForecastPoint point(Result r, int j, Job job, int h, IntervalCalibration calibration) {
    int step = h + 1;
    long windowStartMillis = job.startMillis + (job.origin + h) * features.windowMillis();
    double lo = r.lower[j][h];
    double med = r.median[j][h];
    double hi = r.upper[j][h];
    double s = r.scale[j][h];
    double lower = calibration.lower(step, lo, med, hi);
    double upper = calibration.upper(step, lo, med, hi);
    double widening = calibration.widening(job.key);
    if (widening > 1) {
      lower = med - widening * (med - lower);
      upper = med + widening * (upper - med);
    }
    lower *= s;
    upper *= s;
    double expected = med * s;
    if (r.clipped[j]) {
      lower = Math.max(0, lower);
      expected = Math.max(0, expected);
      upper = Math.max(0, upper);
    }
    return new ForecastPoint(
        windowStartMillis, windowStartMillis + features.windowMillis(), expected, lower, upper);
  }
}
