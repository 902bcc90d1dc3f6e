package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.WindowStats;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class WindowGapsTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  static Instant minute(int i) {
    return T0.plus(MINUTE.multipliedBy(i));
  }

  static WindowStats stats(String series, int window, double value) {
    return WindowStats.create(series, minute(window), minute(window + 1), 1, value, value, null, value, value);
  }

  static WindowStats empty(String series, int window) {
    return WindowStats.empty(series, minute(window), minute(window + 1));
  }

  @Test
  public void fillsHolesBetweenFirstAndLastInOrder() {
    assertEquals(
        List.of(stats("s=a", 0, 1), empty("s=a", 1), empty("s=a", 2), stats("s=a", 3, 4), stats("s=a", 4, 5)),
        WindowGaps.fill(List.of(stats("s=a", 3, 4), stats("s=a", 0, 1), stats("s=a", 4, 5)), MINUTE));
  }

  @Test
  public void leavesCompleteRunsAlone() {
    assertEquals(List.of(stats("s=a", 5, 1)), WindowGaps.fill(List.of(stats("s=a", 5, 1)), MINUTE));
    assertTrue(WindowGaps.fill(List.of(), MINUTE).isEmpty());
  }

  @Test
  public void rejectsInconsistentWindows() {
    assertThrows(
        IllegalArgumentException.class,
        () -> WindowGaps.fill(List.of(stats("s=a", 0, 1), stats("s=b", 1, 1)), MINUTE));
    assertThrows(
        IllegalArgumentException.class,
        () -> WindowGaps.fill(List.of(stats("s=a", 0, 1), stats("s=a", 0, 2)), MINUTE));
    assertThrows(
        IllegalArgumentException.class,
        () -> WindowGaps.fill(List.of(stats("s=a", 0, 1)), Duration.standardMinutes(2)));
    WindowStats offGrid =
        WindowStats.empty("s=a", minute(1).plus(Duration.standardSeconds(30)), minute(2).plus(Duration.standardSeconds(30)));
    assertThrows(
        IllegalArgumentException.class, () -> WindowGaps.fill(List.of(stats("s=a", 0, 1), offGrid), MINUTE));
  }
}
