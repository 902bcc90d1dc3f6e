package dev.augur.runners;

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
    Path out = TestDirs.emptied(work.resolve("out"));
    AugurProcess run =
        AugurProcess.run(
                work.resolve("run"),
                Map.of(),
                SmallHistory.batchCommand(
                    work.resolve("events"),
                    out,
                    "it-flink",
                    "--runner=FlinkRunner",
                    "--flinkMaster=[local]",
                    "--parallelism=2"))
            .assertSucceeded();
    SmallHistory.assertForecastsWritten(run, out, "it-flink");
  }
}
