package dev.augur.report;

import java.util.List;

/**
 * What one chart shows: every compared window of one statistic of one series, in time order, and
 * the incidents raised on it, with the figures the report ranks series by.
 */
public record StatisticChart(String statistic, List<Point> points, List<IncidentSpan> incidents) {

  public StatisticChart {
    points = List.copyOf(points);
    incidents = List.copyOf(incidents);
  }

  /** Windows with a deviation score (both a forecast and an actual value). */
  public int scored() {
    return (int) points.stream().filter(p -> p.score() != null).count();
  }

  /** Windows outside their prediction interval. */
  public int outside() {
    return (int) points.stream().filter(Point::outside).count();
  }

  public double maxAbsScore() {
    return points.stream().mapToDouble(Point::absScore).max().orElse(0);
  }

  /**
   * How far, summed over windows, the actual values lay beyond the interval's edge, in interval
   * half-widths: the sum of {@code max(0, |score| - 1)}. Unlike the maximum, one wild window does
   * not outrank a long sustained departure, and windows inside the band add nothing.
   */
  public double excess() {
    return points.stream().mapToDouble(p -> Math.max(0, p.absScore() - 1)).sum();
  }
}
