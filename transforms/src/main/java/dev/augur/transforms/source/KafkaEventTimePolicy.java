package dev.augur.transforms.source;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Timestamps Kafka records with the event time in their JSON value and keeps each partition's
 * watermark in event time, with a bounded delay and idle-partition advance (see {@link
 * EventTimeWatermark}; a partition counts as idle only when its backlog is empty). A record without
 * a readable time gets the partition's newest event time and is dead-lettered later by the parser.
 */
final class KafkaEventTimePolicy extends TimestampPolicy<String, String> {
  private final PayloadEventTime eventTime;
  private final WallClock clock;
  private final EventTimeWatermark watermark;

  KafkaEventTimePolicy(
      PayloadEventTime eventTime,
      Duration maxDelay,
      Duration idleThreshold,
      Optional<Instant> previousWatermark,
      WallClock clock) {
    this.eventTime = eventTime;
    this.clock = clock;
    this.watermark =
        new EventTimeWatermark(
            maxDelay,
            idleThreshold,
            previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE),
            clock.now());
  }

  /** A factory of one policy per partition, resuming from the checkpointed watermark. */
  static TimestampPolicyFactory<String, String> factory(
      PayloadEventTime eventTime, Duration maxDelay, Duration idleThreshold) {
    return (partition, previous) ->
        new KafkaEventTimePolicy(eventTime, maxDelay, idleThreshold, previous, WallClock.SYSTEM);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<String, String> record) {
    String value = record.getKV().getValue();
    return watermark.observe(value == null ? null : eventTime.read(value), clock.now());
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    // An unknown backlog (negative) cannot hold the watermark back forever.
    return watermark.watermark(clock.now(), ctx.getMessageBacklog() <= 0);
  }
}
