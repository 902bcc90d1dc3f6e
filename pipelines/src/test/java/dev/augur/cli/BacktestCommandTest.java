package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.synthetic.AnomalyKind;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code augur backtest} on generated events with injected spikes and level shifts: the output
 * files keep the stream's JSON fields (plus the alarm state), every window of every series and
 * statistic is reported once, and the incidents find the labelled anomalies far better than
 * chance.
 */
public class BacktestCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SERIES = 3;
  private static final int DAYS = 9;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesComparisonsIncidentsAndEvaluationOfGeneratedHistory() throws Exception {
    Path events = tmp.newFolder("events").toPath();
    Path out = tmp.getRoot().toPath().resolve("backtest");
    SyntheticGenerator generator =
        new SyntheticGenerator(
            GeneratorConfig.builder()
                .seed(7)
                .seriesCount(SERIES)
                .duration(Duration.ofDays(DAYS))
                .eventsPerMinute(1)
                .cleanPeriod(Duration.ofDays(7))
                .anomaliesPerSeriesPerDay(1.5)
                .anomalyKinds(AnomalyKind.SPIKE, AnomalyKind.LEVEL_SHIFT)
                .anomalyDuration(Duration.ofHours(2), Duration.ofHours(4))
                .build());
    generator.writeJsonLines(events, DAYS, true);
    Path labels = events.resolve("labels.jsonl");
    generator.writeLabels(labels);

    int exit =
        Augur.commandLine()
            .execute(
                "backtest",
                "--input=" + events + "/*.jsonl.gz",
                "--output=" + out,
                "--window=30m",
                "--trainSpan=7d",
                "--retrainEvery=1d",
                "--anomalyLabels=" + labels);
    assertEquals(0, exit);

    // Comparisons: the stream's fields in the stream's order, then the alarm state.
    List<String> streamFields = new ArrayList<>();
    SinkJson.comparisonNode(
            Comparison.create(
                "s", "count", new Instant(0), new Instant(1), 1.0, null, null, null, null,
                Comparison.Direction.NO_FORECAST, null))
        .fieldNames()
        .forEachRemaining(streamFields::add);
    List<String> expectedFields = new ArrayList<>(streamFields);
    expectedFields.addAll(List.of("alarm_state", "verdict", "incident"));
    Set<String> seen = new HashSet<>();
    Set<String> windowIncidents = new HashSet<>();
    int withForecast = 0;
    int alarmed = 0;
    for (JsonNode c : lines(out.resolve("comparisons"))) {
      List<String> fields = new ArrayList<>();
      c.fieldNames().forEachRemaining(fields::add);
      assertEquals(expectedFields, fields);
      assertTrue(
          "window reported twice: " + c,
          seen.add(c.get("series").asText() + c.get("statistic").asText() + c.get("window_start").asText()));
      if (!c.get("model_version").isNull()) {
        withForecast++;
      }
      if (c.get("alarm_state").asText().equals("ALARM")) {
        alarmed++;
        assertFalse(c.get("incident").isNull());
      }
      if (!c.get("incident").isNull()) {
        windowIncidents.add(c.get("incident").asText());
      }
    }
    int windows = DAYS * 48;
    assertEquals(SERIES * 4 * windows, seen.size());
    assertEquals(SERIES * 4 * (DAYS - 7) * 48, withForecast);
    assertTrue(alarmed > 0);

    // Incidents: the stream's incident events.
    List<JsonNode> incidents = lines(out.resolve("incidents"));
    assertFalse(incidents.isEmpty());
    Set<String> incidentKeys = new HashSet<>();
    incidents.forEach(e -> incidentKeys.add(e.get("dedupe_key").asText()));
    // A window's incident is one of the incident events' incidents (one per series by default).
    assertEquals(incidentKeys, windowIncidents);
    for (JsonNode e : incidents) {
      IncidentEvent.Type.valueOf(e.get("type").asText());
      for (String f :
          List.of(
              "dedupe_key", "series", "statistic", "severity", "opened_at", "event_time",
              "summary", "evidence")) {
        assertTrue(f + " in " + e, e.has(f));
      }
    }

    JsonNode evaluation = JSON.readTree(out.resolve("evaluation.json").toFile());
    JsonNode detection = evaluation.get("detection");
    int labelled = detection.get("labels").asInt();
    assertTrue("labels in the compared span: " + labelled, labelled >= 4);
    // Chance: an incident lands in a labelled span (plus grace) of its series a small fraction of
    // the time; the backtest must find most anomalies with mostly true incidents.
    assertTrue(detection.toString(), detection.get("recall").asDouble() >= 0.6);
    assertTrue(detection.toString(), detection.get("precision").asDouble() >= 0.5);
    assertTrue(detection.get("mean_time_to_detect_minutes").asDouble() > 0);
    assertTrue(detection.get("median_time_to_detect_minutes").asDouble() > 0);
    int byKind = 0;
    for (JsonNode k : detection.get("recall_by_kind")) {
      byKind += k.get("labels").asInt();
    }
    assertEquals(labelled, byKind);
    assertEquals(4, evaluation.get("forecast_accuracy").size());
    for (JsonNode a : evaluation.get("forecast_accuracy")) {
      // Each series has days of windows compared: all of them are named, the least covered first.
      JsonNode least = a.get("least_covered_series");
      assertEquals(a.toString(), SERIES, least.size());
      for (int i = 1; i < SERIES; i++) {
        assertTrue(
            a.toString(),
            least.get(i - 1).get("coverage").asDouble() <= least.get(i).get("coverage").asDouble());
      }
    }

    // The HTML report under the output: a chart per series and statistic, and the same
    // detection figures as evaluation.json.
    String report = Files.readString(out.resolve("report.html"));
    assertEquals(SERIES * 4, report.split("<svg class=\"chart\"", -1).length - 1);
    assertTrue(report.contains("id=\"evaluation\""));
    assertTrue(
        report.contains(
            "<td class=\"n\">" + detection.get("labels").asInt() + "</td><td class=\"n\">"
                + detection.get("detected_labels").asInt() + "</td>"));

    // Run again into the same output: refused before any work, naming the option, and the
    // earlier run's files are left as they were.
    String evaluationBefore = Files.readString(out.resolve("evaluation.json"));
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine again = Augur.commandLine();
    again.setErr(new java.io.PrintWriter(err, true));
    int rerun =
        again.execute(
            "backtest",
            "--input=" + events + "/*.jsonl.gz",
            "--output=" + out,
            "--window=30m",
            "--trainSpan=6d",
            "--retrainEvery=1d",
            "--anomalyLabels=" + labels);
    assertEquals(err.toString(), Augur.EXIT_USAGE, rerun);
    assertTrue(err.toString(), err.toString().contains("--output " + out + " already holds a backtest"
        + " (comparisons/*, incidents/*, evaluation.json)"));
    assertEquals(evaluationBefore, Files.readString(out.resolve("evaluation.json")));
  }

  private static List<JsonNode> lines(Path dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Iterator<Path> it = files.filter(f -> f.toString().endsWith(".jsonl")).iterator();
          it.hasNext(); ) {
        for (String line : Files.readAllLines(it.next())) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line));
          }
        }
      }
    }
    return out;
  }

  @Test
  public void aTrainingSpanLongerThanTheHistoryFailsNamingIt() throws Exception {
    Path events = tmp.newFolder("short").toPath();
    new SyntheticGenerator(
            GeneratorConfig.builder().seed(5).seriesCount(1).duration(Duration.ofDays(2))
                .eventsPerMinute(0.2).noAnomalies().build())
        .writeJsonLines(events, 1, true);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    java.io.PrintStream oldOut = System.out;
    int exit;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
      exit =
          Augur.commandLine()
              .execute(
                  "backtest",
                  "--input=" + events + "/*.jsonl.gz",
                  "--output=" + tmp.getRoot().toPath().resolve("short-out"),
                  "--window=30m",
                  "--trainSpan=7d",
                  "--retrainEvery=1d",
                  "--report=none");
    } finally {
      System.setErr(old);
      System.setOut(oldOut);
    }
    String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    String stdout = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    // Nothing was compared: no empty "forecast accuracy:" heading.
    assertTrue(stdout, stdout.contains("backtest:") && !stdout.contains("forecast accuracy"));
    assertEquals(stderr, 1, exit);
    assertTrue(stderr, stderr.contains("no window was compared with a forecast"));
    assertTrue(stderr, stderr.contains("--trainSpan (336 windows)"));
  }
}
