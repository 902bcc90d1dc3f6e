package dev.augur.models;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small seeded simulator of clean (anomaly-free) metric series for tests: events arrive as a
 * Poisson process whose rate follows a daily and weekly cycle, a per-series trend and slow
 * multiplicative noise, and each event carries a normally distributed value whose mean also
 * follows the daily cycle. Series differ in magnitude by two orders. Window statistics are
 * computed from the individual events.
 */
final class SimulatedMetrics {
  static final long WINDOW = 15 * 60_000L;
  static final long START = 1_700_438_400_000L; // Monday 2023-11-20 00:00 UTC

  private SimulatedMetrics() {}

  static List<SeriesHistory> generate(int seriesCount, int windows, long seed) {
    Random r = new Random(seed);
    List<SeriesHistory> out = new ArrayList<>();
    for (int s = 0; s < seriesCount; s++) {
      double level = Math.exp(Math.log(2) + r.nextDouble() * Math.log(60)); // 2 .. 120 per window
      double amplitude = 0.3 + 0.5 * r.nextDouble();
      double phase = r.nextDouble() * 24;
      double weekend = 0.5 + 0.5 * r.nextDouble();
      double trendPerWeek = -0.03 + 0.08 * r.nextDouble();
      double valueMean = Math.exp(r.nextDouble() * Math.log(1000)); // 1 .. 1000
      double valueSpread = 0.1 + 0.3 * r.nextDouble();
      double[] count = new double[windows];
      double[] sum = new double[windows];
      double[] mean = new double[windows];
      double[] std = new double[windows];
      double[] min = new double[windows];
      double[] max = new double[windows];
      double drift = 0;
      for (int i = 0; i < windows; i++) {
        long t = START + i * WINDOW;
        double hour = (t % 86_400_000L) / 3_600_000.0;
        int dow = (int) Math.floorMod(Math.floorDiv(t, 86_400_000L) + 3, 7L); // 0 = Monday
        double daily = 1 + amplitude * Math.sin(2 * Math.PI * (hour - phase) / 24)
            + 0.15 * Math.sin(4 * Math.PI * (hour - phase) / 24);
        double weekly = dow >= 5 ? weekend : 1.0;
        double trend = 1 + trendPerWeek * i * WINDOW / (7 * 86_400_000.0);
        drift = 0.97 * drift + 0.03 * r.nextGaussian(); // slow noise, sd about 0.12
        double rate = level * Math.max(0.05, daily) * weekly * trend * Math.exp(0.5 * drift);
        int n = poisson(r, rate);
        double mu = valueMean * (1 + 0.2 * (daily - 1));
        double sd = valueSpread * mu;
        double total = 0;
        double sq = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < n; e++) {
          double v = mu + sd * r.nextGaussian();
          total += v;
          sq += v * v;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        count[i] = n;
        sum[i] = total;
        mean[i] = n > 0 ? total / n : Double.NaN;
        std[i] = n > 0 ? Math.sqrt(Math.max(0, sq / n - mean[i] * mean[i])) : Double.NaN;
        min[i] = n > 0 ? lo : Double.NaN;
        max[i] = n > 0 ? hi : Double.NaN;
      }
      Map<Statistic, double[]> v = new EnumMap<>(Statistic.class);
      v.put(Statistic.COUNT, count);
      v.put(Statistic.SUM, sum);
      v.put(Statistic.MEAN, mean);
      v.put(Statistic.STDDEV, std);
      v.put(Statistic.MIN, min);
      v.put(Statistic.MAX, max);
      out.add(new SeriesHistory("service=s" + s, START, WINDOW, v));
    }
    return out;
  }

  private static int poisson(Random r, double lambda) {
    if (lambda > 30) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
