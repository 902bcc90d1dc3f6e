package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The Kinesis watermark's view of the reader's queue: what the clients fetched (through the SDK
 * interceptor) against what the runner took (through the watermark policy).
 */
public class KinesisShardProgressTest {
  private static final String STREAM = "events";
  private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration MAX_DELAY = Duration.standardSeconds(30);
  private static final Duration IDLE = Duration.standardSeconds(5);

  private final KinesisProgressInterceptor interceptor = new KinesisProgressInterceptor();

  @Before
  public void forget() {
    KinesisShardProgress.reset();
  }

  private void gotIterator(String shard, String iterator) {
    interceptor.afterExecution(
        InterceptorContext.builder()
            .request(GetShardIteratorRequest.builder().streamName(STREAM).shardId(shard).build())
            .response(GetShardIteratorResponse.builder().shardIterator(iterator).build())
            .build(),
        new ExecutionAttributes());
  }

  /** A GetRecords answer for {@code iterator} with records of the given sequence numbers. */
  private void gotRecords(String iterator, String next, long millisBehind, String... sequences) {
    List<Record> records =
        java.util.Arrays.stream(sequences)
            .map(s -> Record.builder().sequenceNumber(s).partitionKey("k").build())
            .collect(java.util.stream.Collectors.toList());
    interceptor.afterExecution(
        InterceptorContext.builder()
            .request(GetRecordsRequest.builder().shardIterator(iterator).build())
            .response(
                GetRecordsResponse.builder()
                    .records(records)
                    .nextShardIterator(next)
                    .millisBehindLatest(millisBehind)
                    .build())
            .build(),
        new ExecutionAttributes());
  }

  private static KinesisRecord record(String shard, String sequence, String ts) {
    byte[] data = ("{\"ts\":\"" + ts + "\",\"value\":1}").getBytes(StandardCharsets.UTF_8);
    return new KinesisRecord(
        ByteBuffer.wrap(data), sequence, 0, "k", START, START, STREAM, shard);
  }

  private static KinesisEventTimePolicy policy(SettableClock clock) {
    return new KinesisEventTimePolicy(STREAM, PayloadEventTime.of("ts"), MAX_DELAY, IDLE, clock);
  }

  @Test
  public void aShardHasCaughtUpWhenItsLastFetchWasAtTheTipAndAllItFetchedWasTaken() {
    gotIterator("shard-0", "it-1");
    // Asked for, not answered yet: its records may be on the way.
    assertFalse(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    gotRecords("it-1", "it-2", 60_000, "100", "200");
    assertFalse("behind the tip", KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    gotRecords("it-2", "it-3", 0, "300");
    KinesisShardProgress.taken(STREAM, "shard-0", "200");
    assertFalse("300 still queued", KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    KinesisShardProgress.taken(STREAM, "shard-0", "300");
    assertTrue(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    // An answer for an iterator already used (or never seen) is not placed.
    gotRecords("it-1", "it-9", 5_000, "400");
    assertTrue(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    // Sequence numbers are compared as numbers, longer than a long.
    gotRecords("it-3", "it-4", 0, "49590338271490256608559692538361571095921575989136588898");
    assertFalse(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
    KinesisShardProgress.taken(STREAM, "shard-0", "49590338271490256608559692538361571095921575989136588898");
    assertTrue(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
  }

  @Test
  public void noShardNobodyTookFromMayHaveRecordsWaiting() {
    assertTrue("nothing polled: no view, as before", KinesisShardProgress.unclaimedCaughtUp(STREAM));
    gotIterator("shard-0", "a-1");
    gotIterator("shard-1", "b-1");
    gotIterator("shard-2", "c-1");
    gotRecords("a-1", "a-2", 0);
    gotRecords("c-1", "c-2", 30_000, "1");
    KinesisShardProgress.taken(STREAM, "shard-2", "1");
    assertFalse("shard-1 not answered yet", KinesisShardProgress.unclaimedCaughtUp(STREAM));
    gotRecords("b-1", "b-2", 0, "7");
    assertFalse("shard-1's record is queued", KinesisShardProgress.unclaimedCaughtUp(STREAM));
    KinesisShardProgress.taken(STREAM, "shard-1", "7");
    // shard-2 is behind, but a policy takes its records and holds for it.
    assertTrue(KinesisShardProgress.unclaimedCaughtUp(STREAM));
    assertFalse(KinesisShardProgress.caughtUp(STREAM, "shard-2"));
    assertTrue("another stream", KinesisShardProgress.unclaimedCaughtUp("other"));
  }

  @Test
  public void aClosedShardReadToItsEndHasCaughtUp() {
    gotIterator("shard-0", "a-1");
    gotRecords("a-1", null, 90_000, "5");
    KinesisShardProgress.taken(STREAM, "shard-0", "5");
    assertTrue(KinesisShardProgress.caughtUp(STREAM, "shard-0"));
  }

  @Test
  public void aShardWhoseRecordsWaitBehindAnothersDoesNotLookEmpty() {
    SettableClock clock = new SettableClock(START);
    KinesisEventTimePolicy first = policy(clock);
    KinesisEventTimePolicy second = policy(clock);
    gotIterator("shard-0", "a-1");
    gotIterator("shard-1", "b-1");
    // Both shards fetched a backlog at once; the runner takes shard-0's records first, slowly.
    gotRecords("a-1", "a-2", 0, "1", "2");
    gotRecords("b-1", "b-2", 0, "3");
    first.update(record("shard-0", "1", "2024-05-16T00:00:00Z"));
    clock.advance(Duration.standardMinutes(2));
    first.update(record("shard-0", "2", "2024-05-16T12:00:00Z"));
    clock.advance(Duration.standardMinutes(2));
    // shard-1 has had no record for four minutes, but its record is queued: it holds.
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, second.getWatermark());
    second.update(record("shard-1", "3", "2024-05-16T00:10:00Z"));
    assertEquals(Instant.parse("2024-05-16T00:09:30Z"), second.getWatermark());

    // Everything taken and at the tip: after the idle threshold each moves on from its newest
    // event time at wall-clock speed, counted from its last record.
    clock.advance(Duration.standardSeconds(10));
    assertEquals(Instant.parse("2024-05-16T00:09:40Z"), second.getWatermark());
    assertEquals(Instant.parse("2024-05-16T12:01:40Z"), first.getWatermark());
  }

  @Test
  public void aShardWithNothingFetchedIsIdleOnceTheStreamHasCaughtUp() {
    SettableClock clock = new SettableClock(START);
    KinesisEventTimePolicy busy = policy(clock);
    KinesisEventTimePolicy empty = policy(clock);
    gotIterator("shard-0", "a-1");
    gotIterator("shard-1", "b-1");
    gotRecords("a-1", "a-2", 0, "1");
    gotRecords("b-1", "b-2", 0);
    clock.advance(Duration.standardSeconds(10));
    // shard-0's record is still queued.
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, empty.getWatermark());
    busy.update(record("shard-0", "1", "2024-05-16T00:00:00Z"));
    // Now nothing is queued and shard-1's fetches are empty at the tip: it stops holding back.
    assertEquals(START.plus(Duration.standardSeconds(10)).minus(IDLE), empty.getWatermark());
  }
}
