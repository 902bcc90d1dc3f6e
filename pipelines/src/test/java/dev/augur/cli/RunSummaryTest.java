package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
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
  private String printed(String window, String modelsTrained) throws Exception {
    Path out = tmp.getRoot().toPath();
    BatchConfig config =
        BatchConfig.from(
            PipelineOptionsFactory.fromArgs(
                    "--input=/in/*.jsonl", "--output=" + out, "--window=" + window,
                    "--modelVersion=v1")
                .as(BatchOptions.class),
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
}
