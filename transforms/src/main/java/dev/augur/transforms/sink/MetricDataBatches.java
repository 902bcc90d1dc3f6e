package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Packs metric datums into {@code PutMetricData} calls within the API's limits: at most {@value
 * #MAX_DATUMS} datums and at most {@value #MAX_REQUEST_BYTES} bytes of request body per call.
 *
 * <p>The body is form-encoded ({@code MetricData.member.N.Dimensions.member.M.Name=...}); its size
 * is measured conservatively: every index counted as four digits, every character outside the
 * unreserved set as its percent-encoded UTF-8 bytes, the timestamp and value at their longest
 * forms, and 1 MB read as 1,000,000 bytes. {@code MetricDataBatchesTest} checks the estimate
 * against the bodies the SDK actually sends.
 */
final class MetricDataBatches {
  static final int MAX_DATUMS = 1000;
  static final long MAX_REQUEST_BYTES = 1_000_000L;

  /** "1000": the longest member index within the limits. */
  private static final int INDEX_DIGITS = 4;
  private static final String MEMBER = "MetricData.member.";
  /** An ISO-8601 timestamp with millis, its two colons percent-encoded. */
  private static final int TIMESTAMP_CHARS = 24 + 2 * 2;
  /** Longer than any Double.toString result (e.g. -2.2250738585072014E-308 has 24). */
  private static final int VALUE_CHARS = 32;

  private final long baseBytes;
  private final long maxBytes;
  private final int maxDatums;
  private final List<MetricDatum> pending = new ArrayList<>();
  private long pendingBytes;

  MetricDataBatches(String namespace) {
    this(namespace, MAX_DATUMS, MAX_REQUEST_BYTES);
  }

  MetricDataBatches(String namespace, int maxDatums, long maxBytes) {
    this.baseBytes = baseBytes(namespace);
    this.maxDatums = maxDatums;
    this.maxBytes = maxBytes;
    this.pendingBytes = baseBytes;
  }

  /** The datums of one comparison's points, one per value. */
  static List<MetricDatum> datums(MetricPoints points) {
    List<Dimension> dims = new ArrayList<>();
    for (Map.Entry<String, String> e : points.dimensions().entrySet()) {
      dims.add(Dimension.builder().name(e.getKey()).value(e.getValue()).build());
    }
    java.time.Instant ts = java.time.Instant.ofEpochMilli(points.timestamp().getMillis());
    List<MetricDatum> out = new ArrayList<>();
    for (MetricPoints.Value v : points.values()) {
      out.add(
          MetricDatum.builder()
              .metricName(v.name())
              .dimensions(dims)
              .timestamp(ts)
              .value(v.value())
              .unit(StandardUnit.NONE)
              .build());
    }
    return out;
  }

  /**
   * Adds a datum. When it does not fit in the pending call, that call is returned, full, to be
   * sent now, and the datum starts the next one; otherwise null.
   *
   * @throws IllegalArgumentException when the datum alone is larger than a call may be
   */
  @Nullable List<MetricDatum> add(MetricDatum datum) {
    long size = encodedSize(datum);
    if (baseBytes + size > maxBytes) {
      throw new IllegalArgumentException(
          "metric datum " + datum.metricName() + " needs " + size + " bytes, over the "
              + maxBytes + "-byte request limit");
    }
    List<MetricDatum> full = null;
    if (pending.size() == maxDatums || pendingBytes + size > maxBytes) {
      full = drain();
    }
    pending.add(datum);
    pendingBytes += size;
    return full;
  }

  /** The pending call's datums (possibly none), emptying it. */
  List<MetricDatum> drain() {
    List<MetricDatum> out = List.copyOf(pending);
    pending.clear();
    pendingBytes = baseBytes;
    return out;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Upper bound of the request body without any datum. */
  static long baseBytes(String namespace) {
    return field("Action", "PutMetricData") + field("Version", "2010-08-01")
        + field("Namespace", namespace);
  }

  /** Upper bound of the bytes one datum adds to the request body, at any member index. */
  static long encodedSize(MetricDatum d) {
    String prefix = MEMBER + "9".repeat(INDEX_DIGITS) + ".";
    long n = field(prefix + "MetricName", d.metricName());
    String dimPrefix = prefix + "Dimensions.member." + "9".repeat(INDEX_DIGITS) + ".";
    for (Dimension dim : d.dimensions()) {
      n += field(dimPrefix + "Name", dim.name()) + field(dimPrefix + "Value", dim.value());
    }
    n += prefix.length() + "Timestamp".length() + 2 + TIMESTAMP_CHARS;
    n += prefix.length() + "Value".length() + 2 + VALUE_CHARS;
    if (d.unit() != null) {
      n += field(prefix + "Unit", d.unitAsString());
    }
    if (d.storageResolution() != null) {
      n += field(prefix + "StorageResolution", d.storageResolution().toString());
    }
    return n;
  }

  /** {@code &key=value}, the value percent-encoded: the separator counted for every field. */
  private static long field(String key, String value) {
    return key.length() + 2 + encodedLength(value);
  }

  private static long encodedLength(String s) {
    long n = 0;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
      n += unreserved ? 1 : 3;
    }
    return n;
  }

  /**
   * A call's datums as the JSON that {@code aws cloudwatch put-metric-data --cli-input-json}
   * takes, so a dead-lettered call can be inspected and replayed.
   */
  static String toJson(String namespace, List<MetricDatum> datums) {
    ObjectNode root = SinkJson.MAPPER.createObjectNode();
    root.put("Namespace", namespace);
    ArrayNode data = root.putArray("MetricData");
    for (MetricDatum d : datums) {
      ObjectNode n = data.addObject();
      n.put("MetricName", d.metricName());
      ArrayNode dims = n.putArray("Dimensions");
      for (Dimension dim : d.dimensions()) {
        dims.addObject().put("Name", dim.name()).put("Value", dim.value());
      }
      n.put("Timestamp", d.timestamp().toString());
      n.put("Value", d.value());
      n.put("Unit", d.unitAsString());
    }
    return root.toString();
  }
}
