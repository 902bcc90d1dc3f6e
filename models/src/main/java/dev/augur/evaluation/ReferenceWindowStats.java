package dev.augur.evaluation;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Window statistics computed in plain Java, one event at a time, on a fixed grid of windows
 * {@code [start, end)}: the reference that the Beam SQL aggregation is checked against, and the
 * way evaluations obtain actual values without a pipeline. Uses Welford's update, so the standard
 * deviation stays exact for values with large offsets.
 */
public final class ReferenceWindowStats {
  private final long startMillis;
  private final long windowMillis;
  private final int windows;
  private final Map<String, Acc[]> series = new HashMap<>();

  public ReferenceWindowStats(long startMillis, long endMillis, long windowMillis) {
    if (windowMillis <= 0 || endMillis <= startMillis || (endMillis - startMillis) % windowMillis != 0) {
      throw new IllegalArgumentException(
          "need a whole number of windows of " + windowMillis + " ms in [" + startMillis + ", " + endMillis + ")");
    }
    this.startMillis = startMillis;
    this.windowMillis = windowMillis;
    this.windows = (int) ((endMillis - startMillis) / windowMillis);
  }

  /** Adds one event; {@code value} NaN counts the event without a value. Events outside are ignored. */
  public void add(String seriesKey, long timestampMillis, double value) {
    if (timestampMillis < startMillis) {
      return;
    }
    long i = (timestampMillis - startMillis) / windowMillis;
    if (i >= windows) {
      return;
    }
    Acc[] accs = series.computeIfAbsent(seriesKey, k -> new Acc[windows]);
    Acc a = accs[(int) i];
    if (a == null) {
      a = accs[(int) i] = new Acc();
    }
    a.add(value);
  }

  /** The statistics of every series seen, on the full grid (windows without events: count 0). */
  public Map<String, SeriesHistory> histories() {
    Map<String, SeriesHistory> out = new HashMap<>();
    series.forEach(
        (key, accs) -> {
          EnumMap<Statistic, double[]> v = new EnumMap<>(Statistic.class);
          for (Statistic s : Statistic.values()) {
            v.put(s, new double[windows]);
          }
          for (int i = 0; i < windows; i++) {
            Acc a = accs[i] == null ? new Acc() : accs[i];
            v.get(Statistic.COUNT)[i] = a.count;
            v.get(Statistic.SUM)[i] = a.sum;
            v.get(Statistic.MEAN)[i] = a.values == 0 ? Double.NaN : a.mean;
            v.get(Statistic.STDDEV)[i] = a.values < 2 ? Double.NaN : Math.sqrt(a.m2 / (a.values - 1));
            v.get(Statistic.MIN)[i] = a.values == 0 ? Double.NaN : a.min;
            v.get(Statistic.MAX)[i] = a.values == 0 ? Double.NaN : a.max;
          }
          out.put(key, new SeriesHistory(key, startMillis, windowMillis, v));
        });
    return out;
  }

  private static final class Acc {
    long count;
    long values;
    double sum;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double x) {
      count++;
      if (Double.isNaN(x)) {
        return;
      }
      values++;
      sum += x;
      double d = x - mean;
      mean += d / values;
      m2 += d * (x - mean);
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
  }
}
