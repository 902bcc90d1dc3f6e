package dev.augur.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class DownsampleTest {
  private static List<Point> wave(int n) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double expected = Math.sin(i / 50.0);
      double actual = expected + (i == 7321 ? 40 : i == 9000 ? -25 : 0.01 * (i % 7));
      double score = i == 5555 ? 3.5 : (actual - expected) / 0.5;
      points.add(new Point(i * 60_000L, (i + 1) * 60_000L, actual, expected, expected - 0.5, expected + 0.5, score, "WITHIN"));
    }
    return points;
  }

  @Test
  public void shortSeriesAreLeftAlone() {
    List<Point> points = wave(100);
    assertSame(points, Downsample.thin(points, 100));
  }

  @Test
  public void longSeriesKeepTheirExtremesAndWorstDeviationInOrder() {
    List<Point> points = wave(10_000);
    List<Point> thin = Downsample.thin(points, 400);
    assertTrue(thin.size() + " points", thin.size() <= 400 && thin.size() >= 100);
    for (int i = 1; i < thin.size(); i++) {
      assertTrue(thin.get(i).startMillis() > thin.get(i - 1).startMillis());
    }
    assertTrue(thin.contains(points.get(7321)));
    assertTrue(thin.contains(points.get(9000)));
    assertTrue(thin.contains(points.get(0)));
    double max = thin.stream().mapToDouble(Point::absScore).max().getAsDouble();
    assertEquals(points.stream().mapToDouble(Point::absScore).max().getAsDouble(), max, 0);
  }
}
