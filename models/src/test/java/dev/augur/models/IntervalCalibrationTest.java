package dev.augur.models;

import static dev.augur.models.IntervalCalibration.Span.CALIBRATION;
import static org.junit.Assert.assertEquals;
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
    for (double[] x : series) {
      for (int o = 0; o + HORIZON <= LENGTH; o += 4) {
        jobs.add(new RecursiveForecaster.Job(x, 0, o));
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
        IntervalCalibration.fromForecasts(jobs(clean), band(97), HORIZON, 0.9, CALIBRATION);
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
        IntervalCalibration.fromForecasts(jobs(anomalous), band(97), HORIZON, 0.9, CALIBRATION);
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
    IntervalCalibration cal = IntervalCalibration.fromForecasts(jobs, r, HORIZON, 0.9, CALIBRATION);
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
        IntervalCalibration.fromForecasts(jobs, band(jobs.size()), HORIZON, 0.9, CALIBRATION);
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
        jobs(steady, wide), band(2 * 97), HORIZON, 0.9, CALIBRATION);
    assertEquals(0, cal.anomalousWindows());
  }
}
