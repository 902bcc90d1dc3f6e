package dev.augur.transforms.source;

import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.aws2.kinesis.WatermarkPolicy;
import org.apache.beam.sdk.io.aws2.kinesis.WatermarkPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A Kinesis shard watermark in event time read from the record payloads, with a bounded delay and
 * idle-shard advance (see {@link EventTimeWatermark}). Beam's arrival-time policy would call events
 * replayed from the past late on arrival; this one follows the events themselves.
 *
 * <p>A shard is idle only once it has caught up ({@link KinesisShardProgress}): its last fetch was
 * at the tip and the runner has taken every record fetched from it. Before its first record, the
 * policy cannot know its shard, and waits while any shard of the stream that no record has been
 * taken from yet may have records waiting: a shard whose first records are still queued behind
 * another's is not taken for an empty one.
 */
final class KinesisEventTimePolicy implements WatermarkPolicy {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final PayloadEventTime eventTime;
  private final WallClock clock;
  private final EventTimeWatermark watermark;
  /** The shard, from its first record. */
  private @Nullable String shardId;

  KinesisEventTimePolicy(
      String stream, PayloadEventTime eventTime, Duration maxDelay, Duration idleThreshold, WallClock clock) {
    this.stream = stream;
    this.eventTime = eventTime;
    this.clock = clock;
    this.watermark =
        new EventTimeWatermark(
            maxDelay, idleThreshold, BoundedWindow.TIMESTAMP_MIN_VALUE, clock.now());
  }

  /** A factory of one policy per shard. */
  static WatermarkPolicyFactory factory(
      String stream, PayloadEventTime eventTime, Duration maxDelay, Duration idleThreshold) {
    return () ->
        new KinesisEventTimePolicy(stream, eventTime, maxDelay, idleThreshold, WallClock.SYSTEM);
  }

  @Override
  public Instant getWatermark() {
    boolean caughtUp =
        shardId == null
            ? KinesisShardProgress.unclaimedCaughtUp(stream)
            : KinesisShardProgress.caughtUp(stream, shardId);
    return watermark.watermark(clock.now(), caughtUp);
  }

  @Override
  public void update(KinesisRecord record) {
    shardId = record.getShardId();
    KinesisShardProgress.taken(stream, shardId, record.getSequenceNumber());
    watermark.observe(eventTime.read(record.getDataAsBytes()), clock.now());
  }
}
