package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.stats.Lateness.Verdict;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class LatenessTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static Instant at(int minute, int second) {
    return T0.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  private static Instant lastMilli(int minute) {
    return at(minute, 0).minus(Duration.millis(1));
  }

  @Test
  public void classifiesByWhatTheWatermarkIsKnownToHavePassed() {
    Lateness l = Lateness.of(MINUTE, Duration.standardMinutes(2));
    Instant event = at(0, 30);
    // Nothing known yet: on time.
    assertEquals(Verdict.ON_TIME, l.classify(event, null));
    // Not yet past the window's last millisecond.
    assertEquals(Verdict.ON_TIME, l.classify(event, lastMilli(1).minus(Duration.millis(1))));
    // Past it: the window has closed, the event is late but accepted...
    assertEquals(Verdict.LATE, l.classify(event, lastMilli(1)));
    assertEquals(Verdict.LATE, l.classify(event, lastMilli(3).minus(Duration.millis(1))));
    // ...until the watermark passes the last millisecond plus the allowed lateness.
    assertEquals(Verdict.TOO_LATE, l.classify(event, lastMilli(3)));
    // An event at a window's end belongs to the next window.
    assertEquals(Verdict.ON_TIME, l.classify(at(1, 0), lastMilli(1)));
  }

  @Test
  public void withoutLatenessEveryEventBehindTheWatermarkIsTooLate() {
    Lateness l = Lateness.of(MINUTE, Duration.ZERO);
    assertEquals(Verdict.ON_TIME, l.classify(at(0, 59), lastMilli(1).minus(Duration.millis(1))));
    assertEquals(Verdict.TOO_LATE, l.classify(at(0, 59), lastMilli(1)));
  }

  @Test
  public void boundariesAreEveryCloseAndExpiryInOrder() {
    // Lateness of 90 s: closes at 0:59.999, 1:59.999, ...; expiries 90 s after each close, the
    // window before T0 included (1:29.999).
    Lateness l = Lateness.of(MINUTE, Duration.standardSeconds(90));
    Instant b = lastMilli(1).minus(Duration.millis(5));
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      b = l.nextBoundary(b);
      walked.append(Duration.millis(b.getMillis() - T0.getMillis()).getMillis()).append(' ');
    }
    assertEquals("59999 89999 119999 149999 179999 209999 ", walked.toString());
    // Lateness a whole number of windows: expiries coincide with closes.
    Lateness whole = Lateness.of(MINUTE, Duration.standardMinutes(2));
    assertEquals(lastMilli(2), whole.nextBoundary(lastMilli(1)));
    // Before the epoch as well.
    Lateness none = Lateness.of(MINUTE, Duration.ZERO);
    assertEquals(new Instant(-1), none.nextBoundary(new Instant(-30_000)));
  }

  @Test
  public void theReasonSaysHowLateAndWhatIsAllowed() {
    Lateness l = Lateness.of(MINUTE, Duration.standardMinutes(2));
    assertEquals(
        "arrived at least 4 minutes after its window [2024-05-01T10:00:00.000Z,"
            + " 2024-05-01T10:01:00.000Z) closed; allowed lateness 2 minutes",
        l.tooLateReason(at(0, 30), lastMilli(5)));
  }

  @Test
  public void rejectsNegativeLateness() {
    assertThrows(IllegalArgumentException.class, () -> Lateness.of(MINUTE, Duration.millis(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> AggregateWindows.of(MINUTE).withAllowedLateness(Duration.millis(-1)));
  }
}
