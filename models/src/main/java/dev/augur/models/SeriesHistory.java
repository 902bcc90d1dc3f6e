package dev.augur.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The window statistics of one series on a regular grid of windows: window {@code i} starts at
 * {@code startMillis + i * windowMillis}. Missing values (a window without values for a mean, say)
 * are {@link Double#NaN}; windows without events have count 0 and sum 0.
 *
 * <p>Immutable once built; arrays handed out are copies only where noted.
 */
public final class SeriesHistory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String seriesKey;
  private final long startMillis;
  private final long windowMillis;
  private final int length;
  private final EnumMap<Statistic, double[]> values;

  public SeriesHistory(
      String seriesKey, long startMillis, long windowMillis, Map<Statistic, double[]> values) {
    this.seriesKey = Objects.requireNonNull(seriesKey, "seriesKey");
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("windowMillis must be positive: " + windowMillis);
    }
    this.startMillis = startMillis;
    this.windowMillis = windowMillis;
    this.values = new EnumMap<>(Statistic.class);
    int n = -1;
    for (Map.Entry<Statistic, double[]> e : values.entrySet()) {
      if (n >= 0 && e.getValue().length != n) {
        throw new IllegalArgumentException("statistics of " + seriesKey + " differ in length");
      }
      n = e.getValue().length;
      this.values.put(e.getKey(), e.getValue().clone());
    }
    this.length = Math.max(n, 0);
  }

  public String seriesKey() {
    return seriesKey;
  }

  public long startMillis() {
    return startMillis;
  }

  public long windowMillis() {
    return windowMillis;
  }

  /** Number of windows. */
  public int length() {
    return length;
  }

  /** Start of window {@code i} (which may lie past the end, for forecasts). */
  public long windowStart(int i) {
    return startMillis + i * windowMillis;
  }

  public boolean has(Statistic statistic) {
    return values.containsKey(statistic);
  }

  /** The values of one statistic; the returned array must not be modified. */
  public double[] values(Statistic statistic) {
    double[] v = values.get(statistic);
    if (v == null) {
      throw new IllegalArgumentException(seriesKey + " has no statistic " + statistic.id());
    }
    return v;
  }

  /** The first {@code n} windows. */
  public SeriesHistory head(int n) {
    EnumMap<Statistic, double[]> cut = new EnumMap<>(Statistic.class);
    values.forEach((k, v) -> cut.put(k, Arrays.copyOf(v, n)));
    return new SeriesHistory(seriesKey, startMillis, windowMillis, cut);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SeriesHistory)) {
      return false;
    }
    SeriesHistory h = (SeriesHistory) o;
    if (!seriesKey.equals(h.seriesKey)
        || startMillis != h.startMillis
        || windowMillis != h.windowMillis
        || !values.keySet().equals(h.values.keySet())) {
      return false;
    }
    for (Statistic s : values.keySet()) {
      if (!Arrays.equals(values.get(s), h.values.get(s))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(seriesKey, startMillis, windowMillis, length);
  }

  @Override
  public String toString() {
    return "SeriesHistory{" + seriesKey + ", start=" + startMillis + ", window=" + windowMillis
        + "ms, length=" + length + ", statistics=" + values.keySet() + "}";
  }
}
