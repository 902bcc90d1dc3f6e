package dev.augur.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * {@code bin/augur demo} with both of its pipelines — the batch forecast and the streaming
 * detection over a file replay — submitted to the standalone Flink cluster of {@code bin/augur
 * test} ({@code AUGUR_TEST_FLINK_REST}): the streaming pipeline's windows, forecast side input,
 * comparisons and alarm state run on Flink and open incidents for the injected anomalies.
 */
public class FlinkClusterDemoIT {
  @Test
  public void demoRunsOnAStandaloneFlinkCluster() throws Exception {
    String rest = System.getenv("AUGUR_TEST_FLINK_REST");
    assumeTrue("AUGUR_TEST_FLINK_REST is not set: run through bin/augur test", rest != null);
    Path work = Paths.get("target/it/flink-cluster-demo").toAbsolutePath();
    String jobName = "augur-it-cluster-demo-" + System.currentTimeMillis();
    AugurProcess run =
        AugurProcess.run(
                work.resolve("run"),
                Map.of(),
                DemoIT.demoCommand(
                    work,
                    "--runner=FlinkRunner",
                    "--flinkMaster=" + rest,
                    "--parallelism=2",
                    "--jobName=" + jobName))
            .assertSucceeded();
    System.out.println(run.stdout);
    double recall = DemoIT.assertReportsQuality(run.stdout);
    assertTrue("incidents were opened on Flink for injected anomalies:\n" + run.stdout, recall > 0);
    assertEquals(
        List.of("FINISHED", "FINISHED"), FlinkClusterBatchIT.clusterJobStates(rest, jobName));
  }
}
