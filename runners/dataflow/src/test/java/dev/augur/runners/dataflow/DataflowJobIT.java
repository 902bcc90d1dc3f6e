package dev.augur.runners.dataflow;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.runners.AugurProcess;
import dev.augur.runners.SmallHistory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Augur's pipelines, unchanged, translated by Beam's Dataflow runner into Dataflow jobs. Without a
 * Google Cloud project, the runner's {@code --templateLocation} makes it write the job it would
 * submit to a local file, and stage the bundle and the portable pipeline to a local directory;
 * the Cloud Storage path checks and credentials are switched off with Beam's own no-op
 * implementations. What this proves: every transform, coder and option of Augur's pipelines
 * translates for Dataflow (batch and streaming), through {@code bin/augur} and through the
 * pipeline's main class as a Flex Template launcher calls it. What it cannot prove: how the jobs
 * run on the service.
 */
public class DataflowJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Dataflow options that keep the runner off the network; the job is written, never run. */
  private static List<String> offline(Path work, Path spec) {
    return List.of(
        "--runner=DataflowRunner",
        "--project=augur-it",
        "--region=europe-west1",
        "--stagingLocation=" + work.resolve("staging"),
        "--gcpTempLocation=" + work.resolve("temp"),
        "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
        "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
        "--templateLocation=" + spec);
  }

  /** The batch command line over the generated history in {@code work}. */
  private static String[] batchCommand(Path work) {
    return SmallHistory.batchCommand(work.resolve("events"), work.resolve("out"), "it-dataflow");
  }

  /**
   * Runs {@code bin/augur} with {@code command} and the {@link #offline} options, which write the
   * job to {@code spec}, checks that it says nothing ran, and returns the job.
   */
  private static JsonNode writeJob(Path work, Path spec, String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(offline(work, spec));
    AugurProcess run =
        AugurProcess.run(work.resolve("run"), Map.of(), args.toArray(new String[0])).assertSucceeded();
    assertThat(run.stderr, containsString("wrote the Dataflow job's specification to " + spec));
    return JSON.readTree(spec.toFile());
  }

  @Test
  public void batchCommandWritesADataflowBatchJob() throws Exception {
    Path work = fresh("target/it/dataflow-batch");
    SmallHistory.writeTo(work.resolve("events"));
    Path out = work.resolve("out");
    Path spec = work.resolve("batch-job.json");
    JsonNode job = writeJob(work, spec, batchCommand(work));
    assertEquals("JOB_TYPE_BATCH", job.get("type").asText());
    List<String> steps = stepNames(job);
    assertThat(steps, hasItem(startsWith("ReadEvents/")));
    assertThat(steps, hasItem(startsWith("AggregateWindows/WindowStatsSql/")));
    assertThat(steps, hasItem(startsWith("TrainModels/")));
    assertThat(steps, hasItem(startsWith("WriteForecastRun/")));
    JsonNode options = job.at("/environment/sdkPipelineOptions/options");
    assertEquals("30m", options.get("window").asText());
    assertEquals("12h", options.get("horizon").asText());
    assertEquals(out.toString(), options.get("output").asText());
    assertStagedBundle(job, work.resolve("staging"));
    assertFalse("nothing ran, so nothing was written", Files.exists(out));
  }

  @Test
  public void backtestCommandWritesADataflowBatchJob() throws Exception {
    Path work = fresh("target/it/dataflow-backtest");
    SmallHistory.writeTo(work.resolve("events"));
    Path out = work.resolve("out");
    Path spec = work.resolve("backtest-job.json");
    JsonNode job =
        writeJob(
            work,
            spec,
            "backtest",
            "--input=" + work.resolve("events") + "/*.jsonl.gz",
            "--output=" + out,
            "--window=30m",
            "--trainSpan=7d",
            "--retrainEvery=1d");
    assertEquals("JOB_TYPE_BATCH", job.get("type").asText());
    List<String> steps = stepNames(job);
    assertThat(steps, hasItem(startsWith("AggregateWindows/WindowStatsSql/")));
    assertThat(steps, hasItem(startsWith("WalkForward/")));
    assertStagedBundle(job, work.resolve("staging"));
    assertFalse("nothing ran, so nothing was written", Files.exists(out.resolve("evaluation.json")));
  }

  @Test
  public void streamCommandWritesADataflowStreamingJobReadingKinesisShards() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = fresh("target/it/dataflow-stream");
    // The runner splits a Kinesis read by shard when it builds the job, so the stream must exist.
    String stream = "augur-dataflow-it";
    try (KinesisClient kinesis =
        KinesisClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      kinesis.createStream(b -> b.streamName(stream).shardCount(2));
      kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
    }
    Path spec = work.resolve("stream-job.json");
    JsonNode job =
        writeJob(
            work,
            spec,
            "stream",
            "--source=KINESIS",
            "--kinesisStream=" + stream,
            "--awsRegion=us-east-1",
            "--endpoint=" + endpoint,
            // As the templates take them: the workers, on Google Cloud, have no AWS credentials.
            "--awsCredentialsProvider={\"@type\": \"StaticCredentialsProvider\","
                + " \"accessKeyId\": \"testing\", \"secretAccessKey\": \"testing\"}",
            "--forecasts=" + work.resolve("forecasts"),
            "--window=15m",
            "--streamOutput=" + work.resolve("stream-out"));
    assertEquals("set by the pipeline itself", "JOB_TYPE_STREAMING", job.get("type").asText());
    List<String> steps = stepNames(job);
    assertThat(steps, hasItem(startsWith("ReadEvents/KINESIS/")));
    assertThat(steps, hasItem(startsWith("AggregateWindows/WindowStatsSql/")));
    assertThat(steps, hasItem(startsWith("LoadForecasts/")));
    assertThat(steps, hasItem("DetectIncidents/AdvanceInWindowOrder"));
    assertThat(steps, hasItem(startsWith("WriteDeadLetters/")));
    JsonNode options = job.at("/environment/sdkPipelineOptions/options");
    assertTrue(options.get("streaming").asBoolean());
    assertEquals(stream, options.get("kinesisStream").asText());
    JsonNode credentials = options.get("awsCredentialsProvider");
    assertEquals("the workers get the credentials",
        "StaticCredentialsProvider", credentials.get("@type").asText());
    assertEquals("testing", credentials.get("accessKeyId").asText());
    assertStagedBundle(job, work.resolve("staging"));
  }

  @Test
  public void archiveCommandWritesADataflowStreamingJob() throws Exception {
    Path work = fresh("target/it/dataflow-archive");
    SmallHistory.writeTo(work.resolve("events"));
    Path archive = work.resolve("archive");
    Path spec = work.resolve("archive-job.json");
    JsonNode job =
        writeJob(
            work,
            spec,
            "archive",
            "--replayInput=" + work.resolve("events") + "/*.jsonl.gz",
            "--archive=" + archive,
            "--addFields=env=prod");
    assertEquals("set by the pipeline itself", "JOB_TYPE_STREAMING", job.get("type").asText());
    List<String> steps = stepNames(job);
    assertThat(steps, hasItem(startsWith("ReadEvents/")));
    assertThat(steps, hasItem(startsWith("ArchiveEvents/EnrichAndCheck")));
    assertThat(steps, hasItem(startsWith("ArchiveEvents/WritePartitions/")));
    assertThat(steps, hasItem(startsWith("WriteDeadLetters/")));
    JsonNode options = job.at("/environment/sdkPipelineOptions/options");
    assertEquals(archive.toString(), options.get("archive").asText());
    assertStagedBundle(job, work.resolve("staging"));
    assertFalse("nothing ran, so nothing was archived", Files.exists(archive));
  }

  /**
   * A Flex Template's launcher runs the pipeline's main class with the template's parameters; the
   * main must return once the job is built, not wait for a job the service runs.
   */
  @Test
  public void pipelineMainReturnsOnceTheJobIsBuiltAsAFlexTemplateLauncherNeeds() throws Exception {
    Path work = fresh("target/it/dataflow-main");
    SmallHistory.writeTo(work.resolve("events"));
    Path spec = work.resolve("batch-job.json");
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.config.file="
                    + AugurProcess.home().resolve("runners/dataflow/logging.properties"),
                "-cp",
                AugurProcess.home().resolve("runners/dataflow/target/augur-dataflow.jar").toString(),
                "dev.augur.pipelines.BatchForecastPipeline"));
    // The pipeline's options, without the command's name.
    String[] batch = batchCommand(work);
    command.addAll(Arrays.asList(batch).subList(1, batch.length));
    command.addAll(offline(work, spec));
    Path log = work.resolve("main.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue("the main did not return", p.waitFor(10, TimeUnit.MINUTES));
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals("exit code; output:\n" + AugurProcess.tail(output), 0, p.exitValue());
    assertEquals("JOB_TYPE_BATCH", JSON.readTree(spec.toFile()).get("type").asText());
  }

  private static List<String> stepNames(JsonNode job) {
    List<String> names = new ArrayList<>();
    for (JsonNode step : job.get("steps")) {
      names.add(step.at("/properties/user_name/value").asText());
    }
    return names;
  }

  /** The job's workers get the Dataflow bundle, staged where the job says, and nothing else. */
  private static void assertStagedBundle(JsonNode job, Path staging) {
    JsonNode packages = job.at("/environment/workerPools/0/packages");
    List<String> jars = new ArrayList<>();
    for (JsonNode p : packages) {
      String name = p.get("name").asText();
      if (name.endsWith(".jar")) {
        jars.add(name);
        assertTrue(name + " is staged", Files.isRegularFile(Paths.get(p.get("location").asText())));
      }
    }
    assertEquals(1, jars.size());
    assertThat(jars.get(0), startsWith("augur-dataflow-"));
    try (Stream<Path> files = Files.list(staging)) {
      assertTrue(
          "the portable pipeline is staged",
          files.anyMatch(f -> f.getFileName().toString().startsWith("pipeline-")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Path fresh(String dir) throws IOException {
    Path work = Paths.get(dir).toAbsolutePath();
    if (Files.exists(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(work);
    return work;
  }
}
