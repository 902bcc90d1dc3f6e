package dev.augur.evaluation.nab;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

/**
 * The streaming detector on seeded synthetic series: causality, range, a detected jump and one alarm
 * per cooldown.
 */
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

  /** The score of an alarm; every other row scores less than {@link #BELOW_ALARM}. */
  private static final double ALARM_SCORE = 1.0;

  /** The score of a row whose surprise just reaches the alarm level without raising one. */
  private static final double BELOW_ALARM =
      AugurNabDetector.ALARM_SURPRISE
          / (AugurNabDetector.ALARM_SURPRISE + AugurNabDetector.HALF_SCORE_SURPRISE);

  @Test
  public void rowsScoreOneForAnAlarmAndLessThanTheAlarmLevelOtherwise() {
    double[] scores = AugurNabDetector.scoreAll(times(), series(6, 3000));
    int alarms = 0;
    for (int i = 0; i < ROWS; i++) {
      if (scores[i] == ALARM_SCORE) {
        alarms++;
      } else {
        assertTrue("row " + i + ": " + scores[i], scores[i] < BELOW_ALARM);
      }
    }
    assertTrue("alarms: " + alarms, alarms >= 1);
  }

  @Test
  public void aStretchUnlikeAnyBeforeRaisesAnAlarmThoughEachStepIsOrdinary() {
    // A sawtooth rising by 1 a row over 25 rows (not a divisor of the day's 288, so no seasonal
    // forecast fits it), with a little noise. Rows 3000-3024 fall by 1 a row instead: each is
    // off the previous value by as much as an ordinary rise, but no earlier stretch looks like it.
    Random random = new Random(7);
    double[] values = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      int phase = i % 25;
      values[i] = (i >= 3000 && i < 3025 ? 24 - phase : phase) + 0.05 * random.nextGaussian();
    }
    // Scored by its forecast error alone, it raised no alarm in those rows (it alarmed every
    // 125 rows or so elsewhere, as this near-exact sawtooth's tail of deviations is very thin).
    double[] scores = AugurNabDetector.scoreAll(times(), values);
    int first = -1;
    for (int i = 3000; i < 3025 && first < 0; i++) {
      if (scores[i] == ALARM_SCORE) {
        first = i;
      }
    }
    assertTrue("no alarm in the falling stretch", first >= 0);
  }

  @Test
  public void aLevelJumpRaisesAnAlarmAtItsStartWhereTheCleanSeriesRaisesNone() {
    double[] jumped = AugurNabDetector.scoreAll(times(), series(3, 3000));
    double[] clean = AugurNabDetector.scoreAll(times(), series(3, -1));
    int first = -1;
    for (int i = 3000; i < ROWS && first < 0; i++) {
      if (jumped[i] >= ALARM_SCORE) {
        first = i;
      }
    }
    assertTrue("first alarm after the jump at row " + first, first >= 3000 && first < 3005);
    for (int i = 2900; i < 3100; i++) {
      assertTrue("clean row " + i + ": " + clean[i], clean[i] < ALARM_SCORE);
    }
  }

  @Test
  public void rowsInTheCooldownAfterAnAlarmScoreZero() {
    Random random = new Random(4);
    double[] values = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      // Noise with frequent spikes, so that alarms are many.
      values[i] = 10 + random.nextGaussian() + (random.nextInt(40) == 0 ? 20 * random.nextDouble() : 0);
    }
    double[] scores = AugurNabDetector.scoreAll(times(), values);
    int alarms = 0;
    for (int i = 0; i < ROWS; i++) {
      if (scores[i] >= ALARM_SCORE) {
        alarms++;
        for (int j = i + 1; j <= Math.min(ROWS - 1, i + AugurNabDetector.COOLDOWN); j++) {
          assertEquals("row " + j + " after the alarm at row " + i, 0.0, scores[j], 0.0);
        }
      }
    }
    assertTrue("alarms: " + alarms, alarms >= 3);
  }

  @Test
  public void aSecondSpikeSoonAfterALongAnomalyStillRaisesAnAlarm() {
    // Calm noise; rows 2000-2009 jump by 30 standard deviations, row 2120 (after the cooldown) by
    // 6. Neither the first anomaly's deviations (kept out of the tail) nor its errors (clipped in
    // the running mean) may make the second one look ordinary.
    int second = 2000 + AugurNabDetector.COOLDOWN + 20;
    int alarmed = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      double[] values = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        values[i] = 10 + random.nextGaussian() + (i >= 2000 && i < 2010 ? 30 : 0) + (i == second ? 6 : 0);
      }
      if (AugurNabDetector.scoreAll(times(), values)[second] >= ALARM_SCORE) {
        alarmed++;
      }
    }
    // 10 of 20 here; 3 of 20 when every deviation fed the tail and errors were not clipped.
    assertTrue("second spike alarmed in " + alarmed + " of 20 series", alarmed >= 8);
  }

  @Test
  public void aConstantSeriesThatTurnsNoisyStopsAlarmingOnceItsTailHasLearnedTheNoise() {
    // Every deviation of the noise is in the tail of a constant history; were each alarm's
    // event allowed to set all of them aside, the tail would never learn the noise and the
    // detector would raise an alarm after nearly every cooldown (25 alarms in these 4,000 rows).
    // Chance alone allows about 8: 2,500 rows, each alarming with probability 2 × 10^-2.8 when
    // either of the two tails finds it at least that improbable (2 to 6 over twelve seeds).
    Random random = new Random(5);
    double[] values = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      values[i] = i < 1500 ? 3.0 : 3.0 + random.nextGaussian();
    }
    double[] scores = AugurNabDetector.scoreAll(times(), values);
    int alarms = 0;
    for (double s : scores) {
      if (s >= ALARM_SCORE) {
        alarms++;
      }
    }
    assertTrue("first alarm at the change", scores[1500] >= ALARM_SCORE);
    assertTrue("alarms: " + alarms, alarms <= 8);
  }
}
