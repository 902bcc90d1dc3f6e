package dev.augur.evaluation.nab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

/** The extreme-value tail on samples whose true tail is known. */
public class TailProbabilityTest {
  private static TailProbability fed(int count, java.util.function.DoubleSupplier sample) {
    TailProbability tail = new TailProbability();
    for (int i = 0; i < count; i++) {
      tail.add(sample.getAsDouble());
    }
    return tail;
  }

  @Test
  public void exponentialSamplesGiveTheirTrueTailProbability() {
    Random random = new Random(1);
    TailProbability tail = fed(50_000, () -> -Math.log(1 - random.nextDouble()));
    // P(X >= x) = e^(-x), so the surprise is x / ln 10.
    for (double x : new double[] {6, 8, 10}) {
      assertEquals("x = " + x, x / Math.log(10), tail.surprise(x), 0.3);
    }
  }

  @Test
  public void paretoSamplesGetAHeavyTailAndAreLessSurprisingThanAnExponentialFit() {
    Random random = new Random(2);
    // Pareto with index 4: P(X >= x) = x^-4 for x >= 1, a generalised Pareto tail of shape 0.25.
    TailProbability tail = fed(50_000, () -> Math.pow(1 - random.nextDouble(), -0.25));
    for (double x : new double[] {5, 8}) {
      assertEquals("x = " + x, 4 * Math.log10(x), tail.surprise(x), 0.4);
    }
  }

  @Test
  public void nothingIsSurprisingBeforeEnoughValuesNorAtOrBelowTheThreshold() {
    Random random = new Random(3);
    TailProbability tail = fed(TailProbability.MIN_VALUES - 1, random::nextGaussian);
    assertEquals(0.0, tail.surprise(1e6), 0.0);
    tail.add(0.0);
    assertTrue(tail.surprise(1e6) > 0);
    assertEquals(0.0, tail.surprise(0.0), 0.0);
    assertEquals(0.0, tail.surprise(-1e6), 0.0);
  }

  @Test
  public void surpriseGrowsWithTheValue() {
    Random random = new Random(4);
    TailProbability tail = fed(5_000, () -> Math.abs(random.nextGaussian()));
    double previous = 0;
    for (double x = 0; x < 20; x += 0.25) {
      double s = tail.surprise(x);
      assertTrue("x = " + x + ": " + s + " after " + previous, s >= previous);
      previous = s;
    }
    assertTrue(previous > 5);
  }

  @Test
  public void aTailOfFewExcessesIsTheExponentialsPredictiveNotItsPlugInFit() {
    // 0, 1, ..., 99: the threshold is 98 and its one excess is 1, so f = 0.01 and, with the rate
    // unknown, P(Y > y) = (1 + y)^-1 rather than the plug-in fit's e^-y.
    double[] next = {0};
    TailProbability tail = fed(TailProbability.MIN_VALUES, () -> next[0]++);
    assertEquals(2 + Math.log10(11), tail.surprise(108), 1e-9);
    assertEquals(2 + Math.log10(2), tail.surprise(99), 1e-9);
  }

  @Test
  public void anyRiseAboveAConstantHistoryIsVerySurprising() {
    TailProbability tail = fed(1_000, () -> 1.0);
    assertEquals(0.0, tail.surprise(1.0), 0.0);
    assertTrue(tail.surprise(1.001) > 100);
  }

  @Test(expected = IllegalArgumentException.class)
  public void rejectsNonFiniteValues() {
    new TailProbability().add(Double.NaN);
  }
}
