package dev.augur.transforms.archive;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.parse.ReadEvents;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.Create;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * ArchiveEvents on an unbounded stream, driven by TestStream: partitions by event time, a flush
 * per interval of processing time, late events in their own partition, enrichment, and dead
 * letters for what the pipelines would refuse.
 */
public class ArchiveEventsTest {
  /** Where the test's lines came from, as a Kafka reader keys them. */
  private static final String ORIGIN = "kafka:events partition 0 offset 7";

  private static final EventFormat FORMAT = EventFormat.of("ts", "value", List.of("region", "service"));
  private static final Duration FLUSH = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String event(String ts, String region, double value) {
    return "{\"ts\":\"" + ts + "\",\"value\":" + value + ",\"region\":\"" + region
        + "\",\"service\":\"checkout\"}";
  }

  /** A line as a source emits it: timestamped with its event time. */
  private static TimestampedValue<String> line(String json, String ts) {
    return TimestampedValue.of(json, Instant.parse(ts));
  }

  /** Every archived line, by the file's path relative to {@code dir}. */
  private static Map<String, List<String>> archived(Path dir) throws IOException {
    Map<String, List<String>> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String relative = dir.relativize(f).toString();
        if (relative.startsWith(".tmp")) {
          continue;
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        }
        files.put(relative, lines);
      }
    }
    return files;
  }

  private static List<String> partition(Map<String, List<String>> files, String prefix) {
    List<String> lines = new ArrayList<>();
    files.forEach(
        (path, content) -> {
          if (path.startsWith(prefix + "/")) {
            lines.addAll(content);
          }
        });
    return lines;
  }

  @Test
  public void eventsGoToThePartitionOfTheirEventTimeInFilesFlushedPerInterval() throws Exception {
    Path dir = tmp.newFolder("archive").toPath();
    String a = event("2024-05-01T10:15:00Z", "eu-west-1", 1.0);
    String b = event("2024-05-01T10:59:59.999Z", "eu-west-1", 2.0);
    String c = event("2024-05-01T11:00:00Z", "us-east-1", 3.0);
    String late = event("2024-04-30T23:30:00Z", "eu-west-1", 4.0);
    String again = event("2024-05-01T10:20:00Z", "us-east-1", 5.0);
    String bad = "{\"ts\":\"2024-05-01T11:01:00Z\",\"value\":\"many\",\"region\":\"eu-west-1\",\"service\":\"x\"}";
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(line(a, "2024-05-01T10:15:00Z"), line(b, "2024-05-01T10:59:59.999Z"))
            .advanceProcessingTime(FLUSH.plus(Duration.standardSeconds(1)))
            .advanceWatermarkTo(Instant.parse("2024-05-01T11:00:00Z"))
            .addElements(line(c, "2024-05-01T11:00:00Z"), line(bad, "2024-05-01T11:01:00Z"))
            .addElements(line(late, "2024-04-30T23:30:00Z"), line(again, "2024-05-01T10:20:00Z"))
            .advanceProcessingTime(FLUSH.plus(Duration.standardSeconds(1)))
            .advanceWatermarkToInfinity();

    PCollection<DeadLetter> deadLetters =
        p.apply(stream)
            .apply(WithKeys.of(ORIGIN))
            .apply(ArchiveEvents.to(dir.toString(), FORMAT, FLUSH, 1));
    PAssert.that(
            deadLetters.apply(
                "Payloads", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::getPayload)))
        .containsInAnyOrder(bad);
    PAssert.that(
            deadLetters.apply(
                "Sources", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::getSource)))
        .containsInAnyOrder(ORIGIN);
    PAssert.that(
            deadLetters.apply(
                "Steps", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::getStep)))
        .containsInAnyOrder(ArchiveEvents.STEP);
    p.run().waitUntilFinish();

    Map<String, List<String>> files = archived(dir);
    for (String path : files.keySet()) {
      assertThat(
          path,
          matchesPattern(
              "dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/events-[0-9a-f]{8}-\\d{5}-00000-of-00001\\.jsonl\\.gz"));
    }
    assertEquals(List.of(c), partition(files, "dt=2024-05-01/hour=11"));
    assertEquals("a late event keeps its own partition", List.of(late), partition(files, "dt=2024-04-30/hour=23"));
    assertEquals(5, files.values().stream().mapToInt(List::size).sum());
    // Hour 10 was flushed before its last event arrived, which went to a second file.
    List<List<String>> hour10 =
        files.entrySet().stream()
            .filter(f -> f.getKey().startsWith("dt=2024-05-01/hour=10/"))
            .map(Map.Entry::getValue)
            .collect(Collectors.toList());
    assertEquals(List.of(sorted(List.of(a, b)), List.of(again)), hour10.stream().map(ArchiveEventsTest::sorted).collect(Collectors.toList()));
  }

  @Test
  public void addedFieldsFillWhatEventsLackAndTheRestStaysAsItCame() throws Exception {
    Path dir = tmp.newFolder("archive").toPath();
    // Number formats and key order that a JSON library would rewrite, and the region present.
    String withRegion =
        "{\"value\": 2.50, \"ts\":\"2024-05-01T10:15:00Z\",\"region\":\"us-east-1\",\"service\":\"checkout\"} ";
    String withoutRegion = "{\"ts\":\"2024-05-01T10:16:00Z\",\"value\":1e3,\"service\":\"checkout\"}";
    String notAnObject = "[1,2]";
    String twoObjects = withoutRegion + withoutRegion;
    String duplicateKey =
        "{\"ts\":\"2024-05-01T10:17:00Z\",\"value\":1,\"value\":2,\"service\":\"checkout\"}";
    // Present but null or empty: lacking too, filled where it stands.
    String nullRegion = "{\"ts\":\"2024-05-01T10:18:00Z\",\"region\":null,\"service\":\"checkout\"}";
    String emptyRegion = "{\"ts\":\"2024-05-01T10:19:00Z\",\"region\":\"\",\"service\":\"checkout\"}";
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(
                line(nullRegion, "2024-05-01T10:18:00Z"),
                line(emptyRegion, "2024-05-01T10:19:00Z"),
                line(withRegion, "2024-05-01T10:15:00Z"),
                line(withoutRegion, "2024-05-01T10:16:00Z"),
                line(notAnObject, "2024-05-01T10:17:00Z"),
                line(twoObjects, "2024-05-01T10:16:00Z"),
                line(duplicateKey, "2024-05-01T10:17:00Z"))
            .advanceWatermarkToInfinity();
    PCollection<DeadLetter> deadLetters =
        p.apply(stream)
            .apply(WithKeys.of(ORIGIN))
            .apply(
                ArchiveEvents.to(dir.toString(), FORMAT, FLUSH, 1)
                    .withFields(Map.of("region", "eu-west-1")));
    PAssert.that(
            deadLetters.apply(
                "Payloads", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::getPayload)))
        .containsInAnyOrder(notAnObject, twoObjects, duplicateKey);
    p.run().waitUntilFinish();

    assertEquals(
        sorted(
            List.of(
                withRegion,
                "{\"ts\":\"2024-05-01T10:16:00Z\",\"value\":1e3,\"service\":\"checkout\",\"region\":\"eu-west-1\"}",
                "{\"ts\":\"2024-05-01T10:18:00Z\",\"region\":\"eu-west-1\",\"service\":\"checkout\"}",
                "{\"ts\":\"2024-05-01T10:19:00Z\",\"region\":\"eu-west-1\",\"service\":\"checkout\"}")),
        sorted(partition(archived(dir), "dt=2024-05-01/hour=10")));
  }

  @Test
  public void parquetFilesHoldTheLinesWithTheirColumnsAndReadBackAsTheSameEvents()
      throws Exception {
    Path dir = tmp.newFolder("parquet").toPath();
    String a = event("2024-05-01T10:15:00Z", "eu-west-1", 1.5);
    String counted = "{\"ts\":1714561200000,\"region\":\"us-east-1\",\"service\":\"checkout\"}";
    String bad = "{\"ts\":\"2024-05-01T11:01:00Z\",\"value\":\"many\"}";
    String unlabelled = "{\"ts\":\"2024-05-01T10:30:00Z\",\"value\":2,\"service\":\"checkout\"}";
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(line(a, "2024-05-01T10:15:00Z"), line(bad, "2024-05-01T11:01:00Z"))
            .addElements(
                line(counted, "2024-05-01T11:00:00Z"), line(unlabelled, "2024-05-01T10:30:00Z"))
            .advanceWatermarkToInfinity();
    PCollection<DeadLetter> deadLetters =
        p.apply(stream)
            .apply(WithKeys.of(ORIGIN))
            .apply(
                ArchiveEvents.to(dir.toString(), FORMAT, FLUSH, 1)
                    .withFields(Map.of("region", "eu-central-1"))
                    .inFormat(ArchiveFormat.PARQUET));
    PAssert.that(
            deadLetters.apply(
                "Payloads", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::getPayload)))
        .containsInAnyOrder(bad);
    p.run().waitUntilFinish();

    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .filter(f -> !f.startsWith(".tmp"))
          .forEach(files::add);
    }
    assertEquals(2, files.size());
    for (String path : files) {
      assertThat(
          path,
          matchesPattern(
              "dt=2024-05-01/hour=1[01]/events-[0-9a-f]{8}-\\d{5}-00000-of-00001\\.parquet"));
    }

    String enriched =
        "{\"ts\":\"2024-05-01T10:30:00Z\",\"value\":2,\"service\":\"checkout\","
            + "\"region\":\"eu-central-1\"}";
    Pipeline read = Pipeline.create();
    PAssert.that(
            read.apply("Columns", ParquetIO.read(EventParquet.SCHEMA).from(dir + "/*/*/*.parquet"))
                .apply(
                    "Describe",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            r ->
                                r.get("event_time") + " " + r.get("series") + " "
                                    + new TreeMap<>(r.get("dimensions") == null ? Map.of()
                                        : (Map<?, ?>) r.get("dimensions")) + " "
                                    + r.get("value") + " " + r.get("event"))))
        .containsInAnyOrder(
            "1714558500000 region=eu-west-1,service=checkout {region=eu-west-1,"
                + " service=checkout} 1.5 " + a,
            "1714561200000 region=us-east-1,service=checkout {region=us-east-1,"
                + " service=checkout} null " + counted,
            "1714559400000 region=eu-central-1,service=checkout {region=eu-central-1,"
                + " service=checkout} 2.0 " + enriched);
    ParsedEvents events = read.apply("ReadBack", ReadEvents.from(dir + "/*/*/*.parquet", FORMAT));
    PAssert.that(events.events())
        .containsInAnyOrder(
            Event.create(
                "region=eu-west-1,service=checkout", Instant.parse("2024-05-01T10:15:00Z"), 1.5),
            Event.count("region=us-east-1,service=checkout", Instant.parse("2024-05-01T11:00:00Z")),
            Event.create(
                "region=eu-central-1,service=checkout", Instant.parse("2024-05-01T10:30:00Z"), 2.0));
    PAssert.that(events.deadLetters()).empty();
    read.run().waitUntilFinish();
  }

  @Test
  public void parquetPagesUseTheChosenCodecAndStillReadBack() throws Exception {
    Path dir = tmp.newFolder("parquet-gzip").toPath();
    String a = event("2024-05-01T10:15:00Z", "eu-west-1", 1.5);
    String b = event("2024-05-01T10:16:00Z", "eu-west-1", 2.5);
    p.apply(
            Create.timestamped(
                List.of(line(a, "2024-05-01T10:15:00Z"), line(b, "2024-05-01T10:16:00Z"))))
        .apply(WithKeys.of(ORIGIN))
        .apply(
            ArchiveEvents.to(dir.toString(), FORMAT, FLUSH, 1)
                .inFormat(ArchiveFormat.PARQUET)
                .withParquetCompression(ParquetCompression.GZIP));
    p.run().waitUntilFinish();

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
    assertEquals(1, files.size());
    Set<CompressionCodecName> codecs = new TreeSet<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(files.get(0).toUri()), new Configuration()))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        block.getColumns().forEach(c -> codecs.add(c.getCodec()));
      }
    }
    assertEquals(Set.of(CompressionCodecName.GZIP), codecs);

    Pipeline read = Pipeline.create();
    ParsedEvents events = read.apply(ReadEvents.from(dir + "/*/*/*.parquet", FORMAT));
    PAssert.that(events.events())
        .containsInAnyOrder(
            Event.create(
                "region=eu-west-1,service=checkout", Instant.parse("2024-05-01T10:15:00Z"), 1.5),
            Event.create(
                "region=eu-west-1,service=checkout", Instant.parse("2024-05-01T10:16:00Z"), 2.5));
    PAssert.that(events.deadLetters()).empty();
    read.run().waitUntilFinish();
  }

  @Test
  public void partitionsAreUtcDateAndHour() {
    assertEquals("dt=2024-12-31/hour=23", ArchiveEvents.partition(Instant.parse("2024-12-31T23:59:59.999Z")));
    assertEquals("dt=2025-01-01/hour=00", ArchiveEvents.partition(Instant.parse("2025-01-01T00:00:00Z")));
  }

  @Test
  public void badSettingsFailAtOnce() {
    assertTrue(fails(() -> ArchiveEvents.to(" ", FORMAT, FLUSH, 1)).contains("directory"));
    assertTrue(fails(() -> ArchiveEvents.to("/tmp/a", FORMAT, Duration.ZERO, 1)).contains("flush"));
    assertTrue(fails(() -> ArchiveEvents.to("/tmp/a", FORMAT, FLUSH, 0)).contains("shards"));
  }

  private static String fails(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.sort(null);
    return out;
  }
}
