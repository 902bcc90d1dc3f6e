package dev.augur.models;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class LagFeaturesTest {
  private static final long SIX_HOURS = 6 * 3_600_000L;
  /** Monday 2024-01-01 00:00 UTC. */
  private static final long MONDAY = 1_704_067_200_000L;

  private static final ForecastConfig SMALL =
      ForecastConfig.builder().recentLags(2).seasonalNeighbours(1).seasonalDays(2)
          .seasonalWeeks(1).build();

  @Test
  public void namesFollowTheWindowSize() {
    LagFeatures f = LagFeatures.of(SIX_HOURS, SMALL);
    assertEquals(4, f.dayWindows());
    assertEquals(28, f.weekWindows());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 27, 28, 29}, f.lags());
    assertEquals(
        List.of("lag_1", "lag_2", "lag_3", "lag_4", "lag_5", "lag_27", "lag_28", "lag_29",
            "day_mean", "day_dev", "day_adj", "day_ratio_adj", "day_step_adj",
            "week_mean", "week_dev", "week_adj", "week_ratio_adj", "week_step_adj",
            "roll_mean_short", "roll_mean_long", "roll_std_long", "hour_of_day", "day_of_week",
            "log_scale"),
        f.names());
  }

  /**
   * The median of the same window over the last days, where the band starts: one day's outlier
   * does not move it, missing days are skipped, an even number of days averages the middle two.
   */
  @Test
  public void daySlotMedianIsTheSameWindowsMedianOverTheLastDays() {
    ForecastConfig threeDays = ForecastConfig.builder().recentLags(2).seasonalDays(3).build();
    LagFeatures f = LagFeatures.of(SIX_HOURS, threeDays);
    // Four windows a day; window 1 of each day: 10, 400, 12, then the one described.
    double[] x = {0, 10, 0, 0, 0, 400, 0, 0, 0, 12, 0, 0, 0, 0};
    assertEquals(6.0, f.daySlotMedian(x, 13, 2.0), 0);
    assertEquals(12.0, f.daySlotMedian(x, 13, 1.0), 0);
    x[9] = Double.NaN;
    assertEquals(205.0, f.daySlotMedian(x, 13, 1.0), 0);
    assertTrue(Double.isNaN(f.daySlotMedian(x, 3, 1.0)));
    assertTrue(Double.isNaN(LagFeatures.of(LagFeatures.DAY_MILLIS, threeDays).daySlotMedian(x, 13, 1.0)));
  }

  @Test
  public void noDailyLagWhenADayIsOneWindow() {
    LagFeatures f = LagFeatures.of(LagFeatures.DAY_MILLIS, SMALL);
    assertEquals(0, f.dayWindows());
    assertEquals(7, f.weekWindows());
    assertArrayEquals(new int[] {1, 2, 6, 7, 8}, f.lags());
    assertTrue(!f.names().contains("day_mean"));
  }

  @Test
  public void noSeasonalLagsForWeeklyWindows() {
    LagFeatures f = LagFeatures.of(7 * LagFeatures.DAY_MILLIS, SMALL);
    assertEquals(0, f.weekWindows());
    assertArrayEquals(new int[] {1, 2}, f.lags());
  }

  /** x[i] = i + 1 on 6-hour windows; window 32 starts Saturday 2024-01-09 00:00 UTC. */
  @Test
  public void exactValuesOnAHandMadeHistory() {
    LagFeatures f = LagFeatures.of(SIX_HOURS, SMALL);
    double[] x = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    x[30] = Double.NaN; // lag 2 of window 32 is missing
    int t = 32;
    long start = MONDAY + t * SIX_HOURS;
    // Scale: median |x| of the 28 windows before the UTC day of window 32 (index 32 starts a
    // day), i.e. x[4..31] = 5..32 without the missing 31 -> 27 values 5..30, 32: median 18.
    double scale = f.scale(x, MONDAY, t, t);
    assertEquals(18.0, scale, 0);

    double[] out = new double[f.size()];
    f.compute(x, t, start, scale, out, 0);
    double s = scale;
    double[] expected = {
      32 / s, Double.NaN, 30 / s, 29 / s, 28 / s, 6 / s, 5 / s, 4 / s,
      // day: same window 1 and 2 days back: x[28] = 29, x[24] = 25 -> mean 27.
      // recent windows 31 (value 32) and 30 (missing): slots of 31 are x[27], x[23] = 28, 24
      // -> mean 26, deviation 32 - 26 = 6; ratio 32 / 26; step: x[31] + 27 - 26.
      27 / s, 6 / s, 33 / s, 27 * (32.0 / 26) / s, 33 / s,
      // week: x[4] = 5; window 31's slot x[3] = 4 -> deviation 28; step 32 + 5 - 4.
      5 / s, 28 / s, 33 / s, 5 * (32.0 / 4) / s, 33 / s,
      // rolling short = last 2 windows (30 missing) -> 32; long = last day (28..31 = 29, 30, 32)
      32 / s, 91.0 / 3 / s, Math.sqrt((Math.pow(29 - 91.0 / 3, 2) + Math.pow(30 - 91.0 / 3, 2)
          + Math.pow(32 - 91.0 / 3, 2)) / 3) / s,
      0.0, 2.0, Math.log10(18)
    };
    assertArrayEquals(expected, out, 1e-12);
  }

  @Test
  public void calendarFromWindowStartInUtc() {
    LagFeatures f = LagFeatures.of(30 * 60_000L, SMALL);
    double[] out = new double[f.size()];
    double[] x = new double[10];
    java.util.Arrays.fill(x, 1);
    // Sunday 2024-01-07 13:30 UTC
    long sunday = MONDAY + 6 * LagFeatures.DAY_MILLIS + 13 * 3_600_000L + 30 * 60_000L;
    f.compute(x, 5, sunday, 1.0, out, 0);
    assertEquals(13.5, out[f.names().indexOf("hour_of_day")], 0);
    assertEquals(7.0, out[f.names().indexOf("day_of_week")], 0);
    assertEquals(0.0, out[f.names().indexOf("log_scale")], 0);
  }

  @Test
  public void featuresReadOnlyEarlierWindows() {
    LagFeatures f = LagFeatures.of(SIX_HOURS, SMALL);
    double[] x = new double[60];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i) + 2;
    }
    double[] a = new double[f.size()];
    f.compute(x, 50, MONDAY + 50 * SIX_HOURS, 2.0, a, 0);
    for (int i = 50; i < x.length; i++) {
      x[i] = 1e6;
    }
    double[] b = new double[f.size()];
    f.compute(x, 50, MONDAY + 50 * SIX_HOURS, 2.0, b, 0);
    assertArrayEquals(a, b, 0);
  }

  @Test
  public void scaleFallsBackWhenTheMedianIsZero() {
    LagFeatures f = LagFeatures.of(SIX_HOURS, SMALL);
    double[] x = new double[40];
    x[10] = 9; // 27 zeros and one 9 before window 32 -> mean 9 / 28
    assertEquals(9.0 / 28, f.scale(x, MONDAY, 32, 32), 1e-15);
    assertEquals(1.0, f.scale(new double[40], MONDAY, 32, 32), 0);
    double[] missing = new double[40];
    java.util.Arrays.fill(missing, Double.NaN);
    assertTrue(Double.isNaN(f.scale(missing, MONDAY, 32, 32)));
  }

  @Test
  public void scaleStopsAtTheForecastOrigin() {
    LagFeatures f = LagFeatures.of(SIX_HOURS, SMALL);
    double[] x = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    // Window 34 is in the day starting at 32; with origin 33 the span still ends at 32.
    assertEquals(f.scale(x, MONDAY, 32, 32), f.scale(x, MONDAY, 34, 33), 0);
    // With origin 30 the span ends at 30: x[2..29] = 3..30 -> median 16.5.
    assertEquals(16.5, f.scale(x, MONDAY, 34, 30), 0);
  }
}
