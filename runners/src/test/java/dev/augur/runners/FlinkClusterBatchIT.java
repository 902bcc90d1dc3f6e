package dev.augur.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The same batch command, unchanged, submitted to a standalone Flink session cluster (a JobManager
 * and a TaskManager in their own JVMs, started by {@code bin/augur test} through
 * {@code runners/services/flink/flink-cluster}; its REST address is {@code AUGUR_TEST_FLINK_REST}).
 * The bundle is shipped to the cluster as a user jar, as it would be to a platform team's cluster.
 */
public class FlinkClusterBatchIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void batchRunsOnAStandaloneFlinkCluster() throws Exception {
    String rest = System.getenv("AUGUR_TEST_FLINK_REST");
    assumeTrue("AUGUR_TEST_FLINK_REST is not set: run through bin/augur test", rest != null);
    Path work = Paths.get("target/it/flink-cluster").toAbsolutePath();
    SmallHistory.writeTo(work.resolve("events"));
    Path out = TestDirs.emptied(work.resolve("out"));
    String jobName = "augur-it-cluster-batch-" + System.currentTimeMillis();

    AugurProcess run =
        AugurProcess.run(
                work.resolve("run"),
                Map.of(),
                SmallHistory.batchCommand(
                    work.resolve("events"),
                    out,
                    "it-flink-cluster",
                    "--runner=FlinkRunner",
                    "--flinkMaster=" + rest,
                    "--jobName=" + jobName,
                    "--parallelism=2"))
            .assertSucceeded();
    SmallHistory.assertForecastsWritten(run, out, "it-flink-cluster");
    // The job ran on the cluster (not on an embedded one) and finished there.
    assertEquals(List.of("FINISHED"), clusterJobStates(rest, jobName));
  }

  /** States of the cluster's jobs whose name is {@code jobName}, from Flink's REST API. */
  static List<String> clusterJobStates(String rest, String jobName) throws Exception {
    List<String> states = new ArrayList<>();
    for (JsonNode job : clusterJobs(rest, jobName)) {
      states.add(job.get("state").asText());
    }
    return states;
  }

  /**
   * Records read and written by each vertex (operator chain) of the cluster's job named {@code
   * jobName}, by vertex name, from Flink's REST API.
   */
  static Map<String, long[]> clusterJobRecords(String rest, String jobName) throws Exception {
    List<JsonNode> jobs = clusterJobs(rest, jobName);
    assertEquals("jobs named " + jobName + " on the cluster", 1, jobs.size());
    JsonNode details = get(rest, "/jobs/" + jobs.get(0).get("jid").asText());
    Map<String, long[]> records = new LinkedHashMap<>();
    for (JsonNode vertex : details.get("vertices")) {
      JsonNode m = vertex.get("metrics");
      records.put(
          vertex.get("name").asText(),
          new long[] {m.get("read-records").asLong(), m.get("write-records").asLong()});
    }
    return records;
  }

  /** The cluster's jobs named {@code jobName}, as its job overview describes them. */
  private static List<JsonNode> clusterJobs(String rest, String jobName) throws Exception {
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode job : get(rest, "/jobs/overview").get("jobs")) {
      if (job.get("name").asText().equals(jobName)) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  private static JsonNode get(String rest, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + rest + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(response.body(), 200, response.statusCode());
    return JSON.readTree(response.body());
  }
}
