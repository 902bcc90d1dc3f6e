package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The JSON forms of comparisons and incident events that the sinks write or send: one object per
 * record, snake_case fields, instants in ISO-8601 UTC, absent values as JSON {@code null}.
 *
 * <pre>{@code
 * {"series":"service=checkout","statistic":"count","window_start":"2024-05-01T10:00:00.000Z",
 *  "window_end":"2024-05-01T10:15:00.000Z","actual":171.0,"expected":120.4,"lower":98.1,
 *  "upper":141.0,"score":2.36,"direction":"ABOVE","model_version":"20240501T000000Z"}
 * {"dedupe_key":"...","type":"OPENED","series":"service=checkout","statistic":"count",
 *  "severity":"HIGH","opened_at":"...","event_time":"...","summary":"...","evidence":[...]}
 * }</pre>
 */
public final class SinkJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SinkJson() {}

  public static String comparison(Comparison c) {
    return comparisonNode(c).toString();
  }

  public static String incident(IncidentEvent e) {
    return incidentNode(e, e.getEvidence().size()).toString();
  }

  /**
   * The JSON object of {@link #comparison}, for writers that add fields of their own (the
   * backtest adds the alarm state) while keeping every field here identical.
   */
  public static ObjectNode comparisonNode(Comparison c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("series", c.getSeries());
    n.put("statistic", c.getStatistic());
    n.put("window_start", c.getWindowStart().toString());
    n.put("window_end", c.getWindowEnd().toString());
    putNumber(n, "actual", c.getActual());
    putNumber(n, "expected", c.getExpected());
    putNumber(n, "lower", c.getLower());
    putNumber(n, "upper", c.getUpper());
    putNumber(n, "score", c.getScore());
    n.put("direction", c.getDirection().name());
    if (c.getModelVersion() == null) {
      n.putNull("model_version");
    } else {
      n.put("model_version", c.getModelVersion());
    }
    return n;
  }

  /** The event with only its {@code lastEvidence} most recent evidence windows. */
  static ObjectNode incidentNode(IncidentEvent e, int lastEvidence) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("dedupe_key", e.getDedupeKey());
    n.put("type", e.getType().name());
    n.put("series", e.getSeries());
    n.put("statistic", e.getStatistic());
    n.put("severity", e.getSeverity().name());
    n.put("opened_at", e.getOpenedAt().toString());
    n.put("event_time", e.getEventTime().toString());
    n.put("summary", e.getSummary());
    ArrayNode evidence = n.putArray("evidence");
    int size = e.getEvidence().size();
    for (Comparison c : e.getEvidence().subList(size - Math.min(size, lastEvidence), size)) {
      evidence.add(comparisonNode(c));
    }
    return n;
  }

  private static void putNumber(ObjectNode n, String field, @Nullable Double value) {
    // Jackson would write NaN and infinities as bare tokens, which are not JSON.
    if (value == null || !Double.isFinite(value)) {
      n.putNull(field);
    } else {
      n.put(field, value);
    }
  }
}
