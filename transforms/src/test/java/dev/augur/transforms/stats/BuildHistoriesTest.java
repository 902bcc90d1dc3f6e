package dev.augur.transforms.stats;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.records.WindowStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class BuildHistoriesTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final double NaN = Double.NaN;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Instant minute(int i) {
    return T0.plus(MINUTE.multipliedBy(i));
  }

  private static WindowStats stats(String series, int window, long count, double sum, Double mean, Double stddev, Double min, Double max) {
    return WindowStats.create(series, minute(window), minute(window + 1), count, sum, mean, stddev, min, max);
  }

  private static SeriesHistory history(String series, int start, double[]... columns) {
    Map<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    Statistic[] order = {Statistic.COUNT, Statistic.SUM, Statistic.MEAN, Statistic.STDDEV, Statistic.MIN, Statistic.MAX};
    for (int i = 0; i < order.length; i++) {
      values.put(order[i], columns[i]);
    }
    return new SeriesHistory(series, minute(start).getMillis(), MINUTE.getMillis(), values);
  }

  @Test
  public void everyHistoryRunsToTheEndOfTheLastWindowOfAnySeries() {
    List<WindowStats> input =
        List.of(
            stats("s=a", 0, 1, 5.0, 5.0, null, 5.0, 5.0),
            stats("s=a", 1, 2, 4.0, 2.0, 1.0, 1.0, 3.0),
            // s=b sends until window 3; s=a went quiet after window 1.
            stats("s=b", 3, 3, 0.0, null, null, null, null));
    PAssert.that(p.apply(Create.of(input)).apply(BuildHistories.of(MINUTE)))
        .containsInAnyOrder(
            history(
                "s=a",
                0,
                new double[] {1, 2, 0, 0},
                new double[] {5, 4, 0, 0},
                new double[] {5, 2, NaN, NaN},
                new double[] {NaN, 1, NaN, NaN},
                new double[] {5, 1, NaN, NaN},
                new double[] {5, 3, NaN, NaN}),
            history(
                "s=b",
                3,
                new double[] {3},
                new double[] {0},
                new double[] {NaN},
                new double[] {NaN},
                new double[] {NaN},
                new double[] {NaN}));
    p.run().waitUntilFinish();
  }

  /**
   * A series silent for a day or more before the history's end is counted and warned of: when most
   * are, one stray event dated days after the rest set that end.
   */
  @Test
  public void seriesSilentForADayBeforeTheEndAreCounted() {
    Duration hour = Duration.standardHours(1);
    List<WindowStats> input = new java.util.ArrayList<>();
    for (int h = 0; h < 4; h++) {
      for (String s : List.of("s=a", "s=b")) {
        input.add(WindowStats.create(s, T0.plus(hour.multipliedBy(h)),
            T0.plus(hour.multipliedBy(h + 1)), 1, 1.0, 1.0, null, 1.0, 1.0));
      }
    }
    // One event of s=b 60 hours in: s=a is silent for 56 hours before the end.
    input.add(WindowStats.create("s=b", T0.plus(hour.multipliedBy(60)),
        T0.plus(hour.multipliedBy(61)), 1, 1.0, 1.0, null, 1.0, 1.0));
    p.apply(Create.of(input)).apply(BuildHistories.of(hour));
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    long counted = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c : result.metrics().queryMetrics(
            org.apache.beam.sdk.metrics.MetricsFilter.builder()
                .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named(
                    BuildHistories.class, BuildHistories.SILENT_AT_END_COUNTER))
                .build())
        .getCounters()) {
      counted += c.getAttempted();
    }
    assertEquals(1, counted);
  }

  @Test
  public void collectsEachSeriesInOrderWithGapsFilledAndNaNForUndefined() {
    List<WindowStats> input =
        List.of(
            stats("s=a", 3, 2, 4.0, 2.0, 1.0, 1.0, 3.0),
            stats("s=a", 0, 1, 5.0, 5.0, null, 5.0, 5.0),
            WindowStats.empty("s=a", minute(1), minute(2)),
            // window 2 of s=a is missing altogether
            stats("s=b", 3, 3, 0.0, null, null, null, null));
    PAssert.that(p.apply(Create.of(input)).apply(BuildHistories.of(MINUTE)))
        .containsInAnyOrder(
            history(
                "s=a",
                0,
                new double[] {1, 0, 0, 2},
                new double[] {5, 0, 0, 4},
                new double[] {5, NaN, NaN, 2},
                new double[] {NaN, NaN, NaN, 1},
                new double[] {5, NaN, NaN, 1},
                new double[] {5, NaN, NaN, 3}),
            history(
                "s=b",
                3,
                new double[] {3},
                new double[] {0},
                new double[] {NaN},
                new double[] {NaN},
                new double[] {NaN},
                new double[] {NaN}));
    p.run().waitUntilFinish();
  }

  @Test
  public void toHistoryIsPlainJava() {
    SeriesHistory h =
        BuildHistories.toHistory(
            "s=a", List.of(stats("s=a", 2, 1, 1.0, 1.0, null, 1.0, 1.0), stats("s=a", 0, 1, 2.0, 2.0, null, 2.0, 2.0)), MINUTE);
    assertEquals(minute(0).getMillis(), h.startMillis());
    assertEquals(3, h.length());
    assertArrayEquals(new double[] {2, 0, 1}, h.values(Statistic.SUM), 0);
    assertArrayEquals(new double[] {2, NaN, 1}, h.values(Statistic.MEAN), 0);
  }
}
