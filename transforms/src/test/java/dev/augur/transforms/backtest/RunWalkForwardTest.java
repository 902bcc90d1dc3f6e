package dev.augur.transforms.backtest;

import static org.junit.Assert.assertTrue;

import dev.augur.models.ForecastConfig;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.alarm.IncidentScope;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/** The Beam composite emits exactly what the plain-Java walk gives for each statistic. */
public class RunWalkForwardTest {
  private static final long HOUR = 3_600_000L;
  private static final long START = 1_714_521_600_000L;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static SeriesHistory series(String key, long seed, int days, double spike) {
    Random r = new Random(seed);
    Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    double[] count = new double[days * 24];
    double[] mean = new double[days * 24];
    for (int i = 0; i < count.length; i++) {
      boolean spiked = i >= (days - 2) * 24 + 5 && i < (days - 2) * 24 + 10;
      count[i] = Math.round((spiked ? spike : 1)
          * (50 + 20 * Math.sin(2 * Math.PI * (i % 24) / 24.0) + 3 * r.nextGaussian()));
      mean[i] = (spiked ? spike : 1) * (10 + 2 * Math.cos(2 * Math.PI * (i % 24) / 24.0) + 0.3 * r.nextGaussian());
    }
    values.put(Statistic.COUNT, count);
    values.put(Statistic.MEAN, mean);
    return new SeriesHistory(key, START, HOUR, values);
  }

  @Test
  public void emitsWhatThePlainJavaWalkGivesWithOneIncidentPerSeries() {
    List<String> lines = emitsWhatThePlainJavaWalkGives(AlarmConfig.defaults());
    // The spike moves count and mean of service=b: one incident covers both.
    assertTrue(lines.toString(), lines.stream().anyMatch(l -> l.contains("\"count,mean\"")));
  }

  @Test
  public void emitsWhatThePlainJavaWalkGivesWithOneIncidentPerStatistic() {
    List<String> lines = emitsWhatThePlainJavaWalkGives(
        AlarmConfig.builder().incidentScope(IncidentScope.STATISTIC).build());
    assertTrue(lines.toString(), lines.stream().noneMatch(l -> l.contains("\"count,mean\"")));
  }

  /** The composite's output equals the plain-Java walk's; returns the incident lines. */
  private List<String> emitsWhatThePlainJavaWalkGives(AlarmConfig alarm) {
    List<SeriesHistory> histories =
        List.of(series("service=a", 1, 17, 1), series("service=b", 2, 17, 4));
    WalkForward.Settings settings =
        new WalkForward.Settings(
            ForecastConfig.builder().horizonWindows(24).holdoutWindows(0).rounds(20).origins(6).build(),
            14 * 24,
            24,
            alarm);
    List<WalkForward.Window> walked = new ArrayList<>();
    Map<String, List<IncidentEvent>> bySeries = new TreeMap<>();
    for (Statistic s : List.of(Statistic.COUNT, Statistic.MEAN)) {
      WalkForward.run(
          s,
          histories,
          settings,
          new WalkForward.Sink() {
            @Override
            public void window(WalkForward.Window w) {
              walked.add(w);
            }

            @Override
            public void incident(IncidentEvent e) {
              bySeries.computeIfAbsent(e.getSeries(), k -> new ArrayList<>()).add(e);
            }
          });
    }
    List<String> incidents = new ArrayList<>();
    Set<String> incidentKeys = new HashSet<>();
    Map<String, String> seriesKeys = new HashMap<>();
    for (List<IncidentEvent> events : bySeries.values()) {
      List<IncidentEvent> published = events;
      if (alarm.incidentScope() == IncidentScope.SERIES) {
        published = IncidentGrouping.apply(new IncidentGrouping.State(), events);
        seriesKeys.putAll(IncidentGrouping.seriesKeys(events));
      }
      published.forEach(e -> incidents.add(SinkJson.incident(e)));
      published.forEach(e -> incidentKeys.add(e.getDedupeKey()));
    }
    List<String> windows = new ArrayList<>();
    int renamed = 0;
    for (WalkForward.Window w : walked) {
      String key = w.incidentKey() == null ? null : seriesKeys.getOrDefault(w.incidentKey(), w.incidentKey());
      if (key != null && !key.equals(w.incidentKey())) {
        renamed++;
      }
      // Every window's incident is one the backtest published.
      assertTrue(key + " is not a published incident", key == null || incidentKeys.contains(key));
      windows.add(
          BacktestJson.window(
              new WalkForward.Window(w.comparison(), w.verdict(), w.incidentOpen(), key)));
    }
    if (alarm.incidentScope() == IncidentScope.SERIES && renamed == 0) {
      throw new AssertionError("the mean's incident should join the count's");
    }
    PCollectionTuple out =
        p.apply(Create.of(histories).withCoder(SerializableCoder.of(SeriesHistory.class)))
            .apply(RunWalkForward.of(List.of(Statistic.COUNT, Statistic.MEAN), settings));
    PAssert.that(out.get(RunWalkForward.WINDOWS)).containsInAnyOrder(windows);
    PAssert.that(out.get(RunWalkForward.INCIDENTS)).containsInAnyOrder(incidents);
    p.run().waitUntilFinish();
    if (incidents.isEmpty()) {
      throw new AssertionError("the spike of service=b should open an incident");
    }
    return incidents;
  }
}
