package dev.augur.transforms.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.sink.SinkJson;

/**
 * The JSON line of one backtest window: exactly the object the stream's FILE metrics sink writes
 * ({@link SinkJson#comparison}), so one reader reads both, plus three fields of the alarm state
 * after the window:
 *
 * <ul>
 *   <li>{@code alarm_state}: {@code ALARM} while an incident of the series and statistic is open
 *       (from the window that opened it up to the one before it resolved), else {@code OK};
 *   <li>{@code verdict}: how the alarm state machine counted the window: {@code BREACHING},
 *       {@code NORMAL}, {@code MISSING} or {@code NO_FORECAST};
 *   <li>{@code incident}: the dedupe key of the open incident the window belongs to, or {@code
 *       null}: the statistic's incident, or with one incident per series ({@code
 *       IncidentScope.SERIES}) the series' incident it opened or joined ({@link #withIncident}),
 *       so the key names an incident of the backtest's incident events either way.
 * </ul>
 */
public final class BacktestJson {
  public static final String ALARM = "ALARM";
  public static final String OK = "OK";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BacktestJson() {}

  public static String window(WalkForward.Window w) {
    ObjectNode n = SinkJson.comparisonNode(w.comparison());
    n.put("alarm_state", w.incidentOpen() ? ALARM : OK);
    n.put("verdict", w.verdict().name());
    if (w.incidentKey() == null) {
      n.putNull("incident");
    } else {
      n.put("incident", w.incidentKey());
    }
    return n.toString();
  }

  /** A window's line with its {@code incident} key replaced. */
  public static String withIncident(String line, String incident) {
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(line);
      n.put("incident", incident);
      return n.toString();
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a backtest window line: " + line, e);
    }
  }
}
