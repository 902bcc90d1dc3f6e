package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.joda.time.Instant;
import org.junit.Test;

public class EventTimesTest {
  private static final Instant TEN_UTC = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  public void readsIsoWithZoneOrOffset() throws Exception {
    assertEquals(TEN_UTC, EventTimes.parse("2024-05-01T10:00:00Z"));
    assertEquals(TEN_UTC, EventTimes.parse("2024-05-01T12:00:00+02:00"));
    assertEquals(TEN_UTC, EventTimes.parse("2024-05-01T12:00+02:00[Europe/Paris]"));
    assertEquals(TEN_UTC.plus(250), EventTimes.parse("2024-05-01T10:00:00.250Z"));
    // Beyond milliseconds is dropped.
    assertEquals(TEN_UTC.plus(250), EventTimes.parse("2024-05-01T10:00:00.250999Z"));
  }

  @Test
  public void readsDateTimesWithoutZoneAsUtc() throws Exception {
    assertEquals(TEN_UTC, EventTimes.parse("2024-05-01 10:00:00"));
    assertEquals(TEN_UTC, EventTimes.parse("2024-05-01T10:00:00"));
    assertEquals(TEN_UTC.plus(500), EventTimes.parse(" 2024-05-01 10:00:00.5 "));
  }

  @Test
  public void readsEpochMillis() throws Exception {
    assertEquals(TEN_UTC, EventTimes.parse(Long.toString(TEN_UTC.getMillis())));
    // The smallest number read as milliseconds: 1973-03-03.
    assertEquals(new Instant(100_000_000_000L), EventTimes.parse("100000000000"));
  }

  /**
   * Epoch seconds, whole or with a fraction, name the same instant as the milliseconds: read as
   * milliseconds, as they were, they put every event in January 1970.
   */
  @Test
  public void readsEpochSecondsBelowTheirBound() throws Exception {
    assertEquals(TEN_UTC, EventTimes.parse(Long.toString(TEN_UTC.getMillis() / 1000)));
    assertEquals(TEN_UTC.plus(250), EventTimes.parse(TEN_UTC.getMillis() / 1000 + ".25"));
    assertEquals(new Instant(-1000), EventTimes.parse("-1"));
    assertEquals(TEN_UTC, EventTimes.fromEpoch(TEN_UTC.getMillis() / 1000));
    assertEquals(TEN_UTC, EventTimes.fromEpoch(TEN_UTC.getMillis() / 1000.0));
    assertEquals(new Instant(99_999_999_999_000L), EventTimes.fromEpoch(99_999_999_999L));
  }

  @Test
  public void rejectsOtherText() {
    for (String bad : new String[] {"", "yesterday", "2024-05-01", "2024-13-01 10:00:00", "1.5e12", "2024-05-01 10:00:00 UTC"}) {
      InvalidEventException e =
          assertThrows(bad, InvalidEventException.class, () -> EventTimes.parse(bad));
      assertTrue(e.getMessage(), e.getMessage().contains("timestamp"));
    }
  }

  @Test
  public void rejectsTimesBeamCannotWindow() {
    assertThrows(InvalidEventException.class, () -> EventTimes.parse("99999999999999999999"));
    assertThrows(InvalidEventException.class, () -> EventTimes.parse("9223372036854775807"));
    assertThrows(InvalidEventException.class, () -> EventTimes.parse("+999999999-01-01T00:00:00Z"));
  }
}
