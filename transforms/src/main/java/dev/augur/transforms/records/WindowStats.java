package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import dev.augur.models.SeriesKey;
import dev.augur.models.Statistic;
import java.util.Map;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The statistics of one series over one fixed window {@code [windowStart, windowEnd)}.
 *
 * <p>{@link #getCount()} counts all events, including count-only events without a value; the other
 * statistics describe the values only. Without values {@link #getSum()} is 0 and mean, stddev, min and
 * max are null; {@link #getStddev()} is the sample standard deviation and is null below two values.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class WindowStats {
  public abstract String getSeries();

  public abstract Instant getWindowStart();

  public abstract Instant getWindowEnd();

  public abstract long getCount();

  public abstract double getSum();

  public abstract @Nullable Double getMean();

  public abstract @Nullable Double getStddev();

  public abstract @Nullable Double getMin();

  public abstract @Nullable Double getMax();

  @SchemaCreate
  public static WindowStats create(
      String series,
      Instant windowStart,
      Instant windowEnd,
      long count,
      double sum,
      @Nullable Double mean,
      @Nullable Double stddev,
      @Nullable Double min,
      @Nullable Double max) {
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException(
          "window of " + series + " ends at " + windowEnd + ", not after its start " + windowStart);
    }
    if (count < 0) {
      throw new IllegalArgumentException("negative count " + count + " for " + series);
    }
    return new AutoValue_WindowStats(
        series, windowStart, windowEnd, count, sum, mean, stddev, min, max);
  }

  /** A window in which nothing happened: count 0, sum 0, everything else undefined. */
  public static WindowStats empty(String series, Instant windowStart, Instant windowEnd) {
    return create(series, windowStart, windowEnd, 0L, 0.0, null, null, null, null);
  }

  /** The value of one statistic, {@link Double#NaN} where it is undefined. */
  public double value(Statistic statistic) {
    switch (statistic) {
      case COUNT:
        return getCount();
      case SUM:
        return getSum();
      case MEAN:
        return orNaN(getMean());
      case STDDEV:
        return orNaN(getStddev());
      case MIN:
        return orNaN(getMin());
      case MAX:
        return orNaN(getMax());
      default:
        throw new IllegalArgumentException("unknown statistic " + statistic);
    }
  }

  /** The dimensions of the series, parsed from its canonical key. */
  public Map<String, String> dimensions() {
    return SeriesKey.parse(getSeries());
  }

  private static double orNaN(@Nullable Double v) {
    return v == null ? Double.NaN : v;
  }
}
