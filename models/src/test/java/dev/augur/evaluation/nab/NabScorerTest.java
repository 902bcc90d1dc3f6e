package dev.augur.evaluation.nab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.evaluation.nab.NabScorer.Result;
import dev.augur.evaluation.nab.NabScorer.Series;
import dev.augur.evaluation.nab.NabScorer.Window;
import java.util.List;
import org.junit.Test;

/**
 * Hand-made cases of the NAB scoring rules. Each series has 100 rows (probationary period 15 rows)
 * and, unless said otherwise, one window of rows 40..49 (width 10). Expected values use
 * {@code S(y) = −tanh(5y/2)}, an identity of the scaled sigmoid, so they do not repeat the code.
 */
public class NabScorerTest {
  private static final double EPS = 1e-12;
  private static final double MAX_TP = Math.tanh(2.5);
  private static final List<Window> ONE_WINDOW = List.of(new Window(40, 49));

  private static Series series(List<Window> windows, int... detections) {
    double[] scores = new double[100];
    for (int d : detections) {
      scores[d] = 1.0;
    }
    return new Series("s", scores, windows);
  }

  private static double s(double y) {
    return y >= 3 ? -1.0 : -Math.tanh(2.5 * y);
  }

  private static double raw(Series series, NabProfile profile) {
    return NabScorer.rawScore(List.of(series), profile, 0.5);
  }

  @Test
  public void probationaryLengthIsFifteenPercentCappedAt750() {
    assertEquals(15, NabScorer.probationaryLength(100));
    assertEquals(186, NabScorer.probationaryLength(1243));
    assertEquals(750, NabScorer.probationaryLength(5000));
    assertEquals(750, NabScorer.probationaryLength(22695));
  }

  @Test
  public void scaledSigmoidMatchesItsDefinition() {
    assertEquals(0.0, NabScorer.scaledSigmoid(0.0), EPS);
    assertEquals(2 / (1 + Math.exp(-5)) - 1, NabScorer.scaledSigmoid(-1.0), EPS);
    assertEquals(2 / (1 + Math.exp(15)) - 1, NabScorer.scaledSigmoid(2.9999), 1e-9);
    assertEquals(-1.0, NabScorer.scaledSigmoid(3.0), 0);
  }

  @Test
  public void detectionAtWindowStartIsWorthTheFullTruePositiveWeight() {
    Series at = series(ONE_WINDOW, 40);
    assertEquals(1.0, raw(at, NabProfile.STANDARD), EPS);
    Result result = NabScorer.score(List.of(at), NabProfile.STANDARD);
    assertEquals(1.0, result.threshold(), EPS);
    assertEquals(1.0, result.raw(), EPS);
    assertEquals(-1.0, result.nullRaw(), EPS);
    assertEquals(1.0, result.perfectRaw(), EPS);
    assertEquals(100.0, result.normalized(), EPS);
  }

  @Test
  public void detectionInsideWindowIsWorthTheSigmoidOfItsPosition() {
    // Row 45: y = -(49 - 45 + 1) / 10 = -0.5.
    assertEquals(s(-0.5) / MAX_TP, raw(series(ONE_WINDOW, 45), NabProfile.STANDARD), EPS);
    // Last row: y = -1/10, close to nothing.
    assertEquals(s(-0.1) / MAX_TP, raw(series(ONE_WINDOW, 49), NabProfile.STANDARD), EPS);
  }

  @Test
  public void onlyTheEarliestDetectionOfAWindowCounts() {
    assertEquals(
        s(-0.8) / MAX_TP, raw(series(ONE_WINDOW, 42, 43, 47, 49), NabProfile.STANDARD), EPS);
  }

  @Test
  public void detectionJustAfterWindowCostsLittle() {
    // Row 50: y' = 1 / (10 - 1); the window is missed as well.
    double expected = -1.0 + 0.11 * s(1.0 / 9);
    assertEquals(expected, raw(series(ONE_WINDOW, 50), NabProfile.STANDARD), EPS);
    assertEquals(-1.0 + 0.22 * s(1.0 / 9), raw(series(ONE_WINDOW, 50), NabProfile.REWARD_LOW_FP_RATE), EPS);
    // Row 75: y' = 26 / 9, still on the sigmoid; row 76: y' = 3, the full cost.
    assertEquals(-1.0 + 0.11 * s(26.0 / 9), raw(series(ONE_WINDOW, 75), NabProfile.STANDARD), EPS);
    assertEquals(-1.0 - 0.11, raw(series(ONE_WINDOW, 76), NabProfile.STANDARD), EPS);
  }

  @Test
  public void detectionFarFromWindowsCostsTheFullFalsePositiveWeight() {
    // Row 90: y' = 41 / 9 > 3.
    assertEquals(-1.0 - 0.11, raw(series(ONE_WINDOW, 90), NabProfile.STANDARD), EPS);
    // Before the first window.
    assertEquals(-1.0 - 0.11, raw(series(ONE_WINDOW, 20), NabProfile.STANDARD), EPS);
    assertEquals(-2.0 - 0.11, raw(series(ONE_WINDOW, 20), NabProfile.REWARD_LOW_FN_RATE), EPS);
  }

