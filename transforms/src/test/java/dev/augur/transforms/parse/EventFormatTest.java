package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

public class EventFormatTest {
  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  public void defaultsAndSerialization() {
    EventFormat f = EventFormat.defaults();
    assertEquals("ts", f.timestampField());
    assertEquals("value", f.valueField());
    assertEquals(List.of("region", "service"), f.seriesFields());
    assertEquals(f, SerializableUtils.clone(f));
  }

  @Test
  public void rejectsBadConfiguration() {
    assertEquals(
        "no series field given; name at least one field that identifies a series, e.g. region,service",
        error(() -> EventFormat.withSeriesFields(List.of())));
    assertEquals("series field 'a' is listed twice", error(() -> EventFormat.withSeriesFields(List.of("a", "a"))));
    assertEquals("series field name must not be blank", error(() -> EventFormat.withSeriesFields(List.of(" "))));
    assertEquals(
        "series field 'ts' is also the timestamp or value field",
        error(() -> EventFormat.withSeriesFields(List.of("ts"))));
    assertEquals(
        "timestamp field and value field are both 'x'; they must differ",
        error(() -> EventFormat.of("x", "x", List.of("a"))));
  }
}
