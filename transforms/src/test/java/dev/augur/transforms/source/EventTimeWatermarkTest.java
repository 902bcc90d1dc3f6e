package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class EventTimeWatermarkTest {
  private static final Duration MAX_DELAY = Duration.standardSeconds(10);
  private static final Duration IDLE = Duration.standardSeconds(30);
  /** Wall time, far from the (historical) event times, as in a replay. */
  private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant EVENT = Instant.parse("2024-05-01T10:00:00Z");

  private static EventTimeWatermark fresh() {
    return new EventTimeWatermark(MAX_DELAY, IDLE, BoundedWindow.TIMESTAMP_MIN_VALUE, WALL);
  }

  @Test
  public void trailsTheNewestEventTimeByTheMaxDelay() {
    EventTimeWatermark w = fresh();
    assertEquals(EVENT, w.observe(EVENT, WALL));
    assertEquals(EVENT.minus(MAX_DELAY), w.watermark(WALL, true));
    w.observe(EVENT.plus(Duration.standardMinutes(1)), WALL.plus(1000));
    assertEquals(
        EVENT.plus(Duration.standardMinutes(1)).minus(MAX_DELAY), w.watermark(WALL.plus(1000), true));
  }

  @Test
  public void neverGoesBackForAnOlderEvent() {
    EventTimeWatermark w = fresh();
    w.observe(EVENT, WALL);
    Instant before = w.watermark(WALL, true);
    assertEquals(EVENT.minus(Duration.standardMinutes(5)), w.observe(EVENT.minus(Duration.standardMinutes(5)), WALL));
    assertEquals(before, w.watermark(WALL, true));
  }

  @Test
  public void aRecordWithoutTimeTakesTheNewestEventTimeAndMovesNothing() {
    EventTimeWatermark w = fresh();
    w.observe(EVENT, WALL);
    assertEquals(EVENT, w.observe(null, WALL));
    assertEquals(EVENT.minus(MAX_DELAY), w.watermark(WALL, true));
  }

  @Test
  public void anIdleShardAdvancesAtWallSpeedFromItsNewestEvent() {
    EventTimeWatermark w = fresh();
    w.observe(EVENT, WALL);
    // Idle for exactly the threshold: not yet idle.
    assertEquals(EVENT.minus(MAX_DELAY), w.watermark(WALL.plus(IDLE), true));
    // 40 s without records: event time moves on by 40 s, not to the (much later) wall clock.
    Instant later = WALL.plus(Duration.standardSeconds(40));
    assertEquals(
        EVENT.minus(MAX_DELAY).plus(Duration.standardSeconds(40)), w.watermark(later, true));
  }

  @Test
  public void aPartitionWithBacklogIsNotIdle() {
    EventTimeWatermark w = fresh();
    w.observe(EVENT, WALL);
    assertEquals(
        EVENT.minus(MAX_DELAY), w.watermark(WALL.plus(Duration.standardMinutes(5)), false));
  }

  @Test
  public void aShardWithoutRecordsStopsHoldingBackOnceIdle() {
    EventTimeWatermark w = fresh();
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, w.watermark(WALL.plus(IDLE), true));
    Instant later = WALL.plus(Duration.standardMinutes(2));
    assertEquals(later.minus(IDLE), w.watermark(later, true));
  }

  @Test
  public void resumesFromAPreviousWatermark() {
    EventTimeWatermark w = new EventTimeWatermark(MAX_DELAY, IDLE, EVENT, WALL);
    w.observe(EVENT.minus(Duration.standardMinutes(1)), WALL);
    assertEquals(EVENT, w.watermark(WALL, true));
  }

  @Test
  public void rejectsANonPositiveIdleThreshold() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EventTimeWatermark(MAX_DELAY, Duration.ZERO, EVENT, WALL));
  }
}
