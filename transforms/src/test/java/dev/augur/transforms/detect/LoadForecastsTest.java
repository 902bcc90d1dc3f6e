package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.CompareWithForecastTest.compared;
import static dev.augur.transforms.detect.CompareWithForecastTest.counter;
import static dev.augur.transforms.detect.CompareWithForecastTest.forecast1m;
import static dev.augur.transforms.detect.CompareWithForecastTest.minute;
import static dev.augur.transforms.detect.CompareWithForecastTest.noForecast;
import static dev.augur.transforms.detect.CompareWithForecastTest.rootScore;
import static dev.augur.transforms.detect.CompareWithForecastTest.stats;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.models.Statistic;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Comparison.Direction;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.WindowStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PeriodicImpulse;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The forecast side input in a streaming pipeline: new versions are picked up while it runs, and
 * a missing manifest neither stops it nor holds it back.
 *
 * <p>The refresh ticks come from the test's TestStream rather than from PeriodicImpulse, which
 * follows the wall clock, not a TestStream's processing time. Ticks and window statistics share
 * one TestStream, in which a null element is a tick: the runner processes each step of a
 * TestStream only after everything the previous step caused, so a tick's load is published to
 * the view before the next step's windows are compared.
 */
public class LoadForecastsTest {
  private static final Duration REFRESH = Duration.standardMinutes(5);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  /** A refresh tick at processing time {@code at}. */
  private static TimestampedValue<WindowStats> tick(Instant at) {
    return TimestampedValue.of(null, at);
  }

  private static TimestampedValue<WindowStats> emitted(WindowStats w) {
    return TimestampedValue.of(w, w.getWindowEnd().minus(Duration.millis(1)));
  }

  private static TestStream.Builder<WindowStats> stream() {
    return TestStream.create(NullableCoder.of(CompareWithForecastTest.statsCoder()));
  }

  /**
   * Passes a tick on, first publishing {@code version} if the tick is at or after {@code
   * publishAt}, as a batch run finishing between two refreshes would.
   */
  private static final class PublishThenTickFn extends DoFn<WindowStats, Instant> {
    private final String root;
    private final String version;
    private final Instant publishAt;

    PublishThenTickFn(Path root, String version, Instant publishAt) {
      this.root = root.toString();
      this.version = version;
      this.publishAt = publishAt;
    }

    @ProcessElement
    public void process(@Timestamp Instant at, OutputReceiver<Instant> out) {
      if (!at.isBefore(publishAt)) {
        ForecastRuns.publish(Path.of(root), version);
      }
      out.output(at);
    }
  }

  /** Splits the stream into the comparisons of its windows, loading forecasts on its ticks. */
  private PCollection<Comparison> compare(
      TestStream<WindowStats> input, Path root, String version, Instant publishAt) {
    return compare(input, root, version, publishAt, LoadForecasts.onTicks(root.toString(), REFRESH));
  }

  private PCollection<Comparison> compare(TestStream<WindowStats> input, Path root,
      String version, Instant publishAt, LoadForecasts.OnTicks load) {
    PCollection<WindowStats> all = p.apply(input);
    PCollectionView<ForecastIndex> forecasts =
        all.apply("Ticks", Filter.by((WindowStats w) -> w == null))
            .apply("Publish", ParDo.of(new PublishThenTickFn(root, version, publishAt)))
            .apply("Load", load);
    return all.apply("Windows", Filter.by((WindowStats w) -> w != null))
        .apply(CompareWithForecast.against(forecasts, List.of(Statistic.COUNT)))
        .all();
  }

