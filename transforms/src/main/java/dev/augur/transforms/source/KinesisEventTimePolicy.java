package dev.augur.transforms.source;

import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.aws2.kinesis.WatermarkPolicy;
import org.apache.beam.sdk.io.aws2.kinesis.WatermarkPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A Kinesis shard watermark in event time read from the record payloads, with a bounded delay and
 * idle-shard advance (see {@link EventTimeWatermark}). Beam's arrival-time policy would call events
 * replayed from the past late on arrival; this one follows the events themselves.
 */
final class KinesisEventTimePolicy implements WatermarkPolicy {
  private static final long serialVersionUID = 1L;

  private final PayloadEventTime eventTime;
  private final WallClock clock;
  private final EventTimeWatermark watermark;

  KinesisEventTimePolicy(
      PayloadEventTime eventTime, Duration maxDelay, Duration idleThreshold, WallClock clock) {
    this.eventTime = eventTime;
    this.clock = clock;
    this.watermark =
        new EventTimeWatermark(
            maxDelay, idleThreshold, BoundedWindow.TIMESTAMP_MIN_VALUE, clock.now());
  }

  /** A factory of one policy per shard. */
  static WatermarkPolicyFactory factory(
      PayloadEventTime eventTime, Duration maxDelay, Duration idleThreshold) {
    return () -> new KinesisEventTimePolicy(eventTime, maxDelay, idleThreshold, WallClock.SYSTEM);
  }

  @Override
  public Instant getWatermark() {
    return watermark.watermark(clock.now(), true);
  }

  @Override
  public void update(KinesisRecord record) {
    watermark.observe(eventTime.read(record.getDataAsBytes()), clock.now());
  }
}
