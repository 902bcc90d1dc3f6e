package dev.augur.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** Adds each of {@code coverages} to {@code array} as {@code {series, windows, coverage}}. */
  public static void write(ArrayNode array, List<SeriesCoverage> coverages) {
    for (SeriesCoverage c : coverages) {
      ObjectNode l = array.addObject();
      l.put("series", c.series());
      l.put("windows", c.windows());
      l.put("coverage", c.coverage());
    }
  }

  /** The series coverages {@link #write} wrote; none from a missing node. */
  public static List<SeriesCoverage> read(JsonNode array) {
    List<SeriesCoverage> out = new ArrayList<>();
    for (JsonNode l : array) {
      JsonNode coverage = l.path("coverage");
      if (!l.path("series").isTextual() || !l.path("windows").isNumber() || !coverage.isNumber()) {
        throw new IllegalArgumentException("a series coverage needs series, windows and coverage: "
            + l);
      }
      out.add(new SeriesCoverage(
          l.path("series").asText(), l.path("windows").asLong(), coverage.asDouble()));
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %.1f%% of %,d", series, 100 * coverage, windows);
  }
}
