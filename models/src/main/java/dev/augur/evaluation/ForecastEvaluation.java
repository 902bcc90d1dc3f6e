package dev.augur.evaluation;

import dev.augur.models.Accuracy;
import dev.augur.models.SeriesHistory;
import dev.augur.models.SeriesCoverage;
import dev.augur.models.Statistic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores forecasts against what really happened: per statistic, WAPE, MASE against the weekly
 * seasonal naive forecast (the value of the same window one week earlier; MASE is the ratio of the
 * two mean absolute errors over the same windows) and the share of actual values inside the
 * prediction interval. Windows that overlap an excluded span of their series (a labelled anomaly)
 * are left out, so the figures describe normal behaviour.
 *
 * <p>Coverage pooled over many series can meet the nominal figure while a few series' bands are
 * far too narrow and others' too wide, so each statistic also names the series whose windows its
 * bands covered least ({@link SeriesCoverage#leastCovered}).
 */
public final class ForecastEvaluation {
  private static final long WEEK_MILLIS = 7L * 24 * 3600 * 1000;

  private ForecastEvaluation() {}

  /** One forecast window. */
  public record Predicted(
      String series, Statistic statistic, long windowStartMillis, long windowEndMillis,
      double expected, double lower, double upper) {}

  /** A span of one series to leave out, {@code [startMillis, endMillis)}. */
  public record Excluded(String series, long startMillis, long endMillis) {}

  /**
   * The figures of one statistic; {@code leastCovered} the series whose windows the interval
   * covered least, lowest first (see above), or none.
   */
  public record Result(
      Statistic statistic, int windows, int excludedWindows, double wape, double mase,
      double coverage, List<SeriesCoverage> leastCovered) {
    public Result {
      leastCovered = List.copyOf(leastCovered);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-7s windows=%d (excluded %d) WAPE=%s MASE=%s coverage=%s",
          statistic.id(), windows, excludedWindows, figure("%.1f%%", 100 * wape),
          figure("%.3f", mase), figure("%.1f%%", 100 * coverage));
    }

    /** A figure with nothing to measure (no window, no week of history before one) reads "–". */
    private static String figure(String format, double value) {
      return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }
  }

  /**
   * Scores {@code forecasts} against {@code actuals} (window statistics per series, covering the
   * forecast windows and, for MASE against the weekly seasonal naive, the week before them). WAPE
   * and coverage count every window with an actual value; MASE those with one a week earlier.
   */
  public static Map<Statistic, Result> evaluate(
      Collection<Predicted> forecasts,
      Map<String, SeriesHistory> actuals,
      Collection<Excluded> excluded) {
    Map<Statistic, Columns> columns = new EnumMap<>(Statistic.class);
    for (Predicted p : forecasts) {
      Columns c = columns.computeIfAbsent(p.statistic(), s -> new Columns());
      if (overlaps(p, excluded)) {
        c.excluded++;
        continue;
      }
      SeriesHistory h = actuals.get(p.series());
      double actual = h == null ? Double.NaN : valueAt(h, p.statistic(), p.windowStartMillis());
      double naive =
          h == null ? Double.NaN : valueAt(h, p.statistic(), p.windowStartMillis() - WEEK_MILLIS);
      if (Double.isNaN(actual)) {
        continue;
      }
      // Without the window a week before (the first week of a history), MASE leaves the window
      // out; WAPE and coverage need no baseline and keep it.
      c.actual.add(actual);
      c.expected.add(p.expected());
      c.lower.add(p.lower());
      c.upper.add(p.upper());
      c.naive.add(naive);
      if (!Double.isNaN(p.lower()) && !Double.isNaN(p.upper())) {
        long[] series = c.bySeries.computeIfAbsent(p.series(), k -> new long[2]);
        series[0]++;
        if (Accuracy.covers(actual, p.lower(), p.upper())) {
          series[1]++;
        }
      }
    }
    Map<Statistic, Result> out = new EnumMap<>(Statistic.class);
    columns.forEach(
        (s, c) -> {
          double[] a = c.array(c.actual);
          out.put(
              s,
              new Result(
                  s,
                  a.length,
                  c.excluded,
                  Accuracy.wape(a, c.array(c.expected)),
                  Accuracy.mase(a, c.array(c.expected), c.array(c.naive)),
                  Accuracy.coverage(a, c.array(c.lower), c.array(c.upper)),
                  SeriesCoverage.leastCovered(c.bySeries)));
        });
    return out;
  }

  private static boolean overlaps(Predicted p, Collection<Excluded> excluded) {
    for (Excluded e : excluded) {
      if (e.series().equals(p.series())
          && e.startMillis() < p.windowEndMillis()
          && p.windowStartMillis() < e.endMillis()) {
        return true;
      }
    }
    return false;
  }

  private static double valueAt(SeriesHistory h, Statistic s, long windowStartMillis) {
    long offset = windowStartMillis - h.startMillis();
    if (offset < 0 || offset % h.windowMillis() != 0) {
      return Double.NaN;
    }
    long i = offset / h.windowMillis();
    return i < h.length() ? h.values(s)[(int) i] : Double.NaN;
  }

  private static final class Columns {
    final List<Double> actual = new ArrayList<>();
    final List<Double> expected = new ArrayList<>();
    final List<Double> lower = new ArrayList<>();
    final List<Double> upper = new ArrayList<>();
    final List<Double> naive = new ArrayList<>();
    /** Per series: windows scored, and of them covered. */
    final Map<String, long[]> bySeries = new HashMap<>();
    int excluded;

    double[] array(List<Double> xs) {
      return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
