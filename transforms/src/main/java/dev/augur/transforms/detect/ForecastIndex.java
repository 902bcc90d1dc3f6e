package dev.augur.transforms.detect;

import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.stats.ExpectedSeries;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The forecasts of one published version, indexed for lookup by series, statistic and window
 * start: what {@link LoadForecasts} broadcasts to the workers as a side input and {@link
 * CompareWithForecast} compares against. Immutable and serializable; per series and statistic the
 * windows are held in sorted primitive arrays, so a large version stays compact on the wire.
 *
 * <p>{@link #EMPTY} stands for "no version loaded": it has no version and covers no window.
 *
 * <p>As {@link ExpectedSeries}, a version expects a series in every window it has a forecast of
 * any statistic for, while the version is valid.
 */
@DefaultCoder(SerializableCoder.class)
public final class ForecastIndex implements Serializable, ExpectedSeries {
  private static final long serialVersionUID = 1L;

  /** No forecasts: what the side input holds before a version could be loaded. */
  public static final ForecastIndex EMPTY =
      new ForecastIndex(null, null, BoundedWindow.TIMESTAMP_MIN_VALUE, Map.of(), 0);

  private final @Nullable String version;
  private final @Nullable Instant validUntil;
  private final Instant loadedAt;
  /** statistic → series → windows. */
  private final Map<String, Map<String, Windows>> forecasts;
  private final int size;
  /** Derived on first use, so the serialized form stays the forecasts themselves. */
  private transient volatile @Nullable FirstWindows firstWindows;

  private ForecastIndex(
      @Nullable String version,
      @Nullable Instant validUntil,
      Instant loadedAt,
      Map<String, Map<String, Windows>> forecasts,
      int size) {
    this.version = version;
    this.validUntil = validUntil;
    this.loadedAt = loadedAt;
    this.forecasts = forecasts;
    this.size = size;
  }

  /**
   * Starts an index of {@code version}, which is stale after {@code validUntil}; when that is null,
   * the index is valid until the end of its last forecast window.
   */
  public static Builder builder(String version, @Nullable Instant validUntil) {
    return new Builder(version, validUntil);
  }

  /** The model version; null for {@link #EMPTY}. */
  public @Nullable String version() {
    return version;
  }

  /** After this instant the version must no longer be compared against; null without forecasts. */
  public @Nullable Instant validUntil() {
    return validUntil;
  }

  /** When the version was loaded; the newest load wins when several meet. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** The number of forecasts held. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return version == null;
  }

  /** Whether the version may still be compared against for a window ending at {@code windowEnd}. */
  public boolean isValidFor(Instant windowEnd) {
    return validUntil != null && !validUntil.isBefore(windowEnd);
  }

  /** The forecast of {@code statistic} of {@code series} for the window starting at {@code windowStart}. */
  public @Nullable Forecast lookup(String series, String statistic, Instant windowStart) {
    Map<String, Windows> bySeries = forecasts.get(statistic);
    Windows w = bySeries == null ? null : bySeries.get(series);
    if (w == null) {
      return null;
    }
    int i = Arrays.binarySearch(w.starts, windowStart.getMillis());
    if (i < 0) {
      return null;
    }
    return Forecast.create(
        series,
        statistic,
        new Instant(w.starts[i]),
        new Instant(w.ends[i]),
        w.expected[i],
        w.lower[i],
        w.upper[i],
        version,
        new Instant(w.trainedAt[i]),
        new Instant(w.validUntil[i]));
  }

  /**
   * Whether the version holds forecasts of any statistic of {@code series}, whether or not the
   * version is still valid: a series it knows is under watch, one it does not is not.
   */
  public boolean knows(String series) {
    for (Map<String, Windows> bySeries : forecasts.values()) {
      if (bySeries.containsKey(series)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> expectedIn(Instant start, Instant end, @Nullable Instant after) {
    if (!isValidFor(end)) {
      return List.of();
    }
    FirstWindows first = firstWindows();
    long from = after == null ? Long.MIN_VALUE : after.getMillis();
    List<String> expected = new ArrayList<>();
    for (int i = FirstWindows.firstAfter(first.starts, from);
        i < first.starts.length && first.starts[i] <= start.getMillis();
        i++) {
      if (forecastsWindow(first.series[i], start.getMillis())) {
        expected.add(first.series[i]);
      }
    }
    expected.sort(null);
    return expected;
  }

  private boolean forecastsWindow(String series, long windowStart) {
    for (Map<String, Windows> bySeries : forecasts.values()) {
      Windows w = bySeries.get(series);
      if (w != null && Arrays.binarySearch(w.starts, windowStart) >= 0) {
        return true;
      }
    }
    return false;
  }

  private FirstWindows firstWindows() {
    FirstWindows first = firstWindows;
    if (first == null) {
      first = new FirstWindows(forecasts);
      firstWindows = first;
    }
    return first;
  }

  /** Equal when of the same version, loaded at the same time, with the same forecasts. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ForecastIndex)) {
      return false;
    }
    ForecastIndex other = (ForecastIndex) o;
    return Objects.equals(version, other.version)
        && Objects.equals(validUntil, other.validUntil)
        && loadedAt.equals(other.loadedAt)
        && size == other.size
        && forecasts.equals(other.forecasts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, validUntil, loadedAt, size);
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "ForecastIndex{EMPTY}"
        : "ForecastIndex{version=" + version + ", forecasts=" + size + ", validUntil=" + validUntil
            + ", loadedAt=" + loadedAt + "}";
  }

  /** Every series with the start of its first forecast window (of any statistic), by that start. */
  private static final class FirstWindows {
    final long[] starts;
    final String[] series;

    FirstWindows(Map<String, Map<String, Windows>> forecasts) {
      Map<String, Long> first = new HashMap<>();
      for (Map<String, Windows> bySeries : forecasts.values()) {
        for (Map.Entry<String, Windows> e : bySeries.entrySet()) {
          if (e.getValue().starts.length > 0) {
            first.merge(e.getKey(), e.getValue().starts[0], Math::min);
          }
        }
      }
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(first.entrySet());
      sorted.sort(Map.Entry.comparingByValue());
      starts = new long[sorted.size()];
      series = new String[sorted.size()];
      for (int i = 0; i < sorted.size(); i++) {
        starts[i] = sorted.get(i).getValue();
        series[i] = sorted.get(i).getKey();
      }
    }

    /** The index of the first start after {@code from}. */
    static int firstAfter(long[] starts, long from) {
      int lo = 0;
      int hi = starts.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (starts[mid] <= from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** One series' forecasts of one statistic, sorted by window start. */
  private static final class Windows implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] starts;
    final long[] ends;
    final double[] expected;
    final double[] lower;
    final double[] upper;
    final long[] trainedAt;
    final long[] validUntil;

    Windows(List<Forecast> sorted) {
      int n = sorted.size();
      starts = new long[n];
      ends = new long[n];
      expected = new double[n];
      lower = new double[n];
      upper = new double[n];
      trainedAt = new long[n];
      validUntil = new long[n];
      for (int i = 0; i < n; i++) {
        Forecast f = sorted.get(i);
        starts[i] = f.getWindowStart().getMillis();
        ends[i] = f.getWindowEnd().getMillis();
        expected[i] = f.getExpected();
        lower[i] = f.getLower();
        upper[i] = f.getUpper();
        trainedAt[i] = f.getTrainedAt().getMillis();
        validUntil[i] = f.getValidUntil().getMillis();
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Windows)) {
        return false;
      }
      Windows w = (Windows) o;
      return Arrays.equals(starts, w.starts)
          && Arrays.equals(ends, w.ends)
          && Arrays.equals(expected, w.expected)
          && Arrays.equals(lower, w.lower)
          && Arrays.equals(upper, w.upper)
          && Arrays.equals(trainedAt, w.trainedAt)
          && Arrays.equals(validUntil, w.validUntil);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(starts);
    }
  }

  /**
   * Collects the forecasts of one version. Rejects, naming the forecast, one of another version,
   * one with a non-finite value or with {@code lower <= expected <= upper} violated, and a second
   * forecast for the same series, statistic and window: a version that fails is not loaded at all.
   */
  public static final class Builder {
    private final String version;
    private final @Nullable Instant validUntil;
    private final Map<String, Map<String, List<Forecast>>> forecasts = new HashMap<>();
    private long lastWindowEnd = Long.MIN_VALUE;
    private int size;

    private Builder(String version, @Nullable Instant validUntil) {
      this.version = version;
      this.validUntil = validUntil;
    }

    public Builder add(Forecast f) {
      if (!version.equals(f.getModelVersion())) {
        throw new IllegalArgumentException(
            "forecast of version " + f.getModelVersion() + " in version " + version + ": " + f);
      }
      boolean finite =
          Double.isFinite(f.getExpected())
              && Double.isFinite(f.getLower())
              && Double.isFinite(f.getUpper());
      if (!finite || !(f.getLower() <= f.getExpected() && f.getExpected() <= f.getUpper())) {
        throw new IllegalArgumentException("forecast needs finite lower <= expected <= upper: " + f);
      }
      forecasts
          .computeIfAbsent(f.getStatistic(), s -> new HashMap<>())
          .computeIfAbsent(f.getSeries(), s -> new ArrayList<>())
          .add(f);
      lastWindowEnd = Math.max(lastWindowEnd, f.getWindowEnd().getMillis());
      size++;
      return this;
    }

    /** The index, stamped as loaded at {@code loadedAt}. */
    public ForecastIndex build(Instant loadedAt) {
      Map<String, Map<String, Windows>> index = new HashMap<>();
      for (Map.Entry<String, Map<String, List<Forecast>>> byStatistic : forecasts.entrySet()) {
        Map<String, Windows> bySeries = new HashMap<>();
        for (Map.Entry<String, List<Forecast>> e : byStatistic.getValue().entrySet()) {
          List<Forecast> sorted = new ArrayList<>(e.getValue());
          sorted.sort((a, b) -> a.getWindowStart().compareTo(b.getWindowStart()));
          for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).getWindowStart().equals(sorted.get(i - 1).getWindowStart())) {
              throw new IllegalArgumentException("two forecasts for one window: " + sorted.get(i));
            }
          }
          bySeries.put(e.getKey(), new Windows(sorted));
        }
        index.put(byStatistic.getKey(), bySeries);
      }
      Instant until =
          validUntil != null ? validUntil : size == 0 ? null : new Instant(lastWindowEnd);
      return new ForecastIndex(version, until, loadedAt, index, size);
    }
  }
}
