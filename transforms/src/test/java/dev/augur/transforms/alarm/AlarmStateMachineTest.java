package dev.augur.transforms.alarm;

import static dev.augur.transforms.alarm.TestComparisons.SERIES;
import static dev.augur.transforms.alarm.TestComparisons.STATISTIC;
import static dev.augur.transforms.alarm.TestComparisons.T0;
import static dev.augur.transforms.alarm.TestComparisons.WINDOW;
import static dev.augur.transforms.alarm.TestComparisons.end;
import static dev.augur.transforms.alarm.TestComparisons.start;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.alarm.AlarmStateMachine.Verdict;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.IncidentEvent.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Transitions of the alarm state machine. Sequences are written one character per window on a
 * five-minute grid: B breaching (score 4), N normal, F no forecast, A no actual value, '.' a window
 * for which no comparison arrives; expected events as TYPE@window.
 */
public class AlarmStateMachineTest {
  private static final TestComparisons W = TestComparisons.standard();

  /** 3 of 5, no relative materiality, resolve after 3 normal windows, no other rules. */
  private static final AlarmConfig BASE =
      AlarmConfig.builder()
          .minRelativeDeviation(0)
          .cooldownWindows(0)
          .resolveAfterNormalWindows(3)
          .resolveAfterNoForecastWindows(0)
          .persistentWindows(0)
          .escalationFactor(Double.POSITIVE_INFINITY)
          .build();

  private static List<Comparison> seq(String pattern) {
    return seq(W, pattern);
  }

