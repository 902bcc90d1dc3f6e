package dev.augur.report;

import dev.augur.evaluation.DetectionScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One series of the report: a chart per statistic, its labelled anomalies (those scored), how many
 * of them an incident found, and its charts' figures summed ({@link StatisticChart}).
 */
public record SeriesReport(
    String series,
    List<StatisticChart> charts,
    List<DetectionScore.Label> labels,
    int detectedLabels,
    int incidents,
    int scored,
    int outside,
    double maxAbsScore,
    double excess) {

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

  /** The figures of {@code charts}, summed (the maximum for {@link #maxAbsScore()}). */
  public static SeriesReport of(
      String series, List<StatisticChart> charts, List<DetectionScore.Label> labels, int detectedLabels) {
    int scored = 0;
    int outside = 0;
    double excess = 0;
    double max = 0;
    for (StatisticChart c : charts) {
      scored += c.scored();
      outside += c.outside();
      excess += c.excess();
      max = Math.max(max, c.maxAbsScore());
    }
    return new SeriesReport(series, charts, labels, detectedLabels, distinctIncidents(charts).size(),
        scored, outside, max, excess);
  }

  /**
   * The incidents of {@code charts}, each once (an incident of the series is drawn on each
   * statistic it covers), in the order they opened.
   */
  static List<IncidentSpan> distinctIncidents(List<StatisticChart> charts) {
    Set<String> seen = new HashSet<>();
    List<IncidentSpan> out = new ArrayList<>();
    for (StatisticChart c : charts) {
      for (IncidentSpan i : c.incidents()) {
        if (seen.add(i.dedupeKey())) {
          out.add(i);
        }
      }
    }
    out.sort(
        Comparator.comparingLong(IncidentSpan::openedAtMillis).thenComparing(IncidentSpan::dedupeKey));
    return out;
  }
}
