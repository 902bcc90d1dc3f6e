package dev.augur.transforms.parse;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a JSON event keeps its parts: the timestamp field, the value field, and the fields whose
 * values identify the series, in key order. Built once from pipeline options and handed to {@link
 * ParseEvents} or {@link ReadEvents}; validated on construction so a bad configuration fails before
 * the pipeline starts.
 */
public final class EventFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_TIMESTAMP_FIELD = "ts";
  public static final String DEFAULT_VALUE_FIELD = "value";
  public static final List<String> DEFAULT_SERIES_FIELDS = List.of("region", "service");

  private final String timestampField;
  private final String valueField;
  private final List<String> seriesFields;

  private EventFormat(String timestampField, String valueField, List<String> seriesFields) {
    this.timestampField = timestampField;
    this.valueField = valueField;
    this.seriesFields = seriesFields;
  }

  /**
   * A format with the given field names.
   *
   * @throws IllegalArgumentException if a name is blank, no series field is given, a series field
   *     repeats, or a field is used for two purposes
   */
  public static EventFormat of(String timestampField, String valueField, List<String> seriesFields) {
    requireName(timestampField, "timestamp field");
    requireName(valueField, "value field");
    if (timestampField.equals(valueField)) {
      throw new IllegalArgumentException(
          "timestamp field and value field are both '" + timestampField + "'; they must differ");
    }
    if (seriesFields == null || seriesFields.isEmpty()) {
      throw new IllegalArgumentException(
          "no series field given; name at least one field that identifies a series, e.g. region,service");
    }
    Set<String> seen = new HashSet<>();
    for (String f : seriesFields) {
      requireName(f, "series field");
      if (!seen.add(f)) {
        throw new IllegalArgumentException("series field '" + f + "' is listed twice");
      }
      if (f.equals(timestampField) || f.equals(valueField)) {
        throw new IllegalArgumentException(
            "series field '" + f + "' is also the timestamp or value field");
      }
    }
    return new EventFormat(timestampField, valueField, List.copyOf(seriesFields));
  }

  /** Fields {@code ts}, {@code value} and series fields {@code region,service}. */
  public static EventFormat defaults() {
    return withSeriesFields(DEFAULT_SERIES_FIELDS);
  }

  /** Fields {@code ts} and {@code value} with the given series fields. */
  public static EventFormat withSeriesFields(List<String> seriesFields) {
    return of(DEFAULT_TIMESTAMP_FIELD, DEFAULT_VALUE_FIELD, seriesFields);
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
  }

  public String timestampField() {
    return timestampField;
  }

  public String valueField() {
    return valueField;
  }

  /** The series fields in key order (unmodifiable). */
  public List<String> seriesFields() {
    return seriesFields;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventFormat)) {
      return false;
    }
    EventFormat f = (EventFormat) o;
    return timestampField.equals(f.timestampField)
        && valueField.equals(f.valueField)
        && seriesFields.equals(f.seriesFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestampField, valueField, seriesFields);
  }

  @Override
  public String toString() {
    return "EventFormat{timestamp=" + timestampField + ", value=" + valueField + ", series="
        + seriesFields + "}";
  }
}