  private static List<Forecast> run(String version, double expected) {
    List<Forecast> forecasts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      forecasts.add(forecast1m(version, "s=a", "count", i, expected, expected - 2, expected + 2, 6));
    }
    return forecasts;
  }

  @Test
  public void laterWindowsAreComparedWithTheNewVersion() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(root, "v1", run("v1", 10), null);
    ForecastRuns.write(root, "v2", run("v2", 20), null);
    ForecastRuns.publish(root, "v1");
    Instant start = Instant.parse("2024-05-01T12:00:00Z");

    TestStream<WindowStats> input =
        stream()
            // Start-up tick: v1 is loaded and published to the view.
            .addElements(tick(start))
            // Windows 0 and 1 are compared with v1 (10 in [8, 12]).
            .addElements(emitted(stats("s=a", 0, 11, null)), emitted(stats("s=a", 1, 11, null)))
            .advanceWatermarkTo(minute(2))
            // Next refresh: v2 has been published meanwhile; it is loaded and replaces v1.
            .addElements(tick(start.plus(REFRESH)))
            // Windows 2 and 3 are compared with v2 (20 in [18, 22]).
            .addElements(emitted(stats("s=a", 2, 11, null)), emitted(stats("s=a", 3, 21, null)))
            .advanceWatermarkTo(minute(4))
            // A refresh on the same version changes nothing: window 4 is still compared with v2.
            .addElements(tick(start.plus(REFRESH.multipliedBy(2))))
            .addElements(emitted(stats("s=a", 4, 19, null)))
            .advanceWatermarkToInfinity();

    PAssert.that(compare(input, root, "v2", start.plus(REFRESH)))
        .containsInAnyOrder(
            compared("s=a", "count", 0, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"),
            compared("s=a", "count", 1, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"),
            compared("s=a", "count", 2, 11.0, 20, 18, 22, rootScore(11, 20, 18), Direction.BELOW, "v2"),
            compared("s=a", "count", 3, 21.0, 20, 18, 22, rootScore(21, 20, 22), Direction.WITHIN, "v2"),
            compared("s=a", "count", 4, 19.0, 20, 18, 22, rootScore(19, 20, 18), Direction.WITHIN, "v2"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(0, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.LOAD_FAILURES));
  }

  /**
   * A version published while the stream runs, trained on events with other series fields, is
   * refused and counted, and not again on the next tick; the windows after it are still compared
   * with the version held.
   */
  @Test
  public void aVersionTrainedOnOtherFieldsIsNotLoaded() {
    Path root = tmp.getRoot().toPath();
    EventFormat fields = EventFormat.of("ts", "value", List.of("s"));
    ForecastRuns.write(root, "v1", run("v1", 10), null, fields);
    ForecastRuns.write(root, "v2", run("v2", 20), null,
        EventFormat.of("ts", "value", List.of("host")));
    ForecastRuns.publish(root, "v1");
    Instant start = Instant.parse("2024-05-01T12:00:00Z");

    TestStream<WindowStats> input =
        stream()
            .addElements(tick(start))
            .addElements(emitted(stats("s=a", 0, 11, null)))
            .advanceWatermarkTo(minute(1))
            // v2 is published before this tick: refused, v1 stays.
            .addElements(tick(start.plus(REFRESH)))
            .addElements(emitted(stats("s=a", 1, 19, null)))
            .advanceWatermarkTo(minute(2))
            // The manifest still names v2: passed over without another refusal.
            .addElements(tick(start.plus(REFRESH.multipliedBy(2))))
            .addElements(emitted(stats("s=a", 2, 11, null)))
            .advanceWatermarkToInfinity();

    PAssert.that(compare(input, root, "v2", start.plus(REFRESH),
            LoadForecasts.onTicks(root.toString(), REFRESH).checking(new StreamShape(fields, Duration.standardMinutes(1)))))
        .containsInAnyOrder(
            compared("s=a", "count", 0, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"),
            compared("s=a", "count", 1, 19.0, 10, 8, 12, rootScore(19, 10, 12), Direction.ABOVE, "v1"),
            compared("s=a", "count", 2, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // Once, however many instances of the loading function the DirectRunner ran the ticks on.
    assertEquals(1, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.VERSIONS_REFUSED));
    assertEquals(1, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.VERSIONS_LOADED));
    assertEquals(0, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.LOAD_FAILURES));
  }

  @Test
  public void withoutAManifestWindowsGetNoForecastUntilOneIsPublished() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(root, "v1", run("v1", 10), null);
    Instant start = Instant.parse("2024-05-01T12:00:00Z");

    TestStream<WindowStats> input =
        stream()
            // Start-up tick: no manifest yet; the view holds the empty index.
            .addElements(tick(start))
            // Window 0 is not held back, and gets no forecast.
            .addElements(emitted(stats("s=a", 0, 11, null)))
            .advanceWatermarkTo(minute(1))
            // Next refresh: still no manifest; counted again, the pipeline carries on.
            .addElements(tick(start.plus(REFRESH)))
            .addElements(emitted(stats("s=a", 1, 11, null)))
            .advanceWatermarkTo(minute(2))
            // v1 appears before the third refresh, which loads it.
            .addElements(tick(start.plus(REFRESH.multipliedBy(2))))
            // Window 2 is compared with v1.
            .addElements(emitted(stats("s=a", 2, 13, null)))
            .advanceWatermarkToInfinity();

    PAssert.that(compare(input, root, "v1", start.plus(REFRESH.multipliedBy(2))))
        .containsInAnyOrder(
            noForecast("s=a", "count", 0, 11.0),
            noForecast("s=a", "count", 1, 11.0),
            compared("s=a", "count", 2, 13.0, 10, 8, 12, rootScore(13, 10, 12), Direction.ABOVE, "v1"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.LOAD_FAILURES));
    assertEquals(
        2, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.WITHOUT_FORECAST));
  }

  /**
   * A live stream whose newest version runs out is told so once per version, on the first tick at
   * or after its {@code valid_until}, and again when a newer version runs out in turn: however
   * many instances of the loading function the runner keeps.
   */
  @Test
  public void aVersionThatRunsOutIsWarnedAboutOnce() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(root, "v1", run("v1", 10), null); // valid until minute 6
    ForecastRuns.write(root, "v2", run("v2", 20), minute(30));
    ForecastRuns.publish(root, "v1");
    Instant start = minute(0);

    TestStream<WindowStats> input =
        stream()
            .addElements(tick(start))
            .addElements(emitted(stats("s=a", 0, 11, null)))
            .advanceWatermarkTo(minute(1))
            .addElements(tick(minute(5))) // v1 still valid
            .addElements(tick(minute(10))) // v1 ran out: warned
            .addElements(tick(minute(15))) // still v1: not again
            .addElements(tick(minute(20))) // v2 published and loaded, valid until minute 30
            .addElements(tick(minute(25))) // v2 still valid
            .addElements(tick(minute(30))) // v2 ran out: warned
            .advanceWatermarkToInfinity();

    PAssert.that(compare(input, root, "v2", minute(20)))
        .containsInAnyOrder(compared("s=a", "count", 0, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2, counter(result, LoadForecasts.METRICS_NAMESPACE, LoadForecasts.VERSIONS_EXPIRED));
  }

  /** Counts, per version, the main-input elements that saw it in the side input. */
  private static final class CountVersionSeenFn extends DoFn<Instant, Void> {
    private final PCollectionView<ForecastIndex> forecasts;

    CountVersionSeenFn(PCollectionView<ForecastIndex> forecasts) {
      this.forecasts = forecasts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ForecastIndex index = c.sideInput(forecasts);
      Metrics.counter("seen", index.isEmpty() ? "EMPTY" : index.version()).inc();
    }
  }

  /** The production tick source, on the wall clock: a version published while running is seen. */
  @Test
  public void periodicRefreshPicksUpANewVersion() throws Exception {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(root, "v1", run("v1", 10), null);
    ForecastRuns.write(root, "v2", run("v2", 20), null);
    ForecastRuns.publish(root, "v1");
    PCollectionView<ForecastIndex> forecasts =
        p.apply("Forecasts", LoadForecasts.every(root.toString(), Duration.millis(200)));
    p.apply("Main", PeriodicImpulse.create().withInterval(Duration.millis(100)))
        .apply("Read", ParDo.of(new CountVersionSeenFn(forecasts)).withSideInputs(forecasts));
    p.getOptions().as(DirectOptions.class).setBlockOnRun(false);
    PipelineResult result = p.run();
    try {
      awaitCounter(result, "seen", "v1");
      ForecastRuns.publish(root, "v2");
      awaitCounter(result, "seen", "v2");
    } finally {
      result.cancel();
    }
  }

  /** Waits, up to a minute, for a counter to become positive. */
  private static void awaitCounter(PipelineResult result, String namespace, String name)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.standardMinutes(1));
    while (counterAttempted(result, namespace, name) == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("counter " + namespace + "/" + name + " stayed 0 for a minute");
      }
      Thread.sleep(50);
    }
  }

  private static long counterAttempted(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  public void failsFastOnABadLocationOrInterval() {
    assertThrows(IllegalArgumentException.class, () -> LoadForecasts.every(" ", REFRESH));
    assertThrows(IllegalArgumentException.class, () -> LoadForecasts.every("/tmp/x", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> LoadForecasts.onTicks(null, REFRESH));
    assertThrows(IllegalArgumentException.class, () -> LoadForecasts.onTicks("/f", Duration.ZERO));
  }
}
