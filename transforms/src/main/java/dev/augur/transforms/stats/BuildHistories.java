package dev.augur.transforms.stats;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.records.WindowStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the {@link WindowStats} of each series (bounded input, e.g. {@link AggregateWindows}
 * over history) into one {@link SeriesHistory} on a regular grid of windows of {@code size}: sorted
 * by window start, any remaining gap filled with an empty window, every statistic as an array with
 * {@link Double#NaN} where it is undefined. The input to training.
 *
 * <p>Every history runs to the end of the last window of any series: a series silent in the
 * history's last windows has them as empty windows (count 0), as the stream sees a silent series.
 * Its forecasts then start where every other series' do, not inside the history (one quiet last
 * window made a version's forecasts begin a window early), and a series that went quiet days
 * before is forecast from its silence rather than from its last event.
 */
public final class BuildHistories
    extends PTransform<PCollection<WindowStats>, PCollection<SeriesHistory>> {
  /**
   * Counts the series silent for a day or more before the history's end: when most are, the end
   * was likely set by a stray event dated days after the rest.
   */
  public static final String SILENT_AT_END_COUNTER = "series_silent_a_day_before_the_end";

  private final Duration size;

  private BuildHistories(Duration size) {
    if (!size.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("window size must be positive, got " + size);
    }
    this.size = size;
  }

  public static BuildHistories of(Duration size) {
    return new BuildHistories(size);
  }

  @Override
  public PCollection<SeriesHistory> expand(PCollection<WindowStats> stats) {
    if (stats.isBounded() != PCollection.IsBounded.BOUNDED) {
      throw new IllegalArgumentException(
          "BuildHistories collects whole histories and needs bounded input");
    }
    PCollectionView<Long> end =
        stats
            .apply(
                "WindowEnds",
                MapElements.into(TypeDescriptors.longs()).via((WindowStats w) -> w.getWindowEnd().getMillis()))
            .apply("EndOfHistory", Window.into(new GlobalWindows()))
            .apply("Latest", Combine.globally(Max.ofLongs()).asSingletonView());
    return stats
        .apply(
            "BySeries",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(WindowStats.class)))
                .via((WindowStats s) -> KV.of(s.getSeries(), s)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), stats.getCoder()))
        .apply("GlobalWindow", Window.into(new GlobalWindows()))
        .apply("GroupBySeries", GroupByKey.create())
        .apply("ToHistory", ParDo.of(new ToHistoryFn(size, end)).withSideInputs(end))
        .setCoder(SerializableCoder.of(SeriesHistory.class));
  }

  /** The history of one series' windows (plain Java; windows may come in any order). */
  public static SeriesHistory toHistory(String series, Iterable<WindowStats> windows, Duration size) {
    return toHistory(series, windows, size, Long.MIN_VALUE);
  }

  /**
   * As {@link #toHistory(String, Iterable, Duration)}, with empty windows after the series' last
   * up to {@code endMillis}, the end of the whole history's last window.
   */
  public static SeriesHistory toHistory(
      String series, Iterable<WindowStats> windows, Duration size, long endMillis) {
    return padded(series, filled(series, windows, size), size, endMillis);
  }

  /** The series' windows in order, gaps filled with empty windows; never empty. */
  private static List<WindowStats> filled(
      String series, Iterable<WindowStats> windows, Duration size) {
    List<WindowStats> filled = new ArrayList<>(WindowGaps.fill(windows, size));
    if (filled.isEmpty()) {
      throw new IllegalArgumentException("no windows for series " + series);
    }
    return filled;
  }

  /** The history of {@code filled}, with empty windows after its last up to {@code endMillis}. */
  private static SeriesHistory padded(
      String series, List<WindowStats> filled, Duration size, long endMillis) {
    for (Instant start = filled.get(filled.size() - 1).getWindowEnd();
        start.plus(size).getMillis() <= endMillis;
        start = start.plus(size)) {
      filled.add(WindowStats.empty(series, start, start.plus(size)));
    }
    EnumMap<Statistic, double[]> values = new EnumMap<>(Statistic.class);
    for (Statistic s : Statistic.values()) {
      double[] v = new double[filled.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = filled.get(i).value(s);
      }
      values.put(s, v);
    }
    return new SeriesHistory(
        series, filled.get(0).getWindowStart().getMillis(), size.getMillis(), values);
  }

  private static final class ToHistoryFn
      extends DoFn<KV<String, Iterable<WindowStats>>, SeriesHistory> {
    private static final Logger LOG = LoggerFactory.getLogger(BuildHistories.class);
    private final Counter silentAtEnd = Metrics.counter(BuildHistories.class, SILENT_AT_END_COUNTER);
    private final Duration size;
    private final PCollectionView<Long> end;

    ToHistoryFn(Duration size, PCollectionView<Long> end) {
      this.size = size;
      this.end = end;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<String, Iterable<WindowStats>> series = c.element();
      long endMillis = c.sideInput(end);
      List<WindowStats> filled = filled(series.getKey(), series.getValue(), size);
      long lastData = filled.get(filled.size() - 1).getWindowEnd().getMillis();
      if (endMillis - lastData >= Duration.standardDays(1).getMillis()) {
        // Often one stray event of another series, dated days after the rest.
        silentAtEnd.inc();
        LOG.warn(
            "{} sent nothing from {} to {}, where the history ends (the last window of any"
                + " series): it is forecast from that silence",
            series.getKey(), new Instant(lastData), new Instant(endMillis));
      }
      c.output(padded(series.getKey(), filled, size, endMillis));
    }
  }
}
