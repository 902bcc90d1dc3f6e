package dev.augur.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import java.util.Map;
import org.junit.Test;

public class ReferenceWindowStatsTest {
  @Test
  public void statisticsPerWindowOnAFullGrid() {
    ReferenceWindowStats r = new ReferenceWindowStats(0, 40, 10);
    r.add("a", 0, 1);
    r.add("a", 9, 3);
    r.add("a", 10, 5); // the window's end belongs to the next window
    r.add("a", 25, Double.NaN); // counted only
    r.add("a", 40, 7); // outside [0, 40)
    r.add("a", -1, 7); // outside
    Map<String, SeriesHistory> h = r.histories();
    SeriesHistory a = h.get("a");
    assertEquals(4, a.length());
    assertEquals(0, a.startMillis());
    assertArray(new double[] {2, 1, 1, 0}, a.values(Statistic.COUNT));
    assertArray(new double[] {4, 5, 0, 0}, a.values(Statistic.SUM));
    assertArray(new double[] {2, 5, Double.NaN, Double.NaN}, a.values(Statistic.MEAN));
    assertArray(new double[] {Math.sqrt(2), Double.NaN, Double.NaN, Double.NaN}, a.values(Statistic.STDDEV));
    assertArray(new double[] {1, 5, Double.NaN, Double.NaN}, a.values(Statistic.MIN));
    assertArray(new double[] {3, 5, Double.NaN, Double.NaN}, a.values(Statistic.MAX));
  }

  @Test
  public void standardDeviationExactWithLargeOffsets() {
    ReferenceWindowStats r = new ReferenceWindowStats(0, 10, 10);
    double[] xs = {1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3};
    for (double x : xs) {
      r.add("a", 1, x);
    }
    double sd = r.histories().get("a").values(Statistic.STDDEV)[0];
    assertEquals(0.1, sd, 1e-6);
  }

  @Test(expected = IllegalArgumentException.class)
  public void rejectsPartialWindows() {
    new ReferenceWindowStats(0, 25, 10);
  }

  static void assertArray(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue("index " + i + " should be NaN, was " + actual[i], Double.isNaN(actual[i]));
      } else {
        assertEquals("index " + i, expected[i], actual[i], 1e-12);
      }
    }
  }
}
