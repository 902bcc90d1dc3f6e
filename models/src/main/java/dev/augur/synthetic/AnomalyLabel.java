package dev.augur.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The ground truth of one injected anomaly: which series, when (half-open interval {@code [start,
 * end)} in epoch milliseconds), what kind, and whether it changes the event values, the event
 * counts, or both.
 *
 * <p>Labels are written one JSON object per line by {@link SyntheticGenerator#writeLabels} and read
 * back with {@link #readAll(Path)}:
 *
 * <pre>{@code
 * {"series":"region=eu-west-1,service=checkout","start":"2024-05-06T10:00:00.000Z",
 *  "end":"2024-05-06T11:15:00.000Z","kind":"SPIKE","affects":"value"}
 * }</pre>
 *
 * (one line in the file). {@code affects} is {@code value}, {@code count} or {@code value+count};
 * when absent on reading it is derived from the kind.
 */
public final class AnomalyLabel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String series;
  private final long startMillis;
  private final long endMillis;
  private final AnomalyKind kind;
  private final boolean affectsValues;
  private final boolean affectsCounts;

  /**
   * A label of the series with canonical key {@code series} (see {@link
   * dev.augur.models.SeriesKey}) over {@code [startMillis, endMillis)}.
   */
  public AnomalyLabel(
      String series,
      long startMillis,
      long endMillis,
      AnomalyKind kind,
      boolean affectsValues,
      boolean affectsCounts) {
    this.series = Objects.requireNonNull(series, "series");
    this.kind = Objects.requireNonNull(kind, "kind");
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException(
          "label end must be after start: " + startMillis + " >= " + endMillis);
    }
    if (!affectsValues && !affectsCounts) {
      throw new IllegalArgumentException("a label must affect values, counts or both");
    }
    this.startMillis = startMillis;
    this.endMillis = endMillis;
    this.affectsValues = affectsValues;
    this.affectsCounts = affectsCounts;
  }

  /** The canonical series key, e.g. {@code region=eu-west-1,service=checkout}. */
  public String series() {
    return series;
  }

  /** Inclusive start in epoch milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** Exclusive end in epoch milliseconds. */
  public long endMillis() {
    return endMillis;
  }

  /** Inclusive start. */
  public Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  /** Exclusive end. */
  public Instant end() {
    return Instant.ofEpochMilli(endMillis);
  }

  public AnomalyKind kind() {
    return kind;
  }

  /** Whether the anomaly changes event values (level, noise or zeros). */
  public boolean affectsValues() {
    return affectsValues;
  }

  /** Whether the anomaly changes the event rate, hence window counts. */
  public boolean affectsCounts() {
    return affectsCounts;
  }

  /** Whether {@code epochMillis} lies in {@code [start, end)}. */
  public boolean contains(long epochMillis) {
    return epochMillis >= startMillis && epochMillis < endMillis;
  }

  /** Whether this label and {@code other} share a series and some instant. */
  public boolean overlaps(AnomalyLabel other) {
    return series.equals(other.series)
        && startMillis < other.endMillis
        && other.startMillis < endMillis;
  }

  /** This label as one line of JSON (without the line break). */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("series", series);
    node.put("start", Timestamps.format(startMillis));
    node.put("end", Timestamps.format(endMillis));
    node.put("kind", kind.name());
    node.put("affects", affectsText());
    return node.toString();
  }

  /** Parses one line written by {@link #toJson()}. */
  public static AnomalyLabel fromJson(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON label: " + line, e);
    }
    String series = required(node, "series", line);
    long start = Timestamps.parse(required(node, "start", line));
    long end = Timestamps.parse(required(node, "end", line));
    AnomalyKind kind = AnomalyKind.valueOf(required(node, "kind", line).toUpperCase(Locale.ROOT));
    JsonNode affects = node.get("affects");
    if (affects == null || affects.isNull()) {
      return new AnomalyLabel(
          series,
          start,
          end,
          kind,
          kind != AnomalyKind.MISSING_DATA,
          kind == AnomalyKind.MISSING_DATA || kind == AnomalyKind.LEVEL_SHIFT);
    }
    String a = affects.asText();
    boolean values = a.equals("value") || a.equals("value+count");
    boolean counts = a.equals("count") || a.equals("value+count");
    if (!values && !counts) {
      throw new IllegalArgumentException("unknown 'affects' value '" + a + "' in: " + line);
    }
    return new AnomalyLabel(series, start, end, kind, values, counts);
  }

  /** Reads a file of JSON lines written by {@link #writeAll}; blank lines are skipped. */
  public static List<AnomalyLabel> readAll(Path file) throws IOException {
    List<AnomalyLabel> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(fromJson(line));
        }
      }
    }
    return out;
  }

  /** Writes {@code labels} to {@code file} as JSON lines, replacing the file. */
  public static void writeAll(Path file, Collection<AnomalyLabel> labels) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (AnomalyLabel label : labels) {
        w.write(label.toJson());
        w.write('\n');
      }
    }
  }

  private String affectsText() {
    if (affectsValues && affectsCounts) {
      return "value+count";
    }
    return affectsValues ? "value" : "count";
  }

  private static String required(JsonNode node, String field, String line) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("label lacks '" + field + "': " + line);
    }
    return v.asText();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AnomalyLabel)) {
      return false;
    }
    AnomalyLabel l = (AnomalyLabel) o;
    return series.equals(l.series)
        && startMillis == l.startMillis
        && endMillis == l.endMillis
        && kind == l.kind
        && affectsValues == l.affectsValues
        && affectsCounts == l.affectsCounts;
  }

  @Override
  public int hashCode() {
    return Objects.hash(series, startMillis, endMillis, kind, affectsValues, affectsCounts);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
