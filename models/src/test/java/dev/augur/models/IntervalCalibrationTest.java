package dev.augur.models;

import static dev.augur.models.IntervalCalibration.Span.CALIBRATION;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class IntervalCalibrationTest {
  @Test
  public void conformalQuantileOfOrdinaryScores() {
    double[] scores = new double[99];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i; // 0..98: uniform, no outliers
    }
    // ceil(100 * 0.95) = 95th smallest
    assertEquals(94.0, IntervalCalibration.quantile(scores, 0.95), 0);
  }

  @Test
  public void grossOutliersFromAnomaliesDoNotWidenTheBand() {
    Random r = new Random(3);
    double[] clean = new double[1000];
    for (int i = 0; i < clean.length; i++) {
      clean[i] = r.nextGaussian();
    }
    double expected = IntervalCalibration.quantile(clean.clone(), 0.95);
    double[] contaminated = clean.clone();
    // 4 % of the calibration windows fall in anomalies, far outside the ordinary errors.
    for (int i = 0; i < 40; i++) {
      contaminated[i * 25] = 50 + i;
    }
    double withAnomalies = IntervalCalibration.quantile(contaminated, 0.95);
    // Without trimming, the 95th percentile would move to about the 99th of the clean scores (2.3).
    assertEquals(expected, withAnomalies, 0.15);
  }

  @Test
  public void heavyButOrdinaryTailsAreKept() {
    // Scores within eight robust sigmas all count: the quantile is the plain conformal one.
    double[] scores = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 6};
    assertEquals(6.0, IntervalCalibration.quantile(scores, 0.95), 0);
  }

  private static final int LENGTH = 400;
  private static final int HORIZON = 24;

  /** A series of ordinary values in [-0.5, 0.5], each forecast with the band [-1, 1]. */
  private static double[] ordinary(long seed) {
    Random r = new Random(seed);
    double[] x = new double[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      x[t] = r.nextDouble() - 0.5;
    }
    return x;
  }

  /** Jobs from every 4th origin of each series, with the band [-1, 1] at every step. */
  private static List<RecursiveForecaster.Job> jobs(double[]... series) {
    List<RecursiveForecaster.Job> jobs = new ArrayList<>();
    for (int i = 0; i < series.length; i++) {
      for (int o = 0; o + HORIZON <= LENGTH; o += 4) {
        jobs.add(new RecursiveForecaster.Job("s" + i, series[i], 0, o));
      }
    }
    return jobs;
  }

  private static RecursiveForecaster.Result band(int jobs) {
    RecursiveForecaster.Result r = new RecursiveForecaster.Result(jobs, HORIZON);
    for (int j = 0; j < jobs; j++) {
      for (int h = 0; h < HORIZON; h++) {
        r.scale[j][h] = 1;
        r.lower[j][h] = -1;
        r.upper[j][h] = 1;
      }
    }
    return r;
  }

  @Test
  public void anomalousWindowsOfTheCalibrationSpanDoNotWidenTheBand() {
    double[] clean = ordinary(1);
    IntervalCalibration expected =
        IntervalCalibration.fromForecasts(jobs(clean), band(97), HORIZON, 0.9, CALIBRATION, false);
    assertEquals(0, expected.anomalousWindows());

    double[] anomalous = clean.clone();
    // A spike and a dip of 30 windows each, 7.5 % of the windows apiece: outside the band by a
    // quarter of its width, not so far that the conformal quantile's own trimming removes them.
    for (int t = 100; t < 130; t++) {
      anomalous[t] = 1.5;
    }
    for (int t = 250; t < 280; t++) {
      anomalous[t] = -1.5;
    }
    IntervalCalibration cal =
        IntervalCalibration.fromForecasts(
            jobs(anomalous), band(97), HORIZON, 0.9, CALIBRATION, false);
    for (int step = 1; step <= HORIZON; step++) {
      // Kept, the anomalous windows would move both adjustments by about a quarter band width.
      assertEquals(expected.lowerAdjustment(step), cal.lowerAdjustment(step), 0.05);
      assertEquals(expected.upperAdjustment(step), cal.upperAdjustment(step), 0.05);
    }
    assertEquals(60, cal.anomalousWindows());
  }

  @Test
  public void oneForecastFarOffDoesNotMakeItsWindowsAnomalous() {
    double[] x = ordinary(3);
    List<RecursiveForecaster.Job> jobs = jobs(x);
    RecursiveForecaster.Result r = band(jobs.size());
    // The forecast from one origin, as if it started from anomalous values, misses all its steps.
    for (int h = 0; h < HORIZON; h++) {
      r.lower[10][h] = 5;
      r.upper[10][h] = 7;
    }
    IntervalCalibration cal =
        IntervalCalibration.fromForecasts(jobs, r, HORIZON, 0.9, CALIBRATION, false);
    assertEquals(0, cal.anomalousWindows());
  }

  @Test
  public void ordinaryScoresAreKeptWhateverTheirSpread() {
    // Gaussian values: the windows beyond three robust sigmas are the normal tail's 0.13 % a side.
    Random random = new Random(4);
    double[] x = new double[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      x[t] = 0.4 * random.nextGaussian();
    }
    List<RecursiveForecaster.Job> jobs = jobs(x);
    IntervalCalibration cal =
        IntervalCalibration.fromForecasts(
            jobs, band(jobs.size()), HORIZON, 0.9, CALIBRATION, false);
    assertTrue("left out " + cal.anomalousWindows(), cal.anomalousWindows() <= 3);
  }

  @Test
  public void eachSeriesIsJudgedAgainstItsOwnOrdinaryErrors() {
    // One series of steady windows and one whose ordinary windows spread ten times as wide: taken
    // together, the wide one's tails would look anomalous against the steady one's errors.
    double[] steady = ordinary(5);
    double[] wide = ordinary(6);
    for (int t = 0; t < LENGTH; t++) {
      steady[t] *= 0.1;
      wide[t] *= 1.5;
    }
    IntervalCalibration cal = IntervalCalibration.fromForecasts(
        jobs(steady, wide), band(2 * 97), HORIZON, 0.9, CALIBRATION, false);
    assertEquals(0, cal.anomalousWindows());
  }

  @Test
  public void aSeriesWhoseBandMissesMoreThanTheOthersIsWidenedAndNoneIsNarrowed() {
    Random r = new Random(5);
    double[] noisy = new double[LENGTH];
    for (int t = 0; t < LENGTH; t++) {
      noisy[t] = 4 * (r.nextDouble() - 0.5); // in [-2, 2], where the band is [-1, 1]
    }
    List<RecursiveForecaster.Job> jobs = jobs(ordinary(1), ordinary(2), ordinary(3), noisy);
    RecursiveForecaster.Result forecasts = band(jobs.size());
    IntervalCalibration cal =
        IntervalCalibration.fromForecasts(jobs, forecasts, HORIZON, 0.9, CALIBRATION, true);
    assertEquals(java.util.Set.of("s3"), cal.widenings().keySet());
    // Unless asked for, no series is widened.
    assertTrue(
        IntervalCalibration.fromForecasts(jobs, forecasts, HORIZON, 0.9, CALIBRATION, false)
            .widenings()
            .isEmpty());
    assertEquals(1.0, cal.widening("s0"), 0);
    assertEquals(1.0, cal.widening("a series it never saw"), 0);
    double w = cal.widening("s3");
    assertTrue("widened: " + w, w > 1.2 && w <= IntervalCalibration.MAX_WIDENING);
    // Stretched by w around the median (0), the noisy series' band holds 90 % of its windows.
    int in = 0;
    int n = 0;
    for (int j = 0; j < jobs.size(); j++) {
      if (!jobs.get(j).key.equals("s3")) {
        continue;
      }
      for (int h = 0; h < HORIZON; h++) {
        double y = noisy[jobs.get(j).origin + h];
        n++;
        in += y >= w * cal.lower(h + 1, -1, 0, 1) && y <= w * cal.upper(h + 1, -1, 0, 1) ? 1 : 0;
      }
    }
    assertEquals(0.9, (double) in / n, 0.02);
    // The pooled band alone held far fewer of them.
    int pooled = 0;
    for (int j = 0; j < jobs.size(); j++) {
      if (jobs.get(j).key.equals("s3")) {
        for (int h = 0; h < HORIZON; h++) {
          double y = noisy[jobs.get(j).origin + h];
          pooled += y >= cal.lower(h + 1, -1, 0, 1) && y <= cal.upper(h + 1, -1, 0, 1) ? 1 : 0;
        }
      }
    }
    assertTrue(pooled + " of " + n, pooled < 0.8 * n);
  }

  @Test
  public void aForecastOfAWidenedSeriesStretchesItsBandAroundTheMedian() {
    IntervalCalibration cal =
        new IntervalCalibration(
            0.9, new double[] {0.5}, new double[] {0.25}, 100, 0, CALIBRATION,
            java.util.Map.of("wide", 2.0));
    RecursiveForecaster forecaster =
        new RecursiveForecaster(null, LagFeatures.of(60_000L, ForecastConfig.defaults()),
            Statistic.MEAN, new double[] {0.05, 0.5, 0.95});
    RecursiveForecaster.Result r = new RecursiveForecaster.Result(1, 1);
    r.scale[0][0] = 10;
    r.lower[0][0] = 1;
    r.median[0][0] = 2;
    r.upper[0][0] = 4;
    // Calibrated in scaled units: [1 - 0.5 * 3.02, 4 + 0.25 * 3.02] = [-0.51, 4.755].
    ForecastPoint plain =
        forecaster.point(r, 0, new RecursiveForecaster.Job("narrow", new double[1], 0, 0), 0, cal);
    assertEquals(-5.1, plain.lower(), 1e-9);
    assertEquals(20.0, plain.expected(), 1e-9);
    assertEquals(47.55, plain.upper(), 1e-9);
    // Widened twofold around the median: [2 - 2 * 2.51, 2 + 2 * 2.755] = [-3.02, 7.51].
    ForecastPoint wide =
        forecaster.point(r, 0, new RecursiveForecaster.Job("wide", new double[1], 0, 0), 0, cal);
    assertEquals(-30.2, wide.lower(), 1e-9);
    assertEquals(20.0, wide.expected(), 1e-9);
    assertEquals(75.1, wide.upper(), 1e-9);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IntervalCalibration(
                0.9, new double[] {0.5}, new double[] {0.25}, 100, 0, CALIBRATION,
                java.util.Map.of("s", 0.8)));
  }
}
