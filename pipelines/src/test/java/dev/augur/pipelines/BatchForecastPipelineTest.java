package dev.augur.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.config.BatchConfig;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BatchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BatchForecastPipelineTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private BatchOptions options(Path output, String version, String... more) {
    List<String> args = new ArrayList<>(List.of(
        "--input=" + output.resolve("events") + "/*.jsonl",
        "--output=" + output,
        "--modelVersion=" + version));
    args.addAll(List.of(more));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(BatchOptions.class);
  }

  /**
   * A run whose window or event fields differ from the version published before it under the same
   * output is warned about, naming the options: streams comparing with that output would refuse
   * its version. Nothing published yet, or nothing different, is no warning.
   */
  @Test
  public void aRunOfAnotherWindowOrOtherFieldsThanThePublishedVersionIsWarnedAbout()
      throws Exception {
    Path output = tmp.getRoot().toPath();
    FileSystems.setDefaultPipelineOptions(options(output, "v2"));
    assertEquals(Optional.empty(),
        BatchForecastPipeline.differsFromPublished(
            BatchConfig.from(options(output, "v2"), Instant.now()), false));
    Files.writeString(output.resolve("manifest.json"),
        "{\"model_version\":\"v1\",\"window_seconds\":60,\"statistics\":[\"count\"],"
            + "\"event_fields\":{\"timestamp\":\"ts\",\"value\":\"value\","
            + "\"series\":[\"region\",\"service\"]}}");
    assertEquals(Optional.empty(), BatchForecastPipeline.differsFromPublished(
        BatchConfig.from(options(output, "v2", "--window=1m"), Instant.now()), false));

    String warned = BatchForecastPipeline.differsFromPublished(
        BatchConfig.from(options(output, "v2", "--window=5m", "--seriesFields=service"),
            Instant.now()), false).orElseThrow();
    assertThat(warned, containsString(
        "This run's --window and --seriesFields differ from forecast version v1, published under "
            + output));
    assertThat(warned, containsString("publish to another --output"));
  }

  @Test
  public void aVersionIsWrittenOnce() throws Exception {
    Path output = tmp.getRoot().toPath();
    // What an earlier run with three shards left behind.
    Path written = Files.createDirectories(output.resolve("forecasts/v1"));
    Files.writeString(written.resolve("forecasts-00000-of-00003.jsonl"), "{}\n");
    BatchOptions options = options(output, "v1");
    BatchConfig config = BatchConfig.from(options, Instant.now());

    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> BatchForecastPipeline.run(options, config));
    assertEquals("modelVersion", e.option());
    assertThat(e.getMessage(), containsString(written.toString()));
  }

  @Test
  public void aNewVersionOrAnEmptyDirectoryIsNoConflict() throws Exception {
    Path output = tmp.getRoot().toPath();
    Files.createDirectories(output.resolve("forecasts/v1"));
    Files.writeString(output.resolve("forecasts/v1/forecasts-00000-of-00001.jsonl"), "{}\n");
    Files.createDirectories(output.resolve("forecasts/v2"));
    BatchOptions options = options(output, "v2");
    FileSystems.setDefaultPipelineOptions(options);
    BatchForecastPipeline.refuseWrittenVersion(BatchConfig.from(options, Instant.now()));
    BatchForecastPipeline.refuseWrittenVersion(
        BatchConfig.from(options(output, "v3"), Instant.now()));
  }
}