  private static List<Comparison> seq(TestComparisons w, String pattern) {
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      switch (pattern.charAt(i)) {
        case 'B':
          out.add(w.breach(i));
          break;
        case 'N':
          out.add(w.normal(i));
          break;
        case 'F':
          out.add(w.noForecast(i));
          break;
        case 'A':
          out.add(w.noActual(i));
          break;
        case '.':
          break;
        default:
          throw new IllegalArgumentException("unknown window " + pattern.charAt(i));
      }
    }
    return out;
  }

  /** Windows 0, 1, ... scored as given. */
  private static List<Comparison> scores(double... scores) {
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      out.add(W.scored(i, scores[i]));
    }
    return out;
  }

  private static List<IncidentEvent> run(AlarmConfig config, List<Comparison> comparisons) {
    AlarmStateMachine machine = new AlarmStateMachine(config);
    AlarmState state = AlarmState.initial();
    List<IncidentEvent> events = new ArrayList<>();
    for (Comparison c : comparisons) {
      events.addAll(machine.advance(state, c));
    }
    return events;
  }

  private static int windowOf(IncidentEvent e) {
    return (int) ((e.getEventTime().getMillis() - T0.getMillis()) / WINDOW.getMillis()) - 1;
  }

  private static void assertEvents(List<IncidentEvent> events, String... expected) {
    assertEquals(
        Arrays.asList(expected),
        events.stream().map(e -> e.getType() + "@" + windowOf(e)).collect(Collectors.toList()));
  }

  @Test
  public void opensOnTheWindowThatBringsBreachesToMOfN() {
    List<IncidentEvent> events = run(BASE, seq("BNBNB"));
    assertEvents(events, "OPENED@4");
    IncidentEvent opened = events.get(0);
    assertEquals(SERIES, opened.getSeries());
    assertEquals(STATISTIC, opened.getStatistic());
    assertEquals(end(4), opened.getOpenedAt());
    assertEquals(end(4), opened.getEventTime());
    assertEquals(Severity.HIGH, opened.getSeverity());
    assertEquals(List.of(W.breach(0), W.breach(2), W.breach(4)), opened.getEvidence());
    assertEquals(AlarmStateMachine.dedupeKey(SERIES, STATISTIC, start(4)), opened.getDedupeKey());
  }

  @Test
  public void doesNotOpenOnOneBreachFewerThanM() {
    assertEvents(run(BASE, seq("BBNNNNBBNNNNBB")));
    assertEvents(run(BASE, seq("BB" + "N".repeat(20))));
    // One of one window opens at once.
    assertEvents(
        run(BASE.toBuilder().evaluationPeriods(1).datapointsToAlarm(1).build(), seq("NB")),
        "OPENED@1");
  }

  @Test
  public void aFreshStartsFirstWindowIsPartialWhenConfiguredSo() {
    AlarmConfig oneOfOne = BASE.toBuilder().evaluationPeriods(1).datapointsToAlarm(1).build();
    AlarmConfig live = oneOfOne.toBuilder().firstWindowPartial(true).build();
    // Judged as it reads, the first window's shortfall opens an incident at once; taken as
    // partial, it counts for nothing and the next breach opens.
    assertEvents(run(oneOfOne, seq("BB")), "OPENED@0");
    assertEvents(run(live, seq("BB")), "OPENED@1");
    assertEvents(run(live, seq("BN")));
    // With 3 of 5, the partial window does not count towards M either.
    AlarmConfig threeOfFive = BASE.toBuilder().firstWindowPartial(true).build();
    assertEvents(run(threeOfFive, seq("BBBN")));
    assertEvents(run(threeOfFive, seq("BBBB")), "OPENED@3");
    // Only a fresh state's first window: a state carried on (restored from a checkpoint) judges
    // every window it is given.
    AlarmStateMachine machine = new AlarmStateMachine(live);
    AlarmState state = AlarmState.initial();
    machine.advance(state, W.normal(0));
    assertEquals(1, machine.advance(state, W.breach(1)).size());
    assertFalse(AlarmConfig.defaults().firstWindowPartial());
  }

  @Test
  public void breachesOlderThanNWindowsDoNotCount() {
    assertEvents(run(BASE, seq("BBNNNB")));
    List<IncidentEvent> events = run(BASE, seq("BBNNNBBB"));
    assertEvents(events, "OPENED@7");
    assertEquals(List.of(W.breach(5), W.breach(6), W.breach(7)), events.get(0).getEvidence());
    assertThat(events.get(0).getSummary(), containsString("since 2024-05-01T10:25Z"));
  }

  @Test
  public void aWindowWithoutAnyComparisonTakesItsPlaceInTheRange() {
    assertEvents(run(BASE, seq("BB...B")));
    assertEvents(run(BASE, seq("BB..B")), "OPENED@4");
  }

  @Test
  public void materialityKeepsSmallDeviationsFromBreaching() {
    // Score 1.25 is 12.5 away from an expected 100 (exact in binary, so the bounds are exact).
    Comparison above = W.scored(0, 1.25);
    Comparison below = W.scored(0, -1.25);
    AlarmStateMachine absolute13 =
        new AlarmStateMachine(BASE.toBuilder().minAbsoluteDeviation(13).build());
    AlarmStateMachine absoluteEqual =
        new AlarmStateMachine(BASE.toBuilder().minAbsoluteDeviation(12.5).build());
    AlarmStateMachine relative20 =
        new AlarmStateMachine(BASE.toBuilder().minRelativeDeviation(0.2).build());
    AlarmStateMachine relativeEqual =
        new AlarmStateMachine(BASE.toBuilder().minRelativeDeviation(0.125).build());
    AlarmStateMachine score2 = new AlarmStateMachine(BASE.toBuilder().minScore(2).build());
    for (Comparison c : List.of(above, below)) {
      assertEquals(Verdict.NORMAL, absolute13.classify(c));
      assertEquals(Verdict.BREACHING, absoluteEqual.classify(c));
      assertEquals(Verdict.NORMAL, relative20.classify(c));
      assertEquals(Verdict.BREACHING, relativeEqual.classify(c));
      assertEquals(Verdict.NORMAL, score2.classify(c));
    }
    assertEquals(Verdict.BREACHING, score2.classify(W.scored(0, 2)));
    assertEvents(run(absolute13.config(), scores(1.25, 1.25, 1.25, -1.25, -1.25)));
    assertEvents(run(relative20.config(), scores(1.25, 1.25, 1.25, -1.25, -1.25)));
    assertEvents(run(score2.config(), scores(1.25, 1.25, 1.25, -1.25, -1.25)));
    assertEvents(run(BASE, scores(1.25, 1.25, 1.25)), "OPENED@2");
  }

  @Test
  public void verdictsFollowDirectionAndMissingDataPolicy() {
    for (MissingDataPolicy policy : MissingDataPolicy.values()) {
      AlarmStateMachine m = new AlarmStateMachine(BASE.toBuilder().missingData(policy).build());
      assertEquals(Verdict.NORMAL, m.classify(W.normal(0)));
      assertEquals(Verdict.NO_FORECAST, m.classify(W.noForecast(0)));
      Verdict noActual =
          policy == MissingDataPolicy.IGNORE
              ? Verdict.MISSING
              : policy == MissingDataPolicy.NORMAL ? Verdict.NORMAL : Verdict.BREACHING;
      assertEquals(noActual, m.classify(W.noActual(0)));
    }
    Comparison unscored =
        Comparison.create(
            SERIES,
            STATISTIC,
            start(0),
            end(0),
            150.0,
            100.0,
            90.0,
            110.0,
            null,
            Comparison.Direction.ABOVE,
            "v1");
    assertEquals(Verdict.MISSING, new AlarmStateMachine(BASE).classify(unscored));
  }

  @Test
  public void severityComesFromTheSmallestOfTheLatestMScores() {
    assertEquals(Severity.LOW, run(BASE, scores(1.5, 1.9, 9)).get(0).getSeverity());
    assertEquals(Severity.MEDIUM, run(BASE, scores(6, 2.5, 4)).get(0).getSeverity());
    assertEquals(Severity.HIGH, run(BASE, scores(3, 3.5, -4.9)).get(0).getSeverity());
    assertEquals(Severity.CRITICAL, run(BASE, scores(5, -6, 7)).get(0).getSeverity());
  }

  @Test
  public void persistenceRaisesSeverityOneLevelOnly() {
    AlarmConfig persistent4 = BASE.toBuilder().persistentWindows(4).build();
    List<IncidentEvent> low = run(persistent4, scores(1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5));
    assertEvents(low, "OPENED@2", "UPDATED@3");
    assertEquals(Severity.LOW, low.get(0).getSeverity());
    assertEquals(Severity.MEDIUM, low.get(1).getSeverity());
    assertThat(low.get(1).getSummary(), containsString("escalated to MEDIUM"));
    // Already CRITICAL: persistence has nowhere to go.
    assertEvents(run(persistent4, scores(6, 6, 6, 6, 6, 6)), "OPENED@2");
  }

  @Test
  public void risingSeverityEmitsUpdatedAndSeverityNeverFalls() {
    List<IncidentEvent> events =
        run(BASE, scores(1.5, 1.5, 1.5, 2.5, 2.5, 2.5, 1.5, 1.5, 1.5, 0, 0, 0));
    assertEvents(events, "OPENED@2", "UPDATED@5", "RESOLVED@11");
    assertEquals(
        List.of(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM),
        events.stream().map(IncidentEvent::getSeverity).collect(Collectors.toList()));
  }

  @Test
  public void scoreGrowingByTheEscalationFactorEmitsUpdated() {
    AlarmConfig factor2 =
        BASE.toBuilder().escalationFactor(2).severityScores(100, 200, 300).build();
    List<IncidentEvent> events = run(factor2, scores(1.5, 1.5, 1.5, 3, 3, 3, 4, 4, 4, 6, 6, 6));
    assertEvents(events, "OPENED@2", "UPDATED@5", "UPDATED@11");
    assertEquals(Severity.LOW, events.get(1).getSeverity());
    assertThat(events.get(1).getSummary(), containsString("deviation grew, still LOW"));
  }

  @Test
  public void resolvesAfterKConsecutiveNormalWindowsNotBefore() {
    assertEvents(run(BASE, seq("BBBNN")), "OPENED@2");
    List<IncidentEvent> events = run(BASE, seq("BBBNNBNNN"));
    assertEvents(events, "OPENED@2", "RESOLVED@8");
    IncidentEvent resolved = events.get(1);
    assertEquals(events.get(0).getDedupeKey(), resolved.getDedupeKey());
    assertEquals(end(2), resolved.getOpenedAt());
    assertEquals(
        List.of(W.breach(0), W.breach(1), W.breach(2), W.breach(5)), resolved.getEvidence());
    assertEquals(
        STATISTIC
            + " of "
            + SERIES
            + " back to normal: 3 normal windows up to 2024-05-01T10:45Z;"
            + " deviated since 2024-05-01T10:00Z, 4 windows breaching",
        resolved.getSummary());
  }

  @Test
  public void anImmaterialDeviationCountsAsNormal() {
    AlarmConfig absolute15 = BASE.toBuilder().minAbsoluteDeviation(15).build();
    assertEvents(run(absolute15, scores(4, 4, 4, 1.2, -1.2, 1.2)), "OPENED@2", "RESOLVED@5");
  }

  @Test
  public void windowsWithoutForecastNeverOpenAnIncident() {
    for (MissingDataPolicy policy : MissingDataPolicy.values()) {
      AlarmConfig c = BASE.toBuilder().missingData(policy).build();
      assertEvents(run(c, seq("F".repeat(20))));
      assertEvents(run(c, seq("FBFBF")));
      // They hold a place in the range without breaching.
      assertEvents(run(c, seq("BFBFB")), "OPENED@4");
      assertEvents(run(c, seq("BBFFFB")));
    }
  }

  @Test
  public void windowsWithoutForecastNeitherEscalateNorResolveWhenNotConfiguredTo() {
    AlarmConfig c = BASE.toBuilder().persistentWindows(4).build();
    List<IncidentEvent> events = run(c, seq("BBB" + "F".repeat(30) + "NFNN"));
    // The normal windows around a window without forecast still count as consecutive.
    assertEvents(events, "OPENED@2", "RESOLVED@36");
    assertThat(events.get(1).getSummary(), containsString("back to normal"));
  }

  @Test
  public void windowsWithoutForecastResolveAsNoLongerAssessable() {
    AlarmConfig c = BASE.toBuilder().resolveAfterNoForecastWindows(3).build();
    // A normal window restarts the count; one without an actual value (ignored) does not.
    List<IncidentEvent> events = run(c, seq("BBBFFNFFAF"));
    assertEvents(events, "OPENED@2", "RESOLVED@9");
    assertEquals(
        STATISTIC
            + " of "
            + SERIES
            + " no longer assessable: no forecast for 3 windows up to"
            + " 2024-05-01T10:50Z; deviated since 2024-05-01T10:00Z, 3 windows breaching",
        events.get(1).getSummary());
    assertEvents(run(c, seq("BBBFFBFF")), "OPENED@2");
  }

  @Test
  public void ignoredMissingDataNeitherCountsNorRestartsTheNormalStreak() {
    assertEvents(run(BASE, seq("A".repeat(10))));
    assertEvents(run(BASE, seq("BBBNANAN")), "OPENED@2", "RESOLVED@7");
    assertEvents(run(BASE, seq("BBBAAAAA")), "OPENED@2");
    // Nor does it break up breaches: three breaches among five windows.
    assertEvents(run(BASE, seq("BABAB")), "OPENED@4");
  }

  @Test
  public void missingDataAsNormalResolvesAndAgesBreachesOut() {
    AlarmConfig c = BASE.toBuilder().missingData(MissingDataPolicy.NORMAL).build();
    assertEvents(run(c, seq("BBBAAA")), "OPENED@2", "RESOLVED@5");
    assertEvents(run(c, seq("BBAAAB")));
  }

  @Test
  public void missingDataAsBreachingOpensAtLowSeverity() {
    AlarmConfig c = BASE.toBuilder().missingData(MissingDataPolicy.BREACHING).build();
    List<IncidentEvent> events = run(c, seq("NAAA"));
    assertEvents(events, "OPENED@3");
    assertEquals(Severity.LOW, events.get(0).getSeverity());
    assertEquals(List.of(W.noActual(1), W.noActual(2), W.noActual(3)), events.get(0).getEvidence());
    assertThat(events.get(0).getSummary(), containsString("without a value"));
    assertThat(events.get(0).getSummary(), containsString("actual none, expected 100"));
    // A scored breach after it lifts the sustained score from 0: an update.
    assertEvents(run(c, seq("AAABBB")), "OPENED@2", "UPDATED@5");
  }

  @Test
  public void cooldownDelaysTheNextIncident() {
    AlarmConfig c = BASE.toBuilder().resolveAfterNormalWindows(1).cooldownWindows(3).build();
    // Resolved at 3; windows 4 to 6 are in the cooldown; window 7 opens with 4 to 7.
    List<IncidentEvent> events = run(c, seq("BBBNBBBB"));
    assertEvents(events, "OPENED@2", "RESOLVED@3", "OPENED@7");
    assertEquals(
        List.of(W.breach(4), W.breach(5), W.breach(6), W.breach(7)), events.get(2).getEvidence());
    assertThat(events.get(2).getSummary(), containsString("since 2024-05-01T10:20Z"));
    assertNotEquals(events.get(0).getDedupeKey(), events.get(2).getDedupeKey());
    assertEvents(
        run(c.toBuilder().cooldownWindows(10).build(), seq("BBBN" + "B".repeat(11))),
        "OPENED@2",
        "RESOLVED@3",
        "OPENED@14");
    assertEvents(
        run(c.toBuilder().cooldownWindows(0).build(), seq("BBBNBBBB")),
        "OPENED@2",
        "RESOLVED@3",
        "OPENED@6");
  }

  @Test
  public void resolvingForgetsTheIncidentsBreaches() {
    AlarmConfig c = BASE.toBuilder().resolveAfterNormalWindows(1).build();
    // Without forgetting, windows 1, 2 and 4 would reopen at 4.
    assertEvents(run(c, seq("BBBNBB")), "OPENED@2", "RESOLVED@3");
    assertEvents(run(c, seq("BBBNBBB")), "OPENED@2", "RESOLVED@3", "OPENED@6");
  }

  @Test
  public void dedupeKeysAreStableOnReplayAndDistinctPerIncident() {
    AlarmConfig c = BASE.toBuilder().resolveAfterNormalWindows(1).build();
    List<IncidentEvent> first = run(c, seq("BBBBNBBBN"));
    List<IncidentEvent> replay = run(c, seq("BBBBNBBBN"));
    assertEquals(first, replay);
    assertEvents(first, "OPENED@2", "RESOLVED@4", "OPENED@7", "RESOLVED@8");
    assertEquals(first.get(0).getDedupeKey(), first.get(1).getDedupeKey());
    assertEquals(first.get(2).getDedupeKey(), first.get(3).getDedupeKey());
    assertNotEquals(first.get(0).getDedupeKey(), first.get(2).getDedupeKey());
    assertEquals(
        AlarmStateMachine.dedupeKey(SERIES, STATISTIC, start(7)), first.get(2).getDedupeKey());
    assertTrue(first.get(0).getDedupeKey().matches("[0-9a-f]{32}"));

    String otherSeries =
        run(c, seq(TestComparisons.of("region=us-east-1", STATISTIC), "BBB")).get(0).getDedupeKey();
    String otherStatistic =
        run(c, seq(TestComparisons.of(SERIES, "mean"), "BBB")).get(0).getDedupeKey();
    assertNotEquals(first.get(0).getDedupeKey(), otherSeries);
    assertNotEquals(first.get(0).getDedupeKey(), otherStatistic);
    // Fields cannot run together: "a|b" + "c" differs from "a" + "b|c".
    assertNotEquals(
        AlarmStateMachine.dedupeKey("a|b", "c", T0), AlarmStateMachine.dedupeKey("a", "b|c", T0));
  }

  @Test
  public void evidenceKeepsTheLatestBreachesOldestFirst() {
    AlarmConfig c = BASE.toBuilder().maxEvidence(3).build();
    List<IncidentEvent> events = run(c, seq("BBBBNBNNN"));
    assertEvents(events, "OPENED@2", "RESOLVED@8");
    assertEquals(List.of(W.breach(2), W.breach(3), W.breach(5)), events.get(1).getEvidence());
  }

  @Test
  public void openedSummaryTellsWhatDeviatedHowFarAndSinceWhen() {
    List<Comparison> windows = new ArrayList<>(seq("NNN"));
    for (int i = 3; i < 6; i++) {
      windows.add(
          Comparison.create(
              SERIES,
              STATISTIC,
              start(i),
              end(i),
              340.0,
              100.0,
              80.0,
              120.0,
              12.0,
              Comparison.Direction.ABOVE,
              "v1"));
    }
    List<IncidentEvent> events = run(BASE, windows);
    assertEvents(events, "OPENED@5");
    assertEquals(
        "count of region=eu-west-1,service=checkout 3.4× above forecast since 2024-05-01T10:15Z:"
            + " actual 340, expected 100 (interval 80 to 120), score 12; 3 of last 5 windows"
            + " breaching",
        events.get(0).getSummary());
    assertEquals(Severity.CRITICAL, events.get(0).getSeverity());
  }

  /**
   * A drop reads as a share of the forecast; an outage as 0 % of it, not "0× below", and a count of
   * 0 as silence.
   */
  @Test
  public void aDropReadsAsAShareOfTheForecast() {
    assertEquals(
        "40% of forecast",
        AlarmStateMachine.deviation(
            Comparison.create(SERIES, STATISTIC, start(0), end(0), 40.0, 100.0, 80.0, 120.0, -3.0,
                Comparison.Direction.BELOW, "v1")));
    assertEquals(
        "0% of forecast",
        AlarmStateMachine.deviation(
            Comparison.create(SERIES, "sum", start(0), end(0), 0.0, 57.0, 40.0, 70.0, -4.4,
                Comparison.Direction.BELOW, "v1")));
    assertEquals(
        "silent (no events)",
        AlarmStateMachine.deviation(
            Comparison.create(SERIES, "count", start(0), end(0), 0.0, 57.0, 40.0, 70.0, -4.4,
                Comparison.Direction.BELOW, "v1")));
    assertEquals(
        "2.5× above forecast",
        AlarmStateMachine.deviation(
            Comparison.create(SERIES, STATISTIC, start(0), end(0), 250.0, 100.0, 80.0, 120.0, 6.5,
                Comparison.Direction.ABOVE, "v1")));
  }

  @Test
  public void rejectsComparisonsOutOfOrderRepeatedOfAnotherKeyOrEmpty() {
    AlarmStateMachine m = new AlarmStateMachine(BASE);
    AlarmState state = AlarmState.initial();
    assertTrue(state.accepts(W.normal(0)));
    m.advance(state, W.normal(3));
    assertEquals(start(3), state.lastWindowStart());
    assertFalse(state.accepts(W.normal(3)));
    assertFalse(state.accepts(W.normal(2)));
    assertTrue(state.accepts(W.normal(4)));
    assertThrows(IllegalArgumentException.class, () -> m.advance(state, W.breach(3)));
    assertThrows(IllegalArgumentException.class, () -> m.advance(state, W.breach(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> m.advance(state, TestComparisons.of("region=x", STATISTIC).breach(5)));
    Comparison empty =
        Comparison.create(
            SERIES,
            STATISTIC,
            start(6),
            start(6),
            1.0,
            1.0,
            0.0,
            2.0,
            0.0,
            Comparison.Direction.WITHIN,
            "v1");
    assertThrows(IllegalArgumentException.class, () -> m.advance(state, empty));
    assertThrows(IllegalArgumentException.class, () -> new AlarmStateMachine(null));
  }

  @Test
  public void stateSurvivesBothSerialFormsMidIncident() throws Exception {
    AlarmConfig c = BASE.toBuilder().persistentWindows(5).build();
    AlarmStateMachine m = new AlarmStateMachine(c);
    AlarmState state = AlarmState.initial();
    List<Comparison> windows = seq("BBBAFB.BNNN");
    for (Comparison w : windows.subList(0, 5)) {
      m.advance(state, w);
    }
    assertTrue(state.isOpen());

    ByteArrayOutputStream compact = new ByteArrayOutputStream();
    state.writeTo(new DataOutputStream(compact));
    AlarmState fromCompact =
        AlarmState.readFrom(new DataInputStream(new ByteArrayInputStream(compact.toByteArray())));
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(java)) {
      out.writeObject(state);
    }
    AlarmState fromJava;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(java.toByteArray()))) {
      fromJava = (AlarmState) in.readObject();
    }
    assertEquals(state, fromCompact);
    assertEquals(state, fromJava);
    assertEquals(state.evidence(), fromCompact.evidence());

    List<List<IncidentEvent>> rest = new ArrayList<>();
    for (AlarmState s : List.of(state, fromCompact, fromJava)) {
      List<IncidentEvent> events = new ArrayList<>();
      for (Comparison w : windows.subList(5, windows.size())) {
        events.addAll(m.advance(s, w));
      }
      rest.add(events);
    }
    assertEvents(rest.get(0), "UPDATED@7", "RESOLVED@10");
    assertEquals(rest.get(0), rest.get(1));
    assertEquals(rest.get(0), rest.get(2));
  }

  @Test
  public void numbersAreShortAndPlain() {
    assertEquals("3.4", AlarmStateMachine.number(3.4));
    assertEquals("340", AlarmStateMachine.number(340.0));
    assertEquals("12346", AlarmStateMachine.number(12345.6));
    assertEquals("0.000123", AlarmStateMachine.number(0.000123456));
    assertEquals("-2.5", AlarmStateMachine.number(-2.5));
    assertEquals("0", AlarmStateMachine.number(-0.0));
  }
}
