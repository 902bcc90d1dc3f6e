package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WindowStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * AggregateWindows on unbounded input, driven by TestStream: on-time results, corrected results
 * for late events within the allowed lateness, dead letters for later ones, and an idle series.
 */
public class AggregateWindowsLatenessTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Duration LATENESS = Duration.standardMinutes(2);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(int minute, int second) {
    return T0.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  private static Instant minute(int i) {
    return at(i, 0);
  }

  private static IntervalWindow window(int i) {
    return new IntervalWindow(minute(i), minute(i + 1));
  }

  /** An event as ParseEvents outputs it: timestamped with its event time. */
  private static TimestampedValue<Event> event(String series, int minute, int second, double value) {
    Instant t = at(minute, second);
    return TimestampedValue.of(Event.create(series, t, value), t);
  }

  private static WindowStats stats(
      String series, int window, long count, double sum, Double mean, Double stddev, Double min, Double max) {
    return WindowStats.create(series, minute(window), minute(window + 1), count, sum, mean, stddev, min, max);
  }

  private static TestStream.Builder<Event> stream() {
    try {
      Coder<Event> coder = SchemaRegistry.createDefault().getSchemaCoder(Event.class);
      return TestStream.create(coder);
    } catch (NoSuchSchemaException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Advances the watermark to {@code t}, then lets its consequences play out before the next
   * step. The DirectRunner fires the timers of a watermark step in the same round as it emits the
   * stream's next step, and each level of timers (the lateness screen's, the aggregation's, the gap
   * fill's) takes a round; a few processing-time steps give them those rounds, as time passing
   * does in a real stream.
   */
  private static TestStream.Builder<Event> settleAt(TestStream.Builder<Event> stream, Instant t) {
    TestStream.Builder<Event> s = stream.advanceWatermarkTo(t);
    for (int i = 0; i < 4; i++) {
      s = s.advanceProcessingTime(Duration.standardSeconds(1));
    }
    return s;
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(AggregateWindows.METRICS_NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  /** Allowed lateness of two minutes; no empty windows, so only results of windows with data. */
  private static AggregateWindows aggregate() {
    return AggregateWindows.of(MINUTE).withAllowedLateness(LATENESS).withIdleHorizon(Duration.ZERO);
  }

  /**
   * Results per window as a downstream windowed aggregation sees them: its on-time pane holds the
   * results that reached it on time, its late panes (accumulating) the corrections as well.
   */
  private static PCollection<Long> resultsPerWindow(PCollection<WindowStats> stats) {
    return stats.apply(
        "CountPerWindow", Combine.globally(Count.<WindowStats>combineFn()).withoutDefaults());
  }

  private static PCollection<String> describe(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        "Describe",
        MapElements.into(TypeDescriptors.strings())
            .via((DeadLetter d) -> d.getStep() + " | " + d.getPayload() + " | " + d.getError()));
  }

  @Test
  public void onTimeDataGivesOneResultPerWindowAtTheWatermark() {
    TestStream<Event> events =
        stream()
            .addElements(event("s=a", 0, 10, 1.0), event("s=a", 0, 20, 3.0), event("s=b", 0, 30, 7.0))
            // Window 0 closes: its results go out on time.
            .addElements(event("s=a", 1, 5, 4.0))
            .advanceWatermarkTo(minute(1))
            // Window 1 closes.
            .advanceWatermarkTo(minute(2))
            .advanceWatermarkToInfinity();
    WindowedStats out = p.apply(events).apply(aggregate());
    WindowStats a0 = stats("s=a", 0, 2, 4.0, 2.0, Math.sqrt(2.0), 1.0, 3.0);
    WindowStats b0 = stats("s=b", 0, 1, 7.0, 7.0, null, 7.0, 7.0);
    WindowStats a1 = stats("s=a", 1, 1, 4.0, 4.0, null, 4.0, 4.0);
    PAssert.that(out.stats()).containsInAnyOrder(a0, b0, a1);
    PCollection<Long> results = resultsPerWindow(out.stats());
    PAssert.that(results).inOnTimePane(window(0)).containsInAnyOrder(2L);
    PAssert.that(results).inOnTimePane(window(1)).containsInAnyOrder(1L);
    PAssert.that(out.deadLetters()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(4, counter(result, AggregateWindows.ON_TIME_COUNTER));
    assertEquals(0, counter(result, AggregateWindows.LATE_COUNTER));
    assertEquals(0, counter(result, AggregateWindows.TOO_LATE_COUNTER));
  }

  @Test
  public void lateDataWithinTheLatenessCorrectsTheWindowWithAccumulatedStatistics() {
    TestStream.Builder<Event> s =
        stream().addElements(event("s=a", 0, 10, 1.0), event("s=a", 0, 20, 3.0));
    // Window 0 closes: on-time result of two events.
    s = settleAt(s, minute(1));
    // A minute behind the watermark, within two minutes of lateness: a corrected result of all
    // three events.
    s = s.addElements(event("s=a", 0, 30, 5.0));
    s = settleAt(s, minute(2));
    // Nearly two minutes behind: still accepted, a second correction of all four.
    s = s.addElements(event("s=a", 0, 59, 7.0));
    TestStream<Event> events = settleAt(s, minute(3)).advanceWatermarkToInfinity();
    WindowedStats out = p.apply(events).apply(aggregate());
    WindowStats onTime = stats("s=a", 0, 2, 4.0, 2.0, Math.sqrt(2.0), 1.0, 3.0);
    WindowStats corrected = stats("s=a", 0, 3, 9.0, 3.0, 2.0, 1.0, 5.0);
    WindowStats correctedAgain = stats("s=a", 0, 4, 16.0, 4.0, Math.sqrt(20.0 / 3), 1.0, 7.0);
    // The last result carries all four events. Before it, the on-time result and the first
    // correction; the gap fill keeps only the later of the two when the correction reaches it
    // before the window's slot is emitted, which on the DirectRunner depends on scheduling.
    // (Compared as text: the lambda is serialized, the records are not Serializable.)
    String first = onTime.toString();
    String second = corrected.toString();
    String last = correctedAgain.toString();
    PAssert.that(out.stats())
        .satisfies(
            results -> {
              List<String> all = new ArrayList<>();
              results.forEach(r -> all.add(r.toString()));
              assertTrue(all.toString(), all.contains(second) && all.contains(last));
              assertTrue(all.toString(), List.of(first, second, last).containsAll(all));
              assertEquals(all.toString(), new HashSet<>(all).size(), all.size());
              return null;
            });
    // Downstream, the window's on-time pane holds one result; the corrections come after it.
    PAssert.that(resultsPerWindow(out.stats())).inOnTimePane(window(0)).containsInAnyOrder(1L);
    PAssert.that(out.deadLetters()).empty();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, AggregateWindows.ON_TIME_COUNTER));
    assertEquals(2, counter(result, AggregateWindows.LATE_COUNTER));
    assertEquals(0, counter(result, AggregateWindows.TOO_LATE_COUNTER));
  }

  @Test
  public void droppablyLateDataIsDeadLetteredCountedAndLeftOutOfTheStatistics() {
    TestStream.Builder<Event> s =
        stream().addElements(event("s=a", 0, 10, 1.0), event("s=a", 0, 20, 3.0));
    // Window 0 closes; the series stays tracked while windows 1-4 close too.
    s = settleAt(s, minute(1)).addElements(event("s=a", 4, 0, 10.0));
    // Window 0 expired at 10:02:59.999; the watermark is at 10:04.
    s = settleAt(s, minute(4));
    // Too late: refused before the aggregation, so window 0 is not corrected.
    TestStream<Event> events =
        s.addElements(event("s=a", 0, 30, 5.0)).advanceWatermarkToInfinity();
    WindowedStats out = p.apply(events).apply(aggregate());
    PAssert.that(out.stats())
        .containsInAnyOrder(
            stats("s=a", 0, 2, 4.0, 2.0, Math.sqrt(2.0), 1.0, 3.0),
            stats("s=a", 4, 1, 10.0, 10.0, null, 10.0, 10.0));
    PAssert.that(describe(out.deadLetters()))
        .containsInAnyOrder(
            "lateness | {\"s\":\"a\",\"ts\":\"2024-05-01T10:00:30.000Z\",\"value\":5.0} | "
                + "arrived at least 3 minutes after its window [2024-05-01T10:00:00.000Z,"
                + " 2024-05-01T10:01:00.000Z) closed; allowed lateness 2 minutes");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // Every event is accounted for: 3 on time, none late, 1 refused.
    assertEquals(3, counter(result, AggregateWindows.ON_TIME_COUNTER));
    assertEquals(0, counter(result, AggregateWindows.LATE_COUNTER));
    assertEquals(1, counter(result, AggregateWindows.TOO_LATE_COUNTER));
  }

  /** A series other than {@code series} whose lateness is judged by the same walk. */
  private static String sameShardAs(String series) {
    for (int i = 0; ; i++) {
      String other = "s=new" + i;
      if (ScreenLatenessFn.shardOf(other) == ScreenLatenessFn.shardOf(series)) {
        return other;
      }
    }
  }

  @Test
  public void aNewSeriesFirstEventIsJudgedByTheWatermarkItsShardHasSeen() {
    String newcomer = sameShardAs("s=a");
    TestStream.Builder<Event> s =
        stream().addElements(event("s=a", 0, 10, 1.0)).advanceWatermarkTo(minute(1));
    s = settleAt(s.addElements(event("s=a", 1, 10, 2.0)), minute(2));
    s = settleAt(s.addElements(event("s=a", 2, 10, 3.0)), minute(3));
    s = settleAt(s.addElements(event("s=a", 3, 10, 4.0)), minute(4));
    // The newcomer's first event belongs to window 0, which expired at 10:02:59.999: beyond even
    // the aggregation's extra window, so the runner would drop it unseen. The shard's walk knows.
    TestStream<Event> events =
        s.addElements(event(newcomer, 0, 30, 9.0)).advanceWatermarkToInfinity();
    WindowedStats out = p.apply(events).apply(aggregate());
    PAssert.that(out.stats())
        .containsInAnyOrder(
            stats("s=a", 0, 1, 1.0, 1.0, null, 1.0, 1.0),
            stats("s=a", 1, 1, 2.0, 2.0, null, 2.0, 2.0),
            stats("s=a", 2, 1, 3.0, 3.0, null, 3.0, 3.0),
            stats("s=a", 3, 1, 4.0, 4.0, null, 4.0, 4.0));
    PAssert.that(describe(out.deadLetters()))
        .containsInAnyOrder(
            "lateness | {\"s\":\"" + newcomer.substring(2) + "\",\"ts\":\"2024-05-01T10:00:30.000Z\",\"value\":9.0} | "
                + "arrived at least 3 minutes after its window [2024-05-01T10:00:00.000Z,"
                + " 2024-05-01T10:01:00.000Z) closed; allowed lateness 2 minutes");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(4, counter(result, AggregateWindows.ON_TIME_COUNTER));
    assertEquals(1, counter(result, AggregateWindows.TOO_LATE_COUNTER));
  }

  @Test
  public void withoutLatenessEveryEventBehindTheWatermarkIsRefused() {
    TestStream.Builder<Event> s = settleAt(stream().addElements(event("s=a", 0, 10, 1.0)), minute(1));
    // Behind the watermark with zero lateness: refused, not aggregated.
    TestStream<Event> events =
        s.addElements(event("s=a", 0, 20, 3.0)).advanceWatermarkToInfinity();
    WindowedStats out =
        p.apply(events).apply(AggregateWindows.of(MINUTE).withIdleHorizon(Duration.ZERO));
    PAssert.that(out.stats()).containsInAnyOrder(stats("s=a", 0, 1, 1.0, 1.0, null, 1.0, 1.0));
    PAssert.that(describe(out.deadLetters()))
        .containsInAnyOrder(
            "lateness | {\"s\":\"a\",\"ts\":\"2024-05-01T10:00:20.000Z\",\"value\":3.0} | "
                + "arrived at least 0 milliseconds after its window [2024-05-01T10:00:00.000Z,"
                + " 2024-05-01T10:01:00.000Z) closed; allowed lateness 0 milliseconds");
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, AggregateWindows.TOO_LATE_COUNTER));
  }

