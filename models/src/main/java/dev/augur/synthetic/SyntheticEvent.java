package dev.augur.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated event: a timestamp in epoch milliseconds, the dimensions of its series and, unless
 * the series is count-only, a numeric value (for example a latency or an order amount).
 *
 * <p>Its JSON line form ({@link #toJson()}, {@link #fromJson(String)}) is
 *
 * <pre>{@code
 * {"ts":"2024-05-01T10:00:03.123Z","value":12.5,"region":"eu-west-1","service":"checkout"}
 * }</pre>
 *
 * with {@code ts} in ISO-8601 UTC with milliseconds, {@code value} omitted for count-only series,
 * and one string field per dimension in the series' dimension order. Instances are immutable.
 */
public final class SyntheticEvent {
  private static final JsonFactory JSON = new JsonFactory();

  private final long timestampMillis;
  private final SeriesIdentity series;
  private final boolean hasValue;
  private final double value;

  SyntheticEvent(long timestampMillis, SeriesIdentity series, boolean hasValue, double value) {
    this.timestampMillis = timestampMillis;
    this.series = series;
    this.hasValue = hasValue;
    this.value = hasValue ? value : Double.NaN;
  }

  /** Event time in epoch milliseconds. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** Event time. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /** The series dimensions in field order, e.g. {@code {region=eu-west-1, service=checkout}}. */
  public Map<String, String> dimensions() {
    return series.dimensions;
  }

  /** The canonical series key, {@code dev.augur.models.SeriesKey.of(dimensions())}. */
  public String seriesKey() {
    return series.key;
  }

  /** False for events of count-only series, which carry no value. */
  public boolean hasValue() {
    return hasValue;
  }

  /**
   * The event value.
   *
   * @throws IllegalStateException if the event has no value ({@link #hasValue()} is false)
   */
  public double value() {
    if (!hasValue) {
      throw new IllegalStateException("event of count-only series " + series.key + " has no value");
    }
    return value;
  }

  /** This event as one JSON line (without the line break). */
  public String toJson() {
    StringBuilder sb = new StringBuilder(96);
    appendJson(sb, new Timestamps());
    return sb.toString();
  }

  /** Appends the JSON form, using {@code timestamps} to format the time. */
  void appendJson(StringBuilder sb, Timestamps timestamps) {
    sb.append("{\"ts\":\"");
    timestamps.append(sb, timestampMillis);
    sb.append('"');
    if (hasValue) {
      sb.append(",\"value\":").append(value);
    }
    sb.append(series.jsonTail());
  }

  /**
   * Parses one JSON line as written by {@link #toJson()}: {@code ts} is required, {@code value} is
   * optional, and every other field is taken as a dimension, in the order of the line.
   */
  public static SyntheticEvent fromJson(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object: " + line);
      }
      String ts = null;
      boolean hasValue = false;
      double value = Double.NaN;
      Map<String, String> dims = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        JsonToken t = p.nextToken();
        if (field.equals("ts")) {
          if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("event 'ts' is not a string: " + line);
          }
          ts = p.getText();
        } else if (field.equals("value")) {
          if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            hasValue = true;
            value = p.getDoubleValue();
          } else if (t != JsonToken.VALUE_NULL) {
            throw new IllegalArgumentException("event 'value' is not a number: " + line);
          }
        } else if (t.isScalarValue()) {
          dims.put(field, p.getText());
        } else {
          throw new IllegalArgumentException(
              "event field '" + field + "' is not a scalar: " + line);
        }
      }
      if (ts == null) {
        throw new IllegalArgumentException("event lacks 'ts': " + line);
      }
      return new SyntheticEvent(
          Timestamps.parse(ts), new SeriesIdentity(-1, dims), hasValue, value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON event: " + line, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SyntheticEvent)) {
      return false;
    }
    SyntheticEvent e = (SyntheticEvent) o;
    return timestampMillis == e.timestampMillis
        && hasValue == e.hasValue
        && Double.compare(value, e.value) == 0
        && series.key.equals(e.series.key)
        && series.dimensions.equals(e.series.dimensions);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestampMillis) * 31
        + series.key.hashCode() * 17
        + Double.hashCode(value);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
