package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.charset.StandardCharsets;
import org.joda.time.Instant;
import org.junit.Test;

public class PayloadEventTimeTest {
  private final PayloadEventTime ts = PayloadEventTime.of("ts");

  @Test
  public void readsIsoTextAndEpochMillis() {
    assertEquals(
        Instant.parse("2024-05-01T10:00:03.123Z"),
        ts.read("{\"ts\":\"2024-05-01T10:00:03.123Z\",\"value\":1}"));
    assertEquals(new Instant(1714557660000L), ts.read("{\"value\":1,\"ts\":1714557660000}"));
    assertEquals(
        Instant.parse("2024-05-01T08:00:00Z"),
        ts.read("{\"ts\":\"2024-05-01T10:00:00+02:00\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  public void ignoresNestedFieldsOfTheSameName() {
    assertEquals(new Instant(1714557665000L),
        ts.read("{\"meta\":{\"ts\":1000,\"list\":[{\"ts\":2}]},\"ts\":1714557665000}"));
  }

  @Test
  public void yieldsNullWhenThereIsNoReadableTime() {
    assertNull(ts.read("{\"value\":1}"));
    assertNull(ts.read("{\"ts\":\"yesterday\"}"));
    assertNull(ts.read("{\"ts\":1714557665000.5}"));
    assertNull(ts.read("{\"ts\":null}"));
    assertNull(ts.read("[1,2]"));
    assertNull(ts.read("not json"));
    assertNull(ts.read("{\"ts\":"));
  }

  @Test
  public void readsTheConfiguredField() {
    assertEquals(
        new Instant(1714557667000L),
        PayloadEventTime.of("time").read("{\"ts\":1,\"time\":1714557667000}"));
  }

  /** Epoch seconds, whole or with a fraction, read as the parser reads them. */
  @Test
  public void readsEpochSeconds() {
    assertEquals(new Instant(1714557660000L), ts.read("{\"ts\":1714557660}"));
    assertEquals(new Instant(1714557660250L), ts.read("{\"ts\":1714557660.25}"));
  }
}
