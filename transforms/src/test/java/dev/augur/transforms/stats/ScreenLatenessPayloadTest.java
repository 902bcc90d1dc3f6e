package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.JsonEventParser;
import dev.augur.transforms.records.Event;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;

/** An event too late for its window is dead-lettered as a line its source could send again. */
public class ScreenLatenessPayloadTest {
  private static final EventFormat FORMAT = EventFormat.of("time", "v", List.of("region", "service"));

  @Test
  public void theDeadLetterIsALineOfTheEventsOwnFormat() throws Exception {
    Event late =
        Event.create("region=eu-west-1,service=checkout", Instant.parse("2024-05-04T01:00:00Z"), 50.0);
    String line = ScreenLatenessFn.payload(late, FORMAT);
    assertEquals(
        "{\"region\":\"eu-west-1\",\"service\":\"checkout\",\"time\":\"2024-05-04T01:00:00.000Z\",\"v\":50.0}",
        line);
    assertEquals(late, new JsonEventParser(FORMAT).parse(line));

    Event counted = Event.count("region=eu-west-1,service=checkout", Instant.parse("2024-05-04T01:00:00Z"));
    assertEquals(counted, new JsonEventParser(FORMAT).parse(ScreenLatenessFn.payload(counted, FORMAT)));
  }

  @Test
  public void aSeriesThatIsNoKeyKeepsItsName() {
    assertEquals(
        "{\"series\":\"nyc_taxi\",\"ts\":\"2014-07-01T00:00:00.000Z\",\"value\":10844.0}",
        ScreenLatenessFn.payload(
            Event.create("nyc_taxi", Instant.parse("2014-07-01T00:00:00Z"), 10844.0),
            EventFormat.defaults()));
  }
}
