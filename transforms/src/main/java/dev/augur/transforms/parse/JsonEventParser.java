package dev.augur.transforms.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Turns one JSON object per line into an {@link Event}, following an {@link EventFormat}.
 *
 * <p>The timestamp is ISO-8601 text or epoch milliseconds (a number or numeric text, see {@link
 * EventTimes}). The value is a number or numeric text; when the value field is missing or null the
 * event only counts. Series fields must be present, non-empty scalars (strings, numbers or
 * booleans, taken as their text). Anything else raises {@link InvalidEventException} with a message
 * naming the field and the problem. Not thread-safe in principle (holds an {@link ObjectMapper});
 * build one per DoFn instance in {@code @Setup}.
 */
public final class JsonEventParser {
  private final EventFormat format;
  private final ObjectMapper mapper;

  public JsonEventParser(EventFormat format) {
    this.format = format;
    this.mapper =
        JsonMapper.builder()
            // NaN and Infinity tokens parse, so they are reported as non-finite values.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  public Event parse(String line) throws InvalidEventException {
    return parse(readObject(line));
  }

  /** The event of an object {@link #readObject read} from a line (and perhaps given fields). */
  public Event parse(ObjectNode root) throws InvalidEventException {
    Instant time = timestamp(root.get(format.timestampField()));
    Double value = value(root.get(format.valueField()));
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (String field : format.seriesFields()) {
      dimensions.put(field, dimension(field, root.get(field)));
    }
    return Event.create(SeriesKey.of(dimensions), time, value);
  }

  /**
   * {@code line} read strictly as one JSON object (no duplicate keys, nothing after it), as {@link
   * #parse} reads it.
   */
  public ObjectNode readObject(String line) throws InvalidEventException {
    JsonNode root;
    try {
      root = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("unparseable JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidEventException("empty record, expected a JSON object");
    }
    if (!root.isObject()) {
      throw new InvalidEventException("expected a JSON object, got " + describe(root));
    }
    return (ObjectNode) root;
  }

  private Instant timestamp(@Nullable JsonNode node) throws InvalidEventException {
    String field = format.timestampField();
    if (node == null || node.isNull()) {
      throw new InvalidEventException("missing timestamp field '" + field + "'");
    }
    try {
      if (node.isIntegralNumber()) {
        if (!node.canConvertToLong()) {
          throw new InvalidEventException("timestamp " + node.asText() + " is out of range");
        }
        return EventTimes.fromEpoch(node.longValue());
      }
      if (node.isNumber()) {
        return EventTimes.fromEpoch(node.doubleValue());
      }
      if (node.isTextual()) {
        return EventTimes.parse(node.textValue());
      }
    } catch (InvalidEventException e) {
      throw new InvalidEventException("timestamp field '" + field + "': " + e.getMessage());
    }
    throw new InvalidEventException(
        "timestamp field '"
            + field
            + "': expected ISO-8601 text or epoch milliseconds or seconds, got "
            + describe(node));
  }

  private @Nullable Double value(@Nullable JsonNode node) throws InvalidEventException {
    String what = "value field '" + format.valueField() + "'";
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Numbers.requireFinite(node.doubleValue(), what);
    }
    if (node.isTextual()) {
      return Numbers.parseFinite(node.textValue(), what);
    }
    throw new InvalidEventException(what + " is not a number: got " + describe(node));
  }

  private static String dimension(String field, @Nullable JsonNode node)
      throws InvalidEventException {
    if (node == null || node.isNull()) {
      throw new InvalidEventException("missing series field '" + field + "'");
    }
    if (!node.isValueNode()) {
      throw new InvalidEventException(
          "series field '"
              + field
              + "' must be a string, number or boolean, got "
              + describe(node));
    }
    String text = node.asText();
    if (text.isEmpty()) {
      throw new InvalidEventException("series field '" + field + "' is empty");
    }
    return text;
  }

  private static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case BOOLEAN:
        return "a boolean (" + node.asText() + ")";
      case NUMBER:
        return "a number (" + node.asText() + ")";
      case STRING:
        return "a string";
      case NULL:
        return "null";
      default:
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
