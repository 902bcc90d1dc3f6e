package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.joda.time.Duration;
import org.junit.Test;

public class DurationTextTest {
  @Test
  public void shortAndIsoForms() {
    assertEquals(Duration.standardSeconds(90), DurationText.parse("x", "90s"));
    assertEquals(Duration.standardMinutes(5), DurationText.parse("x", "5m"));
    assertEquals(Duration.standardMinutes(5), DurationText.parse("x", "5min"));
    assertEquals(Duration.standardHours(1), DurationText.parse("x", "1h"));
    assertEquals(Duration.standardDays(2), DurationText.parse("x", "2d"));
    assertEquals(Duration.standardDays(14), DurationText.parse("x", "2w"));
    assertEquals(Duration.standardMinutes(15), DurationText.parse("x", "PT15M"));
    assertEquals(Duration.millis(250), DurationText.parse("x", "250ms"));
  }

  @Test
  public void rejectsNonsenseNamingTheOption() {
    for (String bad : new String[] {"", "5", "five minutes", "0m", "-PT5M"}) {
      InvalidOptionException e =
          assertThrows(InvalidOptionException.class, () -> DurationText.parse("window", bad));
      assertEquals("window", e.option());
    }
  }
}
