package dev.augur.models;

import static org.junit.Assert.assertEquals;

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
}
