package dev.augur.transforms.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.augur.transforms.parse.EventTimes;
import dev.augur.transforms.parse.InvalidEventException;
import java.io.IOException;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Reads the event time of a JSON event from its top-level timestamp field, as {@link
 * dev.augur.transforms.parse.JsonEventParser} does (ISO-8601 text, epoch milliseconds or epoch seconds, see
 * {@link EventTimes}), without parsing the rest of the event. Sources use it to timestamp records and
 * drive watermarks before {@link dev.augur.transforms.parse.ParseEvents} parses them fully.
 *
 * <p>A record without a readable time yields {@code null}: the source leaves its watermark where it
 * is and the record goes on to be dead-lettered by the parser. Thread-safe.
 */
public final class PayloadEventTime implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final String timestampField;

  private PayloadEventTime(String timestampField) {
    this.timestampField = timestampField;
  }

  /** Reads the time from the field {@code timestampField}. */
  public static PayloadEventTime of(String timestampField) {
    if (timestampField == null || timestampField.isBlank()) {
      throw new IllegalArgumentException("timestamp field name must not be blank");
    }
    return new PayloadEventTime(timestampField);
  }

  public String timestampField() {
    return timestampField;
  }

  /** The event time in {@code json}, or null if it has none that can be read. */
  public @Nullable Instant read(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      return parse(p);
    } catch (IOException | InvalidEventException | RuntimeException e) {
      return null;
    }
  }

  /** The event time in the UTF-8 JSON {@code bytes}, or null if it has none that can be read. */
  public @Nullable Instant read(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      return parse(p);
    } catch (IOException | InvalidEventException | RuntimeException e) {
      return null;
    }
  }

  private @Nullable Instant parse(JsonParser p) throws IOException, InvalidEventException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.getCurrentName();
      JsonToken value = p.nextToken();
      if (!timestampField.equals(field)) {
        p.skipChildren();
        continue;
      }
      if (value == JsonToken.VALUE_NUMBER_INT) {
        return EventTimes.fromEpoch(p.getLongValue());
      }
      if (value == JsonToken.VALUE_NUMBER_FLOAT) {
        return EventTimes.fromEpoch(p.getDoubleValue());
      }
      if (value == JsonToken.VALUE_STRING) {
        return EventTimes.parse(p.getText());
      }
      return null;
    }
    return null;
  }
}
