package dev.augur.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Checks that each anomaly kind is plainly visible in the data: window statistics inside a label
 * are compared with the same window one day earlier. The runs cover Monday to Thursday so the
 * comparison day is a weekday too.
 */
public class AnomalyVisibilityTest {
  private static final long DAY_MS = 86_400_000L;

  private static GeneratorConfig config(double countOnlyFraction, AnomalyKind kind) {
    return GeneratorConfig.builder()
        .seed(2024)
        .seriesCount(8)
        .start(Instant.parse("2024-05-06T00:00:00Z"))
        .duration(Duration.ofDays(4))
        .cleanPeriod(Duration.ofDays(2))
        .anomaliesPerSeriesPerDay(2)
        .countOnlyFraction(countOnlyFraction)
        .anomalyKinds(kind)
        .build();
  }

  /** Count, mean, coefficient of variation and zeros of one series over one window. */
  private static final class Window {
    long count;
    long zeros;
    double sum;
    double sumSquares;

    void add(SyntheticEvent e) {
      count++;
      if (e.hasValue()) {
        sum += e.value();
        sumSquares += e.value() * e.value();
        zeros += e.value() == 0 ? 1 : 0;
      }
    }

    double mean() {
      return sum / count;
    }

    double cv() {
      double m = mean();
      return Math.sqrt(Math.max(0, sumSquares / count - m * m)) / m;
    }
  }

  /** Window statistics inside each label ([0]) and over the same window a day before ([1]). */
  private static Map<AnomalyLabel, Window[]> measure(SyntheticGenerator g) {
    Map<String, List<AnomalyLabel>> bySeries = new HashMap<>();
    Map<AnomalyLabel, Window[]> out = new HashMap<>();
    for (AnomalyLabel l : g.labels()) {
      bySeries.computeIfAbsent(l.series(), k -> new ArrayList<>()).add(l);
      out.put(l, new Window[] {new Window(), new Window()});
    }
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      for (AnomalyLabel l : bySeries.getOrDefault(e.seriesKey(), List.of())) {
        if (l.contains(e.timestampMillis())) {
          out.get(l)[0].add(e);
        } else if (l.contains(e.timestampMillis() + DAY_MS)) {
          out.get(l)[1].add(e);
        }
      }
    }
    return out;
  }

  /** Labels whose previous-day window is free of anomalies of the same series. */
  private static List<AnomalyLabel> comparable(SyntheticGenerator g, AnomalyKind kind) {
    List<AnomalyLabel> out = new ArrayList<>();
    for (AnomalyLabel l : g.labels()) {
      assertEquals(kind, l.kind());
      AnomalyLabel dayBefore =
          new AnomalyLabel(
              l.series(), l.startMillis() - DAY_MS, l.endMillis() - DAY_MS, kind, true, true);
      if (g.labels().stream().noneMatch(dayBefore::overlaps)) {
        out.add(l);
      }
    }
    assertThat("labels to check for " + kind, out.size(), greaterThan(5));
    return out;
  }

  private static Map<AnomalyLabel, Window[]> check(SyntheticGenerator g, AnomalyKind kind) {
    Map<AnomalyLabel, Window[]> all = measure(g);
    Map<AnomalyLabel, Window[]> out = new HashMap<>();
    for (AnomalyLabel l : comparable(g, kind)) {
      out.put(l, all.get(l));
      assertThat(l + " has a populated day-before window", all.get(l)[1].count, greaterThan(20L));
    }
    return out;
  }

  @Test
  public void spikesRaiseTheWindowMeanSeveralFold() {
    check(new SyntheticGenerator(config(0, AnomalyKind.SPIKE)), AnomalyKind.SPIKE)
        .forEach((l, w) -> assertThat(l.toString(), w[0].mean(), greaterThan(2.5 * w[1].mean())));
  }

  @Test
  public void dipsLowerTheWindowMeanSeveralFold() {
    check(new SyntheticGenerator(config(0, AnomalyKind.DIP)), AnomalyKind.DIP)
        .forEach((l, w) -> assertThat(l.toString(), w[0].mean(), lessThan(0.4 * w[1].mean())));
  }

  @Test
  public void levelShiftsMoveTheMeanOrTheRateAtLeastByHalf() {
    check(new SyntheticGenerator(config(0, AnomalyKind.LEVEL_SHIFT)), AnomalyKind.LEVEL_SHIFT)
        .forEach(
            (l, w) -> {
              double meanRatio = w[0].mean() / w[1].mean();
              double countRatio = (double) w[0].count / w[1].count;
              boolean valueShift = meanRatio > 1.5 || meanRatio < 1 / 1.5;
              boolean rateShift = countRatio > 1.5 || countRatio < 1 / 1.5;
              assertEquals(l + " value", l.affectsValues(), valueShift);
              assertEquals(l + " rate", l.affectsCounts(), rateShift);
            });
  }

  @Test
  public void varianceChangesMultiplyTheNoise() {
    check(
            new SyntheticGenerator(config(0, AnomalyKind.VARIANCE_CHANGE)),
            AnomalyKind.VARIANCE_CHANGE)
        .forEach((l, w) -> assertThat(l.toString(), w[0].cv(), greaterThan(2 * w[1].cv())));
  }

  @Test
  public void dropsToZeroKeepEventsButZeroEveryValue() {
    check(new SyntheticGenerator(config(0, AnomalyKind.DROP_TO_ZERO)), AnomalyKind.DROP_TO_ZERO)
        .forEach(
            (l, w) -> {
              assertThat(l.toString(), w[0].count, greaterThan(w[1].count / 2));
              assertEquals(l.toString(), w[0].count, w[0].zeros);
              assertEquals(l.toString(), 0, w[1].zeros);
            });
  }

  @Test
  public void missingDataLeavesNoEventsInTheWindow() {
    check(new SyntheticGenerator(config(0, AnomalyKind.MISSING_DATA)), AnomalyKind.MISSING_DATA)
        .forEach((l, w) -> assertEquals(l.toString(), 0, w[0].count));
  }

  @Test
  public void countOnlySeriesShowAnomaliesInTheirCounts() {
    for (AnomalyKind kind : AnomalyKind.values()) {
      SyntheticGenerator g = new SyntheticGenerator(config(1, kind));
      if (!kind.appliesToCountOnly()) {
        assertTrue(kind + " cannot apply to counts", g.labels().isEmpty());
        continue;
      }
      check(g, kind)
          .forEach(
              (l, w) -> {
                double ratio = (double) w[0].count / w[1].count;
                assertTrue(l.affectsCounts() && !l.affectsValues());
                switch (kind) {
                  case SPIKE:
                    assertThat(l.toString(), ratio, greaterThan(2.5));
                    break;
                  case DIP:
                    assertThat(l.toString(), ratio, lessThan(0.5));
                    break;
                  case LEVEL_SHIFT:
                    assertTrue(l + " ratio " + ratio, ratio > 1.5 || ratio < 1 / 1.5);
                    break;
                  default:
                    assertEquals(l.toString(), 0, w[0].count);
                }
              });
    }
  }
}
