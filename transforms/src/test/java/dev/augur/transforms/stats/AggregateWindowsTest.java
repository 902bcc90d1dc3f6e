package dev.augur.transforms.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WindowStats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class AggregateWindowsTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant at(int minute, int second) {
    return T0.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  private static Instant minute(int i) {
    return at(i, 0);
  }

  /** Events as ParseEvents outputs them: timestamped with their event time. */
  private PCollection<Event> events(Event... events) {
    List<TimestampedValue<Event>> stamped = new ArrayList<>();
    for (Event e : events) {
      stamped.add(TimestampedValue.of(e, e.getEventTime()));
    }
    return p.apply(Create.timestamped(stamped));
  }

  private static WindowStats stats(
      String series, int window, long count, double sum, Double mean, Double stddev, Double min, Double max) {
    return WindowStats.create(series, minute(window), minute(window + 1), count, sum, mean, stddev, min, max);
  }

  private static TimestampedValue<WindowStats> atLastMillisecond(WindowStats w) {
    return TimestampedValue.of(w, w.getWindowEnd().minus(Duration.millis(1)));
  }

  @Test
  public void computesExactStatisticsPerSeriesAndWindow() {
    PCollection<WindowStats> out =
        events(
                // s=a, window 0: values 1, 2, 3 and one count-only event.
                Event.create("s=a", at(0, 5), 2.0),
                Event.create("s=a", at(0, 10), 1.0),
                Event.create("s=a", at(0, 50), 3.0),
                Event.count("s=a", at(0, 20)),
                // s=a, window 1: a single value, so no standard deviation.
                Event.create("s=a", at(1, 30), 5.0),
                // s=b, window 0: count-only events only.
                Event.count("s=b", at(0, 1)),
                Event.count("s=b", at(0, 2)),
                // s=b, window 1: 10 and 20.
                Event.create("s=b", at(1, 0), 10.0),
                Event.create("s=b", at(1, 59), 20.0))
            .apply(AggregateWindows.of(MINUTE)).stats();

    WindowStats a0 = stats("s=a", 0, 4, 6.0, 2.0, 1.0, 1.0, 3.0);
    WindowStats a1 = stats("s=a", 1, 1, 5.0, 5.0, null, 5.0, 5.0);
    WindowStats b0 = stats("s=b", 0, 2, 0.0, null, null, null, null);
    WindowStats b1 = stats("s=b", 1, 2, 30.0, 15.0, Math.sqrt(50.0), 10.0, 20.0);
    PAssert.that(out.apply(Reify.timestamps()))
        .containsInAnyOrder(atLastMillisecond(a0), atLastMillisecond(a1), atLastMillisecond(b0), atLastMillisecond(b1));
    // In the fixed windows of the statistics themselves.
    PAssert.that(out).inWindow(new IntervalWindow(minute(0), minute(1))).containsInAnyOrder(a0, b0);
    PAssert.that(out).inWindow(new IntervalWindow(minute(1), minute(2))).containsInAnyOrder(a1, b1);
    p.run().waitUntilFinish();
  }

  @Test
  public void eventAtAWindowEndBelongsToTheNextWindow() {
    PCollection<WindowStats> out =
        events(
                Event.create("s=a", minute(0), 1.0),
                Event.create("s=a", minute(1).minus(Duration.millis(1)), 2.0),
                Event.create("s=a", minute(1), 4.0),
                Event.create("s=a", minute(2).minus(Duration.millis(1)), 8.0))
            .apply(AggregateWindows.of(MINUTE)).stats();
    PAssert.that(out)
        .containsInAnyOrder(
            stats("s=a", 0, 2, 3.0, 1.5, Math.sqrt(0.5), 1.0, 2.0),
            stats("s=a", 1, 2, 12.0, 6.0, Math.sqrt(8.0), 4.0, 8.0));
    p.run().waitUntilFinish();
  }

  @Test
  public void fillsWindowsWithoutEventsBetweenFirstAndLast() {
    PCollection<WindowStats> out =
        events(
                Event.create("s=a", at(0, 30), 1.0),
                // two empty windows (1 and 2) for s=a
                Event.count("s=a", at(3, 30)),
                Event.create("s=b", at(2, 0), 7.0))
            .apply(AggregateWindows.of(MINUTE)).stats();
    PAssert.that(out.apply(Reify.timestamps()))
        .containsInAnyOrder(
            atLastMillisecond(stats("s=a", 0, 1, 1.0, 1.0, null, 1.0, 1.0)),
            atLastMillisecond(WindowStats.empty("s=a", minute(1), minute(2))),
            atLastMillisecond(WindowStats.empty("s=a", minute(2), minute(3))),
            atLastMillisecond(stats("s=a", 3, 1, 0.0, null, null, null, null)),
            atLastMillisecond(stats("s=b", 2, 1, 7.0, 7.0, null, 7.0, 7.0)));
    PAssert.that(out)
        .inWindow(new IntervalWindow(minute(2), minute(3)))
        .containsInAnyOrder(
            WindowStats.empty("s=a", minute(2), minute(3)), stats("s=b", 2, 1, 7.0, 7.0, null, 7.0, 7.0));
    p.run().waitUntilFinish();
  }

  /**
   * Beam SQL's AVG and VAR_SAMP round to 10 significant digits (and VAR_SAMP is far off at large
   * offsets); the mean here comes from SUM / COUNT and the standard deviation from SampleStddevFn,
   * so both must match an exact two-pass computation to double precision.
   */
  @Test
  public void meanAndStddevKeepDoublePrecisionOnAwkwardInputs() {
    Random random = new Random(11);
    Map<String, double[]> values = new HashMap<>();
    values.put("s=offset", new double[200]);
    values.put("s=thirds", new double[200]);
    values.put("s=tiny", new double[200]);
    for (int i = 0; i < 200; i++) {
      values.get("s=offset")[i] = 1e9 + random.nextGaussian() * 0.01;
      values.get("s=thirds")[i] = 1.0 / 3 + i * 1e-3;
      values.get("s=tiny")[i] = 1e-9 * (1 + random.nextDouble());
    }
    List<Event> events = new ArrayList<>();
    for (Map.Entry<String, double[]> series : values.entrySet()) {
      for (int i = 0; i < 200; i++) {
        events.add(Event.create(series.getKey(), at(0, i % 60).plus(Duration.millis(i)), series.getValue()[i]));
      }
    }
    PCollection<WindowStats> out = events(events.toArray(new Event[0])).apply(AggregateWindows.of(MINUTE)).stats();
    PAssert.that(out)
        .satisfies(
            all -> {
              int n = 0;
              for (WindowStats w : all) {
                n++;
                double[] v = values.get(w.getSeries());
                assertEquals(200, w.getCount());
                // SUM is a plain double sum: error bounded by n * epsilon (measured: 1 ulp).
                assertClose(w.getSeries() + " mean", exactMean(v), w.getMean(), 200 * 0x1p-53);
                // Exact accumulation: within an ulp or two (measured: exact).
                assertClose(
                    w.getSeries() + " stddev",
                    SampleStddevFnTest.twoPassReference(v),
                    w.getStddev(),
                    4e-16);
              }
              assertEquals(3, n);
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static double exactMean(double[] v) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : v) {
      sum = sum.add(new BigDecimal(x));
    }
    return sum.divide(BigDecimal.valueOf(v.length), MathContext.DECIMAL128).doubleValue();
  }

  private static void assertClose(String what, double expected, Double actual, double relative) {
    assertTrue(what + " missing", actual != null);
    double error = Math.abs(actual - expected) / Math.abs(expected);
    assertTrue(what + ": expected " + expected + ", got " + actual + " (relative error " + error + ")", error <= relative);
  }

  @Test
  public void rejectsWindowSizesSqlCannotExpress() {
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.millis(1500), Duration.millis(-1000)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AggregateWindows.of(bad));
      assertTrue(e.getMessage().contains("whole number of seconds"));
    }
  }
}
