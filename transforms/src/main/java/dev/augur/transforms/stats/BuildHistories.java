package dev.augur.transforms.stats;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.records.WindowStats;
import java.util.EnumMap;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Collects the {@link WindowStats} of each series (bounded input, e.g. {@link AggregateWindows}
 * over history) into one {@link SeriesHistory} on a regular grid of windows of {@code size}: sorted
 * by window start, any remaining gap filled with an empty window, every statistic as an array with
 * {@link Double#NaN} where it is undefined. The input to training.
 */
public final class BuildHistories
    extends PTransform<PCollection<WindowStats>, PCollection<SeriesHistory>> {
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
        .apply("ToHistory", ParDo.of(new ToHistoryFn(size)))
        .setCoder(SerializableCoder.of(SeriesHistory.class));
  }

  /** The history of one series' windows (plain Java; windows may come in any order). */
  public static SeriesHistory toHistory(String series, Iterable<WindowStats> windows, Duration size) {
    List<WindowStats> filled = WindowGaps.fill(windows, size);
    if (filled.isEmpty()) {
      throw new IllegalArgumentException("no windows for series " + series);
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
    private final Duration size;

    ToHistoryFn(Duration size) {
      this.size = size;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<WindowStats>> series, OutputReceiver<SeriesHistory> out) {
      out.output(toHistory(series.getKey(), series.getValue(), size));
    }
  }
}
