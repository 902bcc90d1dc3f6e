package dev.augur.transforms.detect;

import dev.augur.models.Statistic;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Comparison.Direction;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.WindowStats;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Sets each window's statistics against the forecast for that window: one {@link Comparison} per
 * {@link WindowStats} and compared statistic, scored by {@link DeviationScore}.
 *
 * <p>Needs the window statistics as {@code AggregateWindows} outputs them (any windowing; the
 * output keeps the input's timestamps and windows) and the forecasts as a side input from {@link
 * LoadForecasts}. That view is in the global window, so it serves every window of the main input;
 * the forecast is looked up by series, statistic and the window's start, and used only if it
 * covers exactly the same window.
 *
 * <p>Staleness guard: a window without a forecast for it (none loaded, none for the series or
 * window, a forecast of another window size), or after its version's {@code valid_until}, gets
 * {@link Direction#NO_FORECAST} with no expected value, interval, score or version, so it can
 * never raise an incident; counted as {@value #WITHOUT_FORECAST}. Otherwise a statistic undefined
 * in the window (the mean of a window without values, say) gets {@link Direction#NO_ACTUAL} with
 * the forecast but no score; counted as {@value #WITHOUT_ACTUAL}. Both counters count comparisons,
 * one per window and statistic, except those of the empty windows of unknown series (below).
 *
 * <p>The output ({@link ComparedWindows}) has every comparison, for the alarm state, and the
 * comparisons to write as metrics: the same without the empty windows (count 0, which only gap
 * filling makes) of a series that the loaded version does not know, counted as {@value
 * #UNWATCHED_SILENCE} rather than as windows without a forecast. One stray event of a series
 * nobody forecasts would otherwise be padded into a day of windows without a forecast, each
 * written as metrics and counted. Its windows with events are still written, as {@link
 * Direction#NO_FORECAST}, so the series shows; before any version is loaded, every window is. The
 * alarm state takes every comparison: an incident opened under an earlier version still resolves
 * after its series' forecasts are gone. Each window is compared once, for both.
 *
 * <pre>{@code
 * PCollection<Comparison> comparisons =
 *     stats.apply(CompareWithForecast.against(forecasts, List.of(Statistic.COUNT, Statistic.MEAN)))
 *         .all();
 * }</pre>
 */
public final class CompareWithForecast
    extends PTransform<PCollection<WindowStats>, ComparedWindows> {
  public static final String METRICS_NAMESPACE = "CompareWithForecast";
  public static final String WITHOUT_FORECAST = "windows_without_forecast";
  /** Windows and statistics compared with a forecast (an actual and a forecast to compare). */
  public static final String COMPARED = "windows_compared";
  public static final String WITHOUT_ACTUAL = "windows_without_actual";
  /** Empty windows of series the loaded version does not know, left out. */
  public static final String UNWATCHED_SILENCE = "empty_windows_of_unknown_series";

  private final PCollectionView<ForecastIndex> forecasts;
  private final List<Statistic> statistics;

  private CompareWithForecast(PCollectionView<ForecastIndex> forecasts, List<Statistic> statistics) {
    this.forecasts = forecasts;
    this.statistics = statistics;
  }

  /** Compares {@code statistics} (at least one, each once) with the forecasts in the view. */
  public static CompareWithForecast against(
      PCollectionView<ForecastIndex> forecasts, List<Statistic> statistics) {
    if (forecasts == null) {
      throw new IllegalArgumentException("forecasts view must be given");
    }
    if (statistics == null || statistics.isEmpty()) {
      throw new IllegalArgumentException("statistics to compare must not be empty");
    }
    if (new HashSet<>(statistics).size() != statistics.size()) {
      throw new IllegalArgumentException("statistics to compare repeat one: " + statistics);
    }
    return new CompareWithForecast(forecasts, List.copyOf(statistics));
  }

  @Override
  public ComparedWindows expand(PCollection<WindowStats> stats) {
    PCollectionTuple out =
        stats.apply(
            "Compare",
            ParDo.of(new CompareFn(forecasts, statistics))
                .withSideInputs(forecasts)
                .withOutputTags(ComparedWindows.WATCHED, TupleTagList.of(ComparedWindows.UNWATCHED)));
    return new ComparedWindows(
        out.get(ComparedWindows.WATCHED), out.get(ComparedWindows.UNWATCHED));
  }

  /** The comparison of one statistic of one window with the forecast index. */
  static Comparison compare(WindowStats w, Statistic statistic, ForecastIndex index) {
    return compare(
        w.getSeries(), statistic, w.getWindowStart(), w.getWindowEnd(), w.value(statistic), index);
  }

  /**
   * The comparison of {@code value} (NaN where the statistic is undefined) of one series' window
   * with the forecast index, with the staleness guard described above. Plain Java, so the backtest
   * compares exactly as the stream does.
   */
  public static Comparison compare(
      String series,
      Statistic statistic,
      Instant windowStart,
      Instant windowEnd,
      double value,
      ForecastIndex index) {
    Double actual = Double.isNaN(value) ? null : value;
    Forecast f =
        index.isValidFor(windowEnd) ? index.lookup(series, statistic.id(), windowStart) : null;
    if (f == null || !f.getWindowEnd().equals(windowEnd)) {
      return Comparison.create(
          series, statistic.id(), windowStart, windowEnd, actual, null, null, null, null,
          Direction.NO_FORECAST, null);
    }
    Double score = null;
    Direction direction = Direction.NO_ACTUAL;
    if (actual != null) {
      DeviationScore d =
          DeviationScore.of(statistic, actual, f.getExpected(), f.getLower(), f.getUpper());
      score = d.score();
      direction = d.direction();
    }
    return Comparison.create(
        series, statistic.id(), windowStart, windowEnd, actual, f.getExpected(), f.getLower(),
        f.getUpper(), score, direction, f.getModelVersion());
  }

  /**
   * Whether {@code w} is an empty window of a series that {@code index}, a loaded version, does not
   * know: the silence of a series nobody forecasts, which is left out of the metrics and still
   * given to the alarm state.
   */
  static boolean isUnwatchedSilence(WindowStats w, ForecastIndex index) {
    return w.getCount() == 0 && !index.isEmpty() && !index.knows(w.getSeries());
  }

  private static final class CompareFn extends DoFn<WindowStats, Comparison> {
    private final Counter withoutForecast = Metrics.counter(METRICS_NAMESPACE, WITHOUT_FORECAST);
    private final Counter withoutActual = Metrics.counter(METRICS_NAMESPACE, WITHOUT_ACTUAL);
    private final Counter compared = Metrics.counter(METRICS_NAMESPACE, COMPARED);
    private final Counter unwatchedSilence = Metrics.counter(METRICS_NAMESPACE, UNWATCHED_SILENCE);
    private final PCollectionView<ForecastIndex> forecasts;
    private final List<Statistic> statistics;

    CompareFn(PCollectionView<ForecastIndex> forecasts, List<Statistic> statistics) {
      this.forecasts = forecasts;
      this.statistics = statistics;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ForecastIndex index = c.sideInput(forecasts);
      boolean unwatched = isUnwatchedSilence(c.element(), index);
      if (unwatched) {
        unwatchedSilence.inc();
      }
      for (Statistic s : statistics) {
        Comparison comparison = compare(c.element(), s, index);
        if (unwatched) {
          c.output(ComparedWindows.UNWATCHED, comparison);
        } else {
          count(comparison);
          c.output(comparison);
        }
      }
    }

    private void count(Comparison comparison) {
      if (comparison.getDirection() == Direction.NO_FORECAST) {
        withoutForecast.inc();
      } else if (comparison.getDirection() == Direction.NO_ACTUAL) {
        withoutActual.inc();
      } else {
        compared.inc();
      }
    }
  }
}
