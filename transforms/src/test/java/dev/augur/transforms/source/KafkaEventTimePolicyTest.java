package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class KafkaEventTimePolicyTest {
  private static final Duration MAX_DELAY = Duration.standardSeconds(5);
  private static final Duration IDLE = Duration.standardSeconds(20);
  private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  private final SettableClock clock = new SettableClock(WALL);

  private KafkaEventTimePolicy policy(Optional<Instant> previous) {
    return new KafkaEventTimePolicy(
        "events-0", PayloadEventTime.of("ts"), MAX_DELAY, IDLE, previous, clock);
  }

  /** A backlog of {@code messages} read from the broker just now. */
  private TimestampPolicy.PartitionContext backlog(long messages) {
    return backlog(messages, clock.now());
  }

  private static TimestampPolicy.PartitionContext backlog(long messages, Instant checkedAt) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return messages;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return checkedAt;
      }
    };
  }

  private static KafkaRecord<String, String> record(long offset, String value) {
    // The broker's create time is deliberately unrelated to the event time.
    return new KafkaRecord<>(
        "events", 0, offset, WALL.getMillis(), KafkaTimestampType.CREATE_TIME, null, "k", value);
  }

  @Test
  public void timestampsRecordsWithTheEventTimeInTheirValue() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        p.getTimestampForRecord(backlog(3), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}")));
    assertEquals(
        new Instant(1714557660000L),
        p.getTimestampForRecord(backlog(2), record(1, "{\"ts\":1714557660000,\"value\":2}")));
    // Watermark: newest event time (10:01) minus the 5 s max delay.
    assertEquals(Instant.parse("2024-05-01T10:00:55Z"), p.getWatermark(backlog(1)));
  }

  @Test
  public void aRecordWithoutEventTimeGetsTheNewestOneAndDoesNotMoveTheWatermark() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    p.getTimestampForRecord(backlog(1), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}"));
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        p.getTimestampForRecord(backlog(1), record(1, "garbage")));
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        p.getTimestampForRecord(backlog(0), record(2, null)));
    assertEquals(Instant.parse("2024-05-01T09:59:55Z"), p.getWatermark(backlog(0)));
  }

  @Test
  public void anIdlePartitionAdvancesOnlyOnceCaughtUp() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    p.getTimestampForRecord(backlog(0), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}"));
    clock.advance(Duration.standardSeconds(30));
    // Still records to read: not idle, however long since the last one.
    assertEquals(Instant.parse("2024-05-01T09:59:55Z"), p.getWatermark(backlog(10)));
    // Caught up and quiet for 30 s (> 20 s): event time moves on by those 30 s.
    assertEquals(Instant.parse("2024-05-01T10:00:25Z"), p.getWatermark(backlog(0)));
  }

  @Test
  public void anEmptyPartitionHoldsBackOnlyUntilIdle() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, p.getWatermark(backlog(0)));
    clock.advance(Duration.standardSeconds(21));
    assertEquals(clock.now().minus(IDLE), p.getWatermark(backlog(0)));
  }

  @Test
  public void resumesFromTheCheckpointedWatermark() {
    Instant previous = Instant.parse("2024-05-01T11:00:00Z");
    KafkaEventTimePolicy p = policy(Optional.of(previous));
    p.getTimestampForRecord(backlog(0), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}"));
    assertEquals(previous, p.getWatermark(backlog(0)));
  }

  /**
   * While the broker cannot be reached, KafkaIO keeps the end offsets it last read, so the backlog
   * reads as empty: the partition must not count as idle then, or every series' windows close
   * silent and open an incident each.
   */
  @Test
  public void aBacklogNotReadLatelyHoldsTheWatermarkUntilItIsReadAgain() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    p.getTimestampForRecord(backlog(0), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}"));
    Instant lastRead = clock.now();
    clock.advance(Duration.standardMinutes(10));
    Instant held = Instant.parse("2024-05-01T09:59:55Z");
    assertEquals(held, p.getWatermark(backlog(0, lastRead)));
    // A backlog never read (the broker down since the start) holds it too.
    assertEquals(held, p.getWatermark(backlog(-1, BoundedWindow.TIMESTAMP_MIN_VALUE)));
    // Read again, empty: idle for the 10 minutes since the last record, event time moves on.
    assertEquals(Instant.parse("2024-05-01T10:09:55Z"), p.getWatermark(backlog(0)));
  }

  @Test
  public void aBacklogReadWithinTheIdleThresholdCountsAsKnown() {
    KafkaEventTimePolicy p = policy(Optional.empty());
    p.getTimestampForRecord(backlog(0), record(0, "{\"ts\":\"2024-05-01T10:00:00Z\"}"));
    clock.advance(Duration.standardSeconds(30));
    // Read 15 s ago: within the 20 s idle threshold, so caught up and idle for 30 s.
    assertEquals(
        Instant.parse("2024-05-01T10:00:25Z"),
        p.getWatermark(backlog(0, clock.now().minus(Duration.standardSeconds(15)))));
  }
}
