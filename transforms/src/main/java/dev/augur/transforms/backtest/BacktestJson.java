package dev.augur.transforms.backtest;

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
 *   <li>{@code incident}: the dedupe key of the statistic's open incident, or {@code null}. With
 *       one incident per series ({@code IncidentScope.SERIES}), the series' incident carries the
 *       key of the statistic's incident that opened it; statistics that joined it later show
 *       their own.
 * </ul>
 */
public final class BacktestJson {
  public static final String ALARM = "ALARM";
  public static final String OK = "OK";

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
}
