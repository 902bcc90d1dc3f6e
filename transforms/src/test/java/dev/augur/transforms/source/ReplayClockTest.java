package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class ReplayClockTest {
  private static final Instant EVENTS = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  public void anHourPerSecondAtSpeedup3600() {
    ReplayClock c = new ReplayClock(3600, EVENTS, WALL);
    assertEquals(EVENTS, c.replayTime(WALL));
    assertEquals(EVENTS.plus(Duration.standardHours(1)), c.replayTime(WALL.plus(1000)));
    assertEquals(EVENTS.plus(Duration.standardMinutes(30)), c.replayTime(WALL.plus(500)));
    assertEquals(WALL.plus(2000), c.dueAt(EVENTS.plus(Duration.standardHours(2))));
  }

  @Test
  public void anEventIsDueWhenTheReplayReachesIt() {
    ReplayClock c = new ReplayClock(60, EVENTS, WALL);
    Instant oneMinuteIn = EVENTS.plus(Duration.standardMinutes(1));
    assertFalse(c.isDue(oneMinuteIn, WALL.plus(999)));
    assertTrue(c.isDue(oneMinuteIn, WALL.plus(1000)));
    // Events before the origin (e.g. out of order) are due at once.
    assertTrue(c.isDue(EVENTS.minus(Duration.standardDays(1)), WALL));
    assertEquals(WALL, c.dueAt(EVENTS.minus(Duration.standardDays(1))));
  }

  @Test
  public void speedupZeroMakesEverythingDueAtOnce() {
    ReplayClock c = new ReplayClock(0, EVENTS, WALL);
    assertTrue(c.isDue(EVENTS.plus(Duration.standardDays(365)), WALL));
    assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, c.replayTime(WALL));
  }

  @Test
  public void aWallClockBeforeTheOriginDoesNotRunBackwards() {
    ReplayClock c = new ReplayClock(10, EVENTS, WALL);
    assertEquals(EVENTS, c.replayTime(WALL.minus(5000)));
  }

  @Test
  public void rejectsNegativeOrInfiniteSpeedups() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayClock(-1, EVENTS, WALL));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ReplayClock(Double.POSITIVE_INFINITY, EVENTS, WALL));
    assertThrows(IllegalArgumentException.class, () -> new ReplayClock(Double.NaN, EVENTS, WALL));
  }
}
