package dev.augur.transforms.detect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.models.Statistic;
import dev.augur.transforms.records.Comparison.Direction;
import org.junit.Test;

public class DeviationScoreTest {
  @Test
  public void scoresInHalfWidthsOfTheSideDeviatedTo() {
    // Interval [6, 14] around 10: the upper half is 4 wide, the lower half 4.
    assertEquals(new DeviationScore(0.0, Direction.WITHIN), DeviationScore.of(10, 10, 6, 14));
    assertEquals(new DeviationScore(0.5, Direction.WITHIN), DeviationScore.of(12, 10, 6, 14));
    assertEquals(new DeviationScore(-0.75, Direction.WITHIN), DeviationScore.of(7, 10, 6, 14));
    assertEquals(new DeviationScore(2.5, Direction.ABOVE), DeviationScore.of(20, 10, 6, 14));
    assertEquals(new DeviationScore(-2.0, Direction.BELOW), DeviationScore.of(2, 10, 6, 14));
  }

  @Test
  public void usesEachSidesOwnWidthForAsymmetricIntervals() {
    // [8, 20] around 10: 2 below, 10 above.
    assertEquals(new DeviationScore(1.5, Direction.ABOVE), DeviationScore.of(25, 10, 8, 20));
    assertEquals(new DeviationScore(-1.5, Direction.BELOW), DeviationScore.of(7, 10, 8, 20));
  }

  @Test
  public void theIntervalEdgesAreWithin() {
    assertEquals(new DeviationScore(1.0, Direction.WITHIN), DeviationScore.of(14, 10, 6, 14));
    assertEquals(new DeviationScore(-1.0, Direction.WITHIN), DeviationScore.of(6, 10, 6, 14));
  }

  @Test
  public void aDeviationTowardsAZeroWidthSideSaturates() {
    // A count forecast clipped at 0: [0, 0] around 0.
    assertEquals(new DeviationScore(0.0, Direction.WITHIN), DeviationScore.of(0, 0, 0, 0));
    assertEquals(
        new DeviationScore(DeviationScore.SATURATED, Direction.ABOVE), DeviationScore.of(1, 0, 0, 0));
    // A sum never negative, forecast as 0 with room above: a first negative value saturates.
    assertEquals(
        new DeviationScore(-DeviationScore.SATURATED, Direction.BELOW),
        DeviationScore.of(-0.5, 0, 0, 7));
    assertEquals(new DeviationScore(0.5, Direction.WITHIN), DeviationScore.of(3.5, 0, 0, 7));
  }

  @Test
  public void aValueBeyondASideCollapsedOntoTheForecastIsJustOutsideByTheOtherSidesMeasure() {
    // The lower quantile crossed the median: [5, 7] around 5. A shortfall of 0.5 is outside the
    // interval, past its edge by a quarter of the upper half-width; not infinitely far.
    assertEquals(new DeviationScore(-1.25, Direction.BELOW), DeviationScore.of(4.5, 5, 5, 7));
    assertEquals(new DeviationScore(-2.5, Direction.BELOW), DeviationScore.of(2, 5, 5, 7));
    assertEquals(new DeviationScore(0.5, Direction.WITHIN), DeviationScore.of(6, 5, 5, 7));
    // The same above: [3, 5] around 5.
    assertEquals(new DeviationScore(1.25, Direction.ABOVE), DeviationScore.of(5.5, 5, 3, 5));
    // Below a negative forecast there is no floor.
    assertEquals(new DeviationScore(-1.5, Direction.BELOW), DeviationScore.of(-3, -2, -2, 0));
  }

