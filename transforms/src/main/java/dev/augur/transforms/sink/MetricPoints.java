package dev.augur.transforms.sink;

import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Comparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The metric values of one comparison as CloudWatch sees them: the series dimensions plus {@value
 * #STATISTIC_DIMENSION}, the window start as timestamp (so a replay writes the same datapoints),
 * and the values {@code Actual}, {@code Expected}, {@code Lower}, {@code Upper}, {@code
 * DeviationScore} that are present and finite, plus {@code NoForecast = 1} for a window without a
 * forecast.
 */
final class MetricPoints {
  static final String STATISTIC_DIMENSION = "Statistic";
  static final String ACTUAL = "Actual";
  static final String EXPECTED = "Expected";
  static final String LOWER = "Lower";
  static final String UPPER = "Upper";
  static final String DEVIATION_SCORE = "DeviationScore";
  static final String NO_FORECAST = "NoForecast";

  /** CloudWatch's (and EMF's) limit on dimensions per metric. */
  static final int MAX_DIMENSIONS = 30;

  static final int MAX_DIMENSION_NAME_CHARS = 255;
  static final int MAX_DIMENSION_VALUE_CHARS = 1024;

  /** Names a series dimension must not take: the metrics', ours, and EMF's metadata member. */
  private static final Set<String> RESERVED =
      Set.of(STATISTIC_DIMENSION, ACTUAL, EXPECTED, LOWER, UPPER, DEVIATION_SCORE, NO_FORECAST, "_aws");

  /** One named value. */
  record Value(String name, double value) {}

  private final Map<String, String> dimensions;
  private final Instant timestamp;
  private final List<Value> values;

  private MetricPoints(Map<String, String> dimensions, Instant timestamp, List<Value> values) {
    this.dimensions = dimensions;
    this.timestamp = timestamp;
    this.values = values;
  }

  /**
   * The points of a comparison.
   *
   * @throws IllegalArgumentException when the series key cannot be a CloudWatch dimension set
   *     (too many dimensions, a reserved, empty or non-ASCII name, an empty or over-long value)
   */
  static MetricPoints of(Comparison c) {
    Map<String, String> series = SeriesKey.parse(c.getSeries());
    if (series.size() + 1 > MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "series '" + c.getSeries() + "' has " + series.size() + " dimensions; CloudWatch allows "
              + (MAX_DIMENSIONS - 1) + " besides " + STATISTIC_DIMENSION);
    }
    Map<String, String> dims = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : series.entrySet()) {
      if (RESERVED.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "series '" + c.getSeries() + "' uses the reserved dimension name '" + e.getKey() + "'");
      }
      checkDimension(e.getKey(), e.getValue(), c.getSeries());
      dims.put(e.getKey(), e.getValue());
    }
    checkDimension(STATISTIC_DIMENSION, c.getStatistic(), c.getSeries());
    dims.put(STATISTIC_DIMENSION, c.getStatistic());

    List<Value> values = new ArrayList<>();
    add(values, ACTUAL, c.getActual());
    add(values, EXPECTED, c.getExpected());
    add(values, LOWER, c.getLower());
    add(values, UPPER, c.getUpper());
    add(values, DEVIATION_SCORE, c.getScore());
    if (c.getDirection() == Comparison.Direction.NO_FORECAST) {
      values.add(new Value(NO_FORECAST, 1.0));
    }
    return new MetricPoints(
        Collections.unmodifiableMap(dims), c.getWindowStart(), List.copyOf(values));
  }

  /** Dimensions in order: the series', then {@value #STATISTIC_DIMENSION}. */
  Map<String, String> dimensions() {
    return dimensions;
  }

  Instant timestamp() {
    return timestamp;
  }

  List<Value> values() {
    return values;
  }

  private static void add(List<Value> values, String name, @Nullable Double value) {
    // CloudWatch rejects NaN and infinities, and a missing value is no datapoint.
    if (value != null && Double.isFinite(value)) {
      values.add(new Value(name, value));
    }
  }

  private static void checkDimension(String name, String value, String series) {
    if (name.isBlank() || name.startsWith(":") || name.length() > MAX_DIMENSION_NAME_CHARS
        || !name.chars().allMatch(ch -> ch < 128)) {
      throw new IllegalArgumentException(
          "series '" + series + "' has dimension name '" + name + "', which CloudWatch rejects"
              + " (1-" + MAX_DIMENSION_NAME_CHARS + " ASCII characters, not starting with ':')");
    }
    if (value.isEmpty() || value.length() > MAX_DIMENSION_VALUE_CHARS) {
      throw new IllegalArgumentException(
          "series '" + series + "' has a value of dimension '" + name + "' of " + value.length()
              + " characters; CloudWatch allows 1-" + MAX_DIMENSION_VALUE_CHARS);
    }
  }
}
