package dev.augur.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.LineFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The live path end to end, with each live source: `bin/augur produce` sends a held-back day of
 * events into a Kinesis stream (moto_server) or a Kafka topic (the test broker) of two shards or
 * partitions, and `bin/augur stream` (on the DirectRunner for Kinesis, on embedded Flink for Kafka)
 * reads them from the start, windows them, compares each window with the forecasts a batch run made from the days
 * before, and writes the comparisons as metrics. Every event is counted once, in its window, and
 * the incident a surge opens is written to its file while the stream runs.
 */
public class LiveStreamIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION = "it-live";
  /** The batch's horizon (12 hours) in its 30-minute windows. */
  private static final int FORECAST_WINDOWS = 24;
  private static final Map<String, String> ENV =
      Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", "us-east-1");

  @Test
  public void theStreamComparesEveryWindowOfEventsProducedIntoKinesis() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    String stream = "augur-it-" + UUID.randomUUID();
    comparesEveryWindow(
        "kinesis",
        List.of("--target=KINESIS", "--stream=" + stream, "--endpoint=" + endpoint, "--region=us-east-1"),
        "to kinesis:" + stream,
        List.of(
            "--source=KINESIS",
            "--kinesisStream=" + stream,
            "--kinesisStartPosition=TRIM_HORIZON",
            "--awsRegion=us-east-1",
            "--endpoint=" + endpoint,
            // The hard case for event time: the DirectRunner takes about 30 records a second, in
            // bundles it hands on before the next step runs, and one shard's backlog waits in the
            // reader's queue behind the other's far longer than this threshold.
            "--runner=DirectRunner",
            "--idleThreshold=5s"));
  }

  @Test
  public void theStreamComparesEveryWindowOfEventsProducedIntoKafka() throws Exception {
    String bootstrap = System.getenv("AUGUR_TEST_KAFKA_BOOTSTRAP");
    assumeTrue("AUGUR_TEST_KAFKA_BOOTSTRAP is not set: run through bin/augur test", bootstrap != null);
    String topic = "augur-it-" + UUID.randomUUID();
    comparesEveryWindow(
        "kafka",
        List.of("--target=KAFKA", "--topic=" + topic, "--bootstrap=" + bootstrap),
        "to kafka:" + topic,
        List.of(
            "--source=KAFKA",
            "--kafkaBootstrapServers=" + bootstrap,
            "--kafkaTopics=" + topic,
            "--kafkaStartOffset=EARLIEST",
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2"));
  }

  private void comparesEveryWindow(
      String name, List<String> produceTo, String sentTo, List<String> readFrom) throws Exception {
    Path work = Paths.get("target/it/live-" + name).toAbsolutePath();
    Path history = TestDirs.emptied(work.resolve("history"));
    Path live = TestDirs.emptied(work.resolve("live"));
    Path out = TestDirs.emptied(work.resolve("forecasts"));
    Path streamOut = TestDirs.emptied(work.resolve("stream"));
    SmallHistory.writeWithHeldBackDay(history, live);

    AugurProcess.run(work.resolve("batch-run"), ENV, SmallHistory.batchCommand(history, out, VERSION))
        .assertSucceeded();
    Instant forecastStart =
        Instant.parse(JSON.readTree(out.resolve("manifest.json").toFile()).get("valid_from").asText());
    Instant forecastEnd = forecastStart.plusSeconds(FORECAST_WINDOWS * 1800L);

    Path heldBack;
    try (var files = Files.list(live)) {
      heldBack = files.findFirst().orElseThrow();
    }
    // The held-back day with a surge: one series sends every event three times over five windows,
    // so an incident opens while the stream runs.
    Instant surgeStart = forecastStart.plusSeconds(2 * 1800L);
    Instant surgeEnd = surgeStart.plusSeconds(5 * 1800L);
    String[] surging = new String[1];
    List<String> dayLines = new ArrayList<>();
    LineFiles.forEachLine(
        heldBack.toString(),
        text -> {
          JsonNode e = JSON.readTree(text);
          String series = "region=" + e.get("region").asText() + ",service=" + e.get("service").asText();
          if (surging[0] == null) {
            surging[0] = series;
          }
          Instant ts = Instant.parse(e.get("ts").asText());
          boolean surge = series.equals(surging[0]) && !ts.isBefore(surgeStart) && ts.isBefore(surgeEnd);
          for (int i = 0; i < (surge ? 3 : 1); i++) {
            dayLines.add(text);
          }
        });
    Path day = Files.write(work.resolve("held-back-day.jsonl"), dayLines, StandardCharsets.UTF_8);
    // Events per series and window start, over the forecast's windows: what the stream must count.
    Map<String, Map<String, Integer>> sent = new TreeMap<>();
    LineFiles.forEachLine(
        day.toString(),
        text -> {
          JsonNode e = JSON.readTree(text);
          Instant ts = Instant.parse(e.get("ts").asText());
          if (!ts.isBefore(forecastStart) && ts.isBefore(forecastEnd)) {
            Instant window = Instant.ofEpochSecond(ts.getEpochSecond() / 1800 * 1800);
            sent.computeIfAbsent(e.get("region").asText() + "," + e.get("service").asText(), k -> new TreeMap<>())
                .merge(window.toString(), 1, Integer::sum);
          }
        });
    assertEquals(SmallHistory.SERIES, sent.size());

    List<String> produce =
        new ArrayList<>(List.of("produce", "--create", "--partitions=2", "--input=" + day, "--rate=0"));
    produce.addAll(produceTo);
    AugurProcess produced =
        AugurProcess.run(work.resolve("produce-run"), ENV, produce.toArray(new String[0])).assertSucceeded();
    assertTrue(produced.stdout, produced.stdout.contains(sentTo));

    List<String> streamArgs = new ArrayList<>(List.of("stream"));
    streamArgs.addAll(readFrom);
    streamArgs.addAll(
        List.of(
            "--forecasts=" + out,
            "--window=30m",
            "--streamOutput=" + streamOut,
            "--metricSink=FILE",
            "--incidentSink=FILE"));
    Process streaming = start(work.resolve("stream-run"), streamArgs);
    Map<String, Map<String, Integer>> counted;
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (true) {
        assertTrue("the stream ended: " + tail(work.resolve("stream-run")), streaming.isAlive());
        counted = comparedCounts(streamOut.resolve("metrics"));
        if (counted.keySet().equals(sent.keySet())
            && counted.values().stream().allMatch(w -> w.size() == FORECAST_WINDOWS)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "not every window compared in 10 minutes: " + counted + "\n" + tail(work.resolve("stream-run")));
        }
        Thread.sleep(5_000);
      }
      // The incident the surge opened reaches its file while the stream still runs (each flush,
      // not only when the input ends, which a live stream's never does).
      long deadline2 = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (!opened(streamOut.resolve("incidents"), surging[0])) {
        assertTrue("the stream ended: " + tail(work.resolve("stream-run")), streaming.isAlive());
        if (System.nanoTime() > deadline2) {
          throw new AssertionError("no incident of " + surging[0] + " written in 4 minutes while the"
              + " stream ran\n" + tail(work.resolve("stream-run")));
        }
        Thread.sleep(5_000);
      }
    } finally {
      streaming.destroy();
      if (!streaming.waitFor(30, TimeUnit.SECONDS)) {
        streaming.destroyForcibly();
      }
    }
    // Every window of the forecast compared with it, counting exactly the events sent into it (a
    // window without events counted 0).
    for (Map.Entry<String, Map<String, Integer>> series : counted.entrySet()) {
      Map<String, Integer> expected = new TreeMap<>();
      for (String window : series.getValue().keySet()) {
        expected.put(window, sent.get(series.getKey()).getOrDefault(window, 0));
      }
      assertEquals(name + " " + series.getKey(), expected, series.getValue());
    }
  }

  /**
   * Per series ("region,service") and window start, the count the stream compared with this test's
   * forecast version, from the metric lines written so far; of a window corrected by late events,
   * the corrected (largest) count.
   */
  private static Map<String, Map<String, Integer>> comparedCounts(Path metrics) throws IOException {
    Map<String, Map<String, Integer>> counted = new TreeMap<>();
    if (!Files.isDirectory(metrics)) {
      return counted;
    }
    try (var files = Files.list(metrics)) {
      if (files.noneMatch(Files::isRegularFile)) {
        return counted;
      }
    }
    List<JsonNode> lines = new ArrayList<>();
    LineFiles.forEachLine(metrics + "/*", text -> lines.add(JSON.readTree(text)));
    for (JsonNode line : lines) {
      if (line.get("statistic").asText().equals("count")
          && VERSION.equals(line.path("model_version").asText(null))
          && line.hasNonNull("expected")) {
        String series =
            line.get("series").asText().replace("region=", "").replace("service=", "");
        counted
            .computeIfAbsent(series, k -> new TreeMap<>())
            .merge(Instant.parse(line.get("window_start").asText()).toString(), line.get("actual").asInt(), Math::max);
      }
    }
    return counted;
  }

  /** Whether the incident files written so far hold an OPENED event of {@code series}. */
  private static boolean opened(Path incidents, String series) throws IOException {
    if (!Files.isDirectory(incidents)) {
      return false;
    }
    try (var files = Files.list(incidents)) {
      if (files.noneMatch(f -> f.getFileName().toString().endsWith(".jsonl"))) {
        return false;
      }
    }
    boolean[] found = {false};
    LineFiles.forEachLine(
        incidents + "/*.jsonl",
        text -> {
          JsonNode e = JSON.readTree(text);
          found[0] |= "OPENED".equals(e.path("type").asText()) && series.equals(e.path("series").asText());
        });
    return found[0];
  }

  private static Process start(Path workdir, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(AugurProcess.home().resolve("bin/augur").toString());
    command.addAll(args);
    Files.createDirectories(workdir);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(workdir.resolve("stdout.txt").toFile())
            .redirectError(workdir.resolve("stderr.txt").toFile());
    pb.environment().putAll(ENV);
    return pb.start();
  }

  private static String tail(Path workdir) throws IOException {
    Path err = workdir.resolve("stderr.txt");
    return Files.exists(err) ? AugurProcess.tail(Files.readString(err, StandardCharsets.UTF_8)) : "";
  }
}
