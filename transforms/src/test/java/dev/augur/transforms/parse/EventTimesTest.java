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
    assertEquals(new Instant(-1000), EventTimes.parse("-1000"));
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
