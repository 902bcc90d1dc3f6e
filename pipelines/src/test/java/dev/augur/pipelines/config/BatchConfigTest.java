package dev.augur.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.models.ModelScope;
import dev.augur.models.Statistic;
import dev.augur.pipelines.options.BatchOptions;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class BatchConfigTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:20:30Z");

  private static BatchOptions options(String... extra) {
    String[] base = {"--input=/data/*.jsonl", "--output=/out/"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return PipelineOptionsFactory.fromArgs(args).as(BatchOptions.class);
  }

  @Test
  public void defaultsBecomePlainValues() {
    BatchConfig c = BatchConfig.from(options(), NOW);
    assertEquals("/data/*.jsonl", c.input());
    assertEquals("/out", c.output());
    assertEquals(Duration.standardMinutes(5), c.window());
    assertEquals(288, c.horizonWindows());
    assertEquals(
        List.of(Statistic.COUNT, Statistic.MEAN, Statistic.STDDEV, Statistic.SUM), c.targets());
    assertEquals(ModelScope.GLOBAL, c.modelScope());
    assertEquals("auto", c.forecastConfig().bandBaseline());
    assertEquals(0.9, c.intervalCoverage(), 0);
    assertEquals("20240501T102030Z", c.modelVersion());
    assertEquals("/out/dead-letters/20240501T102030Z", c.deadLetters());
    assertEquals(List.of("region", "service"), c.format().seriesFields());
    // Events dated more than an hour after the run started are dead letters.
    assertEquals(NOW.plus(Duration.standardHours(1)), c.latestEvent());
  }

  @Test
  public void horizonAsWindowsOrDuration() {
    assertEquals(12, BatchConfig.from(options("--window=30m", "--horizon=6h"), NOW).horizonWindows());
    assertEquals(7, BatchConfig.from(options("--window=30m", "--horizon=7"), NOW).horizonWindows());
  }

  @Test
  public void modelScopeIsCaseInsensitive() {
    assertEquals(ModelScope.PER_SERIES, BatchConfig.from(options("--modelScope=per_series"), NOW).modelScope());
  }

  @Test
  public void widenPerSeriesIsOffUnlessAskedForAndReachesTheTrainer() {
    assertEquals(false, BatchConfig.from(options(), NOW).forecastConfig().widenPerSeries());
    assertEquals(
        true,
        BatchConfig.from(options("--widenPerSeries=true"), NOW).forecastConfig().widenPerSeries());
  }

  @Test
  public void theBandBaselineReachesTheTrainerInItsSpelling() {
    assertEquals(
        "day_median",
        BatchConfig.from(options("--bandBaseline=day_median"), NOW).forecastConfig().bandBaseline());
    assertEquals(
        "none", BatchConfig.from(options("--bandBaseline=NONE"), NOW).forecastConfig().bandBaseline());
  }

  private static void assertNames(String option, String... args) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> BatchConfig.from(options(args), NOW));
    assertEquals(option, e.option());
    assertThat(e.getMessage(), containsString("--" + option));
  }

  @Test
  public void badOptionsFailNamingTheOption() {
    assertNames("window", "--window=7m");
    assertNames("window", "--window=soon");
    assertNames("horizon", "--window=30m", "--horizon=45m");
    assertNames("horizon", "--horizon=0");
    assertNames("targets", "--targets=count,median");
    assertNames("modelScope", "--modelScope=regional");
    assertNames("bandBaseline", "--bandBaseline=day_mode");
    // One window a day has no same window on earlier days within a day's reach.
    assertNames("bandBaseline", "--window=1d", "--horizon=7", "--bandBaseline=DAY_MEDIAN");
    assertNames("intervalCoverage", "--intervalCoverage=1.5");
    assertNames("modelVersion", "--modelVersion=a/b");
    assertNames("seriesFields", "--seriesFields=");
    assertNames("timestampField/--valueField/--seriesFields", "--seriesFields=ts");
  }
}
