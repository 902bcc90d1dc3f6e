package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.parse.LineFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The bundle started the way Amazon Managed Service for Apache Flink starts an application: Flink's
 * own {@code flink run} client (CliFrontend, from the same jars as the test cluster) runs the jar's
 * {@code program-class} — {@link ManagedFlinkMain}, found through the manifest, no class named —
 * and the application's options come from a runtime-properties file in the service's format. The
 * batch pipeline forecasts a generated history, then the streaming pipeline replays the day after
 * it against those forecasts, both as applications on the cluster.
 */
public class ManagedFlinkClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void bothPipelinesRunFromApplicationPropertiesUnderFlinkRun() throws Exception {
    String rest = System.getenv("AUGUR_TEST_FLINK_REST");
    assumeTrue("AUGUR_TEST_FLINK_REST is not set: run through bin/augur test", rest != null);
    Path work = Paths.get("target/it/managed-flink").toAbsolutePath();
    // Outputs of an earlier run would be counted with this one's.
    TestDirs.emptied(work.resolve("out"));
    TestDirs.emptied(work.resolve("stream"));
    Path live = work.resolve("live");
    SmallHistory.writeWithHeldBackDay(work.resolve("events"), live);
    Path out = work.resolve("out");
    long now = System.currentTimeMillis();

    String batchJob = "augur-it-managed-flink-batch-" + now;
    String log =
        flinkRun(
            rest,
            work,
            "batch",
            Map.of(
                "input", work.resolve("events") + "/*.jsonl.gz",
                "output", out.toString(),
                "window", "30m",
                "horizon", "1d",
                "modelVersion", "it-managed-flink",
                "jobName", batchJob));
    assertThat(log, containsString("augur managed-flink: running the batch pipeline"));
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("it-managed-flink", manifest.get("model_version").asText());
    assertEquals(SmallHistory.SERIES * 4 * 48, manifest.get("forecast_count").asInt());
    assertEquals(List.of("FINISHED"), FlinkClusterBatchIT.clusterJobStates(rest, batchJob));

    String streamJob = "augur-it-managed-flink-stream-" + now;
    Path stream = work.resolve("stream");
    log =
        flinkRun(
            rest,
            work,
            "stream",
            Map.of(
                "source", "FILE",
                "replayInput", live + "/*.jsonl.gz",
                "replaySpeedup", "0",
                "forecasts", out.toString(),
                "window", "30m",
                "streamOutput", stream.toString(),
                "metricSink", "FILE",
                "incidentSink", "FILE",
                "jobName", streamJob));
    assertThat(log, containsString("augur managed-flink: running the stream pipeline"));
    assertEquals(List.of("FINISHED"), FlinkClusterBatchIT.clusterJobStates(rest, streamJob));
    // The gap fill passes every window result on once: had the aggregation emitted a window twice
    // (as it did on Flink with an empty second on-time pane), it would have read more than it wrote.
    // It also reads one seed per series the forecast expects (every series sends here, so each
    // seed is dropped).
    Map<String, long[]> records = FlinkClusterBatchIT.clusterJobRecords(rest, streamJob);
    long[] fill = null;
    long[] seeds = null;
    for (Map.Entry<String, long[]> vertex : records.entrySet()) {
      if (vertex.getKey().startsWith("AggregateWindows/FillGaps/FillAsWatermarkPasses")) {
        fill = vertex.getValue();
      }
      if (vertex.getKey().startsWith("AggregateWindows/FillGaps/SeedExpectedSeries")) {
        seeds = vertex.getValue();
      }
    }
    assertTrue("no gap-fill vertex among " + records.keySet(), fill != null);
    assertTrue("no seeding vertex among " + records.keySet(), seeds != null);
    assertEquals("seeds", SmallHistory.SERIES, seeds[1]);
    assertTrue(
        "gap fill read " + fill[0] + " window results and seeds, wrote " + fill[1],
        fill[0] > seeds[1] && fill[0] - seeds[1] <= fill[1]);

    // Every series' 48 windows of the replayed day, compared with this run's forecasts; none
    // after the day's last event (the end of the replay is not read as silence).
    Map<String, Set<String>> windows = new TreeMap<>();
    int compared = 0;
    List<JsonNode> counts = new ArrayList<>();
    LineFiles.forEachLine(
        stream.resolve("metrics") + "/*",
        text -> {
          JsonNode line = JSON.readTree(text);
          if (line.get("statistic").asText().equals("count")) {
            counts.add(line);
          }
        });
    for (JsonNode line : counts) {
      windows.computeIfAbsent(line.get("series").asText(), k -> new TreeSet<>())
          .add(line.get("window_start").asText());
      if ("it-managed-flink".equals(line.path("model_version").asText(null))
          && line.hasNonNull("expected")) {
        compared++;
      }
    }
    assertEquals(windows.toString(), SmallHistory.SERIES, windows.size());
    for (Map.Entry<String, Set<String>> series : windows.entrySet()) {
      assertEquals(series.getKey() + ": " + series.getValue(), 48, series.getValue().size());
    }
    assertTrue("count windows compared with a forecast: " + compared, compared >= SmallHistory.SERIES * 48);
  }

  /** Runs the bundle with {@code flink run} against the cluster; returns the client's output. */
  private static String flinkRun(String rest, Path work, String pipeline, Map<String, String> options)
      throws Exception {
    Path bundle = AugurProcess.home().resolve("runners/target/augur-bundled.jar");
    Path flinkLib = AugurProcess.home().resolve("runners/services/flink/target/lib");
    ArrayNode groups = JSON.createArrayNode();
    ObjectNode map =
        groups
            .addObject()
            .put("PropertyGroupId", ManagedFlinkMain.PROPERTY_GROUP)
            .putObject("PropertyMap")
            .put(ManagedFlinkMain.PIPELINE, pipeline);
    options.forEach(map::put);
    Path properties = work.resolve("application-properties-" + pipeline + ".json");
    JSON.writeValue(properties.toFile(), groups);
    Path conf = Files.createDirectories(work.resolve("flink-conf"));
    String[] hostPort = rest.split(":");
    Files.writeString(
        conf.resolve("config.yaml"),
        "rest:\n  address: " + hostPort[0] + "\n  port: " + hostPort[1] + "\n",
        StandardCharsets.UTF_8);
    Path logFile = work.resolve("flink-run-" + pipeline + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-cp",
                flinkLib + "/*",
                "org.apache.flink.client.cli.CliFrontend",
                "run",
                bundle.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
    pb.environment().put("FLINK_CONF_DIR", conf.toString());
    pb.environment().put("AUGUR_APPLICATION_PROPERTIES", properties.toString());
    Process p = pb.start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("flink run (" + pipeline + ") did not finish in 20 minutes");
    }
    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertEquals(
        "flink run (" + pipeline + ") exit code; output:\n" + AugurProcess.tail(log), 0, p.exitValue());
    return log;
  }
}