  @Test
  public void anIdleSeriesNeitherStallsTheOthersNorIsWalkedForever() {
    TestStream<Event> events =
        stream()
            // Both series in window 0, then s=b goes quiet for good.
            .addElements(event("s=a", 0, 10, 1.0), event("s=b", 0, 10, 2.0))
            .advanceWatermarkTo(minute(1))
            // The watermark moves on without s=b: s=a's windows still close on time, and s=b
            // gets empty windows up to its idle horizon of two minutes.
            .addElements(event("s=a", 1, 10, 3.0))
            .advanceProcessingTime(Duration.standardMinutes(1))
            .advanceWatermarkTo(minute(2))
            .addElements(event("s=a", 2, 10, 5.0))
            .advanceProcessingTime(Duration.standardMinutes(1))
            .advanceWatermarkTo(minute(3))
            // Far past every horizon: the screen and the gap fill stop, so the pipeline ends.
            .advanceWatermarkToInfinity();
    WindowedStats out =
        p.apply(events)
            .apply(
                AggregateWindows.of(MINUTE)
                    .withAllowedLateness(LATENESS)
                    .withIdleHorizon(Duration.standardMinutes(2)));
    WindowStats a0 = stats("s=a", 0, 1, 1.0, 1.0, null, 1.0, 1.0);
    WindowStats b0 = stats("s=b", 0, 1, 2.0, 2.0, null, 2.0, 2.0);
    WindowStats a1 = stats("s=a", 1, 1, 3.0, 3.0, null, 3.0, 3.0);
    WindowStats a2 = stats("s=a", 2, 1, 5.0, 5.0, null, 5.0, 5.0);
    WindowStats b1 = WindowStats.empty("s=b", minute(1), minute(2));
    WindowStats b2 = WindowStats.empty("s=b", minute(2), minute(3));
    WindowStats a3 = WindowStats.empty("s=a", minute(3), minute(4));
    WindowStats a4 = WindowStats.empty("s=a", minute(4), minute(5));
    PAssert.that(out.stats()).containsInAnyOrder(a0, b0, a1, b1, a2, b2, a3, a4);
    PCollection<Long> results = resultsPerWindow(out.stats());
    PAssert.that(results).inOnTimePane(window(1)).containsInAnyOrder(2L);
    PAssert.that(results).inOnTimePane(window(2)).containsInAnyOrder(2L);
    p.run().waitUntilFinish();
  }

