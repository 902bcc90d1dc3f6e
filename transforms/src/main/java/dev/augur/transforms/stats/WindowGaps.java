package dev.augur.transforms.stats;

import dev.augur.transforms.records.WindowStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Completes the windows of one series: sorted by start, with an empty window (count 0) for every
 * window missing between the first and the last. Plain Java, used by {@link FillWindowGaps} for
 * bounded input and by {@link BuildHistories}.
 */
public final class WindowGaps {
  private WindowGaps() {}

  /**
   * The windows sorted by start with gaps filled.
   *
   * @throws IllegalArgumentException if the windows belong to different series, are not all {@code
   *     size} long, do not lie on one grid of that size, or repeat a window
   */
  public static List<WindowStats> fill(Iterable<WindowStats> windows, Duration size) {
    List<WindowStats> sorted = new ArrayList<>();
    windows.forEach(sorted::add);
    if (sorted.isEmpty()) {
      return sorted;
    }
    sorted.sort(Comparator.comparing(WindowStats::getWindowStart));
    WindowStats first = sorted.get(0);
    long step = size.getMillis();
    List<WindowStats> out = new ArrayList<>(sorted.size());
    Instant next = first.getWindowStart();
    for (WindowStats w : sorted) {
      if (!w.getSeries().equals(first.getSeries())) {
        throw new IllegalArgumentException(
            "windows of different series: " + first.getSeries() + " and " + w.getSeries());
      }
      if (new Duration(w.getWindowStart(), w.getWindowEnd()).getMillis() != step) {
        throw new IllegalArgumentException(
            "window " + describe(w) + " is not " + size + " long");
      }
      if ((w.getWindowStart().getMillis() - first.getWindowStart().getMillis()) % step != 0) {
        throw new IllegalArgumentException(
            "window " + describe(w) + " is off the grid starting at " + first.getWindowStart());
      }
      if (w.getWindowStart().isBefore(next)) {
        throw new IllegalArgumentException("window " + describe(w) + " occurs twice");
      }
      while (next.isBefore(w.getWindowStart())) {
        Instant end = next.plus(size);
        out.add(WindowStats.empty(w.getSeries(), next, end));
        next = end;
      }
      out.add(w);
      next = w.getWindowEnd();
    }
    return out;
  }

  private static String describe(WindowStats w) {
    return w.getSeries() + " [" + w.getWindowStart() + ", " + w.getWindowEnd() + ")";
  }
}
