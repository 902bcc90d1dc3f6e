package dev.augur.transforms.alarm;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Comparison.Direction;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Comparisons of one series and statistic on a five-minute grid, for tests: window {@code i} starts
 * at 10:00Z + 5i min; the forecast is 100 with interval [90, 110], so a score s means an actual of
 * 100 + 10s.
 */
public final class TestComparisons {
  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  public static final Duration WINDOW = Duration.standardMinutes(5);
  public static final String SERIES = "region=eu-west-1,service=checkout";
  public static final String STATISTIC = "count";

  private final String series;
  private final String statistic;

  private TestComparisons(String series, String statistic) {
    this.series = series;
    this.statistic = statistic;
  }

  public static TestComparisons of(String series, String statistic) {
    return new TestComparisons(series, statistic);
  }

  /** Comparisons of {@link #SERIES} and {@link #STATISTIC}. */
  public static TestComparisons standard() {
    return of(SERIES, STATISTIC);
  }

  public static Instant start(int i) {
    return T0.plus(WINDOW.multipliedBy(i));
  }

  public static Instant end(int i) {
    return start(i + 1);
  }

  /** Window i scored {@code score}: ABOVE, BELOW or WITHIN as the score says. */
  public Comparison scored(int i, double score) {
    Direction d = score > 1 ? Direction.ABOVE : score < -1 ? Direction.BELOW : Direction.WITHIN;
    return Comparison.create(
        series, statistic, start(i), end(i), 100 + 10 * score, 100.0, 90.0, 110.0, score, d, "v1");
  }

  /** Window i breaching at score 4 (HIGH under the default severity scores). */
  public Comparison breach(int i) {
    return scored(i, 4);
  }

  /** Window i at the forecast. */
  public Comparison normal(int i) {
    return scored(i, 0);
  }

  /** Window i without a forecast. */
  public Comparison noForecast(int i) {
    return Comparison.create(
        series,
        statistic,
        start(i),
        end(i),
        100.0,
        null,
        null,
        null,
        null,
        Direction.NO_FORECAST,
        null);
  }

  /** Window i without an actual value. */
  public Comparison noActual(int i) {
    return Comparison.create(
        series,
        statistic,
        start(i),
        end(i),
        null,
        100.0,
        90.0,
        110.0,
        null,
        Direction.NO_ACTUAL,
        "v1");
  }
}
