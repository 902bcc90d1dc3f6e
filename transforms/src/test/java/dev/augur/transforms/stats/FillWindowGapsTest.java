package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WindowStats;
import org.apache.beam.sdk.PipelineResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
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
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** The streaming gap fill, driven by TestStream; bounded filling is covered by AggregateWindowsTest. */
public class FillWindowGapsTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant minute(int i) {
    return T0.plus(MINUTE.multipliedBy(i));
  }

  private static IntervalWindow window(int i) {
    return new IntervalWindow(minute(i), minute(i + 1));
  }

  private static WindowStats data(String series, int window) {
    double v = window + 1;
    return WindowStats.create(series, minute(window), minute(window + 1), 1, v, v, null, v, v);
  }

  private static WindowStats empty(String series, int window) {
    return WindowStats.empty(series, minute(window), minute(window + 1));
  }

  /** Window statistics as AggregateWindows emits them, at their window's last millisecond. */
  private static TimestampedValue<WindowStats> emitted(WindowStats w) {
    return TimestampedValue.of(w, w.getWindowEnd().minus(Duration.millis(1)));
  }

  private static <T> Coder<T> coder(Class<T> type) {
    try {
      return SchemaRegistry.createDefault().getSchemaCoder(type);
    } catch (NoSuchSchemaException e) {
      throw new AssertionError(e);
    }
  }

  /** Elements per fixed window, as a downstream windowed aggregation with default trigger sees them. */
  private static PCollection<Long> countsPerWindow(PCollection<WindowStats> stats) {
    return stats.apply("CountPerWindow", Combine.globally(Count.<WindowStats>combineFn()).withoutDefaults());
  }

  private static TestStream.Builder<WindowStats> stream() {
    return TestStream.create(coder(WindowStats.class));
  }

  @Test
  public void emitsEmptyWindowsAsTheWatermarkPassesThenStopsAtTheIdleHorizon() {
    TestStream<WindowStats> input =
        stream()
            // On time: s=a has windows 0 and 1, s=b window 0.
            .addElements(emitted(data("s=a", 0)), emitted(data("s=a", 1)), emitted(data("s=b", 0)))
            // Windows 0 and 1 close: their data goes out; s=b's window 1 is empty.
            .advanceWatermarkTo(minute(2))
            // Quiet period: s=a gets empty windows 2 and 3, s=b only 2 (its horizon ends at 3).
            .advanceWatermarkTo(minute(4))
            // s=a comes back in window 4, after its fill stopped at the horizon.
            .addElements(emitted(data("s=a", 4)))
            // s=a: window 4, then empty 5 and 6 up to the horizon, then nothing.
            .advanceWatermarkToInfinity();

    PCollection<WindowStats> out =
        p.apply(input).apply(FillWindowGaps.of(MINUTE, Duration.standardMinutes(2)));

    PAssert.that(out)
        .containsInAnyOrder(
            data("s=a", 0),
            data("s=a", 1),
            empty("s=a", 2),
            empty("s=a", 3),
            data("s=a", 4),
            empty("s=a", 5),
            empty("s=a", 6),
            data("s=b", 0),
            empty("s=b", 1),
            empty("s=b", 2));
    // Empty windows are emitted before the watermark passes their window, so a windowed
    // aggregation downstream sees them in its on-time pane (late ones would be dropped).
    PCollection<Long> counts = countsPerWindow(out);
    PAssert.that(counts).inOnTimePane(window(1)).containsInAnyOrder(2L);
    PAssert.that(counts).inOnTimePane(window(2)).containsInAnyOrder(2L);
    PAssert.that(counts).inOnTimePane(window(3)).containsInAnyOrder(1L);
    PAssert.that(counts).inOnTimePane(window(6)).containsInAnyOrder(1L);
    p.run().waitUntilFinish();
  }

  @Test
  public void padsNothingThatStartsAfterTheEventTimeHorizonWhenTheWatermarkJumpsToTheEnd() {
    TestStream<WindowStats> input =
        stream()
            // The input's last event is in window 2 (s=b); s=a's last data is in window 0.
            .addElements(emitted(data("s=a", 0)), emitted(data("s=b", 0)), emitted(data("s=b", 2)))
            // End of input: the watermark jumps to the end of time, as after a replay or a drain.
            .advanceWatermarkToInfinity();
    EventTimeHorizon lastEvent = EventTimeHorizon.at(minute(2).plus(Duration.standardSeconds(30)));

    PAssert.that(
            p.apply(input)
                .apply(FillWindowGaps.of(MINUTE, Duration.standardMinutes(10)).withHorizon(lastEvent)))
        // Windows 1 and 2 were silent for s=a while the input went on; windows 3 to 10 never
        // happened, though the idle horizon would reach them.
        .containsInAnyOrder(
            data("s=a", 0), empty("s=a", 1), empty("s=a", 2), data("s=b", 0), empty("s=b", 1), data("s=b", 2));
    p.run().waitUntilFinish();
  }

  @Test
  public void dataAfterTheHorizonStoppedTheWalkRestartsIt() {
    TestStream<WindowStats> input =
        stream()
            .addElements(emitted(data("s=a", 0)))
            // The watermark runs ahead of the horizon (window 1 has begun, 2 has not).
            .advanceWatermarkTo(minute(4))
            // Data for window 3 after all: the walk starts again there.
            .addElements(emitted(data("s=a", 3)))
            .advanceWatermarkToInfinity();
    EventTimeHorizon horizon = EventTimeHorizon.at(minute(1));

    PAssert.that(
            p.apply(input)
                .apply(FillWindowGaps.of(MINUTE, Duration.standardMinutes(10)).withHorizon(horizon)))
        .containsInAnyOrder(data("s=a", 0), empty("s=a", 1), data("s=a", 3));
    p.run().waitUntilFinish();
  }

  @Test
  public void handlesWindowsArrivingOutOfOrderAndSkipsGapsBeyondTheHorizon() {
    TestStream<WindowStats> input =
        stream()
            // Window 3 is seen before window 0, in one bundle.
            .addElements(emitted(data("s=a", 3)), emitted(data("s=a", 0)))
            // Horizon of one window: empty 1, no 2 (more than a window after data), 3, empty 4.
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(FillWindowGaps.of(MINUTE, MINUTE)))
        .containsInAnyOrder(data("s=a", 0), empty("s=a", 1), data("s=a", 3), empty("s=a", 4));
    p.run().waitUntilFinish();
  }

  @Test
  public void keepsTheLaterPaneOfAWaitingWindowPassesLateOnesThroughAndCountsThem() {
    WindowStats corrected = WindowStats.create("s=a", minute(0), minute(1), 2, 2.0, 1.0, 0.0, 1.0, 1.0);
    TestStream<WindowStats> input =
        stream()
            // Two panes of window 0 while it waits for its slot, the later (more events) first:
            // it is kept, the earlier one only counted.
            .addElements(emitted(corrected), emitted(data("s=a", 0)))
            // Window 0 goes out once, then empty windows 1 and 2.
            .advanceWatermarkTo(minute(3))
            // Data for window 1 after its empty window went out: passed through, counted.
            .addElements(emitted(data("s=a", 1)))
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(FillWindowGaps.of(MINUTE, Duration.standardMinutes(2))))
        .containsInAnyOrder(corrected, empty("s=a", 1), empty("s=a", 2), data("s=a", 1));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2L, counter(result, FillWindowGaps.LATE_COUNTER));
  }

  /** Each series expected from the window of its index on, in one version. */
  private static final class ExpectedFrom implements ExpectedSeries {
    private final Map<String, Integer> from;

    ExpectedFrom(Map<String, Integer> from) {
      this.from = from;
    }

    @Override
    public String version() {
      return "v1";
    }

    @Override
    public List<String> expectedIn(Instant start, Instant end, @Nullable Instant after) {
      List<String> expected = new ArrayList<>();
      from.forEach(
          (series, window) -> {
            Instant begins = minute(window);
            if (!begins.isAfter(start) && (after == null || begins.isAfter(after))) {
              expected.add(series);
            }
          });
      expected.sort(null);
      return expected;
    }
  }

  /** Gap filling of {@code input} expecting each series from the window the map gives it. */
  private PCollection<WindowStats> fillExpecting(TestStream<WindowStats> input, Map<String, Integer> from) {
    PCollectionView<ExpectedSeries> expected =
        p.apply(
                "Expected",
                Create.<ExpectedSeries>of(new ExpectedFrom(from))
                    .withCoder(SerializableCoder.of(ExpectedSeries.class)))
            .apply(View.asSingleton());
    return p.apply(input)
        .apply(FillWindowGaps.of(MINUTE, Duration.standardMinutes(2)).withExpectedSeries(expected));
  }

  @Test
  public void padsExpectedSeriesThatNeverSentFromTheFirstWindowWithDataTheyAreExpectedIn() {
    TestStream<WindowStats> input =
        stream()
            .addElements(emitted(data("s=a", 0)))
            .advanceWatermarkTo(minute(1))
            .addElements(emitted(data("s=a", 1)))
            .advanceWatermarkTo(minute(2))
            .addElements(emitted(data("s=a", 2)), emitted(data("s=c", 2)))
            .advanceWatermarkTo(minute(3))
            .advanceWatermarkToInfinity();
    PCollection<WindowStats> out =
        fillExpecting(input, Map.of("s=a", 0, "s=b", 0, "s=c", 0, "s=e", 1, "s=x", 5));

    PAssert.that(out)
        .containsInAnyOrder(
            // Sending: the seed changes nothing.
            data("s=a", 0), data("s=a", 1), data("s=a", 2), empty("s=a", 3), empty("s=a", 4),
            // Never sent: padded from the stream's second window with data (the first one next
            // to another), up to the idle horizon after it.
            empty("s=b", 1), empty("s=b", 2), empty("s=b", 3),
            // Silent until window 2, where its data replaces nothing and the walk goes on.
            empty("s=c", 1), data("s=c", 2), empty("s=c", 3), empty("s=c", 4),
            // Expected from window 1: seeded there too.
            empty("s=e", 1), empty("s=e", 2), empty("s=e", 3));
    // s=x is expected only from window 5, after the stream's last data; s=d is not expected.
    PCollection<Long> counts = countsPerWindow(out);
    PAssert.that(counts).inOnTimePane(window(0)).containsInAnyOrder(1L);
    PAssert.that(counts).inOnTimePane(window(1)).containsInAnyOrder(4L);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(3L, counter(result, FillWindowGaps.SEEDED_COUNTER));
  }

  /**
   * A replay catching up emits several windows at once, and the stream's first window may come out
   * after a later one: a series expected but silent is still padded from that first window.
   */
  @Test
  public void anExpectedSeriesIsPaddedFromTheFirstWindowEvenWhenItComesOutLate() {
    TestStream<WindowStats> input =
        stream()
            .addElements(emitted(data("s=a", 1)))
            .addElements(emitted(data("s=a", 0)))
            .advanceWatermarkTo(minute(2))
            .advanceWatermarkToInfinity();
    PCollection<WindowStats> out = fillExpecting(input, Map.of("s=a", 0, "s=b", 0));

    PAssert.that(out)
        .containsInAnyOrder(
            data("s=a", 0), data("s=a", 1), empty("s=a", 2), empty("s=a", 3),
            // Padded from window 0, up to the idle horizon after it, as if it had come in order.
            empty("s=b", 0), empty("s=b", 1), empty("s=b", 2));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1L, counter(result, FillWindowGaps.SEEDED_COUNTER));
  }

  /**
   * A job restarted from committed offsets may first read one event hours late: its lone window
   * does not start the padding of silent series, which used to make every one of them an outage
   * since then. The padding starts where the stream has data in two windows in a row.
   */
  @Test
  public void aLoneLateFirstEventDoesNotPadSilentSeriesFromItsWindow() {
    TestStream<WindowStats> input =
        stream()
            .addElements(emitted(data("s=a", 0)))
            .advanceWatermarkTo(minute(6))
            .addElements(emitted(data("s=a", 10)))
            .advanceWatermarkTo(minute(11))
            .addElements(emitted(data("s=a", 11)))
            .advanceWatermarkTo(minute(12))
            .advanceWatermarkToInfinity();
    PCollection<WindowStats> out = fillExpecting(input, Map.of("s=a", 0, "s=b", 0));

    PAssert.that(out)
        .containsInAnyOrder(
            data("s=a", 0), empty("s=a", 1), empty("s=a", 2),
            data("s=a", 10), data("s=a", 11), empty("s=a", 12), empty("s=a", 13),
            // From window 11, the first next to another with data; none of windows 0 to 10.
            empty("s=b", 11), empty("s=b", 12), empty("s=b", 13));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1L, counter(result, FillWindowGaps.SEEDED_COUNTER));
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(FillWindowGaps.METRICS_NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  public void aggregateWindowsFillsQuietPeriodsOfAStream() {
    TestStream<Event> events =
        TestStream.create(coder(Event.class))
            .addElements(
                TimestampedValue.of(Event.create("s=a", minute(0).plus(1000), 1.0), minute(0).plus(1000)),
                TimestampedValue.of(Event.create("s=a", minute(0).plus(2000), 3.0), minute(0).plus(2000)),
                TimestampedValue.of(Event.count("s=a", minute(0).plus(3000)), minute(0).plus(3000)))
            // Window 0 closes: its statistics come out of the SQL step on time.
            .advanceWatermarkTo(minute(1))
            // Quiet period: empty windows 1 and 2 as the watermark passes their ends.
            .advanceWatermarkTo(minute(3))
            // Beyond the two-minute horizon nothing more is emitted.
            .advanceWatermarkToInfinity();
    PCollection<WindowStats> out =
        p.apply(events)
            .apply(AggregateWindows.of(MINUTE).withIdleHorizon(Duration.standardMinutes(2)))
            .stats();
    WindowStats first =
        WindowStats.create("s=a", minute(0), minute(1), 3, 4.0, 2.0, Math.sqrt(2.0), 1.0, 3.0);
    PAssert.that(out).containsInAnyOrder(first, empty("s=a", 1), empty("s=a", 2));
    PCollection<Long> counts = countsPerWindow(out);
    PAssert.that(counts).inOnTimePane(window(0)).containsInAnyOrder(1L);
    PAssert.that(counts).inOnTimePane(window(1)).containsInAnyOrder(1L);
    PAssert.that(counts).inOnTimePane(window(2)).containsInAnyOrder(1L);
    p.run().waitUntilFinish();
  }
}