  @Test
  public void theAggregationNeverFiresAnEmptyOnTimePane() {
    // Beam's default fires an on-time pane even without events; a runner that does (the
    // FlinkRunner did, after every window's result) would report each window twice, once empty.
    WindowedStats out =
        p.apply(stream().addElements(event("s=a", 0, 10, 1.0)).advanceWatermarkToInfinity())
            .apply(aggregate());
    assertEquals(
        Window.OnTimeBehavior.FIRE_IF_NON_EMPTY,
        out.stats().getWindowingStrategy().getOnTimeBehavior());
    PAssert.that(out.stats()).containsInAnyOrder(stats("s=a", 0, 1, 1.0, 1.0, null, 1.0, 1.0));
    p.run().waitUntilFinish();
  }

  @Test
  public void boundedInputHasNoLateEvents() {
    PCollection<Event> events =
        p.apply(
            Create.timestamped(
                event("s=a", 0, 10, 1.0), event("s=a", 5, 0, 2.0), event("s=a", 0, 20, 3.0)));
    WindowedStats out = events.apply(AggregateWindows.of(MINUTE).withAllowedLateness(LATENESS));
    PAssert.that(out.stats())
        .containsInAnyOrder(
            stats("s=a", 0, 2, 4.0, 2.0, Math.sqrt(2.0), 1.0, 3.0),
            WindowStats.empty("s=a", minute(1), minute(2)),
            WindowStats.empty("s=a", minute(2), minute(3)),
            WindowStats.empty("s=a", minute(3), minute(4)),
            WindowStats.empty("s=a", minute(4), minute(5)),
            stats("s=a", 5, 1, 2.0, 2.0, null, 2.0, 2.0));
    PAssert.that(out.deadLetters()).empty();
    p.run().waitUntilFinish();
  }
}
