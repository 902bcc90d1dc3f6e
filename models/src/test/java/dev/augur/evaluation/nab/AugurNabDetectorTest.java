package dev.augur.evaluation.nab;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

/** The streaming detector on seeded synthetic series: causality, range and a detected jump. */
public class AugurNabDetectorTest {
  private static final int ROWS = 4000;
  private static final long START = 1_396_310_400L;

  /** A daily pattern at 5-minute spacing with noise; {@code jumpAt} (or -1) adds a level shift. */
  private static double[] series(long seed, int jumpAt) {
    Random random = new Random(seed);
    double[] v = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
      if (jumpAt >= 0 && i >= jumpAt) {
        v[i] += 15;
      }
    }
    return v;
  }

  private static long[] times() {
    long[] t = new long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      t[i] = START + 300L * i;
    }
    return t;
  }

  private static int argMax(double[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  public void scoresOfARowDoNotDependOnLaterRows() {
    double[] values = series(1, 3000);
    double[] full = AugurNabDetector.scoreAll(times(), values);
    double[] changedFuture = values.clone();
    for (int i = 2000; i < ROWS; i++) {
      changedFuture[i] = -values[i];
    }
    double[] other = AugurNabDetector.scoreAll(times(), changedFuture);
    assertArrayEquals(Arrays.copyOf(full, 2000), Arrays.copyOf(other, 2000), 0.0);
    assertTrue(!Arrays.equals(full, other));
  }

  @Test
  public void scoresAreInRangeAndZeroDuringProbation() {
    double[] scores = AugurNabDetector.scoreAll(times(), series(2, 3000));
    int probation = NabScorer.probationaryLength(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertTrue("row " + i + ": " + scores[i], scores[i] >= 0 && scores[i] <= 1);
      if (i < probation) {
        assertEquals("row " + i, 0.0, scores[i], 0.0);
      }
    }
  }

  @Test
  public void aLevelJumpScoresHighestAtItsStartAndAboveAnyScoreOfTheCleanSeries() {
    double[] jumped = AugurNabDetector.scoreAll(times(), series(3, 3000));
    double[] clean = AugurNabDetector.scoreAll(times(), series(3, -1));
    int peak = argMax(jumped);
    assertTrue("peak at row " + peak, peak >= 3000 && peak < 3000 + AugurNabDetector.SHORT);
    assertTrue(
        "jump " + jumped[peak] + " vs clean maximum " + clean[argMax(clean)],
        jumped[peak] > clean[argMax(clean)]);
  }

  @Test
  public void logUpperTailMatchesTheNormalDistribution() {
    assertEquals(Math.log(0.5), AugurNabDetector.logUpperTail(0), 1e-6);
    assertEquals(Math.log(1.3498980316301e-3), AugurNabDetector.logUpperTail(3), 1e-6);
    assertEquals(Math.log(7.619853024160527e-24), AugurNabDetector.logUpperTail(10), 1e-6);
  }
}
