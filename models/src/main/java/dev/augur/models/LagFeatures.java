package dev.augur.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The feature vector of one window of one series, built only from earlier windows of the target
 * statistic, so one recipe serves both training (on observed values) and recursive forecasting
 * (where windows past the forecast origin hold earlier median forecasts).
 *
 * <p>With {@code D} windows per day and {@code W} per week (each kept only when at least 2, i.e.
 * when the window divides a day or week into two or more windows), the features of window
 * {@code t} are, in order:
 *
 * <ul>
 *   <li>{@code lag_n}: {@code x[t-n]} for the recent lags {@code 1..recentLags} and the seasonal
 *       lags {@code D} and {@code W} with {@code seasonalNeighbours} neighbours on each side;
 *   <li>{@code day_mean}, {@code day_dev}, {@code day_adj}, {@code day_ratio_adj},
 *       {@code day_step_adj}: the mean {@code m(t)} of the same window over the last {@code
 *       seasonalDays} days; the mean deviation {@code d} of the last {@code recentLags} windows
 *       from their own same-window means; {@code m(t) + d} (an additively level-corrected
 *       seasonal forecast); {@code m(t)} times the ratio of the sums of those recent windows and
 *       of their same-window means (a multiplicatively corrected one); and {@code x[t-1] + m(t) -
 *       m(t-1)} (the last value moved along the seasonal profile);
 *   <li>{@code week_mean}, {@code week_dev}, {@code week_adj}, {@code week_ratio_adj},
 *       {@code week_step_adj}: the same over past weeks;
 *   <li>{@code roll_mean_short} (about one hour, at least 2 windows), {@code roll_mean_long} and
 *       {@code roll_std_long} (one day; one week when a day is shorter than 2 windows);
 *   <li>{@code hour_of_day} (fractional) and {@code day_of_week} (1 = Monday), from the window
 *       start in UTC;
 *   <li>{@code log_scale}: log10 of the series scale.
 * </ul>
 *
 * <p>Every value feature is divided by the series scale (see {@link #scale}), so that one global
 * model serves series of different magnitudes; the model's target is divided by the same scale and
 * its predictions multiplied back. Missing inputs ({@code NaN}, or before the start of the
 * history) give {@code NaN} features, which XGBoost treats as missing. Means skip missing values.
 */
public final class LagFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long DAY_MILLIS = 86_400_000L;
  static final long HOUR_MILLIS = 3_600_000L;

  private final long windowMillis;
  private final int recentLags;
  private final int dayWindows;
  private final int weekWindows;
  private final int seasonalDays;
  private final int seasonalWeeks;
  private final int[] lags;
  private final int shortWindows;
  private final int longWindows;
  private final int scaleWindows;
  private final int scaleBlock;
  private final List<String> names;

  private LagFeatures(long windowMillis, ForecastConfig config) {
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("windowMillis must be positive: " + windowMillis);
    }
    this.windowMillis = windowMillis;
    this.recentLags = config.recentLags();
    this.dayWindows = periodWindows(DAY_MILLIS, windowMillis);
    this.weekWindows = periodWindows(7 * DAY_MILLIS, windowMillis);
    this.seasonalDays = config.seasonalDays();
    this.seasonalWeeks = config.seasonalWeeks();
    TreeSet<Integer> lagSet = new TreeSet<>();
    for (int i = 1; i <= recentLags; i++) {
      lagSet.add(i);
    }
    for (int period : new int[] {dayWindows, weekWindows}) {
      if (period > 0) {
        for (int d = -config.seasonalNeighbours(); d <= config.seasonalNeighbours(); d++) {
          if (period + d >= 1) {
            lagSet.add(period + d);
          }
        }
      }
    }
    this.lags = lagSet.stream().mapToInt(Integer::intValue).toArray();
    this.shortWindows = (int) Math.max(2, Math.round((double) HOUR_MILLIS / windowMillis));
    this.longWindows = dayWindows > 0 ? dayWindows : weekWindows > 0 ? weekWindows : 2 * recentLags;
    this.scaleWindows = Math.max(weekWindows, 16);
    this.scaleBlock = Math.max(dayWindows, 1);

    List<String> n = new ArrayList<>();
    for (int lag : lags) {
      n.add("lag_" + lag);
    }
    if (dayWindows > 0) {
      n.addAll(List.of("day_mean", "day_dev", "day_adj", "day_ratio_adj", "day_step_adj"));
    }
    if (weekWindows > 0) {
      n.addAll(List.of("week_mean", "week_dev", "week_adj", "week_ratio_adj",
          "week_step_adj"));
    }
    n.addAll(
        List.of(
            "roll_mean_short",
            "roll_mean_long",
            "roll_std_long",
            "hour_of_day",
            "day_of_week",
            "log_scale"));
    this.names = Collections.unmodifiableList(n);
  }

  /** The features for windows of {@code windowMillis} with the lag settings of {@code config}. */
  public static LagFeatures of(long windowMillis, ForecastConfig config) {
    return new LagFeatures(windowMillis, config);
  }

  /** Windows per {@code period}, or 0 when the period holds fewer than 2 windows. */
  static int periodWindows(long periodMillis, long windowMillis) {
    long n = Math.round((double) periodMillis / windowMillis);
    return n >= 2 ? (int) n : 0;
  }

  public long windowMillis() {
    return windowMillis;
  }

  /** Windows per block of the per-series scale: a row is scaled by the blocks before its own. */
  int scaleBlock() {
    return scaleBlock;
  }

  /** Windows per day, or 0 when a day holds fewer than 2 windows. */
  public int dayWindows() {
    return dayWindows;
  }

  /** Windows per week, or 0 when a week holds fewer than 2 windows. */
  public int weekWindows() {
    return weekWindows;
  }

  /** The distinct lags, ascending. */
  public int[] lags() {
    return lags.clone();
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** How many windows before {@code t} the features of {@code t} may read. */
  public int lookback() {
    int lb = Math.max(lags[lags.length - 1], longWindows);
    lb = Math.max(lb, shortWindows);
    if (dayWindows > 0) {
      lb = Math.max(lb, recentLags + seasonalDays * dayWindows);
    }
    if (weekWindows > 0) {
      lb = Math.max(lb, recentLags + seasonalWeeks * weekWindows);
    }
    return Math.max(lb, scaleWindows + scaleBlock);
  }

  /**
   * The robust scale of a series for window {@code t} when values from {@code origin} on are not
   * observed: the median of {@code |x|} over the {@code max(W, 16)} windows before the start of
   * the UTC day holding window {@code t} (or before {@code origin}, if earlier), so the scale
   * changes at most once a day. Falls back to the mean of {@code |x|} when the median is 0, and to
   * 1 when that is 0 too. {@code NaN} when no value is observed in that span.
   *
   * @param x the series values
   * @param startMillis start of window 0 of {@code x}
   * @param t the window to scale
   * @param origin the first window not observed (use {@code t} for training rows)
   */
  public double scale(double[] x, long startMillis, int t, int origin) {
    return scaleBefore(x, scaleEnd(startMillis, t, origin, x.length));
  }

  /** The exclusive end of the span {@link #scale} reads; it changes at most once a day. */
  int scaleEnd(long startMillis, int t, int origin, int length) {
    long absolute = Math.floorDiv(startMillis, windowMillis) + t;
    int blockStart = t - (int) Math.floorMod(absolute, (long) scaleBlock);
    return Math.min(Math.min(blockStart, origin), length);
  }

  /** The robust scale of the {@code max(W, 16)} windows before {@code end}. */
  double scaleBefore(double[] x, int end) {
    int begin = Math.max(0, end - scaleWindows);
    double[] abs = new double[Math.max(0, end - begin)];
    int n = 0;
    double sum = 0;
    for (int i = begin; i < end; i++) {
      if (!Double.isNaN(x[i])) {
        abs[n] = Math.abs(x[i]);
        sum += abs[n];
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    double median = Median.ofFirst(abs, n);
    if (median > 0) {
      return median;
    }
    return sum > 0 ? sum / n : 1.0;
  }

  /**
   * Writes the features of window {@code t} of {@code x} into {@code out[offset..offset+size())}.
   * Reads only {@code x[0..t)}.
   *
   * @param x the series values (observed, then earlier forecasts)
   * @param t the window to describe
   * @param windowStartMillis start of window {@code t}, for the calendar features
   * @param scale the series scale (positive)
   */
  public void compute(double[] x, int t, long windowStartMillis, double scale, double[] out,
      int offset) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive: " + scale);
    }
    int k = offset;
    for (int lag : lags) {
      out[k++] = at(x, t - lag) / scale;
    }
    if (dayWindows > 0) {
      k = seasonal(x, t, dayWindows, seasonalDays, scale, out, k);
    }
    if (weekWindows > 0) {
      k = seasonal(x, t, weekWindows, seasonalWeeks, scale, out, k);
    }
    out[k++] = mean(x, t - shortWindows, t) / scale;
    double longMean = mean(x, t - longWindows, t);
    out[k++] = longMean / scale;
    out[k++] = std(x, t - longWindows, t, longMean) / scale;
    out[k++] = (double) Math.floorMod(windowStartMillis, DAY_MILLIS) / HOUR_MILLIS;
    out[k++] = Math.floorMod(Math.floorDiv(windowStartMillis, DAY_MILLIS) + 3, 7L) + 1;
    out[k++] = Math.log10(scale);
  }

  private int seasonal(double[] x, int t, int period, int count, double scale, double[] out,
      int k) {
    double slotMean = slotMean(x, t, period, count);
    double devSum = 0;
    double recentSum = 0;
    double slotSum = 0;
    int devN = 0;
    for (int i = 1; i <= recentLags; i++) {
      double recent = at(x, t - i);
      double slot = slotMean(x, t - i, period, count);
      if (!Double.isNaN(recent) && !Double.isNaN(slot)) {
        devSum += recent - slot;
        recentSum += recent;
        slotSum += slot;
        devN++;
      }
    }
    double dev = devN == 0 ? Double.NaN : devSum / devN;
    double ratio = devN == 0 || slotSum <= 0 || recentSum < 0 ? Double.NaN : recentSum / slotSum;
    double previousSlot = slotMean(x, t - 1, period, count);
    out[k++] = slotMean / scale;
    out[k++] = dev / scale;
    out[k++] = (slotMean + (Double.isNaN(dev) ? 0 : dev)) / scale;
    out[k++] = slotMean * ratio / scale;
    out[k++] = (at(x, t - 1) + slotMean - previousSlot) / scale;
    return k;
  }

  /**
   * The median of the same window over the last {@code seasonalDays} days, {@code x[t - j*D]} for
   * {@code j = 1..seasonalDays}, divided by {@code scale}: where the band starts from ({@link
   * BandBaseline}). Unlike {@code day_mean}, one anomalous day cannot lift it. {@code NaN} when a
   * day holds fewer than 2 windows or none of those values is observed. Reads only {@code x[0..t)}.
   */
  double daySlotMedian(double[] x, int t, double scale) {
    if (dayWindows == 0) {
      return Double.NaN;
    }
    double[] v = new double[seasonalDays];
    int n = 0;
    for (int j = 1; j <= seasonalDays; j++) {
      double value = at(x, t - j * dayWindows);
      if (!Double.isNaN(value)) {
        v[n++] = value;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    return Median.ofFirst(v, n) / scale;
  }

  /** Mean of {@code x[t - j*period]} for {@code j = 1..count}, skipping missing values. */
  private static double slotMean(double[] x, int t, int period, int count) {
    double sum = 0;
    int n = 0;
    for (int j = 1; j <= count; j++) {
      double v = at(x, t - j * period);
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double mean(double[] x, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = Math.max(from, 0); i < to; i++) {
      if (!Double.isNaN(x[i])) {
        sum += x[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Population standard deviation; NaN with fewer than 2 values. */
  private static double std(double[] x, int from, int to, double mean) {
    double ss = 0;
    int n = 0;
    for (int i = Math.max(from, 0); i < to; i++) {
      if (!Double.isNaN(x[i])) {
        ss += (x[i] - mean) * (x[i] - mean);
        n++;
      }
    }
    return n < 2 ? Double.NaN : Math.sqrt(ss / n);
  }

  private static double at(double[] x, int i) {
    return i >= 0 && i < x.length ? x[i] : Double.NaN;
  }
}
