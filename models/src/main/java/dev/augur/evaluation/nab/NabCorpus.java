package dev.augur.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.evaluation.nab.NabScorer.Window;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a corpus laid out as the Numenta Anomaly Benchmark's: data files {@code
 * <category>/<name>.csv} of {@code timestamp,value} rows under one directory, and the labels file
 * {@code combined_windows.json} ({@code {"<category>/<name>.csv": [[start, end], ...]}}); writes
 * the results files NAB reads, {@code <out>/<detector>/<category>/<detector>_<name>.csv} with the
 * header {@code timestamp,value,anomaly_score,label}, and reads such files back, whichever detector
 * wrote them.
 *
 * <p>Timestamps are {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of a second, read as UTC;
 * they and the values are copied to the results files verbatim.
 */
public final class NabCorpus {
  /** The header of a results file. */
  public static final String RESULTS_HEADER = "timestamp,value,anomaly_score,label";

  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private NabCorpus() {}

  /**
   * One data file.
   *
   * @param path the file's path relative to the data directory, with {@code /} separators
   * @param timestamps the timestamp column, verbatim
   * @param valueTexts the value column, verbatim
   * @param epochSeconds the timestamps as seconds since the epoch (UTC)
   * @param values the values
   */
  public record Series(
      String path, List<String> timestamps, List<String> valueTexts, long[] epochSeconds,
      double[] values) {
    /** Rows in the file. */
    public int rows() {
      return values.length;
    }

    /** The directory part of {@link #path}, empty for a file directly in the data directory. */
    public String category() {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The file name without {@code .csv}. */
    public String name() {
      String file = path.substring(path.lastIndexOf('/') + 1);
      return file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    }
  }

  /** A labelled window, both ends inclusive. */
  public record TimeWindow(LocalDateTime start, LocalDateTime end) {}

  /** Every {@code *.csv} under {@code dataDir}, in the order of their relative paths. */
  public static List<Series> read(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--data " + dataDir + " is not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir, FileVisitOption.FOLLOW_LINKS)) {
      files =
          walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
              .sorted()
              .toList();
    }
    List<Series> series = new ArrayList<>();
    for (Path file : files) {
      String relative = dataDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      series.add(readSeries(relative, file));
    }
    return series;
  }

  /** Reads one {@code timestamp,value} file; {@code path} is its name in the corpus. */
  public static Series readSeries(String path, Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,value")) {
      throw new IllegalArgumentException(file + ": the header must be 'timestamp,value'");
    }
    List<String> timestamps = new ArrayList<>();
    List<String> valueTexts = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int comma = line.indexOf(',');
      if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'timestamp,value', got '" + line + "'");
      }
      timestamps.add(line.substring(0, comma));
      valueTexts.add(line.substring(comma + 1));
    }
    long[] seconds = new long[timestamps.size()];
    double[] values = new double[timestamps.size()];
    for (int i = 0; i < seconds.length; i++) {
      try {
        seconds[i] = parseTimestamp(timestamps.get(i)).toEpochSecond(ZoneOffset.UTC);
        values[i] = Double.parseDouble(valueTexts.get(i).trim());
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new IllegalArgumentException(file + ": row " + (i + 1) + ": " + e.getMessage(), e);
      }
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(file + ": row " + (i + 1) + ": value is not finite");
      }
    }
    return new Series(path, List.copyOf(timestamps), List.copyOf(valueTexts), seconds, values);
  }

  /** {@code YYYY-MM-DD HH:MM:SS} with an optional fraction of a second. */
  public static LocalDateTime parseTimestamp(String text) {
    return LocalDateTime.parse(text.trim(), TIMESTAMP);
  }

  /** Reads {@code combined_windows.json}: the windows of each file, by relative path. */
  public static Map<String, List<TimeWindow>> readLabels(Path json) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("--labels " + json + " is not readable JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("--labels " + json + " must be a JSON object of windows by file");
    }
    Map<String, List<TimeWindow>> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<TimeWindow> windows = new ArrayList<>();
      for (JsonNode pair : e.getValue()) {
        if (!pair.isArray() || pair.size() != 2) {
          throw new IllegalArgumentException(json + ": " + e.getKey() + ": each window must be [start, end]");
        }
        windows.add(new TimeWindow(parseTimestamp(pair.get(0).asText()), parseTimestamp(pair.get(1).asText())));
      }
      labels.put(e.getKey(), List.copyOf(windows));
    }
    return labels;
  }

  /**
   * The rows of {@code series} inside each window: from the first row at or after its start, on
   * while the next row is at or before its end (rows are taken in file order, as NAB does: a few
   * real files step back in time once).
   */
  public static List<Window> windowRows(Series series, List<TimeWindow> windows) {
    List<Window> rows = new ArrayList<>();
    long[] t = series.epochSeconds();
    for (TimeWindow w : windows) {
      long start = w.start().toEpochSecond(ZoneOffset.UTC);
      long end = w.end().toEpochSecond(ZoneOffset.UTC);
      int first = 0;
      while (first < t.length && t[first] < start) {
        first++;
      }
      if (first == t.length || t[first] > end) {
        continue;
      }
      int last = first;
      while (last + 1 < t.length && t[last + 1] <= end) {
        last++;
      }
      rows.add(new Window(first, last));
    }
    return rows;
  }

  /** {@code <out>/<detector>/<category>/<detector>_<name>.csv}. */
  public static Path resultsPath(Path out, String detector, Series series) {
    Path dir = out.resolve(detector);
    if (!series.category().isEmpty()) {
      dir = dir.resolve(series.category());
    }
    return dir.resolve(detector + "_" + series.name() + ".csv");
  }

  /**
   * Reads the anomaly scores of {@code series} from its results file under {@code out/detector}, as
   * another detector wrote it (NAB's published results carry further columns after {@code
   * anomaly_score}; they are ignored). The file must hold the data file's rows, with the same
   * timestamps in the same order, so a score is never matched to another row.
   */
  public static double[] readResults(Path out, String detector, Series series) throws IOException {
    Path file = resultsPath(out, detector, series);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no results file " + file + " for " + series.path() + " (expected <out>/<detector>/<category>/<detector>_<name>.csv)");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text", e);
    }
    List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).trim().split(",", -1));
    int timestamp = header.indexOf("timestamp");
    int score = header.indexOf("anomaly_score");
    if (timestamp < 0 || score < 0) {
      throw new IllegalArgumentException(file + ": the header must name the columns timestamp and anomaly_score");
    }
    double[] scores = new double[series.rows()];
    int row = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] fields = lines.get(i).split(",", -1);
      if (row == scores.length) {
        throw new IllegalArgumentException(file + ": more rows than the " + scores.length + " of " + series.path());
      }
      if (fields.length != header.size()) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": " + fields.length + " columns, the header has " + header.size());
      }
      if (!fields[timestamp].trim().equals(series.timestamps().get(row).trim())) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": timestamp " + fields[timestamp] + " where " + series.path()
                + " has " + series.timestamps().get(row));
      }
      try {
        scores[row] = Double.parseDouble(fields[score].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": anomaly_score '" + fields[score] + "' is not a number", e);
      }
      if (!(scores[row] >= 0 && scores[row] <= 1)) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": anomaly_score " + fields[score] + " is not in [0, 1]");
      }
      row++;
    }
    if (row != scores.length) {
      throw new IllegalArgumentException(file + ": " + row + " rows, " + series.path() + " has " + scores.length);
    }
    return scores;
  }

  /**
   * Writes the results file of {@code series}: its rows verbatim with {@code scores} (written so
   * they read back to the same doubles) and the label, 1 inside {@code windows} else 0.
   */
  public static Path writeResults(
      Path out, String detector, Series series, double[] scores, List<Window> windows) {
    if (scores.length != series.rows()) {
      throw new IllegalArgumentException(series.path() + ": " + scores.length + " scores for " + series.rows() + " rows");
    }
    Path file = resultsPath(out, detector, series);
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(RESULTS_HEADER);
        w.write('\n');
        int next = 0;
        for (int i = 0; i < scores.length; i++) {
          while (next < windows.size() && windows.get(next).last() < i) {
            next++;
          }
          boolean inside = next < windows.size() && windows.get(next).first() <= i;
          w.write(series.timestamps().get(i));
          w.write(',');
          w.write(series.valueTexts().get(i));
          w.write(',');
          w.write(Double.toString(scores[i]));
          w.write(inside ? ",1\n" : ",0\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}