  @Test
  public void falsePositiveBetweenWindowsIsMeasuredFromThePreviousWindow() {
    List<Window> two = List.of(new Window(20, 29), new Window(60, 69));
    // Row 31: 2 rows past the first window; both windows missed.
    assertEquals(-2.0 + 0.11 * s(2.0 / 9), raw(series(two, 31), NabProfile.STANDARD), EPS);
  }

  @Test
  public void rowsOfTheProbationaryPeriodNeverCount() {
    assertEquals(-1.0, raw(series(ONE_WINDOW, 0, 14), NabProfile.STANDARD), EPS);
    assertEquals(-1.0 - 0.11, raw(series(ONE_WINDOW, 15), NabProfile.STANDARD), EPS);
    // Scores out of range are refused, except in the probationary period which is not read.
    double[] scores = new double[100];
    scores[3] = 7.0;
    assertEquals(-1.0, raw(new Series("p", scores, ONE_WINDOW), NabProfile.STANDARD), EPS);
    scores[30] = 1.5;
    assertThrows(IllegalArgumentException.class, () -> raw(new Series("p", scores, ONE_WINDOW), NabProfile.STANDARD));
  }

  @Test
  public void windowsInsideTheProbationaryPeriodDoNotCount() {
    // Rows 5..14 lie wholly in the probationary period: no miss, and row 20 is 6 rows past it.
    List<Window> early = List.of(new Window(5, 14), new Window(40, 49));
    assertEquals(-1.0 + 0.11 * s(6.0 / 9), raw(series(early, 20), NabProfile.STANDARD), EPS);
    Result result = NabScorer.score(List.of(series(early, 40)), NabProfile.STANDARD);
    assertEquals(-1.0, result.nullRaw(), EPS);
    assertEquals(1.0, result.perfectRaw(), EPS);
    assertEquals(100.0, result.normalized(), EPS);
    // A window straddling its end counts from the first scored row: y = -(19 - 15 + 1) / 10.
    List<Window> straddling = List.of(new Window(10, 19));
    assertEquals(s(-0.5) / MAX_TP, raw(series(straddling, 15), NabProfile.STANDARD), EPS);
    assertEquals(s(-0.5) / MAX_TP, NabScorer.score(List.of(series(straddling)), NabProfile.STANDARD).perfectRaw(), EPS);
  }

  @Test
  public void seriesWithoutWindowsOnlyLoseByDetections() {
    Series empty = series(List.of(), 50, 60);
    assertEquals(-0.22, raw(empty, NabProfile.STANDARD), EPS);
    Result result = NabScorer.score(List.of(empty), NabProfile.STANDARD);
    assertEquals(Double.POSITIVE_INFINITY, result.threshold(), 0);
    assertEquals(0.0, result.raw(), EPS);
    assertEquals(0.0, result.nullRaw(), EPS);
    assertEquals(0.0, result.perfectRaw(), EPS);
    assertEquals(0.0, result.normalized(), EPS);
  }

  @Test
  public void oneThresholdIsOptimisedOverAllSeries() {
    double[] a = new double[100];
    a[40] = 0.8;
    double[] b = new double[100];
    b[20] = 0.9; // false positive before the window
    b[40] = 0.7;
    List<Series> both =
        List.of(new Series("a", a, ONE_WINDOW), new Series("b", b, ONE_WINDOW));
    // Thresholds: above 0.9 -> -2; 0.9 -> -2.11; 0.8 -> -1.11; 0.7 -> 2 - 0.11; 0 -> everything fires.
    Result result = NabScorer.score(both, NabProfile.STANDARD);
    assertEquals(0.7, result.threshold(), 0);
    assertEquals(1.89, result.raw(), EPS);
    assertEquals(-2.0, result.nullRaw(), EPS);
    assertEquals(2.0, result.perfectRaw(), EPS);
    assertEquals(100 * 3.89 / 4, result.normalized(), EPS);
    Result lowFn = NabScorer.score(both, NabProfile.REWARD_LOW_FN_RATE);
    assertEquals(-4.0, lowFn.nullRaw(), EPS);
    assertEquals(100 * 5.89 / 6, lowFn.normalized(), EPS);
  }

  @Test
  public void thresholdAtZeroCountsEveryRowAsADetection() {
    // All rows score 0: firing everywhere is detecting at the window's start plus 68 false positives.
    double[] zeros = new double[100];
    Series s = new Series("z", zeros, ONE_WINDOW);
    double fps = 0;
    for (int i = 15; i < 40; i++) {
      fps -= 0.11;
    }
    for (int i = 50; i < 100; i++) {
      fps += 0.11 * s((i - 49) / 9.0);
    }
    assertEquals(1.0 + fps, NabScorer.rawScore(List.of(s), NabProfile.STANDARD, 0.0), 1e-9);
    assertEquals(-1.0, NabScorer.score(List.of(s), NabProfile.STANDARD).raw(), EPS);
  }

  @Test
  public void refusesOverlappingOrOutOfRangeWindows() {
    assertThrows(IllegalArgumentException.class,
        () -> new Series("o", new double[100], List.of(new Window(10, 20), new Window(20, 30))));
    assertThrows(IllegalArgumentException.class,
        () -> new Series("o", new double[100], List.of(new Window(90, 100))));
    assertThrows(IllegalArgumentException.class, () -> new Window(5, 4));
  }
}
