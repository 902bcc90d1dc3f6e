package dev.augur.synthetic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Places the anomalies of one series. The anomaly span is cut into as many equal slots as the
 * series gets anomalies, and each anomaly lies inside its own slot with a margin of up to half the
 * maximum anomaly duration on either side, so anomalies of one series never overlap and are
 * separated. Kinds are drawn uniformly from the configured kinds that apply to the series; the
 * strength of each anomaly is drawn from ranges chosen to be clearly visible in 5 to 15 minute
 * window statistics.
 */
final class AnomalyPlanner {
  private static final long MINUTE_MS = 60_000L;

  private AnomalyPlanner() {}

  /** The most anomalies any series can get: {@code ceil(rate * span in days)}. */
  static int maxAnomaliesPerSeries(GeneratorConfig config) {
    return maxAnomaliesPerSeries(
        config.anomaliesPerSeriesPerDay(), config.duration().minus(config.cleanPeriod()));
  }

  /** The most anomalies a series gets at {@code perDay} over an anomaly span of {@code span}. */
  static int maxAnomaliesPerSeries(double perDay, Duration span) {
    return (int) Math.ceil(perDay * (span.toMillis() / (double) (24 * 3_600_000L)));
  }

  /** The anomalies of one series, sorted by time. */
  static List<PlannedAnomaly> plan(
      GeneratorConfig config, SeriesIdentity identity, SeriesProfile profile) {
    List<PlannedAnomaly> out = new ArrayList<>();
    if (!config.injectsAnomalies()) {
      return out;
    }
    List<AnomalyKind> kinds = applicableKinds(config.anomalyKinds(), profile.countOnly);
    if (kinds.isEmpty()) {
      return out;
    }
    SplittableRandom rng = Seeds.stream(config.seed(), identity.index, Seeds.ANOMALIES);
    double expected = expectedPerSeries(config);
    int count = (int) Math.floor(expected);
    if (rng.nextDouble() < expected - count) {
      count++;
    }
    if (count == 0) {
      return out;
    }
    long cleanMs = config.cleanPeriod().toMillis();
    long durationMs = config.duration().toMillis();
    long spanFirst = (cleanMs + MINUTE_MS - 1) / MINUTE_MS;
    long spanEnd = durationMs / MINUTE_MS;
    int minMinutes = (int) config.minAnomalyDuration().toMinutes();
    int maxMinutes = (int) config.maxAnomalyDuration().toMinutes();
    double slot = (double) (spanEnd - spanFirst) / count;
    long startMillis = config.start().toEpochMilli();
    for (int k = 0; k < count; k++) {
      long lo = spanFirst + (long) Math.ceil(k * slot);
      long hi = spanFirst + (long) Math.floor((k + 1) * slot);
      int length = minMinutes + rng.nextInt(maxMinutes - minMinutes + 1);
      long free = hi - lo - length;
      if (free < 0) {
        continue;
      }
      long margin = Math.min(maxMinutes / 2, free / 2);
      long first = lo + margin + (long) (rng.nextDouble() * (free - 2 * margin + 1));
      AnomalyKind kind = kinds.get(rng.nextInt(kinds.size()));
      out.add(
          effect(
              kind,
              profile.countOnly,
              (int) first,
              (int) (first + length),
              identity.key,
              startMillis,
              rng));
    }
    return out;
  }

  private static PlannedAnomaly effect(
      AnomalyKind kind,
      boolean countOnly,
      int startMinute,
      int endMinute,
      String series,
      long startMillis,
      SplittableRandom rng) {
    double rate = 1;
    double value = 1;
    double sigma = 1;
    boolean zero = false;
    switch (kind) {
      case SPIKE:
        if (countOnly) {
          rate = uniform(rng, 4, 6);
        } else {
          value = uniform(rng, 3, 5);
        }
        break;
      case DIP:
        if (countOnly) {
          rate = uniform(rng, 0.1, 0.25);
        } else {
          value = uniform(rng, 0.15, 0.3);
        }
        break;
      case LEVEL_SHIFT:
        int mode = countOnly ? 1 : rng.nextInt(3); // 0 values, 1 rate, 2 both
        if (mode != 1) {
          value = upOrDown(rng, uniform(rng, 1.8, 2.5));
        }
        if (mode != 0) {
          rate = upOrDown(rng, uniform(rng, 2, 3));
        }
        break;
      case VARIANCE_CHANGE:
        sigma = uniform(rng, 3, 4);
        break;
      case DROP_TO_ZERO:
        zero = true;
        break;
      case MISSING_DATA:
        rate = 0;
        break;
      default:
        throw new IllegalStateException("unhandled anomaly kind " + kind);
    }
    boolean affectsCounts = rate != 1;
    boolean affectsValues = !countOnly && (value != 1 || sigma != 1 || zero);
    AnomalyLabel label =
        new AnomalyLabel(
            series,
            startMillis + startMinute * MINUTE_MS,
            startMillis + endMinute * MINUTE_MS,
            kind,
            affectsValues,
            affectsCounts);
    return new PlannedAnomaly(startMinute, endMinute, rate, value, sigma, zero, label);
  }

  private static List<AnomalyKind> applicableKinds(Set<AnomalyKind> configured, boolean countOnly) {
    List<AnomalyKind> out = new ArrayList<>();
    for (AnomalyKind k : configured) {
      if (!countOnly || k.appliesToCountOnly()) {
        out.add(k);
      }
    }
    return out;
  }

  private static double expectedPerSeries(GeneratorConfig config) {
    double spanDays =
        config.duration().minus(config.cleanPeriod()).toMillis() / (double) (24 * 3_600_000L);
    return config.anomaliesPerSeriesPerDay() * spanDays;
  }

  private static double upOrDown(SplittableRandom rng, double factor) {
    return rng.nextBoolean() ? factor : 1 / factor;
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }
}
