package dev.augur.transforms.source;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timestamps Kafka records with the event time in their JSON value and keeps each partition's
 * watermark in event time, with a bounded delay and idle-partition advance (see {@link
 * EventTimeWatermark}). A partition counts as idle only when it is known to be caught up: its
 * backlog read as empty within the last {@link #backlogFreshFor} (the idle threshold, at least
 * {@value #MIN_BACKLOG_FRESH_SECONDS} s; KafkaIO reads the end offsets every second). While the
 * broker cannot be reached, KafkaIO keeps the last end offsets it read, so the backlog would read as
 * empty and every series' windows would close silent, opening an incident for each; instead the
 * watermark holds until the end offsets are read again, and the log says why. A record without a
 * readable time gets the partition's newest event time and is dead-lettered later by the parser.
 */
final class KafkaEventTimePolicy extends TimestampPolicy<String, String> {
  static final long MIN_BACKLOG_FRESH_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventTimePolicy.class);

  private final PayloadEventTime eventTime;
  private final WallClock clock;
  private final EventTimeWatermark watermark;
  private final Duration backlogFreshFor;
  private final String partition;
  /** When this policy started: the first end offsets take a moment to read. */
  private final Instant createdAt;
  /** Whether the log has said that this partition's backlog is unknown, and not yet that it is back. */
  private boolean saidUnknown;

  KafkaEventTimePolicy(
      String partition,
      PayloadEventTime eventTime,
      Duration maxDelay,
      Duration idleThreshold,
      Optional<Instant> previousWatermark,
      WallClock clock) {
    this.partition = partition;
    this.eventTime = eventTime;
    this.clock = clock;
    Duration least = Duration.standardSeconds(MIN_BACKLOG_FRESH_SECONDS);
    this.backlogFreshFor = idleThreshold.isLongerThan(least) ? idleThreshold : least;
    this.createdAt = clock.now();
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
        new KafkaEventTimePolicy(
            partition.toString(), eventTime, maxDelay, idleThreshold, previous, WallClock.SYSTEM);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<String, String> record) {
    String value = record.getKV().getValue();
    return watermark.observe(value == null ? null : eventTime.read(value), clock.now());
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    Instant now = clock.now();
    Instant checked = ctx.getBacklogCheckTime();
    boolean known =
        ctx.getMessageBacklog() >= 0
            && checked != null
            && !new Duration(checked, now).isLongerThan(backlogFreshFor);
    if (!known && !saidUnknown && new Duration(createdAt, now).isLongerThan(backlogFreshFor)) {
      LOG.warn(
          "Kafka partition {}: its end offset has not been read for over {} s (is the broker"
              + " reachable?); its watermark holds, and windows stay open instead of closing as"
              + " silent, until it is read again",
          partition, backlogFreshFor.getStandardSeconds());
      saidUnknown = true;
    } else if (known && saidUnknown) {
      LOG.warn("Kafka partition {}: its end offset is read again; its watermark moves on", partition);
      saidUnknown = false;
    }
    return watermark.watermark(now, known && ctx.getMessageBacklog() == 0);
  }
}