  @Test
  public void aCountIsScoredOnTheSquareRootScale() {
    // About 5 events a window, band [2, 8]: silence is -1.67 on the linear scale, which no
    // --minScore above it could call material; on the square-root scale it is
    // -sqrt(5) / (sqrt(5) - sqrt(2)) = -2.72.
    assertEquals(-5.0 / 3, DeviationScore.of(0, 5, 2, 8).score(), 1e-12);
    DeviationScore silence = DeviationScore.of(Statistic.COUNT, 0, 5, 2, 8);
    assertEquals(-Math.sqrt(5) / (Math.sqrt(5) - Math.sqrt(2)), silence.score(), 1e-12);
    assertEquals(Direction.BELOW, silence.direction());
    assertEquals(
        (Math.sqrt(20) - Math.sqrt(5)) / (Math.sqrt(8) - Math.sqrt(5)),
        DeviationScore.of(Statistic.COUNT, 20, 5, 2, 8).score(),
        1e-12);
    // The band's edges stay its edges, and a count inside it stays inside.
    assertEquals(
        new DeviationScore(-1.0, Direction.WITHIN), DeviationScore.of(Statistic.COUNT, 2, 5, 2, 8));
    assertEquals(
        new DeviationScore(1.0, Direction.WITHIN), DeviationScore.of(Statistic.COUNT, 8, 5, 2, 8));
    assertEquals(
        (Math.sqrt(3) - Math.sqrt(5)) / (Math.sqrt(5) - Math.sqrt(2)),
        DeviationScore.of(Statistic.COUNT, 3, 5, 2, 8).score(),
        1e-12);
    assertEquals(
        new DeviationScore(0.0, Direction.WITHIN), DeviationScore.of(Statistic.COUNT, 5, 5, 2, 8));
    // At hundreds of events a window the scales nearly agree: 850 under [900, 1100] around 1000.
    assertEquals(-1.5, DeviationScore.of(850, 1000, 900, 1100).score(), 1e-12);
    assertEquals(-1.52, DeviationScore.of(Statistic.COUNT, 850, 1000, 900, 1100).score(), 0.01);
    // Silence where the band reaches 0 is within it on either scale; a first event after a
    // forecast of nothing is measured against the upper edge.
    assertEquals(
        new DeviationScore(-1.0, Direction.WITHIN),
        DeviationScore.of(Statistic.COUNT, 0, 2.3, 0, 5.8));
    assertEquals(
        Math.sqrt(3) / Math.sqrt(2), DeviationScore.of(Statistic.COUNT, 3, 0, 0, 2).score(), 1e-12);
  }

  @Test
  public void otherStatisticsAndSidesWithoutWidthKeepTheLinearRules() {
    for (Statistic statistic : new Statistic[] {Statistic.SUM, Statistic.MEAN, Statistic.STDDEV}) {
      assertEquals(DeviationScore.of(0, 5, 2, 8), DeviationScore.of(statistic, 0, 5, 2, 8));
      assertEquals(DeviationScore.of(20, 5, 2, 8), DeviationScore.of(statistic, 20, 5, 2, 8));
    }
    // A lower side collapsed onto the forecast: just past the edge, by the other side's measure.
    assertEquals(DeviationScore.of(4, 5, 5, 7), DeviationScore.of(Statistic.COUNT, 4, 5, 5, 7));
    // A count forecast as certainly 0: any event saturates.
    assertEquals(DeviationScore.of(1, 0, 0, 0), DeviationScore.of(Statistic.COUNT, 1, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> DeviationScore.of(Statistic.COUNT, 0, 5, 6, 8));
  }

  @Test
  public void clampsHugeScores() {
    assertEquals(
        new DeviationScore(DeviationScore.SATURATED, Direction.ABOVE),
        DeviationScore.of(1e9, 10, 9, 11));
    assertEquals(
        new DeviationScore(-DeviationScore.SATURATED, Direction.BELOW),
        DeviationScore.of(-1e9, 10, 9, 11));
  }

  @Test
  public void rejectsNonFiniteValuesAndDisorderedIntervals() {
    assertThrows(IllegalArgumentException.class, () -> DeviationScore.of(Double.NaN, 10, 6, 14));
    assertThrows(
        IllegalArgumentException.class, () -> DeviationScore.of(10, 10, 6, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> DeviationScore.of(10, 15, 6, 14));
    assertThrows(IllegalArgumentException.class, () -> DeviationScore.of(10, 10, 11, 14));
  }
}
