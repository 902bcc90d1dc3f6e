package dev.augur.transforms.sink;

import com.google.protobuf.CodedOutputStream;
import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Comparison;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * The time series of one comparison as Prometheus remote write (protocol 1.0) carries them: one
 * series per value, named {@code augur_actual}, {@code augur_expected}, {@code augur_lower},
 * {@code augur_upper}, {@code augur_deviation_score} and {@code augur_no_forecast} (1 for a window
 * without a forecast), labelled with the series dimensions and {@value #STATISTIC_LABEL}, one
 * sample each at the window start (so a replay writes the same samples, as for CloudWatch).
 *
 * <p>Dimension names become label names by Prometheus's rules: characters other than letters,
 * digits and {@code _} become {@code _}, and a leading digit gets a {@code _} before it.
 */
final class RemoteWriteSeries {
  static final String STATISTIC_LABEL = "statistic";
  static final String METRIC_PREFIX = "augur_";

  /** One labelled series with one sample; its name is the label {@code __name__}. */
  record Series(Map<String, String> labels, double value, long timestampMillis) {}

  private RemoteWriteSeries() {}

  /**
   * The series of a comparison.
   *
   * @throws IllegalArgumentException when its dimensions cannot be labels: two names the same
   *     after the rules above, one named {@value #STATISTIC_LABEL} or starting with {@code __}
   */
  static List<Series> of(Comparison c) {
    Map<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, String> d : SeriesKey.parse(c.getSeries()).entrySet()) {
      String name = labelName(d.getKey());
      if (name.equals(STATISTIC_LABEL) || name.startsWith("__")) {
        throw new IllegalArgumentException(
            "series '" + c.getSeries() + "' has dimension '" + d.getKey() + "', whose label name '"
                + name + "' is reserved");
      }
      if (labels.put(name, d.getValue()) != null) {
        throw new IllegalArgumentException(
            "series '" + c.getSeries() + "' has two dimensions that are both label '" + name
                + "' in Prometheus");
      }
    }
    labels.put(STATISTIC_LABEL, c.getStatistic());
    long time = c.getWindowStart().getMillis();
    List<Series> out = new ArrayList<>();
    add(out, labels, MetricPoints.ACTUAL, c.getActual(), time);
    add(out, labels, MetricPoints.EXPECTED, c.getExpected(), time);
    add(out, labels, MetricPoints.LOWER, c.getLower(), time);
    add(out, labels, MetricPoints.UPPER, c.getUpper(), time);
    add(out, labels, MetricPoints.DEVIATION_SCORE, c.getScore(), time);
    if (c.getDirection() == Comparison.Direction.NO_FORECAST) {
      add(out, labels, MetricPoints.NO_FORECAST, 1.0, time);
    }
    return out;
  }

  /** {@code DeviationScore} becomes {@code augur_deviation_score}. */
  static String metricName(String value) {
    return METRIC_PREFIX + value.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** A dimension name as a Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}). */
  static String labelName(String dimension) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < dimension.length(); i++) {
      char ch = dimension.charAt(i);
      boolean ok = ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
      b.append(ok ? ch : '_');
    }
    if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
      b.insert(0, '_');
    }
    return b.toString();
  }

  private static void add(
      List<Series> out, Map<String, String> labels, String value, Double v, long time) {
    // Prometheus takes NaN, but a missing value is no sample, as for CloudWatch.
    if (v == null || !Double.isFinite(v)) {
      return;
    }
    Map<String, String> named = new TreeMap<>(labels);
    named.put("__name__", metricName(value));
    out.add(new Series(named, v, time));
  }

  /**
   * The snappy-compressed {@code WriteRequest} of {@code series}, in time order (Prometheus refuses
   * a series' samples out of order).
   */
  static byte[] request(List<Series> series) {
    List<Series> ordered = new ArrayList<>(series);
    ordered.sort(Comparator.comparingLong(Series::timestampMillis));
    try {
      return Snappy.compress(writeRequest(ordered));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The protobuf of {@code prometheus.WriteRequest}: {@code repeated TimeSeries timeseries = 1},
   * each {@code repeated Label labels = 1} ({@code string name = 1, string value = 2}) and {@code
   * repeated Sample samples = 2} ({@code double value = 1, int64 timestamp = 2}, milliseconds).
   */
  static byte[] writeRequest(List<Series> series) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (Series s : series) {
      out.writeByteArray(1, timeSeries(s));
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] timeSeries(Series s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (Map.Entry<String, String> label : sortedLabels(s.labels())) {
      ByteArrayOutputStream l = new ByteArrayOutputStream();
      CodedOutputStream lo = CodedOutputStream.newInstance(l);
      lo.writeString(1, label.getKey());
      lo.writeString(2, label.getValue());
      lo.flush();
      out.writeByteArray(1, l.toByteArray());
    }
    ByteArrayOutputStream sample = new ByteArrayOutputStream();
    CodedOutputStream so = CodedOutputStream.newInstance(sample);
    so.writeDouble(1, s.value());
    so.writeInt64(2, s.timestampMillis());
    so.flush();
    out.writeByteArray(2, sample.toByteArray());
    out.flush();
    return bytes.toByteArray();
  }

  /** Labels by name in byte order, as the protocol asks. */
  private static List<Map.Entry<String, String>> sortedLabels(Map<String, String> labels) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(labels.entrySet());
    sorted.sort(Map.Entry.comparingByKey());
    return sorted;
  }
}
