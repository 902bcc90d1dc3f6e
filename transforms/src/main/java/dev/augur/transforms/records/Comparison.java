package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One statistic of one series in one window, set against its forecast: the actual value, the
 * expected value and interval (absent when no valid forecast exists), and a deviation score
 * normalised by the interval — 0 at the expected value, ±1 at the interval's edge, beyond ±1
 * outside it — with its direction.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Comparison {
  /** Whether the window could be compared, and how it came out. */
  public enum Direction {
    /** Inside the prediction interval. */
    WITHIN,
    ABOVE,
    BELOW,
    /** No forecast covers the window (none published, or the latest one has expired). */
    NO_FORECAST,
    /** The statistic is undefined in the window (a mean without values, say). */
    NO_ACTUAL
  }

  public abstract String getSeries();

  public abstract String getStatistic();

  public abstract Instant getWindowStart();

  public abstract Instant getWindowEnd();

  /** The actual value; null where the statistic is undefined for the window. */
  public abstract @Nullable Double getActual();

  public abstract @Nullable Double getExpected();

  public abstract @Nullable Double getLower();

  public abstract @Nullable Double getUpper();

  /** Signed deviation in interval half-widths; null without a forecast or an actual. */
  public abstract @Nullable Double getScore();

  public abstract Direction getDirection();

  /** The forecast version compared against; null without a forecast. */
  public abstract @Nullable String getModelVersion();

  @SchemaCreate
  public static Comparison create(
      String series,
      String statistic,
      Instant windowStart,
      Instant windowEnd,
      @Nullable Double actual,
      @Nullable Double expected,
      @Nullable Double lower,
      @Nullable Double upper,
      @Nullable Double score,
      Direction direction,
      @Nullable String modelVersion) {
    return new AutoValue_Comparison(
        series, statistic, windowStart, windowEnd, actual, expected, lower, upper, score, direction,
        modelVersion);
  }
}
