package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.models.Statistic;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.parse.ParseEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunSummaryTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /**
   * What {@link RunSummary#print} prints for version v1 of a batch run with {@code window}, whose
   * manifest lists {@code modelsTrained} (a JSON array).
   */
  private String printed(String window, String modelsTrained, String... options)
      throws Exception {
    Path out = tmp.newFolder().toPath();
    List<String> args = new java.util.ArrayList<>(List.of(
        "--input=/in/*.jsonl", "--output=" + out, "--window=" + window, "--modelVersion=v1"));
    args.addAll(List.of(options));
    BatchConfig config =
        BatchConfig.from(
            PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(BatchOptions.class),
            Instant.now());
    Path manifest = Path.of(WriteForecastRun.runManifestPath(out.toString(), "v1"));
    Files.createDirectories(manifest.getParent());
    Files.writeString(
        manifest,
        "{\"model_version\":\"v1\",\"forecast_count\":96,\"valid_until\":\"2024-05-02T00:00:00Z\","
            + "\"forecasts\":\"forecasts/v1/\",\"models\":\"models/v1/\","
            + "\"models_trained\":" + modelsTrained + "}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunSummary.print(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A model trained on a history too short for a holdout says so, rather than a row of NaN. */
  @Test
  public void aModelWithoutAHoldoutIsSaidNotEvaluated() throws Exception {
    String printed = printed("15m", "[{\"statistic\":\"count\",\"holdout\":null}]");
    assertThat(
        printed,
        containsString(
            "count   not evaluated: the history holds no holdout (each series needs 384 windows (4d)"
                + " to train a model, 576 (6d) for the trainer to also hold out a span"));
    assertThat(printed, not(containsString("NaN")));
  }

  /** A holdout line of {@code statistic} with these figures, as a manifest lists it. */
  private static String model(String statistic, String baseline, double mase) {
    return "{\"statistic\":\"" + statistic + "\",\"holdout\":{\"baseline\":\"" + baseline
        + "\",\"series\":2,\"origins\":48,\"horizon\":96,\"windows\":9216,\"wape\":0.1,"
        + "\"mase\":" + mase + ",\"coverage\":0.86,\"nominal_coverage\":0.9}}";
  }

  /** Forecasts that lose to the seasonal naive one are told, with what usually mends it. */
  @Test
  public void forecastsWorseThanTheSeasonalNaiveAreWarnedOf() throws Exception {
    String shortHistory =
        printed(
            "15m",
            "[" + model("count", "DAILY", 1.665) + "," + model("mean", "DAILY", 1.755) + ","
                + model("stddev", "DAILY", 1.0004) + "," + model("sum", "DAILY", 1.495) + "]");
    // Not stddev: its 1.0004 reads 1.000 on its line.
    assertThat(
        shortHistory,
        containsString(
            "warning: the count, mean and sum forecasts did worse over the holdout than the"
                + " seasonal naive one (MASE above 1)"));
    assertThat(shortHistory, containsString("under a week long"));
    // The figures are of the models fit before the holdout, not of those published.
    assertThat(shortHistory, containsString("the models published are refit on them"));

    String weekly = printed("15m", "[" + model("mean", "WEEKLY", 1.349) + "]");
    assertThat(weekly, containsString("warning: the mean forecasts did worse"));
    assertThat(weekly, containsString("More history usually mends it"));

    assertThat(
        printed("15m", "[" + model("count", "WEEKLY", 0.806) + "]"), not(containsString("warning")));
    // Daily windows are measured against the last value until a week of them came before the
    // holdout.
    String daily = printed("1d", "[" + model("count", "LAST_VALUE", 1.2) + "]");
    assertThat(daily, containsString("warning: the count forecasts did worse"));
    assertThat(daily, containsString("under a week long"));
    // Only the losing models speak for the history: a statistic whose losing series models were
    // all measured weekly is not told its history was under a week.
    String perSeries =
        printed(
            "15m",
            "[" + model("sum", "WEEKLY", 1.2) + "," + model("sum", "WEEKLY", 1.1) + ","
                + model("sum", "DAILY", 0.9) + "]");
    assertThat(perSeries, containsString("warning: the sum forecasts did worse"));
    assertThat(perSeries, containsString("More history usually mends it"));
  }

  /** The holdout's figures say what they count: forecasts, one per origin and step ahead. */
  @Test
  public void theHoldoutLineCountsForecastsOfWindows() throws Exception {
    String printed =
        printed(
            "30m",
            "[{\"statistic\":\"count\",\"holdout\":{\"baseline\":\"DAILY\",\"series\":4,"
                + "\"origins\":12,\"horizon\":48,\"windows\":2304,\"wape\":0.079,\"mase\":1.179,"
                + "\"coverage\":0.858,\"ordinary_windows\":2268,\"ordinary_coverage\":0.871,"
                + "\"nominal_coverage\":0.9}}]");
    assertThat(
        printed,
        containsString(
            "count   WAPE=  7.9%  MASE=1.179 (vs daily)  coverage=85.8% (87.1% leaving out the 36"
                + " forecasts of windows taken for anomalies; nominal 90%)  forecasts=2,304 (4"
                + " series, 12 origins, 48 steps ahead)"));
  }

  /**
   * A global model's line is followed by the series its holdout covered least, and, when the
   * least covered fell well short of the nominal coverage, by the option that widens their bands;
   * not once that option is on, nor for series close to nominal.
   */
  @Test
  public void theLeastCoveredSeriesFollowAGlobalModelsLine() throws Exception {
    String models =
        "[{\"statistic\":\"mean\",\"holdout\":{\"baseline\":\"WEEKLY\",\"series\":12,"
            + "\"origins\":48,\"horizon\":96,\"windows\":55296,\"wape\":0.07,\"mase\":0.7,"
            + "\"coverage\":0.9,\"ordinary_windows\":55000,\"ordinary_coverage\":0.9,"
            + "\"nominal_coverage\":0.9,\"least_covered\":["
            + "{\"series\":\"service=login\",\"windows\":4600,\"coverage\":0.712},"
            + "{\"series\":\"service=cart\",\"windows\":4608,\"coverage\":0.86},"
            + "{\"series\":\"service=search\",\"windows\":4590,\"coverage\":0.875}]}}]";
    String printed = printed("15m", models);
    assertThat(
        printed,
        containsString(
            "forecasts=55,296 (12 series, 48 origins, 96 steps ahead)\n      least covered:"
                + " service=login 71.2% of 4,600, service=cart 86.0% of 4,608, service=search"
                + " 87.5% of 4,590\n"));
    assertThat(
        printed,
        containsString(
            "  note: the mean bands covered some series' windows far less often than nominal"
                + " (least covered, above), so a stream pages on those series more often than on"
                + " the others; --widenPerSeries=true widens each series' band to what its own"
                + " windows need"));
    String widened = printed("15m", models, "--widenPerSeries=true");
    assertThat(widened, containsString("least covered: service=login 71.2%"));
    assertThat(widened, not(containsString("--widenPerSeries=true widens")));
    String close = models.replace("0.712", "0.851");
    assertThat(
        printed("15m", close), containsString("least covered: service=login 85.1% of 4,600"));
    assertThat(printed("15m", close), not(containsString("--widenPerSeries")));
    // A model without them (one series, or metadata written before) prints no such line.
    assertThat(
        printed("15m", models.replaceAll(",\"least_covered\":\\[[^\\]]*\\]", "")),
        not(containsString("least covered")));
  }

  /**
   * Models per series are summed up in one line per statistic once there are more than a few: a
   * run over hundreds of series printed a line per series and statistic.
   */
  @Test
  public void manySeriesModelsAreSummedUpPerStatistic() throws Exception {
    StringBuilder models = new StringBuilder("[");
    double[] wapes = {0.10, 0.12, 0.30, 0.08, 0.11, 0.09};
    double[] mases = {0.8, 0.9, 1.4, 0.7, 0.85, 0.75};
    double[] coverages = {0.9, 0.8, 1.0, 0.9, 0.9, 0.9};
    for (int i = 0; i < wapes.length; i++) {
      models.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"statistic\":\"sum\",\"series\":\"shop-%d\",\"holdout\":{\"baseline\":\"WEEKLY\","
              + "\"windows\":%d,\"wape\":%s,\"mase\":%s,\"coverage\":%s,"
              + "\"nominal_coverage\":0.9}}",
          i, i == 1 ? 200 : 100, wapes[i], mases[i], coverages[i]));
    }
    models.append(",{\"statistic\":\"sum\",\"series\":\"shop-new\",\"holdout\":null}");
    models.append(",{\"statistic\":\"count\",\"series\":\"shop-0\",\"holdout\":null}]");
    String printed = printed("30m", models.toString());
    assertThat(
        printed,
        containsString(
            "sum     7 series models: WAPE median 10.5% (worst 30.0%, shop-2)  MASE median 0.825"
                + " (worst 1.400, shop-2; above 1 for 1)  coverage=88.6% of 700 forecasts pooled"
                + " (nominal 90%); 1 not evaluated: the history holds no holdout"));
    assertThat(printed, not(containsString("shop-3")));
    // Coverage is pooled over forecasts (620 of 700), not averaged over series (90.0 %).
    // A statistic with few series models keeps a line per series.
    assertThat(printed, containsString("count   shop-0 not evaluated"));
    assertThat(printed, containsString("each series' figures: "));
  }

  @Test
  public void aRunWhoseEventsAllLackedTheValueFieldIsWarnedOfWhenItNeedsValues() {
    Map<String, Long> allCounted =
        Map.of(
            ParseEvents.PARSED_COUNTER, 1200L,
            ParseEvents.WITHOUT_VALUE_COUNTER, 1200L);
    List<Statistic> countAndSum =
        List.of(Statistic.COUNT, Statistic.SUM);
    assertThat(
        RunSummary.noValues("augur stream", allCounted, "amount", countAndSum).orElseThrow(),
        containsString("augur stream: warning: none of the 1,200 events parsed had the value"
            + " field 'amount' (--valueField)"));
    // Counts alone need no value; one event with a value shows the field is right.
    assertTrue(
        RunSummary.noValues("augur stream", allCounted, "amount",
                List.of(Statistic.COUNT))
            .isEmpty());
    assertTrue(
        RunSummary.noValues("augur stream",
                Map.of(
                    ParseEvents.PARSED_COUNTER, 1200L,
                    ParseEvents.WITHOUT_VALUE_COUNTER, 1199L),
                "amount", countAndSum)
            .isEmpty());
  }

  /**
   * With no event read (every line refused), what history a series needs is beside the point:
   * the reason the lines were refused, printed before, is what to fix.
   */
  @Test
  public void aRunThatReadNoEventGivesNoHistoryAdvice() {
    BatchConfig config =
        BatchConfig.from(
            PipelineOptionsFactory.fromArgs(
                    "--input=/in/*.jsonl", "--output=/out", "--window=30m", "--horizon=6h",
                    "--modelVersion=v1")
                .as(BatchOptions.class),
            Instant.now());
    String none = RunSummary.noForecasts("augur batch", config, false);
    assertEquals("augur batch: no model could be trained, so version v1 has no forecasts and"
        + " /out/manifest.json still names the version before it, if any.", none);
    assertTrue(RunSummary.noForecasts("augur batch", config, true)
        .contains("Each series needs 122 windows (61h) to train a model"));
  }
}
