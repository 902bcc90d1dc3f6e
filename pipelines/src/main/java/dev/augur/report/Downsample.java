package dev.augur.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Thins a long series for drawing, so that a report over months of windows stays a few megabytes
 * and opens quickly. The windows are cut into {@code maxPoints / 4} consecutive buckets and each
 * bucket keeps at most four of its own windows, unchanged: its first, those with the lowest and
 * the highest actual value, and the one with the largest absolute deviation score. Spikes, dips and
 * the worst deviations therefore survive thinning; only windows that look like their neighbours
 * are dropped. Counts and figures in the report always use every window.
 */
public final class Downsample {
  /** The least {@code maxPoints} accepted: two buckets. */
  public static final int MIN_POINTS = 8;

  private Downsample() {}

  /** {@code points} (in time order) if they are at most {@code maxPoints}, else a thinned copy. */
  public static List<Point> thin(List<Point> points, int maxPoints) {
    if (maxPoints < MIN_POINTS) {
      throw new IllegalArgumentException("maxPoints must be at least " + MIN_POINTS);
    }
    int n = points.size();
    if (n <= maxPoints) {
      return points;
    }
    int buckets = maxPoints / 4;
    List<Point> out = new ArrayList<>(maxPoints);
    for (int b = 0; b < buckets; b++) {
      int from = (int) ((long) b * n / buckets);
      int to = (int) ((long) (b + 1) * n / buckets);
      int low = -1;
      int high = -1;
      int worst = -1;
      for (int i = from; i < to; i++) {
        Point p = points.get(i);
        if (p.actual() != null) {
          if (low < 0 || p.actual() < points.get(low).actual()) {
            low = i;
          }
          if (high < 0 || p.actual() > points.get(high).actual()) {
            high = i;
          }
        }
        if (p.score() != null && (worst < 0 || p.absScore() > points.get(worst).absScore())) {
          worst = i;
        }
      }
      TreeSet<Integer> keep = new TreeSet<>();
      keep.add(from);
      for (int i : new int[] {low, high, worst}) {
        if (i >= 0) {
          keep.add(i);
        }
      }
      for (int i : keep) {
        out.add(points.get(i));
      }
    }
    return out;
  }
}
