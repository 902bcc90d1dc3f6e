package dev.augur.transforms.alarm;

import static dev.augur.transforms.records.IncidentEvent.Severity.CRITICAL;
import static dev.augur.transforms.records.IncidentEvent.Severity.HIGH;
import static dev.augur.transforms.records.IncidentEvent.Severity.LOW;
import static dev.augur.transforms.records.IncidentEvent.Severity.MEDIUM;
import static dev.augur.transforms.records.IncidentEvent.Type.OPENED;
import static dev.augur.transforms.records.IncidentEvent.Type.RESOLVED;
import static dev.augur.transforms.records.IncidentEvent.Type.UPDATED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class IncidentGroupingTest {
  private static final String SERIES = TestComparisons.SERIES;

  /** An event of a statistic's incident opened at the end of window {@code opened}. */
  private static IncidentEvent event(IncidentEvent.Type type, String statistic,
      IncidentEvent.Severity severity, int opened, int at) {
    TestComparisons c = TestComparisons.of(SERIES, statistic);
    return IncidentEvent.create(
        statistic + "-key-" + opened,
        type,
        SERIES,
        statistic,
        severity,
        TestComparisons.end(opened),
        TestComparisons.end(at),
        statistic + " " + type + " at " + at,
        List.of(c.breach(at)));
  }

  /** What each event says, in short: type, key, statistics, severity, event window. */
  private static List<String> brief(List<IncidentEvent> events) {
    List<String> out = new ArrayList<>();
    for (IncidentEvent e : events) {
      long window = new Duration(TestComparisons.end(0), e.getEventTime()).getMillis()
          / TestComparisons.WINDOW.getMillis();
      out.add(e.getType() + " " + e.getDedupeKey() + " " + e.getStatistic() + " " + e.getSeverity()
          + " @" + window);
    }
    return out;
  }

  /**
   * A statistic escalating to a severity the series' incident already has changes nothing a
   * responder acts on: no update, so the pager stays quiet and nothing reads as a downgrade.
   */
  @Test
  public void aStatisticsEscalationBelowTheIncidentsSeverityIsNotAnUpdate() {
    List<IncidentEvent> out =
        IncidentGrouping.apply(
            new IncidentGrouping.State(),
            List.of(
                event(OPENED, "count", HIGH, 2, 2),
                event(OPENED, "sum", LOW, 2, 2),
                event(UPDATED, "sum", MEDIUM, 2, 4),
                event(UPDATED, "sum", HIGH, 2, 5),
                event(UPDATED, "count", HIGH, 2, 6),
                event(UPDATED, "sum", CRITICAL, 2, 7)));
    assertEquals(
        List.of(
            "OPENED count-key-2 count,sum HIGH @2",
            "UPDATED count-key-2 count,sum CRITICAL @7"),
        brief(out));
  }

  @Test
  public void statisticsDeviatingTogetherShareOneIncidentThatResolvesWithTheLast() {
    IncidentGrouping.State state = new IncidentGrouping.State();
    List<IncidentEvent> out =
        IncidentGrouping.apply(
            state,
            List.of(
                event(OPENED, "count", MEDIUM, 2, 2),
                event(OPENED, "sum", LOW, 3, 3),
                event(UPDATED, "sum", HIGH, 3, 5),
                event(RESOLVED, "count", MEDIUM, 2, 8),
                event(RESOLVED, "sum", HIGH, 3, 9)));
    assertEquals(
        List.of(
            "OPENED count-key-2 count MEDIUM @2",
            "UPDATED count-key-2 count,sum MEDIUM @3",
            "UPDATED count-key-2 count,sum HIGH @5",
            // count's resolution at 8 is not the incident's, sum still deviates: an update.
            "UPDATED count-key-2 count,sum HIGH @8",
            "RESOLVED count-key-2 count,sum HIGH @9"),
        brief(out));
    assertEquals("count RESOLVED at 8; still deviating: sum", out.get(3).getSummary());
    // The resolution names every statistic that deviated; its severity is the incident's.
    assertEquals("sum RESOLVED at 9; all of count,sum are back", out.get(4).getSummary());
    for (IncidentEvent e : out) {
      assertEquals(TestComparisons.end(2), e.getOpenedAt());
    }
    assertEquals("sum OPENED at 3", out.get(1).getSummary());
    assertFalse(state.isOpen());
  }

  @Test
  public void eachStatisticsIncidentMapsToTheSeriesIncidentItOpenedOrJoined() {
    assertEquals(
        Map.of(
            "count-key-2", "count-key-2",
            "sum-key-3", "count-key-2",
            // Opened in the window count resolves in: it joins the open incident.
            "mean-key-8", "count-key-2",
            "count-key-20", "count-key-20",
            "sum-key-20", "count-key-20"),
        IncidentGrouping.seriesKeys(
            List.of(
                event(RESOLVED, "sum", HIGH, 3, 9),
                event(OPENED, "count", MEDIUM, 2, 2),
                event(OPENED, "sum", LOW, 3, 3),
                event(RESOLVED, "count", MEDIUM, 2, 8),
                event(OPENED, "mean", LOW, 8, 8),
                event(RESOLVED, "mean", LOW, 8, 10),
                event(OPENED, "sum", LOW, 20, 20),
                event(OPENED, "count", LOW, 20, 20))));
  }

  @Test
  public void statisticsRecoveringTogetherResolveTheIncidentWithoutUpdates() {
    List<IncidentEvent> out =
        IncidentGrouping.apply(
            new IncidentGrouping.State(),
            List.of(
                event(OPENED, "count", LOW, 2, 2),
                event(OPENED, "mean", LOW, 2, 2),
                event(OPENED, "sum", LOW, 3, 3),
                event(RESOLVED, "sum", LOW, 3, 6),
                event(RESOLVED, "mean", LOW, 2, 9),
                event(RESOLVED, "count", LOW, 2, 9)));
    assertEquals(
        List.of(
            "OPENED count-key-2 count,mean LOW @2",
            "UPDATED count-key-2 count,mean,sum LOW @3",
            "UPDATED count-key-2 count,mean,sum LOW @6",
            "RESOLVED count-key-2 count,mean,sum LOW @9"),
        brief(out));
    assertEquals("sum RESOLVED at 6; still deviating: count,mean", out.get(2).getSummary());
  }

  @Test
  public void statisticsOpeningInOneWindowOpenOneIncidentOnce() {
    List<IncidentEvent> out =
        IncidentGrouping.apply(
            new IncidentGrouping.State(),
            List.of(event(OPENED, "sum", HIGH, 4, 4), event(OPENED, "count", LOW, 4, 4)));
    assertEquals(List.of("OPENED count-key-4 count,sum HIGH @4"), brief(out));
    assertEquals("count OPENED at 4; sum OPENED at 4", out.get(0).getSummary());
    assertEquals(2, out.get(0).getEvidence().size());
  }

  @Test
  public void aStatisticOpeningWhereAnotherResolvesKeepsTheIncidentOpen() {
    IncidentGrouping.State state = new IncidentGrouping.State();
    List<IncidentEvent> out =
        IncidentGrouping.apply(
            state,
            List.of(
                event(OPENED, "count", LOW, 1, 1),
                event(RESOLVED, "count", LOW, 1, 6),
                event(OPENED, "mean", MEDIUM, 6, 6)));
    assertEquals(
        List.of("OPENED count-key-1 count LOW @1", "UPDATED count-key-1 count,mean MEDIUM @6"),
        brief(out));
    assertTrue(state.isOpen());

    // Later, mean resolves; a new deviation opens a new incident with its own key.
    out =
        IncidentGrouping.apply(
            state,
            List.of(event(RESOLVED, "mean", MEDIUM, 6, 9), event(OPENED, "count", LOW, 20, 20)));
    assertEquals(
        List.of("RESOLVED count-key-1 count,mean MEDIUM @9", "OPENED count-key-20 count LOW @20"),
        brief(out));
  }

  @Test
  public void eventsOfAnIncidentNeverOpenedHereAreIgnored() {
    // After a restart without state, a statistic's incident may be updated or resolved unseen.
    IncidentGrouping.State state = new IncidentGrouping.State();
    assertEquals(
        List.of(),
        IncidentGrouping.apply(
            state,
            List.of(event(UPDATED, "count", HIGH, 1, 3), event(RESOLVED, "count", HIGH, 1, 5))));
    assertFalse(state.isOpen());
  }

  @Test
  public void theResultDoesNotDependOnTheOrderEventsArriveIn() {
    List<IncidentEvent> events = new ArrayList<>();
    String[] statistics = {"count", "sum", "mean", "stddev"};
    Random random = new Random(5);
    for (String statistic : statistics) {
      int t = random.nextInt(4);
      while (t < 200) {
        int opened = t;
        events.add(event(OPENED, statistic, LOW, opened, opened));
        t += 1 + random.nextInt(6);
        if (random.nextBoolean()) {
          events.add(event(UPDATED, statistic, MEDIUM, opened, t));
          t += 1 + random.nextInt(6);
        }
        events.add(event(RESOLVED, statistic, MEDIUM, opened, t));
        t += 1 + random.nextInt(10);
      }
    }
    List<IncidentEvent> inOrder = new ArrayList<>(events);
    inOrder.sort(IncidentGrouping.ORDER);
    IncidentGrouping.State first = new IncidentGrouping.State();
    List<IncidentEvent> expected = IncidentGrouping.apply(first, inOrder);
    for (int seed = 0; seed < 5; seed++) {
      List<IncidentEvent> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(seed));
      IncidentGrouping.State state = new IncidentGrouping.State();
      assertEquals(expected, IncidentGrouping.apply(state, shuffled));
      assertEquals(first, state);
    }
    // Fewer incidents than the statistics opened, each opened once and resolved at most once.
    long opened = expected.stream().filter(e -> e.getType() == OPENED).count();
    long resolved = expected.stream().filter(e -> e.getType() == RESOLVED).count();
    assertTrue(opened < events.stream().filter(e -> e.getType() == OPENED).count());
    assertTrue(resolved == opened || resolved == opened - 1);
  }

  @Test
  public void eventsOfTwoSeriesAreRefused() {
    IncidentEvent other =
        IncidentEvent.create("k", OPENED, "service=other", "count", LOW, Instant.EPOCH,
            Instant.EPOCH, "s", List.<Comparison>of());
    assertThrows(IllegalArgumentException.class,
        () -> IncidentGrouping.apply(new IncidentGrouping.State(),
            List.of(event(OPENED, "count", LOW, 1, 1), other)));
  }
}
