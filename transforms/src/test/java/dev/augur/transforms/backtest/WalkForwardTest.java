package dev.augur.transforms.backtest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.models.ForecastConfig;
import dev.augur.models.ModelScope;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.AlarmReference;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class WalkForwardTest {
  private static final long HOUR = 3_600_000L;
  private static final long START = 1_714_521_600_000L; // 2024-05-01T00:00Z, a Wednesday
  private static final int DAYS = 19;
  private static final int TRAIN = 14 * 24;
  private static final int RETRAIN = 24;
  private static final ForecastConfig FORECAST =
      ForecastConfig.builder().horizonWindows(RETRAIN).holdoutWindows(0).rounds(30).origins(8).build();
  private static final WalkForward.Settings SETTINGS =
      new WalkForward.Settings(FORECAST, TRAIN, RETRAIN, AlarmConfig.defaults());

  /** Hourly counts with a daily cycle and noise; {@code transform} may poison or spike a window. */
  private static SeriesHistory series(String key, long seed, int days, Transform transform) {
    Random r = new Random(seed);
    double[] x = new double[days * 24];
    for (int i = 0; i < x.length; i++) {
      double v = 100 + 40 * Math.sin(2 * Math.PI * (i % 24) / 24.0) + 5 * r.nextGaussian();
      x[i] = transform.apply(START + i * HOUR, Math.round(v));
    }
    return new SeriesHistory(key, START, HOUR, Map.of(Statistic.COUNT, x));
  }

  private interface Transform {
    double apply(long windowStart, double value);
  }

  private static List<SeriesHistory> clean() {
    List<SeriesHistory> out = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      out.add(series("service=s" + s, s, DAYS, (t, v) -> v));
    }
    return out;
  }

  private static final class Collected implements WalkForward.Sink {
    final Map<String, WalkForward.Window> windows = new LinkedHashMap<>();
    final List<IncidentEvent> incidents = new ArrayList<>();

    @Override
    public void window(WalkForward.Window w) {
      String key = w.comparison().getSeries() + "@" + w.comparison().getWindowStart().getMillis();
      if (windows.put(key, w) != null) {
        throw new AssertionError("window reported twice: " + key);
      }
    }

    @Override
    public void incident(IncidentEvent e) {
      incidents.add(e);
    }

    List<Comparison> comparisons() {
      List<Comparison> out = new ArrayList<>();
      windows.values().forEach(w -> out.add(w.comparison()));
      return out;
    }
  }

  private static Collected run(List<SeriesHistory> histories, WalkForward.Settings settings) {
    Collected c = new Collected();
    WalkForward.run(Statistic.COUNT, histories, settings, c);
    return c;
  }

  @Test
  public void aModelUsedAtAWindowNeverSawThatWindowOrLaterOnes() {
    long firstCutoff = START + TRAIN * HOUR;
    long poisonFrom = firstCutoff + 2 * RETRAIN * HOUR; // also a cutoff
    List<SeriesHistory> poisoned = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      poisoned.add(series("service=s" + s, s, DAYS, (t, v) -> t >= poisonFrom ? v * 1000 : v));
    }
    Collected a = run(clean(), SETTINGS);
    Collected b = run(poisoned, SETTINGS);
    assertEquals(a.windows.keySet(), b.windows.keySet());
    int same = 0;
    boolean laterDiffers = false;
    for (Map.Entry<String, WalkForward.Window> e : a.windows.entrySet()) {
      Comparison x = e.getValue().comparison();
      Comparison y = b.windows.get(e.getKey()).comparison();
      long start = x.getWindowStart().getMillis();
      if (start < poisonFrom + RETRAIN * HOUR) {
        // Trained at or before poisonFrom: the poisoned future cannot have reached the forecast,
        // not even for the windows from poisonFrom on, whose actuals are poisoned.
        assertEquals(e.getKey(), x.getExpected(), y.getExpected());
        assertEquals(e.getKey(), x.getLower(), y.getLower());
        assertEquals(e.getKey(), x.getUpper(), y.getUpper());
        assertEquals(e.getKey(), x.getModelVersion(), y.getModelVersion());
        if (start >= poisonFrom) {
          same++;
          assertEquals(Comparison.Direction.ABOVE, y.getDirection());
        }
      } else if (!x.getExpected().equals(y.getExpected())) {
        laterDiffers = true; // trained after the poison: it must show, or the test proves nothing
      }
    }
    assertEquals(3 * RETRAIN, same);
    assertTrue("models trained on poisoned windows should forecast differently", laterDiffers);
  }

  @Test
  public void retrainsEveryRetrainWindowsOnlyOnThePast() {
    WalkForward.Settings every2d =
        new WalkForward.Settings(
            FORECAST.toBuilder().horizonWindows(48).build(), TRAIN, 48, AlarmConfig.defaults());
    Collected c = new Collected();
    WalkForward.Summary s = WalkForward.run(Statistic.COUNT, clean(), every2d, c);
    long firstCutoff = START + TRAIN * HOUR;
    Set<String> versions = new HashSet<>();
    for (WalkForward.Window w : c.windows.values()) {
      Comparison x = w.comparison();
      long start = x.getWindowStart().getMillis();
      if (start < firstCutoff) {
        assertEquals(Comparison.Direction.NO_FORECAST, x.getDirection());
        assertNull(x.getModelVersion());
        continue;
      }
      long cutoff = firstCutoff + (start - firstCutoff) / (48 * HOUR) * (48 * HOUR);
      assertEquals(WalkForward.version(cutoff), x.getModelVersion());
      assertTrue(x.getDirection() != Comparison.Direction.NO_FORECAST);
      versions.add(x.getModelVersion());
    }
    // 5 days after the first cutoff, retrained every 2 days: cutoffs at days 14, 16 and 18.
    assertEquals(3, versions.size());
    assertEquals(3, s.cutoffs());
    assertEquals(3, s.modelsTrained());
    assertEquals(3L * DAYS * 24, s.windows());
    assertEquals(3L * 5 * 24, s.windowsWithForecast());
  }

  @Test
  public void incidentsAreThoseOfTheAlarmStateMachineFedTheSameComparisons() {
    long spikeFrom = START + (16 * 24 + 10) * HOUR;
    List<SeriesHistory> histories = clean();
    histories.set(
        1,
        series(
            "service=s1",
            1,
            DAYS,
            (t, v) -> t >= spikeFrom && t < spikeFrom + 6 * HOUR ? 3 * v : v));
    Collected c = run(histories, SETTINGS);
    assertTrue(
        c.incidents.stream()
            .anyMatch(
                e ->
                    e.getType() == IncidentEvent.Type.OPENED
                        && e.getSeries().equals("service=s1")
                        && e.getOpenedAt().getMillis() > spikeFrom
                        && e.getOpenedAt().getMillis() <= spikeFrom + 6 * HOUR));
    Comparator<IncidentEvent> order =
        Comparator.comparing(IncidentEvent::getSeries)
            .thenComparing(IncidentEvent::getEventTime)
            .thenComparing(IncidentEvent::getType);
    List<IncidentEvent> expected =
        new ArrayList<>(AlarmReference.run(c.comparisons(), AlarmConfig.defaults()));
    List<IncidentEvent> actual = new ArrayList<>(c.incidents);
    expected.sort(order);
    actual.sort(order);
    assertEquals(expected, actual);

    // The alarm state of each window follows the lifecycle events of its series.
    Map<String, String> open = new LinkedHashMap<>();
    Map<String, List<IncidentEvent>> byWindowEnd = new LinkedHashMap<>();
    for (IncidentEvent e : c.incidents) {
      byWindowEnd
          .computeIfAbsent(e.getSeries() + "@" + e.getEventTime().getMillis(), k -> new ArrayList<>())
          .add(e);
    }
    for (WalkForward.Window w : c.windows.values()) {
      Comparison x = w.comparison();
      for (IncidentEvent e :
          byWindowEnd.getOrDefault(x.getSeries() + "@" + x.getWindowEnd().getMillis(), List.of())) {
        if (e.getType() == IncidentEvent.Type.OPENED) {
          open.put(x.getSeries(), e.getDedupeKey());
        } else if (e.getType() == IncidentEvent.Type.RESOLVED) {
          open.remove(x.getSeries());
        }
      }
      assertEquals(x.toString(), open.containsKey(x.getSeries()), w.incidentOpen());
      assertEquals(x.toString(), open.get(x.getSeries()), w.incidentKey());
    }
  }

  @Test
  public void aSeriesWithoutPastWindowsGetsNoForecastUntilItHasSome() {
    List<SeriesHistory> histories = clean();
    // Starts two days after the first cutoff: the global model forecasts it from the next cutoff.
    int late = TRAIN + 2 * RETRAIN;
    double[] x = new double[DAYS * 24 - late];
    java.util.Arrays.fill(x, 100);
    histories.add(
        new SeriesHistory("service=late", START + late * HOUR, HOUR, Map.of(Statistic.COUNT, x)));
    Collected c = run(histories, SETTINGS);
    for (WalkForward.Window w : c.windows.values()) {
      Comparison cmp = w.comparison();
      if (cmp.getSeries().equals("service=late")) {
        long start = cmp.getWindowStart().getMillis();
        boolean before = start < START + (late + RETRAIN) * HOUR;
        assertEquals(cmp.toString(), before, cmp.getDirection() == Comparison.Direction.NO_FORECAST);
      }
    }
  }

  @Test
  public void perSeriesModelsTrainOnePerSeriesAndCutoff() {
    WalkForward.Settings perSeries =
        new WalkForward.Settings(
            FORECAST.toBuilder().scope(ModelScope.PER_SERIES).horizonWindows(RETRAIN * 3).build(),
            TRAIN,
            RETRAIN * 3,
            AlarmConfig.defaults());
    List<SeriesHistory> histories = clean();
    Collected c = new Collected();
    WalkForward.Summary s = WalkForward.run(Statistic.COUNT, histories, perSeries, c);
    assertEquals(2, s.cutoffs());
    assertEquals(2 * histories.size(), s.modelsTrained());
    assertFalse(c.windows.isEmpty());
  }

  @Test
  public void rejectsAHorizonShorterThanTheRetrainingSpan() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new WalkForward.Settings(FORECAST, TRAIN, RETRAIN + 1, AlarmConfig.defaults()));
  }
}
