package dev.augur.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The share of one series' scored windows that the prediction interval covered.
 *
 * <p>Coverage pooled over many series can meet the nominal figure while a few series' bands are
 * far too narrow and others' too wide: a global model's band fits the pooled series, and on
 * generated backtests the series of a few events a window fell well short of it. {@link
 * #leastCovered} names the {@value #NAMED} series covered least, among those with at least
 * {@value #MIN_WINDOWS} windows scored (with fewer, one window moves a share by several points),
 * when two series or more have that many.
 *
 * @param windows the series' windows scored (forecasts of them, where several origins forecast a
 *     window)
 */
public record SeriesCoverage(String series, long windows, double coverage) {
  /** How many of the least covered series are named. */
  public static final int NAMED = 3;
  /** The windows a series needs scored to be named among the least covered. */
  public static final int MIN_WINDOWS = 20;

  /**
   * The least covered series, lowest first (ties by name), or none.
   *
   * @param bySeries per series, {@code {windows scored, windows covered}}
   */
  public static List<SeriesCoverage> leastCovered(Map<String, long[]> bySeries) {
    List<SeriesCoverage> scored = new ArrayList<>();
    bySeries.forEach(
        (series, n) -> {
          if (n[0] >= MIN_WINDOWS) {
            scored.add(new SeriesCoverage(series, n[0], (double) n[1] / n[0]));
          }
        });
    if (scored.size() < 2) {
      return List.of();
    }
    scored.sort(
        Comparator.comparingDouble(SeriesCoverage::coverage).thenComparing(SeriesCoverage::series));
    return List.copyOf(scored.subList(0, Math.min(NAMED, scored.size())));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %.1f%% of %,d", series, 100 * coverage, windows);
  }
}
