package dev.augur.report;

import dev.augur.synthetic.AnomalyKind;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joda.time.Instant;

/**
 * Writes comparisons, incidents and labels the way the stream's FILE sinks and the generator do
 * ({@link SinkJson}, {@link AnomalyLabel}), for a few series over one day of 15-minute windows.
 */
final class ReportFixture {
  static final String EVIL = "<img src=x onerror=alert(1)>";
  static final long WINDOW = 15 * 60_000L;
  static final long START = java.time.Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();

  final Path comparisons;
  final Path incidents;
  final Path labels;
  final List<String> comparisonLines = new ArrayList<>();
  final List<String> incidentLines = new ArrayList<>();
  final List<AnomalyLabel> labelList = new ArrayList<>();

  ReportFixture(Path dir) {
    this.comparisons = dir.resolve("comparisons");
    this.incidents = dir.resolve("incidents");
    this.labels = dir.resolve("labels.jsonl");
  }

  /** {@code windows} windows of count and mean; {@code spikeAt} >= 0 puts a spike there. */
  ReportFixture series(String series, int windows, int spikeAt, double spikeScore, long seed) {
    Random random = new Random(seed);
    for (String statistic : new String[] {"count", "mean"}) {
      for (int i = 0; i < windows; i++) {
        double expected = 100 + 30 * Math.sin(2 * Math.PI * i / 96.0);
        double half = 10;
        double score = random.nextDouble() * 1.6 - 0.8;
        if (i == spikeAt || i == spikeAt + 1 || i == spikeAt + 2) {
          score = spikeScore;
        }
        double actual = expected + score * half;
        comparison(series, statistic, i, actual, expected, expected - half, expected + half, score);
      }
    }
    return this;
  }

  ReportFixture comparison(
      String series, String statistic, int window, Double actual, Double expected, Double lower,
      Double upper, Double score) {
    Comparison.Direction direction =
        score == null
            ? (expected == null ? Comparison.Direction.NO_FORECAST : Comparison.Direction.NO_ACTUAL)
            : score > 1 ? Comparison.Direction.ABOVE
            : score < -1 ? Comparison.Direction.BELOW : Comparison.Direction.WITHIN;
    comparisonLines.add(
        SinkJson.comparison(
            Comparison.create(
                series, statistic, at(window), at(window + 1), actual, expected, lower, upper,
                score, direction, expected == null ? null : "20240501T000000Z")));
    return this;
  }

  /** An incident opened at the end of window {@code from}, resolved at the end of {@code to} (or open when negative). */
  ReportFixture incident(String series, String statistic, int from, int to, String summary) {
    String key = series + "|" + statistic + "|" + from;
    incidentLines.add(event(key, IncidentEvent.Type.OPENED, series, statistic, IncidentEvent.Severity.MEDIUM, from, from, summary));
    incidentLines.add(event(key, IncidentEvent.Type.UPDATED, series, statistic, IncidentEvent.Severity.HIGH, from, from + 1, summary));
    if (to >= 0) {
      incidentLines.add(event(key, IncidentEvent.Type.RESOLVED, series, statistic, IncidentEvent.Severity.HIGH, from, to, "resolved: " + summary));
    }
    return this;
  }

  /**
   * An incident of the series, as the default scope writes it: opened on count at the end of
   * window {@code from}, joined by mean a window later, resolved at the end of {@code to}.
   */
  ReportFixture seriesIncident(String series, int from, int to, String summary) {
    String key = series + "|series|" + from;
    incidentLines.add(event(key, IncidentEvent.Type.OPENED, series, "count", IncidentEvent.Severity.MEDIUM, from, from, summary));
    incidentLines.add(event(key, IncidentEvent.Type.UPDATED, series, "count,mean", IncidentEvent.Severity.HIGH, from, from + 1, summary));
    incidentLines.add(event(key, IncidentEvent.Type.RESOLVED, series, "count,mean", IncidentEvent.Severity.HIGH, from, to, "resolved: " + summary));
    return this;
  }

  ReportFixture label(String series, int fromWindow, int toWindow) {
    labelList.add(
        new AnomalyLabel(series, START + fromWindow * WINDOW, START + toWindow * WINDOW, AnomalyKind.SPIKE, true, false));
    return this;
  }

  ReportFixture write() throws IOException {
    Files.createDirectories(comparisons);
    Files.createDirectories(incidents);
    Files.write(comparisons.resolve("comparisons-00000-of-00001.jsonl"), comparisonLines, StandardCharsets.UTF_8);
    Files.write(incidents.resolve("incidents-00000-of-00001.jsonl"), incidentLines, StandardCharsets.UTF_8);
    AnomalyLabel.writeAll(labels, labelList);
    return this;
  }

  ReportData load(ReportOptions options) throws IOException {
    return ReportData.load(comparisons, incidents, labelList.isEmpty() ? null : labels, options);
  }

  private static String event(
      String key, IncidentEvent.Type type, String series, String statistic,
      IncidentEvent.Severity severity, int openedWindow, int eventWindow, String summary) {
    return SinkJson.incident(
        IncidentEvent.create(
            key, type, series, statistic, severity, at(openedWindow + 1), at(eventWindow + 1),
            summary, List.of()));
  }

  static Instant at(int window) {
    return new Instant(START + window * WINDOW);
  }

  /** How often {@code needle} occurs in {@code haystack}. */
  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
