package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.Test;

/** The same batch command, unchanged, on an embedded Flink cluster ({@code --flinkMaster=[local]}). */
public class FlinkBatchIT {
  @Test
  public void batchRunsOnEmbeddedFlink() throws Exception {
    Path work = Paths.get("target/it/flink").toAbsolutePath();
    SmallHistory.writeTo(work.resolve("events"));
    Path out = work.resolve("out");
    AugurProcess run =
        AugurProcess.run(
                work.resolve("run"),
                Map.of(),
                "batch",
                "--input=" + work.resolve("events") + "/*.jsonl.gz",
                "--output=" + out,
                "--window=30m",
                "--horizon=12h",
                "--modelVersion=it-flink",
                "--runner=FlinkRunner",
                "--flinkMaster=[local]",
                "--parallelism=2")
            .assertSucceeded();
    assertThat(run.stdout, containsString("forecast version it-flink"));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(SmallHistory.SERIES * 4 * 24, manifest.get("forecast_count").asInt());
    assertEquals(SmallHistory.SERIES * 4 * 24, BatchCommandIT.forecastLines(out.resolve("forecasts/it-flink")).size());
    assertEquals(4, manifest.get("models_trained").size());
  }
}
