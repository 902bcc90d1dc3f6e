package dev.augur.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.augur.models.ModelScope;
import dev.augur.models.Statistic;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.IncidentScope;
import dev.augur.transforms.backtest.WalkForward;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

public class BacktestConfigTest {
  private static BacktestOptions options(String... extra) {
    String[] base = {"--input=/data/*.jsonl", "--output=/out/"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return PipelineOptionsFactory.fromArgs(args).as(BacktestOptions.class);
  }

  @Test
  public void defaultsAreThoseOfTheBatchAndTheStream() {
    BacktestConfig c = BacktestConfig.from(options("--window=15m"));
    assertEquals("/out", c.output());
    assertEquals(Duration.standardMinutes(15), c.window());
    assertEquals(
        List.of(Statistic.COUNT, Statistic.MEAN, Statistic.STDDEV, Statistic.SUM), c.statistics());
    assertEquals(96, c.horizonWindows());
    assertEquals(14 * 96, c.trainWindows());
    assertEquals(96, c.retrainWindows());
    assertEquals(ModelScope.GLOBAL, c.modelScope());
    assertNull(c.labels());
    assertEquals("/out/comparisons", c.comparisons());
    assertEquals("/out/incidents", c.incidents());
    assertEquals("/out/evaluation.json", c.evaluation());
    assertEquals("/out/dead-letters", c.deadLetters());
    assertEquals("/out/report.html", c.report());
    // The stream's alarm defaults, as its options give them.
    assertEquals(
        AlarmConfig.builder().minScore(1.85).incidentScope(IncidentScope.SERIES).build(), c.alarm());
    WalkForward.Settings s = c.settings();
    assertEquals(96, s.forecast().horizonWindows());
    assertEquals(0, s.forecast().holdoutWindows());
    assertEquals(0.9, s.forecast().coverage(), 0);
    assertEquals("auto", s.forecast().bandBaseline());
    assertEquals(false, s.forecast().widenPerSeries());
    assertEquals(
        true,
        BacktestConfig.from(options("--window=15m", "--widenPerSeries=true"))
            .settings().forecast().widenPerSeries());
    assertEquals(
        "day_median",
        BacktestConfig.from(options("--window=15m", "--bandBaseline=DAY_MEDIAN"))
            .settings().forecast().bandBaseline());
  }

  private static void assertNames(String option, String... args) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> BacktestConfig.from(options(args)));
    assertEquals(option, e.option());
    assertThat(e.getMessage(), containsString("--" + option));
  }

  @Test
  public void badOptionsAreNamed() {
    assertNames("retrainEvery", "--horizon=1d", "--retrainEvery=2d");
    assertNames("retrainEvery", "--window=1h", "--retrainEvery=90m");
    assertNames("trainSpan", "--trainSpan=0");
    assertNames("statistics", "--targets=count", "--statistics=count,mean");
    assertNames("minScore", "--minScore=-1");
    assertNames("modelScope", "--modelScope=everything");
    assertNames("intervalCoverage", "--intervalCoverage=1.5");
  }

  /**
   * A span too short for the first models is refused before any work, with the span they need:
   * for hourly windows and a one-day horizon, 74 windows of training (a day and the 50 rows a fit
   * needs) and 48 of calibration.
   */
  @Test
  public void aTrainingSpanTooShortForTheFirstModelsIsNamedWithWhatTheyNeed() {
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> BacktestConfig.from(options("--window=1h", "--trainSpan=4d")));
    assertEquals("trainSpan", e.option());
    assertThat(e.getMessage(), containsString("(96 windows) is shorter than the 122 windows the first models need"));
    assertThat(e.getMessage(), containsString("give --trainSpan=122h or more"));
    assertEquals(122, BacktestConfig.from(options("--window=1h", "--trainSpan=122")).trainWindows());
  }

  @Test
  public void theReportGoesUnderTheOutputUnlessPlacedOrTurnedOff() {
    assertEquals("/tmp/r.html", BacktestConfig.from(options("--report=/tmp/r.html")).report());
    assertNull(BacktestConfig.from(options("--report=none")).report());
    assertEquals("s3://bucket/backtest/report.html", BacktestConfig.report("", "s3://bucket/backtest"));
    assertEquals("s3://bucket/r.html", BacktestConfig.report("s3://bucket/r.html", "/tmp/out"));
  }
}
