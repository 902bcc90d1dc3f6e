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
    return new KafkaEventTimePolicy(PayloadEventTime.of("ts"), MAX_DELAY, IDLE, previous, clock);
  }

  private static TimestampPolicy.PartitionContext backlog(long messages) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return messages;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return WALL;
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
}
