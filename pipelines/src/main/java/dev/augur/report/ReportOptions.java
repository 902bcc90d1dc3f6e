package dev.augur.report;

import java.time.Instant;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a report is put together: its title, how much of large inputs it draws, and how incidents
 * are matched with labelled anomalies.
 *
 * @param title the page's heading
 * @param maxPointsPerChart windows drawn per chart at most; longer series are thinned by {@link
 *     Downsample}, which keeps every bucket's extremes and its largest deviation
 * @param maxChartedSeries series drawn as charts at most, the most anomalous first; the summary
 *     table lists every series
 * @param graceWindows an incident opened up to this many windows after a labelled anomaly ended
 *     still found it (see {@link dev.augur.evaluation.DetectionScore})
 * @param evaluateFrom labels starting before this instant are not scored; null = the first
 *     compared window
 * @param evaluateTo labels starting at or after this instant are not scored; null = the end of the
 *     last compared window
 */
public record ReportOptions(
    String title,
    int maxPointsPerChart,
    int maxChartedSeries,
    int graceWindows,
    @Nullable Instant evaluateFrom,
    @Nullable Instant evaluateTo) {

  public static final String DEFAULT_TITLE = "Augur report";
  public static final int DEFAULT_MAX_POINTS = 1000;
  public static final int DEFAULT_MAX_SERIES = 50;
  /** The grace the demo has always scored with: four windows of evidence. */
  public static final int DEFAULT_GRACE_WINDOWS = 4;

  public ReportOptions {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("--title must not be empty");
    }
    if (maxPointsPerChart < Downsample.MIN_POINTS) {
      throw new IllegalArgumentException(
          "--maxPoints must be at least " + Downsample.MIN_POINTS + ", got " + maxPointsPerChart);
    }
    if (maxChartedSeries < 1) {
      throw new IllegalArgumentException("--maxSeries must be at least 1, got " + maxChartedSeries);
    }
    if (graceWindows < 0) {
      throw new IllegalArgumentException("--graceWindows must not be negative, got " + graceWindows);
    }
    if (evaluateFrom != null && evaluateTo != null && !evaluateFrom.isBefore(evaluateTo)) {
      throw new IllegalArgumentException(
          "the evaluation span must end after it starts: " + evaluateFrom + " >= " + evaluateTo);
    }
  }

  public static ReportOptions defaults() {
    return new ReportOptions(
        DEFAULT_TITLE, DEFAULT_MAX_POINTS, DEFAULT_MAX_SERIES, DEFAULT_GRACE_WINDOWS, null, null);
  }

  public ReportOptions withTitle(String value) {
    return new ReportOptions(
        value, maxPointsPerChart, maxChartedSeries, graceWindows, evaluateFrom, evaluateTo);
  }

  public ReportOptions withLimits(int maxPoints, int maxSeries) {
    return new ReportOptions(title, maxPoints, maxSeries, graceWindows, evaluateFrom, evaluateTo);
  }

  public ReportOptions withGraceWindows(int value) {
    return new ReportOptions(
        title, maxPointsPerChart, maxChartedSeries, value, evaluateFrom, evaluateTo);
  }

  /** Scores only labels that start in {@code [from, to)}. */
  public ReportOptions withEvaluationSpan(@Nullable Instant from, @Nullable Instant to) {
    return new ReportOptions(title, maxPointsPerChart, maxChartedSeries, graceWindows, from, to);
  }
}
