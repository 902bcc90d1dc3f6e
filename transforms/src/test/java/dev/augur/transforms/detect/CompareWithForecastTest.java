package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.ForecastRuns.forecast;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.models.Statistic;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Comparison.Direction;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.WindowStats;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Comparisons against a forecast version loaded once; refreshes are covered by LoadForecastsTest. */
public class CompareWithForecastTest {
  static final Duration MINUTE = Duration.standardMinutes(1);
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final List<Statistic> COUNT_AND_MEAN = List.of(Statistic.COUNT, Statistic.MEAN);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  static Instant minute(int i) {
    return T0.plus(MINUTE.multipliedBy(i));
  }

  /**
   * A count's score, on the square-root scale: {@code actual}'s distance from {@code expected} in
   * units of the band's side from {@code expected} to {@code edge}.
   */
  static double rootScore(double actual, double expected, double edge) {
    return (Math.sqrt(actual) - Math.sqrt(expected))
        / Math.abs(Math.sqrt(edge) - Math.sqrt(expected));
  }

  /** Window {@code i}'s statistics with {@code count} events, all of value {@code mean} if given. */
  static WindowStats stats(String series, int i, long count, @Nullable Double mean) {
    return mean == null
        ? WindowStats.create(series, minute(i), minute(i + 1), count, 0.0, null, null, null, null)
        : WindowStats.create(series, minute(i), minute(i + 1), count, count * mean, mean, 0.0, mean, mean);
  }

  static Forecast forecast1m(String version, String series, String statistic, int i,
      double expected, double lower, double upper, int validWindows) {
    return forecast(version, series, statistic, minute(i), MINUTE, expected, lower, upper,
        minute(validWindows));
  }

  static Comparison compared(String series, String statistic, int i, Double actual,
      double expected, double lower, double upper, Double score, Direction direction,
      String version) {
    return Comparison.create(series, statistic, minute(i), minute(i + 1), actual, expected, lower,
        upper, score, direction, version);
  }

  static Comparison noForecast(String series, String statistic, int i, Double actual) {
    return Comparison.create(series, statistic, minute(i), minute(i + 1), actual, null, null, null,
        null, Direction.NO_FORECAST, null);
  }

  static Coder<WindowStats> statsCoder() {
    try {
      return SchemaRegistry.createDefault().getSchemaCoder(WindowStats.class);
    } catch (NoSuchSchemaException e) {
      throw new AssertionError(e);
    }
  }

  /** Window statistics as AggregateWindows emits them: at the window's last millisecond, windowed. */
  private PCollection<WindowStats> windows(WindowStats... stats) {
    List<TimestampedValue<WindowStats>> timestamped = new ArrayList<>();
    for (WindowStats w : stats) {
      timestamped.add(TimestampedValue.of(w, w.getWindowEnd().minus(Duration.millis(1))));
    }
    return p.apply("Windows", Create.timestamped(timestamped).withCoder(statsCoder()))
        .apply("Fixed", Window.into(FixedWindows.of(MINUTE)));
  }

