package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The bundle started the way Amazon Managed Service for Apache Flink starts an application: Flink's
 * own {@code flink run} client (CliFrontend, from the same jars as the test cluster) runs the jar's
 * {@code program-class} — {@link ManagedFlinkMain}, found through the manifest, no class named —
 * and the application's options come from a runtime-properties file in the service's format.
 */
public class ManagedFlinkClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void bundleRunsFromApplicationPropertiesUnderFlinkRun() throws Exception {
    String rest = System.getenv("AUGUR_TEST_FLINK_REST");
    assumeTrue("AUGUR_TEST_FLINK_REST is not set: run through bin/augur test", rest != null);
    Path home = AugurProcess.home();
    Path bundle = home.resolve("runners/target/augur-bundled.jar");
    Path flinkLib = home.resolve("runners/services/flink/target/lib");
    Path work = Paths.get("target/it/managed-flink").toAbsolutePath();
    SmallHistory.writeTo(work.resolve("events"));
    Path out = work.resolve("out");
    String jobName = "augur-it-managed-flink-" + System.currentTimeMillis();

    ArrayNode groups = JSON.createArrayNode();
    ObjectNode group = groups.addObject().put("PropertyGroupId", ManagedFlinkMain.PROPERTY_GROUP);
    group
        .putObject("PropertyMap")
        .put("pipeline", "batch")
        .put("input", work.resolve("events") + "/*.jsonl.gz")
        .put("output", out.toString())
        .put("window", "30m")
        .put("horizon", "12h")
        .put("modelVersion", "it-managed-flink")
        .put("jobName", jobName);
    Path properties = work.resolve("application-properties.json");
    JSON.writeValue(properties.toFile(), groups);
    Path conf = Files.createDirectories(work.resolve("flink-conf"));
    String[] hostPort = rest.split(":");
    Files.writeString(
        conf.resolve("config.yaml"),
        "rest:\n  address: " + hostPort[0] + "\n  port: " + hostPort[1] + "\n",
        StandardCharsets.UTF_8);

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
            .redirectOutput(work.resolve("flink-run.log").toFile());
    pb.environment().put("FLINK_CONF_DIR", conf.toString());
    pb.environment().put("AUGUR_APPLICATION_PROPERTIES", properties.toString());
    Process p = pb.start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("flink run did not finish in 20 minutes");
    }
    String log = Files.readString(work.resolve("flink-run.log"), StandardCharsets.UTF_8);
    assertEquals("flink run exit code; output:\n" + AugurProcess.tail(log), 0, p.exitValue());

    assertThat(log, containsString("augur managed-flink: running the batch pipeline"));
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("it-managed-flink", manifest.get("model_version").asText());
    assertEquals(SmallHistory.SERIES * 4 * 24, manifest.get("forecast_count").asInt());
    assertEquals(List.of("FINISHED"), FlinkClusterBatchIT.clusterJobStates(rest, jobName));
  }
}
