package dev.augur.transforms.alarm;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Turns the incident events of one series' statistics ({@link AlarmStateMachine} opens one incident
 * per series and statistic) into the events of one incident per series, for {@link
 * IncidentScope#SERIES}: a surge moves count and sum together, and one deviation should page once.
 * Plain Java and deterministic, like the state machine.
 *
 * <ul>
 *   <li>A statistic's OPENED opens the series' incident when none is open (OPENED), else joins it
 *       (UPDATED, the statistic added).
 *   <li>A statistic's UPDATED updates the series' incident (UPDATED) when it raises the
 *       incident's severity; otherwise it is dropped, since it changes nothing a responder acts on.
 *   <li>A statistic's RESOLVED resolves the series' incident when it was the last of its open
 *       statistics (RESOLVED); before that it updates it (UPDATED, its summary naming the
 *       statistics still deviating), since the incident is not over but its responders should
 *       know what recovered. Statistics that recover in the window the incident resolves in send
 *       no update: the resolution says it.
 * </ul>
 *
 * <p>The series' incident takes the dedupe key and opening time of the statistic's incident that
 * opened it, so its key is as stable on replay and as distinct per incident; its statistic is the
 * statistics that have joined it, comma-separated in the order they joined; its severity is the
 * highest any of them reached (it never falls). Events are applied in {@link #ORDER}: by event
 * time, then OPENED before UPDATED before RESOLVED (a statistic opening in the window where another
 * resolves keeps the incident open), then by statistic. Events of one window that would reach the
 * series' incident one after another (two statistics opening together) are merged into one, with
 * the summaries joined and the evidence of both.
 */
public final class IncidentGrouping {
  private IncidentGrouping() {}

  /** The order events of one series are applied in. */
  public static final Comparator<IncidentEvent> ORDER =
      Comparator.comparing(IncidentEvent::getEventTime)
          .thenComparing(IncidentEvent::getType)
          .thenComparing(IncidentEvent::getStatistic)
          .thenComparing(IncidentEvent::getDedupeKey);

  /** The incident of one series: open or not, and what it has gathered. */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;

    private @Nullable String dedupeKey;
    private @Nullable Instant openedAt;
    private IncidentEvent.Severity severity = IncidentEvent.Severity.LOW;
    private final List<String> statistics = new ArrayList<>();
    private final TreeSet<String> open = new TreeSet<>();

    /** Whether the series has an open incident. */
    public boolean isOpen() {
      return dedupeKey != null;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return Objects.equals(dedupeKey, s.dedupeKey)
          && Objects.equals(openedAt, s.openedAt)
          && severity == s.severity
          && statistics.equals(s.statistics)
          && open.equals(s.open);
    }

    @Override
    public int hashCode() {
      return Objects.hash(dedupeKey, openedAt, severity, statistics, open);
    }
  }

  /**
   * Applies the events of one series (any order; they are sorted by {@link #ORDER}) to its state
   * and returns the series' incident events they cause, in order.
   *
   * @throws IllegalArgumentException if the events belong to several series
   */
  public static List<IncidentEvent> apply(State state, List<IncidentEvent> events) {
    List<IncidentEvent> sorted = new ArrayList<>(events);
    sorted.sort(ORDER);
    List<IncidentEvent> out = new ArrayList<>();
    String series = null;
    for (IncidentEvent e : sorted) {
      if (series != null && !series.equals(e.getSeries())) {
        throw new IllegalArgumentException(
            "events of " + series + " and " + e.getSeries() + " grouped together");
      }
      series = e.getSeries();
      IncidentEvent g = advance(state, e);
      if (g == null) {
        continue;
      }
      if (g.getType() == IncidentEvent.Type.RESOLVED) {
        // Statistics that recovered in the window the incident resolves in need no update of
        // their own: the resolution says it. (Nothing else can update an incident in the window
        // it resolves in, since every statistic open in it resolves there.)
        while (!out.isEmpty() && supersededBy(out.get(out.size() - 1), g)) {
          out.remove(out.size() - 1);
        }
      }
      IncidentEvent last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && mergeable(last, g)) {
        out.set(out.size() - 1, merge(last, g));
      } else {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * Which series' incident each statistic's incident among {@code events} (those of one series)
   * belongs to: its dedupe key mapped to the key of the series' incident it opened or joined, as
   * {@link #apply} groups them from a fresh state. Statistics' incidents that opened the series'
   * incident map to themselves.
   */
  public static Map<String, String> seriesKeys(List<IncidentEvent> events) {
    List<IncidentEvent> sorted = new ArrayList<>(events);
    sorted.sort(ORDER);
    State state = new State();
    Map<String, String> keys = new HashMap<>();
    for (IncidentEvent e : sorted) {
      advance(state, e);
      if (e.getType() == IncidentEvent.Type.OPENED && state.isOpen()) {
        keys.put(e.getDedupeKey(), state.dedupeKey);
      }
    }
    return keys;
  }

  private static @Nullable IncidentEvent advance(State state, IncidentEvent e) {
    String statistic = e.getStatistic();
    switch (e.getType()) {
      case OPENED:
        if (!state.isOpen()) {
          state.dedupeKey = e.getDedupeKey();
          state.openedAt = e.getOpenedAt();
          state.severity = e.getSeverity();
          state.statistics.clear();
          state.statistics.add(statistic);
          state.open.clear();
          state.open.add(statistic);
          return event(state, IncidentEvent.Type.OPENED, e);
        }
        state.open.add(statistic);
        if (!state.statistics.contains(statistic)) {
          state.statistics.add(statistic);
        }
        raise(state, e.getSeverity());
        return event(state, IncidentEvent.Type.UPDATED, e);
      case UPDATED:
        if (!state.isOpen() || !state.open.contains(statistic)) {
          // Its OPENED was never seen (a stream restarted without its state): nothing to update.
          return null;
        }
        if (e.getSeverity().compareTo(state.severity) <= 0) {
          // A statistic escalating to a severity the series' incident already has, or deviating
          // further, changes nothing a responder acts on: "count escalated to HIGH" on a CRITICAL
          // incident would only page again, and read as a downgrade.
          return null;
        }
        raise(state, e.getSeverity());
        return event(state, IncidentEvent.Type.UPDATED, e);
      case RESOLVED:
        if (!state.isOpen() || !state.open.remove(statistic)) {
          return null;
        }
        if (!state.open.isEmpty()) {
          return event(
              state,
              IncidentEvent.Type.UPDATED,
              e,
              e.getSummary() + "; still deviating: " + String.join(",", state.open));
        }
        // The last statistic's own summary; its severity is the event's, the incident's highest.
        IncidentEvent resolved =
            event(
                state,
                IncidentEvent.Type.RESOLVED,
                e,
                state.statistics.size() == 1
                    ? e.getSummary()
                    : e.getSummary() + "; all of " + String.join(",", state.statistics)
                        + " are back");
        state.dedupeKey = null;
        state.openedAt = null;
        state.severity = IncidentEvent.Severity.LOW;
        state.statistics.clear();
        return resolved;
      default:
        throw new IllegalArgumentException("unknown incident event type " + e.getType());
    }
  }

  private static void raise(State state, IncidentEvent.Severity severity) {
    if (severity.compareTo(state.severity) > 0) {
      state.severity = severity;
    }
  }

  private static IncidentEvent event(State state, IncidentEvent.Type type, IncidentEvent cause) {
    return event(state, type, cause, cause.getSummary());
  }

  private static IncidentEvent event(
      State state, IncidentEvent.Type type, IncidentEvent cause, String summary) {
    return IncidentEvent.create(
        state.dedupeKey,
        type,
        cause.getSeries(),
        String.join(",", state.statistics),
        state.severity,
        state.openedAt,
        cause.getEventTime(),
        summary,
        cause.getEvidence());
  }

  /** An update of the incident that {@code resolved} resolves, in the same window. */
  private static boolean supersededBy(IncidentEvent update, IncidentEvent resolved) {
    return update.getType() == IncidentEvent.Type.UPDATED
        && update.getDedupeKey().equals(resolved.getDedupeKey())
        && update.getEventTime().equals(resolved.getEventTime());
  }

  /** Two events of one incident and window, neither resolving it: one event says both. */
  private static boolean mergeable(IncidentEvent a, IncidentEvent b) {
    return a.getDedupeKey().equals(b.getDedupeKey())
        && a.getEventTime().equals(b.getEventTime())
        && a.getType() != IncidentEvent.Type.RESOLVED
        && b.getType() != IncidentEvent.Type.RESOLVED;
  }

  private static IncidentEvent merge(IncidentEvent a, IncidentEvent b) {
    List<Comparison> evidence = new ArrayList<>(a.getEvidence());
    evidence.addAll(b.getEvidence());
    return IncidentEvent.create(
        a.getDedupeKey(),
        a.getType(),
        a.getSeries(),
        b.getStatistic(),
        b.getSeverity().compareTo(a.getSeverity()) > 0 ? b.getSeverity() : a.getSeverity(),
        a.getOpenedAt(),
        a.getEventTime(),
        a.getSummary() + "; " + b.getSummary(),
        evidence);
  }
}
