package dev.augur.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.evaluation.DetectionScore;
import dev.augur.models.Statistic;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.transforms.parse.LineFiles;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything an HTML report shows, read from the files the streaming pipeline and the backtest
 * write: comparisons ({@code SinkJson#comparison} lines), incident lifecycle events ({@code
 * SinkJson#incident} lines) and, optionally, the generator's labels ({@link AnomalyLabel} lines).
 * Comparisons are keyed by series, statistic and window start, so a replayed sink's duplicates
 * count once; incident events are threaded by dedupe key. Unknown fields are ignored (a backtest
 * adds {@code alarm_state}).
 *
 * <p>With labels, incidents are scored against the labelled anomalies that start in the
 * evaluation span by {@link DetectionScore}, the same scoring the demo prints. A line that cannot
 * be read is not dropped silently: it is counted, and the report lists the first few with the
 * reason.
 *
 * <pre>{@code
 * ReportData data = ReportData.load(out.resolve("comparisons"), out.resolve("incidents"),
 *     labels, ReportOptions.defaults());
 * HtmlReport.write(data, out.resolve("report.html"));
 * }</pre>
 */
public final class ReportData {
  /** Unreadable lines whose reasons the report lists; the rest are only counted. */
  static final int PROBLEMS_LISTED = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One compared window of a series and statistic. */
  public record ComparedWindow(String series, String statistic, Point point) {}

  /** One incident lifecycle event. */
  public record IncidentLine(
      String dedupeKey,
      IncidentEvent.Type type,
      String series,
      String statistic,
      IncidentEvent.Severity severity,
      long openedAtMillis,
      long eventTimeMillis,
      String summary) {}

  private final ReportOptions options;
  private final List<String> sources;
  private final List<SeriesReport> series;
  private final long windowMillis;
  private final long startMillis;
  private final long endMillis;
  private final DetectionScore.@Nullable Result detection;
  private final @Nullable Instant evaluatedFrom;
  private final @Nullable Instant evaluatedTo;
  private final int comparisons;
  private final int incidentEvents;
  private final List<String> problems;
  private final int problemCount;
  private final List<String> labelSeriesNotCompared;

  private ReportData(
      ReportOptions options,
      List<String> sources,
      List<SeriesReport> series,
      long windowMillis,
      long startMillis,
      long endMillis,
      DetectionScore.@Nullable Result detection,
      @Nullable Instant evaluatedFrom,
      @Nullable Instant evaluatedTo,
      int comparisons,
      int incidentEvents,
      List<String> problems,
      int problemCount,
      List<String> labelSeriesNotCompared) {
    this.labelSeriesNotCompared = List.copyOf(labelSeriesNotCompared);
    this.options = options;
    this.sources = List.copyOf(sources);
    this.series = List.copyOf(series);
    this.windowMillis = windowMillis;
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.detection = detection;
    this.evaluatedFrom = evaluatedFrom;
    this.evaluatedTo = evaluatedTo;
    this.comparisons = comparisons;
    this.incidentEvents = incidentEvents;
    this.problems = List.copyOf(problems);
    this.problemCount = problemCount;
  }

  /** {@link #load(String, String, String, ReportOptions)} of local paths. */
  public static ReportData load(
      Path comparisons, Path incidents, @Nullable Path labels, ReportOptions options)
      throws IOException {
    return load(
        comparisons.toString(),
        incidents.toString(),
        labels == null ? null : labels.toString(),
        options);
  }

  /**
   * Reads comparisons and incidents from files or directories (every {@code *.jsonl}, {@code
   * *.json} or gzipped {@code *.jsonl.gz} below them, hidden files left out) and the labels file
   * when given, through Beam's file systems: local paths, or {@code s3://} locations (a prefix
   * reads like a directory).
   *
   * @throws IllegalArgumentException if a location does not exist, naming the option it came from
   */
  public static ReportData load(
      String comparisons, @Nullable String incidents, @Nullable String labels, ReportOptions options)
      throws IOException {
    List<MatchResult.Metadata> comparisonFiles = inputFiles("--comparisons", comparisons);
    List<MatchResult.Metadata> incidentFiles =
        incidents == null ? List.of() : inputFiles("--incidents", incidents);
    List<AnomalyLabel> labelList = null;
    if (labels != null) {
      try {
        labelList = readLabels(labels);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--labels: " + e.getMessage(), e);
      }
    }
    Problems problems = new Problems();
    List<ComparedWindow> windows = new ArrayList<>();
    for (MatchResult.Metadata f : comparisonFiles) {
      readLines(f, problems, line -> windows.add(parseComparison(line)));
    }
    List<IncidentLine> events = new ArrayList<>();
    for (MatchResult.Metadata f : incidentFiles) {
      readLines(f, problems, line -> events.add(parseIncident(line)));
    }
    List<String> sources = new ArrayList<>();
    sources.add("comparisons: " + displayed(comparisons));
    sources.add("incidents: " + (incidents == null ? "none given" : displayed(incidents)));
    if (labels != null) {
      sources.add("labels: " + displayed(labels));
    }
    return from(windows, events, labelList, options, sources, problems.listed, problems.count);
  }

  /**
   * The labelled anomalies in {@code location} (a local file or an object of a Beam file system,
   * {@code bin/augur generate}'s JSON lines).
   *
   * @throws IllegalArgumentException if it does not exist or holds a line that is not a label
   */
  public static List<AnomalyLabel> readLabels(String location) throws IOException {
    List<MatchResult.Metadata> files;
    try {
      files = LineFiles.match(location, EmptyMatchTreatment.DISALLOW);
    } catch (IOException e) {
      throw new IllegalArgumentException("no such file: " + location);
    }
    List<AnomalyLabel> read = new ArrayList<>();
    LineFiles.forEachLine(files, line -> read.add(AnomalyLabel.fromJson(line)));
    return read;
  }

  /**
   * The report data of records already in memory.
   *
   * @param labels the labelled anomalies, or null when none are known (no evaluation)
   * @param problems reasons of unreadable input, the first few of {@code problemCount}
   */
  public static ReportData from(
      Collection<ComparedWindow> windows,
      Collection<IncidentLine> events,
      @Nullable Collection<AnomalyLabel> labels,
      ReportOptions options,
      List<String> sources,
      List<String> problems,
      int problemCount) {
    // Latest line wins per series, statistic and window: a replayed sink writes the same again.
    Map<String, Map<String, TreeMap<Long, Point>>> points = new TreeMap<>();
    Map<Long, Integer> lengths = new HashMap<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    // Labels are scored from the first window compared with a forecast on, as the backtest
    // scores them: before it (a backtest's training span) no incident could have opened.
    long firstCompared = Long.MAX_VALUE;
    for (ComparedWindow w : windows) {
      if (w.point().expected() != null) {
        firstCompared = Math.min(firstCompared, w.point().startMillis());
      }
      points
          .computeIfAbsent(w.series(), k -> new TreeMap<>())
          .computeIfAbsent(w.statistic(), k -> new TreeMap<>())
          .put(w.point().startMillis(), w.point());
      lengths.merge(w.point().endMillis() - w.point().startMillis(), 1, Integer::sum);
      start = Math.min(start, w.point().startMillis());
      end = Math.max(end, w.point().endMillis());
    }
    long window =
        lengths.entrySet().stream()
            .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .orElse(0L);

    List<IncidentSpan> spans = thread(events);
    Map<String, Map<String, List<IncidentSpan>>> incidents = new TreeMap<>();
    for (IncidentSpan s : spans) {
      // An incident of the series (the default scope) is shaded on each statistic it covers.
      for (String statistic : s.statistic().split(",")) {
        incidents
            .computeIfAbsent(s.series(), k -> new TreeMap<>())
            .computeIfAbsent(statistic, k -> new ArrayList<>())
            .add(s);
      }
      if (windows.isEmpty()) {
        start = Math.min(start, s.openedAtMillis());
        end = Math.max(end, s.lastEventMillis());
      }
    }
    boolean hasSpan = start <= end;
    // A backtest's training span, never compared, is drawn only as context before the first
    // compared window (a quarter of the compared span), so the compared windows fill the charts.
    long drawFrom = start;
    if (hasSpan && firstCompared != Long.MAX_VALUE && firstCompared > start) {
      drawFrom = Math.max(start, firstCompared - (end - firstCompared) / 4);
    }

    DetectionScore.Result detection = null;
    Instant from = null;
    Instant to = null;
    Map<String, List<DetectionScore.Label>> labelsBySeries = new TreeMap<>();
    if (labels != null) {
      long defaultFrom = firstCompared != Long.MAX_VALUE ? firstCompared : start;
      from =
          options.evaluateFrom() != null
              ? options.evaluateFrom()
              : hasSpan ? Instant.ofEpochMilli(defaultFrom) : null;
      to = options.evaluateTo() != null ? options.evaluateTo() : hasSpan ? Instant.ofEpochMilli(end) : null;
      List<DetectionScore.Label> scored = new ArrayList<>();
      for (AnomalyLabel l : labels) {
        if ((from == null || l.startMillis() >= from.toEpochMilli())
            && (to == null || l.startMillis() < to.toEpochMilli())) {
          DetectionScore.Label label =
              new DetectionScore.Label(l.series(), l.startMillis(), l.endMillis(), l.kind().name());
          scored.add(label);
          labelsBySeries.computeIfAbsent(l.series(), k -> new ArrayList<>()).add(label);
        }
      }
      List<DetectionScore.Detection> opened = new ArrayList<>();
      for (IncidentSpan s : spans) {
        opened.add(new DetectionScore.Detection(s.series(), s.openedAtMillis()));
      }
      detection = DetectionScore.score(scored, opened, options.graceWindows() * window);
    }

    Set<String> names = new TreeSet<>(points.keySet());
    names.addAll(incidents.keySet());
    names.addAll(labelsBySeries.keySet());
    List<SeriesReport> series = new ArrayList<>();
    for (String name : names) {
      Map<String, TreeMap<Long, Point>> byStat = points.getOrDefault(name, Map.of());
      Map<String, List<IncidentSpan>> incByStat = incidents.getOrDefault(name, Map.of());
      Set<String> stats = new TreeSet<>(STATISTIC_ORDER);
      stats.addAll(byStat.keySet());
      stats.addAll(incByStat.keySet());
      List<StatisticChart> charts = new ArrayList<>();
      for (String stat : stats) {
        TreeMap<Long, Point> p = byStat.get(stat);
        charts.add(
            StatisticChart.of(
                stat,
                p == null ? List.of() : new ArrayList<>(p.tailMap(drawFrom, true).values()),
                incByStat.getOrDefault(stat, List.of())));
      }
      List<DetectionScore.Label> seriesLabels = labelsBySeries.getOrDefault(name, List.of());
      int detected = seriesLabels.size();
      if (detection != null) {
        detected -= (int) detection.missed().stream().filter(m -> m.series().equals(name)).count();
      }
      series.add(SeriesReport.of(name, charts, seriesLabels, detected));
    }
    series.sort(SeriesReport.MOST_ANOMALOUS_FIRST);
    List<String> notCompared = new ArrayList<>();
    for (String name : labelsBySeries.keySet()) {
      if (!points.containsKey(name) && !incidents.containsKey(name)) {
        notCompared.add(name);
      }
    }
    return new ReportData(
        options,
        sources,
        series,
        window,
        hasSpan ? drawFrom : 0,
        hasSpan ? end : 0,
        detection,
        from,
        to,
        windows.size(),
        events.size(),
        problems.subList(0, Math.min(problems.size(), PROBLEMS_LISTED)),
        problemCount,
        notCompared);
  }

  /**
   * The series named by labels that no comparison or incident names: their anomalies count as
   * missed, and a labels file whose series keys are written otherwise (another order of the series
   * fields, another separator) would score every anomaly missed.
   */
  public List<String> labelSeriesNotCompared() {
    return labelSeriesNotCompared;
  }

  /** Statistics in the order of {@link Statistic}, then any others by name. */
  static final Comparator<String> STATISTIC_ORDER =
      Comparator.comparingInt(ReportData::statisticRank).thenComparing(Comparator.naturalOrder());

  private static int statisticRank(String statistic) {
    for (Statistic s : Statistic.values()) {
      if (s.id().equals(statistic)) {
        return s.ordinal();
      }
    }
    return Statistic.values().length;
  }

  /** Threads lifecycle events into incidents by dedupe key. */
  static List<IncidentSpan> thread(Collection<IncidentLine> events) {
    Map<String, List<IncidentLine>> byKey = new LinkedHashMap<>();
    for (IncidentLine e : events) {
      byKey.computeIfAbsent(e.dedupeKey(), k -> new ArrayList<>()).add(e);
    }
    List<IncidentSpan> out = new ArrayList<>();
    for (Map.Entry<String, List<IncidentLine>> entry : byKey.entrySet()) {
      List<IncidentLine> lines = new ArrayList<>(entry.getValue());
      lines.sort(
          Comparator.comparingLong(IncidentLine::eventTimeMillis).thenComparing(IncidentLine::type));
      IncidentLine first = lines.get(0);
      IncidentLine last = lines.get(lines.size() - 1);
      IncidentEvent.Severity severity = first.severity();
      Long resolved = null;
      long opened = Long.MAX_VALUE;
      for (IncidentLine e : lines) {
        if (e.severity().compareTo(severity) > 0) {
          severity = e.severity();
        }
        if (e.type() == IncidentEvent.Type.RESOLVED) {
          resolved = resolved == null ? e.eventTimeMillis() : Math.max(resolved, e.eventTimeMillis());
        }
        opened = Math.min(opened, e.openedAtMillis());
      }
      int distinct =
          (int) lines.stream().map(e -> e.type() + "@" + e.eventTimeMillis()).distinct().count();
      out.add(
          new IncidentSpan(
              entry.getKey(),
              first.series(),
              // The latest event names every statistic a series' incident came to cover.
              last.statistic(),
              severity.name(),
              opened,
              resolved,
              last.eventTimeMillis(),
              last.summary(),
              distinct));
    }
    out.sort(
        Comparator.comparingLong(IncidentSpan::openedAtMillis).thenComparing(IncidentSpan::dedupeKey));
    return out;
  }

  static ComparedWindow parseComparison(String line) {
    JsonNode n = json(line);
    String direction = text(n, "direction");
    try {
      Comparison.Direction.valueOf(direction);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown direction '" + direction + "'");
    }
    long start = instant(n, "window_start");
    long end = instant(n, "window_end");
    if (end <= start) {
      throw new IllegalArgumentException("window_end is not after window_start");
    }
    return new ComparedWindow(
        text(n, "series"),
        text(n, "statistic"),
        new Point(
            start,
            end,
            number(n, "actual"),
            number(n, "expected"),
            number(n, "lower"),
            number(n, "upper"),
            number(n, "score"),
            direction));
  }

  static IncidentLine parseIncident(String line) {
    JsonNode n = json(line);
    IncidentEvent.Type type;
    IncidentEvent.Severity severity;
    String typeText = text(n, "type");
    String severityText = text(n, "severity");
    try {
      type = IncidentEvent.Type.valueOf(typeText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown type '" + typeText + "'");
    }
    try {
      severity = IncidentEvent.Severity.valueOf(severityText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown severity '" + severityText + "'");
    }
    JsonNode summary = n.get("summary");
    return new IncidentLine(
        text(n, "dedupe_key"),
        type,
        text(n, "series"),
        text(n, "statistic"),
        severity,
        instant(n, "opened_at"),
        instant(n, "event_time"),
        summary == null || summary.isNull() ? "" : summary.asText());
  }

  private static JsonNode json(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return n;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isValueNode()) {
      throw new IllegalArgumentException("lacks '" + field + "'");
    }
    return v.asText();
  }

  private static long instant(JsonNode n, String field) {
    String v = text(n, field);
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + v);
    }
  }

  private static @Nullable Double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("'" + field + "' is not a number");
    }
    double d = v.asDouble();
    return Double.isFinite(d) ? d : null;
  }

  /** A location as shown to users: a local path made absolute, other locations as given. */
  public static String displayed(String location) {
    return isLocal(location) ? Path.of(location).toAbsolutePath().toString() : location;
  }

  private static boolean isLocal(String location) {
    return !location.contains("://");
  }

  /**
   * The files of an input location, in name order: a file or pattern itself; a directory's (or,
   * on object stores, a prefix's) JSON-lines files at any depth, hidden files left out.
   */
  static List<MatchResult.Metadata> inputFiles(String option, String location) throws IOException {
    boolean local = isLocal(location);
    if (!location.endsWith("/") && !(local && Files.isDirectory(Path.of(location)))) {
      try {
        return LineFiles.match(location, EmptyMatchTreatment.DISALLOW);
      } catch (IOException e) {
        if (local) {
          throw new IllegalArgumentException(option + ": no such file or directory: " + location);
        }
        // An object store has no directories: read what lies below the prefix.
      }
    }
    String base = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata m : LineFiles.match(base + "/**", EmptyMatchTreatment.ALLOW)) {
      String name = m.resourceId().getFilename();
      if (name != null
          && !name.startsWith(".")
          && (name.endsWith(".jsonl")
              || name.endsWith(".json")
              || name.endsWith(".jsonl.gz")
              || name.endsWith(".json.gz"))) {
        files.add(m);
      }
    }
    if (files.isEmpty() && !local) {
      throw new IllegalArgumentException(option + ": no such file or directory: " + location);
    }
    return files;
  }

  private static final class Problems {
    final List<String> listed = new ArrayList<>();
    int count;

    void add(String reason) {
      count++;
      if (listed.size() < PROBLEMS_LISTED) {
        listed.add(reason);
      }
    }
  }

  private static void readLines(
      MatchResult.Metadata file, Problems problems, Consumer<String> handler) throws IOException {
    try (BufferedReader r = LineFiles.open(file)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          handler.accept(line);
        } catch (IllegalArgumentException e) {
          problems.add(file.resourceId() + ":" + number + ": " + e.getMessage());
        }
      }
    }
  }

  public ReportOptions options() {
    return options;
  }

  /** Where the data came from, one line each. */
  public List<String> sources() {
    return sources;
  }

  /** Every series, most anomalous first ({@link SeriesReport#MOST_ANOMALOUS_FIRST}). */
  public List<SeriesReport> series() {
    return series;
  }

  /** The most common window length, 0 without comparisons. */
  public long windowMillis() {
    return windowMillis;
  }

  /** Start of the first window (or incident without windows); 0 when there is nothing. */
  public long startMillis() {
    return startMillis;
  }

  public long endMillis() {
    return endMillis;
  }

  /** Whether any comparison or incident was read. */
  public boolean isEmpty() {
    return comparisons == 0 && incidentEvents == 0;
  }

  /** Detection figures against the labels; null when no labels were given. */
  public DetectionScore.@Nullable Result detection() {
    return detection;
  }

  public @Nullable Instant evaluatedFrom() {
    return evaluatedFrom;
  }

  public @Nullable Instant evaluatedTo() {
    return evaluatedTo;
  }

  /** Comparison lines read (before duplicates of a window were merged). */
  public int comparisons() {
    return comparisons;
  }

  public int incidentEvents() {
    return incidentEvents;
  }

  /** Reasons of the first few unreadable lines. */
  public List<String> problems() {
    return problems;
  }

  /** How many lines could not be read. */
  public int problemCount() {
    return problemCount;
  }
}
