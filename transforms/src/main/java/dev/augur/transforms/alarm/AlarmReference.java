package dev.augur.transforms.alarm;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference semantics of incident detection over a whole, finite set of comparisons, in plain
 * Java: per series and statistic, the comparisons sorted by window start and fed to an {@link
 * AlarmStateMachine}; a comparison of a window already fed (a repeat) is skipped. Used by
 * backtests, and as the model the Beam transform {@code DetectIncidents} must agree with exactly.
 */
public final class AlarmReference {
  private AlarmReference() {}

  /**
   * The incident events of {@code comparisons}, in any order of input: grouped by statistic and
   * series (in that sort order), each group's events in window order.
   */
  public static List<IncidentEvent> run(Iterable<Comparison> comparisons, AlarmConfig config) {
    Map<List<String>, List<Comparison>> byKey =
        new TreeMap<>(
            Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    for (Comparison c : comparisons) {
      byKey
          .computeIfAbsent(List.of(c.getStatistic(), c.getSeries()), k -> new ArrayList<>())
          .add(c);
    }
    AlarmStateMachine machine = new AlarmStateMachine(config);
    List<IncidentEvent> events = new ArrayList<>();
    for (List<Comparison> series : byKey.values()) {
      // A stable sort, so of repeated windows the first given is the one fed.
      series.sort(Comparator.comparing(Comparison::getWindowStart));
      AlarmState state = AlarmState.initial();
      for (Comparison c : series) {
        if (state.accepts(c)) {
          events.addAll(machine.advance(state, c));
        }
      }
    }
    return events;
  }
}
