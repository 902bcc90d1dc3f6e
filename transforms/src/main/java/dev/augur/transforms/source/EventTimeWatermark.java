package dev.augur.transforms.source;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The event-time watermark of one shard or partition, shared by the Kinesis and Kafka sources.
 *
 * <p>While records arrive, the watermark is the largest event time seen minus {@code maxDelay}: an
 * event may arrive up to {@code maxDelay} behind the newest one before it is late. Once no record has
 * arrived for longer than {@code idleThreshold} (and, for Kafka, nothing is left to read), the
 * watermark moves on at wall-clock speed from that point, so a quiet shard does not hold back the
 * windows of the others. Extrapolating from the newest event time, rather than jumping to the wall
 * clock, keeps a replay of historical events (e.g. {@code augur produce} of last month's data) from
 * making every later event late. A shard that has never had a record reports the wall clock minus
 * {@code idleThreshold} once it has been idle that long, so the minimum over shards ignores it.
 *
 * <p>The watermark never goes back. All times are passed in, so the logic is tested without a
 * clock. Not thread-safe: one instance per shard reader.
 */
public final class EventTimeWatermark implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Duration maxDelay;
  private final Duration idleThreshold;
  private final Instant createdAt;
  private @Nullable Instant maxEventTime;
  private Instant lastRecordAt;
  private Instant watermark;

  /**
   * A watermark starting at {@code previous} (e.g. a restored checkpoint's, or {@link
   * BoundedWindow#TIMESTAMP_MIN_VALUE}), created at wall time {@code now}.
   */
  public EventTimeWatermark(Duration maxDelay, Duration idleThreshold, Instant previous, Instant now) {
    if (maxDelay == null || maxDelay.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("maxDelay must not be negative, got " + maxDelay);
    }
    if (idleThreshold == null || !idleThreshold.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("idleThreshold must be positive, got " + idleThreshold);
    }
    this.maxDelay = maxDelay;
    this.idleThreshold = idleThreshold;
    this.createdAt = now;
    this.lastRecordAt = now;
    this.watermark = previous;
  }

  /**
   * Records a record with {@code eventTime} (null if it has none) arriving at wall time {@code now}
   * and returns the timestamp to give it: its event time, or for a record without one, the newest
   * event time so far (the watermark if none), so it neither advances nor lags the stream.
   */
  public Instant observe(@Nullable Instant eventTime, Instant now) {
    lastRecordAt = now;
    if (eventTime == null) {
      return maxEventTime != null ? maxEventTime : watermark;
    }
    if (maxEventTime == null || eventTime.isAfter(maxEventTime)) {
      maxEventTime = eventTime;
    }
    return eventTime;
  }

  /**
   * The watermark at wall time {@code now}; {@code caughtUp} says whether the reader has nothing
   * left to read (Kinesis does not tell, and passes true), which idleness requires.
   */
  public Instant watermark(Instant now, boolean caughtUp) {
    Duration idleFor = new Duration(lastRecordAt, now);
    boolean idle = caughtUp && idleFor.isLongerThan(idleThreshold);
    Instant candidate;
    if (maxEventTime == null) {
      candidate =
          caughtUp && new Duration(createdAt, now).isLongerThan(idleThreshold)
              ? now.minus(idleThreshold)
              : BoundedWindow.TIMESTAMP_MIN_VALUE;
    } else {
      candidate = minus(maxEventTime, maxDelay);
      if (idle) {
        candidate = candidate.plus(idleFor);
      }
    }
    if (candidate.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
      candidate = BoundedWindow.TIMESTAMP_MAX_VALUE;
    }
    if (candidate.isAfter(watermark)) {
      watermark = candidate;
    }
    return watermark;
  }

  private static Instant minus(Instant t, Duration d) {
    Instant floor = BoundedWindow.TIMESTAMP_MIN_VALUE;
    return t.getMillis() - floor.getMillis() <= d.getMillis() ? floor : t.minus(d);
  }
}
