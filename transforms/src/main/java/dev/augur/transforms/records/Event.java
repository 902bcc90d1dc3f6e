package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * One observation of a series: at {@link #getEventTime()} the series identified by the canonical key
 * {@link #getSeries()} (see {@link dev.augur.models.SeriesKey}) had the value {@link #getValue()}, or,
 * when the value is null, one occurrence happened that only counts.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Event {
  public abstract String getSeries();

  public abstract Instant getEventTime();

  /** The measured value, always finite; null for an event that only counts. */
  public abstract @Nullable Double getValue();

  /**
   * An event with a value (finite) or, for {@code value == null}, a count-only event.
   *
   * @throws IllegalArgumentException if the value is NaN or infinite
   */
  @SchemaCreate
  public static Event create(String series, Instant eventTime, @Nullable Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new IllegalArgumentException("event value must be finite, got " + value);
    }
    return new AutoValue_Event(series, eventTime, value);
  }

  /** A count-only event. */
  public static Event count(String series, Instant eventTime) {
    return create(series, eventTime, null);
  }
}
