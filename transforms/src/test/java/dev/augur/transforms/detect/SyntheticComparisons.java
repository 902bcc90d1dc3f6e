package dev.augur.transforms.detect;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Comparison.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Seeded comparison streams for agreement tests: per series and statistic, a run of stretches —
 * normal (scores mostly inside the interval, with the odd blip outside), deviating (a burst of
 * scores outside, on one side, with the odd dip back in), without forecast, without actual value,
 * and gaps where no comparison arrives at all.
 */
final class SyntheticComparisons {
  static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
  static final Duration WINDOW = Duration.standardMinutes(5);

  private SyntheticComparisons() {}

  static Instant start(int i) {
    return T0.plus(WINDOW.multipliedBy(i));
  }

  /** {@code windows} windows of each of {@code seriesCount} series times each statistic. */
  static List<Comparison> generate(
      long seed, int seriesCount, List<String> statistics, int windows) {
    Random random = new Random(seed);
    List<Comparison> out = new ArrayList<>();
    for (int s = 0; s < seriesCount; s++) {
      String series = "region=r" + s + ",service=svc" + (s % 2);
      for (String statistic : statistics) {
        generateOne(random, series, statistic, windows, out);
      }
    }
    return out;
  }

  private enum Stretch {
    NORMAL,
    DEVIATING,
    NO_FORECAST,
    NO_ACTUAL,
    GAP
  }

  private static void generateOne(
      Random random, String series, String statistic, int windows, List<Comparison> out) {
    Stretch stretch = Stretch.NORMAL;
    int left = 0;
    double sign = 1;
    double magnitude = 0;
    double base = 20 + random.nextDouble() * 200;
    for (int i = 0; i < windows; i++) {
      if (left == 0) {
        double pick = random.nextDouble();
        if (pick < 0.5) {
          stretch = Stretch.NORMAL;
          left = 3 + random.nextInt(12);
        } else if (pick < 0.75) {
          stretch = Stretch.DEVIATING;
          left = 2 + random.nextInt(12);
          sign = random.nextBoolean() ? 1 : -1;
          magnitude = 1.3 + random.nextDouble() * 7;
        } else if (pick < 0.85) {
          stretch = Stretch.NO_FORECAST;
          left = 1 + random.nextInt(7);
        } else if (pick < 0.93) {
          stretch = Stretch.NO_ACTUAL;
          left = 1 + random.nextInt(4);
        } else {
          stretch = Stretch.GAP;
          left = 1 + random.nextInt(10);
        }
      }
      left--;
      Instant start = start(i);
      Instant end = start.plus(WINDOW);
      double expected = base * (1 + 0.3 * Math.sin(i / 12.0));
      double halfWidth = 0.08 * expected + 1;
      switch (stretch) {
        case GAP:
          break;
        case NO_FORECAST:
          out.add(
              Comparison.create(
                  series,
                  statistic,
                  start,
                  end,
                  expected,
                  null,
                  null,
                  null,
                  null,
                  Direction.NO_FORECAST,
                  null));
          break;
        case NO_ACTUAL:
          out.add(
              Comparison.create(
                  series,
                  statistic,
                  start,
                  end,
                  null,
                  expected,
                  expected - halfWidth,
                  expected + halfWidth,
                  null,
                  Direction.NO_ACTUAL,
                  "v1"));
          break;
        default:
          double score;
          if (stretch == Stretch.DEVIATING && random.nextDouble() > 0.15) {
            score = sign * magnitude * (0.7 + 0.6 * random.nextDouble());
          } else {
            score = random.nextDouble() < 0.1 ? 1.2 * sign : random.nextGaussian() * 0.5;
          }
          out.add(scored(series, statistic, start, end, expected, halfWidth, score));
          break;
      }
    }
  }

  private static Comparison scored(
      String series,
      String statistic,
      Instant start,
      Instant end,
      double expected,
      double halfWidth,
      double score) {
    Direction d = score > 1 ? Direction.ABOVE : score < -1 ? Direction.BELOW : Direction.WITHIN;
    return Comparison.create(
        series,
        statistic,
        start,
        end,
        expected + score * halfWidth,
        expected,
        expected - halfWidth,
        expected + halfWidth,
        score,
        d,
        "v1");
  }
}
