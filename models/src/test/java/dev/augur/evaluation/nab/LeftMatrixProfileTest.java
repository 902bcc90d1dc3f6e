package dev.augur.evaluation.nab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

/** The left matrix profile against hand-worked stretches and a brute-force search. */
public class LeftMatrixProfileTest {
  /** The distance of the stretch ending at {@code t} to its nearest earlier one, by brute force. */
  private static double bruteForce(double[] x, int t, int m) {
    double nearest = Double.POSITIVE_INFINITY;
    for (int j = m - 1; j <= t - m; j++) {
      double sum = 0;
      for (int q = 0; q < m; q++) {
        double d = x[t - q] - x[j - q];
        sum += d * d;
      }
      nearest = Math.min(nearest, sum);
    }
    return nearest == Double.POSITIVE_INFINITY ? Double.NaN : Math.sqrt(nearest / m);
  }

  @Test
  public void matchesABruteForceSearchOnNoisyData() {
    Random random = new Random(1);
    double[] x = new double[1500];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1000 + 50 * Math.sin(i / 7.0) + random.nextGaussian() + (i % 300 == 0 ? 40 : 0);
    }
    for (int m : new int[] {1, 3, 12}) {
      LeftMatrixProfile profile = new LeftMatrixProfile(m);
      for (int t = 0; t < x.length; t++) {
        double got = profile.next(x[t]);
        double want = bruteForce(x, t, m);
        if (Double.isNaN(want)) {
          assertTrue("m " + m + ", row " + t + ": " + got, Double.isNaN(got));
        } else {
          assertEquals("m " + m + ", row " + t, want, got, 1e-6);
        }
      }
    }
  }

  @Test
  public void noDistanceUntilTwoStretchesFitWithoutOverlap() {
    LeftMatrixProfile profile = new LeftMatrixProfile(3);
    for (int t = 0; t < 5; t++) {
      assertTrue("row " + t, Double.isNaN(profile.next(t)));
    }
    // Rows 3..5 (3, 4, 5) against rows 0..2 (0, 1, 2): every difference is 3.
    assertEquals(3.0, profile.next(5), 1e-12);
  }

  @Test
  public void aRepeatedStretchIsAtDistanceZeroAndANewOneIsNot() {
    LeftMatrixProfile profile = new LeftMatrixProfile(2);
    double[] x = {1, 2, 1, 2, 1, 2, 7};
    double[] want = {Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, Math.sqrt((1 + 25) / 2.0)};
    for (int t = 0; t < x.length; t++) {
      double got = profile.next(x[t]);
      if (Double.isNaN(want[t])) {
        assertTrue("row " + t, Double.isNaN(got));
      } else {
        assertEquals("row " + t, want[t], got, 1e-12);
      }
    }
  }

  @Test
  public void aDistanceDependsOnlyOnValuesGivenSoFar() {
    Random random = new Random(2);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    LeftMatrixProfile a = new LeftMatrixProfile(6);
    LeftMatrixProfile b = new LeftMatrixProfile(6);
    for (int t = 0; t < x.length; t++) {
      double got = a.next(x[t]);
      double other = b.next(t < 300 ? x[t] : -x[t]);
      if (t < 300) {
        assertEquals("row " + t, got, other, 0.0);
      }
    }
  }

  @Test
  public void refusesABadLengthOrValue() {
    assertThrows(IllegalArgumentException.class, () -> new LeftMatrixProfile(0));
    assertThrows(IllegalArgumentException.class, () -> new LeftMatrixProfile(3).next(Double.NaN));
  }
}