  static long counter(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build())
            .getCounters()) {
      total += c.getCommitted();
    }
    return total;
  }

  @Test
  public void comparesEveryStatisticOfEveryWindowWithItsForecast() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(
        root,
        "v1",
        List.of(
            forecast1m("v1", "s=a", "count", 0, 10, 8, 12, 2),
            forecast1m("v1", "s=a", "mean", 0, 4, 3, 6, 2),
            forecast1m("v1", "s=a", "count", 1, 10, 8, 12, 2),
            forecast1m("v1", "s=a", "mean", 1, 4, 3, 6, 2),
            // A quiet series: its count is forecast as exactly 0.
            forecast1m("v1", "s=b", "count", 0, 0, 0, 0, 2),
            forecast1m("v1", "s=b", "count", 1, 0, 0, 0, 2),
            // A forecast of a two-minute window where the stream has one-minute windows.
            forecast("v1", "s=d", "count", minute(0), MINUTE.multipliedBy(2), 5, 4, 6, minute(2))),
        null);
    ForecastRuns.publish(root, "v1");
    PCollectionView<ForecastIndex> view = p.apply("Forecasts", LoadForecasts.once(root.toString()));

    PCollection<Comparison> out =
        windows(
                stats("s=a", 0, 11, null),
                stats("s=a", 1, 16, 1.0),
                stats("s=b", 0, 0, null),
                stats("s=b", 1, 2, 7.0),
                stats("s=c", 0, 3, 2.0),
                // Gap filling's empty window of s=c, a series the version does not know.
                stats("s=c", 1, 0, null),
                stats("s=d", 0, 5, null))
            .apply(CompareWithForecast.against(view, COUNT_AND_MEAN))
            .all();

    PAssert.that(out)
        .containsInAnyOrder(
            // Within: half way to the upper edge.
            compared("s=a", "count", 0, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"),
            // No values, so no mean: the forecast is shown, without a score.
            compared("s=a", "mean", 0, null, 4, 3, 6, null, Direction.NO_ACTUAL, "v1"),
            // Above: three upper half-widths out; below: three lower half-widths out.
            compared("s=a", "count", 1, 16.0, 10, 8, 12, rootScore(16, 10, 12), Direction.ABOVE, "v1"),
            compared("s=a", "mean", 1, 1.0, 4, 3, 6, -3.0, Direction.BELOW, "v1"),
            // Zero-width interval: on it is within, off it saturates.
            compared("s=b", "count", 0, 0.0, 0, 0, 0, 0.0, Direction.WITHIN, "v1"),
            compared(
                "s=b", "count", 1, 2.0, 0, 0, 0, DeviationScore.SATURATED, Direction.ABOVE, "v1"),
            // No forecast of s=b's mean, nor of anything of s=c; none of s=d's window size.
            noForecast("s=b", "mean", 0, null),
            noForecast("s=b", "mean", 1, 7.0),
            noForecast("s=c", "count", 0, 3.0),
            noForecast("s=c", "mean", 0, 2.0),
            // Gap filling's empty window of s=c, compared for the alarm state.
            noForecast("s=c", "count", 1, 0.0),
            noForecast("s=c", "mean", 1, null),
            noForecast("s=d", "count", 0, 5.0),
            noForecast("s=d", "mean", 0, null));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // s=c's empty window is counted as the silence of an unknown series, not as two comparisons
    // without a forecast.
    assertEquals(
        6, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.WITHOUT_FORECAST));
    assertEquals(
        1, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.WITHOUT_ACTUAL));
    assertEquals(
        1,
        counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.UNWATCHED_SILENCE));
  }

  @Test
  public void metricsLeaveOutTheSilenceOfSeriesTheVersionDoesNotKnowWhichTheAlarmStateTakes() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(
        root,
        "v1",
        List.of(
            forecast1m("v1", "s=a", "count", 0, 10, 8, 12, 2),
            forecast1m("v1", "s=a", "count", 1, 10, 8, 12, 2)),
        null);
    ForecastRuns.publish(root, "v1");
    PCollectionView<ForecastIndex> view = p.apply("Forecasts", LoadForecasts.once(root.toString()));

    ComparedWindows compared =
        windows(
                stats("s=a", 0, 11, null),
                // s=a's silence is kept: the version knows it.
                stats("s=a", 1, 0, null),
                stats("s=c", 0, 3, null),
                stats("s=c", 1, 0, null))
            .apply(CompareWithForecast.against(view, List.of(Statistic.COUNT)));

    Comparison[] forMetrics = {
      compared("s=a", "count", 0, 11.0, 10, 8, 12, rootScore(11, 10, 12), Direction.WITHIN, "v1"),
      compared("s=a", "count", 1, 0.0, 10, 8, 12, rootScore(0, 10, 8), Direction.BELOW, "v1"),
      noForecast("s=c", "count", 0, 3.0)
    };
    PAssert.that("metrics", compared.forMetrics()).containsInAnyOrder(forMetrics);
    List<Comparison> all = new ArrayList<>(List.of(forMetrics));
    all.add(noForecast("s=c", "count", 1, 0.0));
    PAssert.that("all", compared.all()).containsInAnyOrder(all);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // Each window is compared once, for both outputs, and counted once.
    assertEquals(
        2, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.COMPARED));
    assertEquals(
        1, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.WITHOUT_FORECAST));
    assertEquals(
        1,
        counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.UNWATCHED_SILENCE));
  }

  @Test
  public void onlyTheSilenceOfASeriesTheVersionDoesNotKnowIsLeftOut() {
    ForecastIndex index =
        ForecastIndex.builder("v1", minute(2))
            .add(forecast1m("v1", "s=a", "count", 0, 10, 8, 12, 2))
            .build(T0);
    // Known, even once the version has expired: its silence still feeds the alarm state.
    assertFalse(CompareWithForecast.isUnwatchedSilence(stats("s=a", 5, 0, null), index));
    assertTrue(CompareWithForecast.isUnwatchedSilence(stats("s=x", 0, 0, null), index));
    // A window with events of the unknown series is compared, as NO_FORECAST.
    assertFalse(CompareWithForecast.isUnwatchedSilence(stats("s=x", 0, 1, null), index));
    // Before any version is loaded nothing is known, and nothing is left out.
    assertFalse(
        CompareWithForecast.isUnwatchedSilence(stats("s=x", 0, 0, null), ForecastIndex.EMPTY));
  }

  @Test
  public void windowsAfterTheVersionExpiresGetNoForecast() {
    Path root = tmp.getRoot().toPath();
    List<Forecast> forecasts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      forecasts.add(forecast1m("v1", "s=a", "count", i, 10, 8, 12, 4));
    }
    // The manifest declares the version valid until the end of window 1 only.
    ForecastRuns.write(root, "v1", forecasts, minute(2));
    ForecastRuns.publish(root, "v1");
    PCollectionView<ForecastIndex> view = p.apply("Forecasts", LoadForecasts.once(root.toString()));

    PCollection<Comparison> out =
        windows(stats("s=a", 1, 9, null), stats("s=a", 2, 9, null), stats("s=a", 3, 9, null))
            .apply(CompareWithForecast.against(view, List.of(Statistic.COUNT)))
            .all();

    PAssert.that(out)
        .containsInAnyOrder(
            // Ends exactly when the version expires: still compared.
            compared("s=a", "count", 1, 9.0, 10, 8, 12, rootScore(9, 10, 8), Direction.WITHIN, "v1"),
            // Have forecasts, but end after the version's valid_until.
            noForecast("s=a", "count", 2, 9.0),
            noForecast("s=a", "count", 3, 9.0));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(
        2, counter(result, CompareWithForecast.METRICS_NAMESPACE, CompareWithForecast.WITHOUT_FORECAST));
  }

  @Test
  public void rejectsNoOrRepeatedStatistics() {
    PCollectionView<ForecastIndex> view = p.apply(LoadForecasts.once(tmp.getRoot().toString()));
    assertThrows(IllegalArgumentException.class, () -> CompareWithForecast.against(view, List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> CompareWithForecast.against(view, List.of(Statistic.COUNT, Statistic.COUNT)));
    p.enableAbandonedNodeEnforcement(false);
  }
}
