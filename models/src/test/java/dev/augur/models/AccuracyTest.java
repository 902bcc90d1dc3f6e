package dev.augur.models;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AccuracyTest {
  private static final double NaN = Double.NaN;

  @Test
  public void wapeSkipsMissingPairs() {
    double[] actual = {10, 20, NaN, 30};
    double[] forecast = {12, 18, 5, NaN};
    assertEquals(4.0 / 30, Accuracy.wape(actual, forecast), 1e-15);
    assertEquals(2.0, Accuracy.mae(actual, forecast), 1e-15);
  }

  @Test
  public void maseIsRelativeToTheBaseline() {
    double[] actual = {10, 20, 30, 40};
    double[] forecast = {11, 19, 33, 40};
    double[] baseline = {12, 16, 30, NaN};
    assertEquals((1 + 1 + 3) / 6.0, Accuracy.mase(actual, forecast, baseline), 1e-15);
  }

  @Test
  public void coverageCountsBoundsAsInside() {
    double[] actual = {1, 2, 3, 4, NaN};
    double[] lower = {1, 0, 3.5, 0, 0};
    double[] upper = {2, 1, 4, 4, 1};
    assertEquals(2.0 / 4, Accuracy.coverage(actual, lower, upper), 1e-15);
  }

  @Test
  public void emptyInputGivesNaN() {
    assertTrue(Double.isNaN(Accuracy.wape(new double[] {NaN}, new double[] {1})));
    assertTrue(Double.isNaN(Accuracy.mase(new double[] {1}, new double[] {1}, new double[] {1})));
  }

  @Test
  public void seasonalNaiveUsesTheLatestObservedPeriod() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    assertArrayEquals(new double[] {4, 5, 6, 4, 5}, Accuracy.seasonalNaive(x, 7, 5, 3), 0);
    assertArrayEquals(new double[] {6, 6}, Accuracy.seasonalNaive(x, 7, 2, 1), 0);
    assertArrayEquals(new double[] {NaN, 0}, Accuracy.seasonalNaive(x, 1, 2, 2), 0);
  }

  @Test
  public void lengthsMustMatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Accuracy.wape(new double[2], new double[3]));
    assertTrue(e.getMessage().contains("forecast"));
  }
}
