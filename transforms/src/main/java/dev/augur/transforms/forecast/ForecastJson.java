package dev.augur.transforms.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Forecast;
import java.util.Map;
import org.joda.time.Instant;

/**
 * The JSON-lines form of a {@link Forecast}, as written by the batch pipeline and read by the
 * streaming pipeline:
 *
 * <pre>{@code
 * {"series":"region=eu-west-1,service=checkout","dimensions":{"region":"eu-west-1",
 *  "service":"checkout"},"statistic":"count","window_start":"2024-05-01T10:00:00.000Z",
 *  "window_end":"2024-05-01T10:15:00.000Z","expected":120.4,"lower":98.1,"upper":141.0,
 *  "model_version":"20240501T000000Z","trained_at":"2024-05-01T00:03:12.000Z",
 *  "valid_until":"2024-05-02T00:00:00.000Z"}
 * }</pre>
 */
public final class ForecastJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ForecastJson() {}

  public static String toJson(Forecast f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("series", f.getSeries());
    ObjectNode dims = n.putObject("dimensions");
    for (Map.Entry<String, String> e : SeriesKey.parse(f.getSeries()).entrySet()) {
      dims.put(e.getKey(), e.getValue());
    }
    n.put("statistic", f.getStatistic());
    n.put("window_start", f.getWindowStart().toString());
    n.put("window_end", f.getWindowEnd().toString());
    n.put("expected", f.getExpected());
    n.put("lower", f.getLower());
    n.put("upper", f.getUpper());
    n.put("model_version", f.getModelVersion());
    n.put("trained_at", f.getTrainedAt().toString());
    n.put("valid_until", f.getValidUntil().toString());
    return n.toString();
  }

  /** Parses one line written by {@link #toJson}; fails naming the missing or bad field. */
  public static Forecast fromJson(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("forecast line is not JSON: " + e.getOriginalMessage());
    }
    return Forecast.create(
        text(n, "series"),
        text(n, "statistic"),
        Instant.parse(text(n, "window_start")),
        Instant.parse(text(n, "window_end")),
        number(n, "expected"),
        number(n, "lower"),
        number(n, "upper"),
        text(n, "model_version"),
        Instant.parse(text(n, "trained_at")),
        Instant.parse(text(n, "valid_until")));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("forecast line lacks text field '" + field + "'");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("forecast line lacks numeric field '" + field + "'");
    }
    return v.asDouble();
  }
}
