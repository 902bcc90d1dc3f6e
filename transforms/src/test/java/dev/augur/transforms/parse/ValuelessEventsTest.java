package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ValuelessEventsTest {
  @Test
  public void warnsOnceWhenTheFirstEventsAllLackTheValueField() {
    List<String> warnings = new ArrayList<>();
    ParseEvents.ValuelessEvents watch = new ParseEvents.ValuelessEvents(3, warnings::add);
    watch.parsed(false, "latency_ms");
    watch.parsed(false, "latency_ms");
    assertEquals(List.of(), warnings);
    watch.parsed(false, "latency_ms");
    assertEquals(
        List.of(ParseEvents.noValues("the first 3 events a worker parsed", "latency_ms")),
        warnings);
    for (int i = 0; i < 10; i++) {
      watch.parsed(false, "latency_ms");
    }
    assertEquals("warned once, not for every later event", 1, warnings.size());
  }

  @Test
  public void oneEventWithAValueEndsTheWatch() {
    List<String> warnings = new ArrayList<>();
    ParseEvents.ValuelessEvents watch = new ParseEvents.ValuelessEvents(3, warnings::add);
    watch.parsed(false, "latency_ms");
    watch.parsed(true, "latency_ms");
    for (int i = 0; i < 10; i++) {
      watch.parsed(false, "latency_ms");
    }
    assertEquals(List.of(), warnings);
  }
}
