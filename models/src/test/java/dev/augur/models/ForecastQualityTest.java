package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Accuracy and interval coverage of global models on clean simulated data: train on five weeks of
 * 15-minute windows of 50 series, then forecast a later, unseen sixth week from many origins at
 * horizons 1..96 and compare with the weekly seasonal naive forecast.
 */
public class ForecastQualityTest {
  private static final int WEEK = 672;
  private static final int HORIZON = 96;
  private static final int[][] BUCKETS = {{1, 1}, {2, 4}, {5, 12}, {13, 32}, {33, 64}, {65, 96}};

  private static List<SeriesHistory> all;
  private static List<SeriesHistory> train;

  @BeforeClass
  public static void simulate() {
    all = SimulatedMetrics.generate(50, 6 * WEEK, 20240611L);
    train = new ArrayList<>();
    for (SeriesHistory h : all) {
      train.add(h.head(5 * WEEK));
    }
  }

  @Test
  public void count() {
    check(Statistic.COUNT);
  }

  @Test
  public void mean() {
    check(Statistic.MEAN);
  }

  @Test
  public void stddev() {
    check(Statistic.STDDEV);
  }

  @Test
  public void sum() {
    check(Statistic.SUM);
  }

  private void check(Statistic statistic) {
    long t0 = System.nanoTime();
    try (TrainedModel model = ForecastTrainer.train(statistic, train, ForecastConfig.defaults())) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%s: trained in %.1f s (%d rows); %s%n", statistic.id(),
          seconds, model.trainingRows(), model.evaluation().orElseThrow());
      Later later = Later.measure(model, statistic);
      System.out.println(statistic.id() + " later week: " + later);
      assertThat(statistic.id() + " MASE vs weekly seasonal naive", later.mase, lessThan(1.0));
      for (int[] b : BUCKETS) {
        assertThat(statistic.id() + " coverage at steps " + b[0] + ".." + b[1],
            later.coverage(b[0], b[1]),
            both(greaterThanOrEqualTo(0.88)).and(lessThanOrEqualTo(0.92)));
      }
      assertThat(statistic.id() + " holdout MASE during training",
          model.evaluation().orElseThrow().mase(), lessThan(1.0));
      // The holdout's coverage measures the intervals the model ships, as a later week does.
      assertEquals(statistic.id() + " holdout coverage against a later week's",
          later.coverage(1, HORIZON), model.evaluation().orElseThrow().ordinaryCoverage(), 0.02);
    }
  }

  /** Forecasts of the sixth week from origins every 12 windows, against the actual values. */
  private static final class Later {
    final double mase;
    final double wape;
    final long[] inside = new long[HORIZON];
    final long[] count = new long[HORIZON];

    private Later(double mase, double wape) {
      this.mase = mase;
      this.wape = wape;
    }

    static Later measure(TrainedModel model, Statistic statistic) {
      List<Double> actual = new ArrayList<>();
      List<Double> expected = new ArrayList<>();
      List<Double> naive = new ArrayList<>();
      long[] inside = new long[HORIZON];
      long[] count = new long[HORIZON];
      int first = 5 * WEEK;
      int last = 6 * WEEK - HORIZON;
      int[] origins = new int[(last - first) / 12 + 1];
      for (int i = 0; i < origins.length; i++) {
        origins[i] = first + 12 * i;
      }
      for (SeriesHistory h : all) {
        double[] x = h.values(statistic);
        List<List<ForecastPoint>> runs = model.backtest(h, origins, HORIZON);
        for (int o = 0; o < origins.length; o++) {
          double[] sn = Accuracy.seasonalNaive(x, origins[o], HORIZON, WEEK);
          for (int s = 0; s < HORIZON; s++) {
            double a = x[origins[o] + s];
            if (Double.isNaN(a)) {
              continue;
            }
            ForecastPoint p = runs.get(o).get(s);
            actual.add(a);
            expected.add(p.expected());
            naive.add(sn[s]);
            inside[s] += p.covers(a) ? 1 : 0;
            count[s]++;
          }
        }
      }
      double[] a = unbox(actual);
      Later l = new Later(Accuracy.mase(a, unbox(expected), unbox(naive)),
          Accuracy.wape(a, unbox(expected)));
      System.arraycopy(inside, 0, l.inside, 0, HORIZON);
      System.arraycopy(count, 0, l.count, 0, HORIZON);
      return l;
    }

    double coverage(int fromStep, int toStep) {
      long in = 0;
      long n = 0;
      for (int s = fromStep - 1; s < toStep; s++) {
        in += inside[s];
        n += count[s];
      }
      return (double) in / n;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "mase=%.3f wape=%.4f coverage=%.4f by steps:", mase, wape, coverage(1, HORIZON)));
      for (int[] b : BUCKETS) {
        sb.append(String.format(Locale.ROOT, " %d..%d=%.4f", b[0], b[1], coverage(b[0], b[1])));
      }
      double lo = 1;
      double hi = 0;
      for (int s = 1; s <= HORIZON; s++) {
        lo = Math.min(lo, coverage(s, s));
        hi = Math.max(hi, coverage(s, s));
      }
      return sb.append(String.format(Locale.ROOT, " single steps %.4f..%.4f", lo, hi)).toString();
    }

    private static double[] unbox(List<Double> v) {
      double[] out = new double[v.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = v.get(i);
      }
      return out;
    }
  }
}
