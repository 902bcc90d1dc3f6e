package dev.augur.report;

import java.util.List;

/**
 * What one chart shows: every compared window of one statistic of one series, in time order, and
 * the incidents raised on it, with the figures the report ranks series by (computed once, as
 * sorting asks for them often).
 *
 * @param scored windows with a deviation score (both a forecast and an actual value)
 * @param outside windows outside their prediction interval
 * @param maxAbsScore the largest absolute deviation score
 * @param excess how far, summed over windows, the actual values lay beyond the interval's edge, in
 *     interval half-widths: the sum of {@code max(0, |score| - 1)}. Unlike the maximum, one wild
 *     window does not outrank a long sustained departure, and windows inside the band add nothing.
 */
public record StatisticChart(
    String statistic,
    List<Point> points,
    List<IncidentSpan> incidents,
    int scored,
    int outside,
    double maxAbsScore,
    double excess) {

  public StatisticChart {
    points = List.copyOf(points);
    incidents = List.copyOf(incidents);
  }

  /** The chart of {@code points} (in time order) and {@code incidents}, with its figures. */
  public static StatisticChart of(String statistic, List<Point> points, List<IncidentSpan> incidents) {
    int scored = 0;
    int outside = 0;
    double max = 0;
    double excess = 0;
    for (Point p : points) {
      if (p.score() != null) {
        scored++;
      }
      if (p.outside()) {
        outside++;
      }
      max = Math.max(max, p.absScore());
      excess += Math.max(0, p.absScore() - 1);
    }
    return new StatisticChart(statistic, points, incidents, scored, outside, max, excess);
  }
}
