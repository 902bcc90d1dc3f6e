package dev.augur.report;

import dev.augur.evaluation.DetectionScore;
import java.util.Comparator;
import java.util.List;

/**
 * One series of the report: a chart per statistic, its labelled anomalies (those scored) and how
 * many of them an incident found.
 */
public record SeriesReport(
    String series, List<StatisticChart> charts, List<DetectionScore.Label> labels, int detectedLabels) {

  /**
   * The report's order, most anomalous first: more incidents first, then the larger summed excess
   * beyond the intervals ({@link StatisticChart#excess()}), then the larger single deviation, then
   * the series name. Incidents lead because they are what a user was alerted to; the excess ranks
   * series that deviated without alarming.
   */
  public static final Comparator<SeriesReport> MOST_ANOMALOUS_FIRST =
      Comparator.comparingInt(SeriesReport::incidents)
          .reversed()
          .thenComparing(Comparator.comparingDouble(SeriesReport::excess).reversed())
          .thenComparing(Comparator.comparingDouble(SeriesReport::maxAbsScore).reversed())
          .thenComparing(SeriesReport::series);

  public SeriesReport {
    charts = List.copyOf(charts);
    labels = List.copyOf(labels);
  }

  public int incidents() {
    return charts.stream().mapToInt(c -> c.incidents().size()).sum();
  }

  public double excess() {
    return charts.stream().mapToDouble(StatisticChart::excess).sum();
  }

  public double maxAbsScore() {
    return charts.stream().mapToDouble(StatisticChart::maxAbsScore).max().orElse(0);
  }

  public int scored() {
    return charts.stream().mapToInt(StatisticChart::scored).sum();
  }

  public int outside() {
    return charts.stream().mapToInt(StatisticChart::outside).sum();
  }
}
