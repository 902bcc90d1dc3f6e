package dev.augur.pipelines;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.synthetic.AnomalyLabel;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.sink.SinkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A backtest's evaluation says when labels name series it never compared. */
public class BacktestResultsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

  /** The results of a backtest whose comparisons were {@code lines}, with no incident. */
  private BacktestResults read(List<String> lines, List<AnomalyLabel> labels) throws Exception {
    Path comparisons = tmp.newFolder("comparisons").toPath();
    Path incidents = tmp.newFolder("incidents").toPath();
    Files.write(comparisons.resolve("part-0.jsonl"), lines);
    Files.writeString(incidents.resolve("part-0.jsonl"), "");
    return BacktestResults.read(comparisons.toString(), incidents.toString(), labels, 900_000L);
  }

  /** The comparison line of window {@code i} of a count forecast as 100 in [90, 110]. */
  private static String comparisonLine(String series, int i, double actual) {
    double score = (actual - 100.0) / 10.0;
    return SinkJson.comparison(
        Comparison.create(
            series, "count", START.plus(900_000L * i), START.plus(900_000L * (i + 1)), actual,
            100.0, 90.0, 110.0, score,
            Math.abs(score) > 1 ? Comparison.Direction.ABOVE : Comparison.Direction.WITHIN, "v1"));
  }

  @Test
  public void labelsOfSeriesNeverComparedAreCountedAndWarnedAbout() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lines.add(comparisonLine("service=checkout", i, 101.0));
    }
    List<AnomalyLabel> labels =
        List.of(
            AnomalyLabel.fromJson(
                "{\"series\":\"checkout\",\"start\":\"2024-05-01T00:30:00Z\",\"end\":\"2024-05-01T01:00:00Z\",\"kind\":\"spike\"}"),
            AnomalyLabel.fromJson(
                "{\"series\":\"service=checkout\",\"start\":\"2024-05-01T01:00:00Z\",\"end\":\"2024-05-01T01:15:00Z\",\"kind\":\"dip\"}"));
    BacktestResults r = read(lines, labels);
    String summary = String.join("\n", r.summary());
    assertTrue(summary, summary.contains(
        "warning: 1 scored labels name series that were never compared, so they count as missed"));
    String json = r.toJson();
    assertEquals(
        1,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(json).path("detection").path("labels_of_series_not_compared").asInt());
    Path file = tmp.newFile("evaluation.json").toPath();
    Files.writeString(file, json);
    assertEquals(summary, String.join("\n", BacktestResults.readJson(file.toString()).summary()));
  }

  @Test
  public void namesTheSeriesWhoseBandsCoveredLeastAndReadsThemBack() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      // service=quiet falls outside its band every other window; service=busy never does.
      lines.add(comparisonLine("service=quiet", i, i % 2 == 0 ? 100.0 : 130.0));
      lines.add(comparisonLine("service=busy", i, 100.0));
    }
    BacktestResults r = read(lines, null);
    String summary = String.join("\n", r.summary());
    assertTrue(
        summary,
        summary.contains(
            "coverage=75.0%\n    least covered: service=quiet 50.0% of 24, service=busy 100.0% of 24"));
    Path file = tmp.newFile("evaluation.json").toPath();
    Files.writeString(file, r.toJson());
    assertEquals(summary, String.join("\n", BacktestResults.readJson(file.toString()).summary()));
  }
}
