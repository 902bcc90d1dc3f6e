package dev.augur.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.evaluation.DetectionScore;
import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.models.SeriesCoverage;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.transforms.parse.LineFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a backtest run wrote, read back and scored: how many windows were replayed and compared,
 * the incident events by type, forecast accuracy per statistic (WAPE, MASE against the weekly
 * seasonal naive, interval coverage; {@link ForecastEvaluation}, outside labelled anomalies) and,
 * with labels, event-level detection quality ({@link DetectionScore}: precision, recall, F1, time
 * to detect).
 *
 * <p>Detection is scored on the labels that start at or after the first compared window (earlier
 * anomalies lie in the training span, where nothing is compared), with the grace of {@value
 * #GRACE_WINDOWS} windows after a label's end that {@code bin/augur demo} uses. Files are read and
 * written through Beam's file systems, so {@code s3://} outputs work.
 */
public final class BacktestResults {
  /** Windows after a label's end within which an incident opening still counts as finding it. */
  public static final int GRACE_WINDOWS = 4;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long windows;
  private final long windowsWithForecast;
  private final Map<String, Long> incidentEvents;
  private final @Nullable Long firstComparedMillis;
  private final Map<Statistic, ForecastEvaluation.Result> accuracy;
  private final DetectionScore.@Nullable Result detection;
  private final int labelsBeforeFirstCompared;
  private final List<String> scoredKinds;
  private final int labelsOfSeriesNotCompared;

  private BacktestResults(
      long windows,
      long windowsWithForecast,
      Map<String, Long> incidentEvents,
      @Nullable Long firstComparedMillis,
      Map<Statistic, ForecastEvaluation.Result> accuracy,
      DetectionScore.@Nullable Result detection,
      int labelsBeforeFirstCompared,
      List<String> scoredKinds,
      int labelsOfSeriesNotCompared) {
    this.labelsOfSeriesNotCompared = labelsOfSeriesNotCompared;
    this.windows = windows;
    this.windowsWithForecast = windowsWithForecast;
    this.incidentEvents = incidentEvents;
    this.firstComparedMillis = firstComparedMillis;
    this.accuracy = accuracy;
    this.detection = detection;
    this.labelsBeforeFirstCompared = labelsBeforeFirstCompared;
    this.scoredKinds = scoredKinds;
  }

  /** The start of the first window compared with a forecast, or null when none was. */
  public java.time.@Nullable Instant firstComparedWindow() {
    return firstComparedMillis == null ? null : java.time.Instant.ofEpochMilli(firstComparedMillis);
  }

  /**
   * Reads the {@code comparisons} and {@code incidents} directories a backtest wrote and scores
   * them against {@code labels} (null: no detection figures).
   */
  public static BacktestResults read(
      String comparisons, String incidents, @Nullable List<AnomalyLabel> labels, long windowMillis)
      throws IOException {
    long[] counts = new long[2];
    long[] first = {Long.MAX_VALUE};
    List<ForecastEvaluation.Predicted> predicted = new ArrayList<>();
    // series → statistic → window start → actual
    Map<String, Map<Statistic, TreeMap<Long, Double>>> actuals = new HashMap<>();
    forEachLine(
        comparisons,
        n -> {
          counts[0]++;
          String series = n.path("series").asText();
          Statistic statistic = Statistic.parse(n.path("statistic").asText());
          long start = Instant.parse(n.path("window_start").asText()).toEpochMilli();
          long end = Instant.parse(n.path("window_end").asText()).toEpochMilli();
          JsonNode actual = n.path("actual");
          actuals
              .computeIfAbsent(series, k -> new EnumMap<>(Statistic.class))
              .computeIfAbsent(statistic, k -> new TreeMap<>())
              .put(start, actual.isNumber() ? actual.asDouble() : Double.NaN);
          if (n.path("expected").isNumber()) {
            counts[1]++;
            first[0] = Math.min(first[0], start);
            predicted.add(
                new ForecastEvaluation.Predicted(
                    series, statistic, start, end, n.path("expected").asDouble(),
                    n.path("lower").asDouble(), n.path("upper").asDouble()));
          }
        });
    Map<String, Long> events = new TreeMap<>();
    List<DetectionScore.Detection> opened = new ArrayList<>();
    forEachLine(
        incidents,
        n -> {
          String type = n.path("type").asText();
          events.merge(type, 1L, Long::sum);
          if (type.equals("OPENED")) {
            opened.add(
                new DetectionScore.Detection(
                    n.path("series").asText(),
                    Instant.parse(n.path("opened_at").asText()).toEpochMilli()));
          }
        });
    Long firstCompared = first[0] == Long.MAX_VALUE ? null : first[0];
    List<ForecastEvaluation.Excluded> excluded = new ArrayList<>();
    DetectionScore.Result detection = null;
    int before = 0;
    int notCompared = 0;
    List<String> kinds = new ArrayList<>();
    if (labels != null) {
      List<DetectionScore.Label> scored = new ArrayList<>();
      for (AnomalyLabel l : labels) {
        excluded.add(new ForecastEvaluation.Excluded(l.series(), l.startMillis(), l.endMillis()));
        if (firstCompared != null && l.startMillis() >= firstCompared) {
          scored.add(
              new DetectionScore.Label(
                  l.series(), l.startMillis(), l.endMillis(), l.kind().name()));
          notCompared += actuals.containsKey(l.series()) ? 0 : 1;
        } else {
          before++;
        }
      }
      scored.forEach(l -> kinds.add(l.kind()));
      detection = DetectionScore.score(scored, opened, GRACE_WINDOWS * windowMillis);
    }
    Map<Statistic, ForecastEvaluation.Result> accuracy =
        ForecastEvaluation.evaluate(predicted, histories(actuals, windowMillis), excluded);
    return new BacktestResults(
        counts[0], counts[1], events, firstCompared, accuracy, detection, before,
        kinds, notCompared);
  }

  /** One gap-free history per series over the windows read, NaN where none was. */
  private static Map<String, SeriesHistory> histories(
      Map<String, Map<Statistic, TreeMap<Long, Double>>> actuals, long windowMillis) {
    Map<String, SeriesHistory> out = new HashMap<>();
    actuals.forEach(
        (series, byStatistic) -> {
          long start = Long.MAX_VALUE;
          long end = Long.MIN_VALUE;
          for (TreeMap<Long, Double> v : byStatistic.values()) {
            start = Math.min(start, v.firstKey());
            end = Math.max(end, v.lastKey() + windowMillis);
          }
          int n = (int) ((end - start) / windowMillis);
          Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
          for (Map.Entry<Statistic, TreeMap<Long, Double>> e : byStatistic.entrySet()) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, Double.NaN);
            for (Map.Entry<Long, Double> w : e.getValue().entrySet()) {
              x[(int) ((w.getKey() - start) / windowMillis)] = w.getValue();
            }
            values.put(e.getKey(), x);
          }
          out.put(series, new SeriesHistory(series, start, windowMillis, values));
        });
    return out;
  }

  /** Every JSON line of the {@code *.jsonl} files in {@code directory}. */
  private static void forEachLine(String directory, Consumer<JsonNode> sink) throws IOException {
    LineFiles.forEachLine(directory + "/*.jsonl", line -> sink.accept(JSON.readTree(line)));
  }

  public long windows() {
    return windows;
  }

  public long windowsWithForecast() {
    return windowsWithForecast;
  }

  /** Incident events by type (OPENED, UPDATED, RESOLVED). */
  public Map<String, Long> incidentEvents() {
    return incidentEvents;
  }

  public long incidentsOpened() {
    return incidentEvents.getOrDefault("OPENED", 0L);
  }

  public Map<Statistic, ForecastEvaluation.Result> accuracy() {
    return accuracy;
  }

  /** Detection quality; null without labels. */
  public DetectionScore.@Nullable Result detection() {
    return detection;
  }

  /** The JSON of {@code evaluation.json}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("windows", windows);
    root.put("windows_with_forecast", windowsWithForecast);
    if (firstComparedMillis == null) {
      root.putNull("first_compared_window");
    } else {
      root.put("first_compared_window", Instant.ofEpochMilli(firstComparedMillis).toString());
    }
    ObjectNode events = root.putObject("incident_events");
    incidentEvents.forEach(events::put);
    ArrayNode acc = root.putArray("forecast_accuracy");
    for (ForecastEvaluation.Result r : accuracy.values()) {
      ObjectNode a = acc.addObject();
      a.put("statistic", r.statistic().id());
      a.put("windows", r.windows());
      a.put("excluded_windows", r.excludedWindows());
      number(a, "wape", r.wape());
      number(a, "mase", r.mase());
      number(a, "coverage", r.coverage());
      SeriesCoverage.write(a.putArray("least_covered_series"), r.leastCovered());
    }
    if (detection == null) {
      root.putNull("detection");
    } else {
      ObjectNode d = root.putObject("detection");
      d.put("labels", detection.labels());
      d.put("labels_in_training_span", labelsBeforeFirstCompared);
      d.put("labels_of_series_not_compared", labelsOfSeriesNotCompared);
      d.put("detected_labels", detection.detectedLabels());
      d.put("incidents", detection.incidents());
      d.put("true_positive_incidents", detection.truePositiveIncidents());
      number(d, "precision", detection.precision());
      number(d, "recall", detection.recall());
      number(d, "f1", detection.f1());
      number(d, "mean_time_to_detect_minutes", detection.meanTimeToDetectMillis() / 60_000);
      number(d, "median_time_to_detect_minutes", medianDelayMinutes());
      ArrayNode delays = d.putArray("times_to_detect_minutes");
      detection.delaysMillis().forEach(ms -> delays.add(ms / 60_000.0));
      d.put("grace_windows", GRACE_WINDOWS);
      ObjectNode byKind = d.putObject("recall_by_kind");
      recallByKind().forEach((kind, r) -> {
        ObjectNode k = byKind.putObject(kind);
        k.put("labels", r[0]);
        k.put("detected", r[0] - r[1]);
      });
      ArrayNode missed = d.putArray("missed");
      for (DetectionScore.Label l : detection.missed()) {
        ObjectNode m = missed.addObject();
        m.put("series", l.series());
        m.put("start", Instant.ofEpochMilli(l.startMillis()).toString());
        m.put("end", Instant.ofEpochMilli(l.endMillis()).toString());
        m.put("kind", l.kind());
      }
    }
    return root.toPrettyString() + "\n";
  }

  /**
   * The results {@link #toJson} wrote, read back: what the command line prints once a job that
   * scored its own output is done.
   */
  public static BacktestResults fromJson(JsonNode root) {
    JsonNode first = root.path("first_compared_window");
    Map<String, Long> events = new TreeMap<>();
    root.path("incident_events")
        .fields()
        .forEachRemaining(e -> events.put(e.getKey(), e.getValue().asLong()));
    Map<Statistic, ForecastEvaluation.Result> accuracy = new EnumMap<>(Statistic.class);
    for (JsonNode a : root.path("forecast_accuracy")) {
      Statistic statistic = Statistic.parse(a.path("statistic").asText());
      List<SeriesCoverage> least = SeriesCoverage.read(a.path("least_covered_series"));
      accuracy.put(
          statistic,
          new ForecastEvaluation.Result(
              statistic, a.path("windows").asInt(), a.path("excluded_windows").asInt(),
              number(a, "wape"), number(a, "mase"), number(a, "coverage"), least));
    }
    JsonNode d = root.path("detection");
    DetectionScore.Result detection = null;
    List<String> kinds = new ArrayList<>();
    if (d.isObject()) {
      List<DetectionScore.Label> missed = new ArrayList<>();
      for (JsonNode m : d.path("missed")) {
        missed.add(
            new DetectionScore.Label(
                m.path("series").asText(), Instant.parse(m.path("start").asText()).toEpochMilli(),
                Instant.parse(m.path("end").asText()).toEpochMilli(), m.path("kind").asText()));
      }
      List<Long> delays = new ArrayList<>();
      d.path("times_to_detect_minutes").forEach(m -> delays.add(Math.round(m.asDouble() * 60_000)));
      detection =
          new DetectionScore.Result(
              d.path("labels").asInt(), d.path("detected_labels").asInt(),
              d.path("incidents").asInt(), d.path("true_positive_incidents").asInt(),
              number(d, "mean_time_to_detect_minutes") * 60_000, missed, delays);
      d.path("recall_by_kind")
          .fields()
          .forEachRemaining(
              e -> kinds.addAll(Collections.nCopies(e.getValue().path("labels").asInt(), e.getKey())));
    }
    return new BacktestResults(
        root.path("windows").asLong(),
        root.path("windows_with_forecast").asLong(),
        events,
        first.isTextual() ? Instant.parse(first.asText()).toEpochMilli() : null,
        accuracy,
        detection,
        d.path("labels_in_training_span").asInt(),
        kinds,
        d.path("labels_of_series_not_compared").asInt());
  }

  /** Reads an {@code evaluation.json} written by {@link #write}, through Beam's file systems. */
  public static BacktestResults readJson(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return fromJson(JSON.readTree(in));
    }
  }

  /** Per anomaly kind: {scored labels, missed labels}. */
  private Map<String, int[]> recallByKind() {
    Map<String, int[]> out = new TreeMap<>();
    scoredKinds.forEach(kind -> out.computeIfAbsent(kind, k -> new int[2])[0]++);
    if (detection != null) {
      detection.missed().forEach(l -> out.computeIfAbsent(l.kind(), k -> new int[2])[1]++);
    }
    return out;
  }

  /** Writes {@link #toJson} to {@code path}. */
  public void write(String path) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(id, MimeTypes.TEXT))) {
      out.write(toJson().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The lines a person reads at the end of a run. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%,d windows replayed, %,d compared with a forecast%s",
            windows,
            windowsWithForecast,
            firstComparedMillis == null
                ? ""
                : " (from " + Instant.ofEpochMilli(firstComparedMillis) + ")"));
    out.add(
        String.format(
            Locale.ROOT,
            "incidents: %d opened, %d updated, %d resolved",
            incidentsOpened(),
            incidentEvents.getOrDefault("UPDATED", 0L),
            incidentEvents.getOrDefault("RESOLVED", 0L)));
    if (!accuracy.isEmpty()) {
      out.add("forecast accuracy" + (detection == null ? ":" : " outside labelled anomalies:"));
      for (ForecastEvaluation.Result r : accuracy.values()) {
        out.add("  " + r);
        if (!r.leastCovered().isEmpty()) {
          StringJoiner least = new StringJoiner(", ", "    least covered: ", "");
          r.leastCovered().forEach(c -> least.add(c.toString()));
          out.add(least.toString());
        }
      }
    }
    if (detection != null) {
      out.add(
          String.format(
              Locale.ROOT,
              "detection: %s, median %.0f min (%d labelled anomalies in the training span not scored)",
              detection,
              medianDelayMinutes(),
              labelsBeforeFirstCompared));
      StringBuilder kinds = new StringBuilder("  found by kind:");
      recallByKind()
          .forEach((kind, r) -> kinds.append(' ').append(kind).append(' ').append(r[0] - r[1])
              .append('/').append(r[0]));
      out.add(kinds.toString());
      if (labelsOfSeriesNotCompared > 0) {
        out.add(
            String.format(
                Locale.ROOT,
                "warning: %d scored labels name series that were never compared, so they count as"
                    + " missed (labels name a series as the comparisons do, its fields in"
                    + " --seriesFields order: region=eu-west-1,service=checkout)",
                labelsOfSeriesNotCompared));
      }
    }
    return out;
  }

  private double medianDelayMinutes() {
    return detection == null ? Double.NaN : detection.medianTimeToDetectMillis() / 60_000;
  }

  /** A figure {@link #number(ObjectNode, String, double)} wrote; NaN where it wrote null. */
  private static double number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /** JSON has no NaN: an undefined figure is null. */
  private static void number(ObjectNode n, String field, double value) {
    if (Double.isFinite(value)) {
      n.put(field, value);
    } else {
      n.putNull(field);
    }
  }
}
