package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.archive.ArchiveEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.joda.time.Instant;
import org.junit.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Firehose step and the batch step end to end, on S3 (moto_server, {@code
 * AUGUR_TEST_MOTO_ENDPOINT}, set by {@code bin/augur test}): {@code bin/augur archive} replays
 * generated events and archives them to S3 by event time, adding a field; {@code bin/augur batch}
 * then trains on the archive alone and forecasts every series. And the archive on embedded Flink.
 */
public class ArchiveIT {
  private static final String BUCKET = "augur-archive-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void theArchiveHoldsEveryEventByItsTimeAndTheBatchPipelineTrainsOnIt() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = Paths.get("target/it/archive").toAbsolutePath();
    Path events = work.resolve("events");
    SmallHistory.writeTo(events);
    List<String> sent = generatedLines(events);
    // A line the batch pipeline would refuse: dead-lettered, not archived.
    String bad = "{\"ts\":\"yesterday\",\"value\":1,\"region\":\"x\",\"service\":\"y\"}";
    Files.writeString(events.resolve("bad.jsonl"), bad + "\n", StandardCharsets.UTF_8);

    String[] aws = aws(endpoint);
    try (S3Client s3 = MotoS3.client(endpoint)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      List<String> archive = new ArrayList<>(List.of(
          "archive",
          "--replayInput=" + events + "/*",
          "--replaySpeedup=0",
          "--archive=s3://" + BUCKET + "/archive",
          "--flushInterval=5s",
          "--addFields=env=it"));
      archive.addAll(List.of(aws));
      AugurProcess archived =
          AugurProcess.run(work.resolve("archive-run"), ENV, archive.toArray(new String[0])).assertSucceeded();
      assertThat(archived.stderr, containsString("events_archived=" + String.format(java.util.Locale.ROOT, "%,d", sent.size())));

      List<String> archivedLines = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("archive/events/")).contents()) {
        assertThat(
            o.key(),
            matchesPattern("archive/events/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/events-.*\\.jsonl\\.gz"));
        String partition = o.key().split("/")[2] + "/" + o.key().split("/")[3];
        for (String line : gunzip(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asInputStream())) {
          JsonNode e = JSON.readTree(line);
          assertEquals(line, "it", e.get("env").asText());
          assertEquals(line, partition, ArchiveEvents.partition(Instant.parse(e.get("ts").asText())));
          // As it came, plus the added field at the end of the object.
          archivedLines.add(line.replace(",\"env\":\"it\"}", "}"));
        }
      }
      assertEquals("every event archived, once", sorted(sent), sorted(archivedLines));
      List<String> deadLetters = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("archive/dead-letters/")).contents()) {
        deadLetters.addAll(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asUtf8String().lines().collect(Collectors.toList()));
      }
      assertEquals(deadLetters.toString(), 1, deadLetters.size());
      JsonNode dead = JSON.readTree(deadLetters.get(0));
      assertEquals(bad, dead.get("payload").asText());
      assertEquals(ArchiveEvents.STEP, dead.get("step").asText());

      Path out = TestDirs.emptied(work.resolve("forecasts"));
      List<String> batch = new ArrayList<>(List.of(
          "batch",
          "--input=s3://" + BUCKET + "/archive/events/*/*/*.jsonl.gz",
          "--output=" + out,
          "--window=30m",
          "--horizon=12h",
          "--modelVersion=it-archive"));
      batch.addAll(List.of(aws));
      AugurProcess trained =
          AugurProcess.run(work.resolve("batch-run"), ENV, batch.toArray(new String[0])).assertSucceeded();
      SmallHistory.assertForecastsWritten(trained, out, "it-archive");
    }
  }

  /**
   * The archive in Parquet on S3: files of the same partitions, which the batch pipeline reads
   * through S3's seekable channel, every event once, and trains on. Its pages are ZSTD-compressed,
   * whose codec is native code (zstd-jni) that the bundle must carry and load.
   */
  @Test
  public void aParquetArchiveOnS3IsReadBackByTheBatchPipeline() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = Paths.get("target/it/archive-parquet").toAbsolutePath();
    Path events = work.resolve("events");
    SmallHistory.writeTo(events);
    String count = String.format(java.util.Locale.ROOT, "%,d", generatedLines(events).size());
    String bucket = BUCKET + "-parquet";
    try (S3Client s3 = MotoS3.client(endpoint)) {
      s3.createBucket(b -> b.bucket(bucket));
      List<String> archive = new ArrayList<>(List.of(
          "archive",
          "--replayInput=" + events + "/*",
          "--replaySpeedup=0",
          "--archive=s3://" + bucket + "/archive",
          "--archiveFormat=PARQUET",
          "--archiveParquetCompression=ZSTD",
          "--flushInterval=5s"));
      archive.addAll(List.of(aws(endpoint)));
      AugurProcess archived =
          AugurProcess.run(work.resolve("archive-run"), ENV, archive.toArray(new String[0])).assertSucceeded();
      assertThat(archived.stderr, containsString("events_archived=" + count));
      int files = 0;
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("archive/events/")).contents()) {
        assertThat(
            o.key(),
            matchesPattern("archive/events/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/events-.*\\.parquet"));
        files++;
      }
      assertTrue("hourly partitions of 15 days: " + files, files >= 15 * 24);
      String first =
          s3.listObjectsV2(b -> b.bucket(bucket).prefix("archive/events/")).contents().get(0).key();
      Path copy = work.resolve("first.parquet");
      java.nio.file.Files.deleteIfExists(copy);
      s3.getObject(b -> b.bucket(bucket).key(first), copy);
      assertEquals(Set.of(CompressionCodecName.ZSTD), codecs(copy));

      Path out = TestDirs.emptied(work.resolve("forecasts"));
      List<String> batch = new ArrayList<>(List.of(
          "batch",
          "--input=s3://" + bucket + "/archive/events/*/*/*.parquet",
          "--output=" + out,
          "--window=30m",
          "--horizon=12h",
          "--modelVersion=it-parquet"));
      batch.addAll(List.of(aws(endpoint)));
      AugurProcess trained =
          AugurProcess.run(work.resolve("batch-run"), ENV, batch.toArray(new String[0])).assertSucceeded();
      assertThat(trained.stdout + trained.stderr, containsString("events_parsed=" + count));
      SmallHistory.assertForecastsWritten(trained, out, "it-parquet");
    }
  }

  /** The codecs of a Parquet file's column chunks, from its footer. */
  private static Set<CompressionCodecName> codecs(Path file) throws IOException {
    Set<CompressionCodecName> codecs = new TreeSet<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      reader.getFooter().getBlocks().forEach(b -> b.getColumns().forEach(c -> codecs.add(c.getCodec())));
    }
    return codecs;
  }

  private static final Map<String, String> ENV =
      Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");

  /** The options that point Beam's S3 file system at moto. */
  private static String[] aws(String endpoint) {
    return new String[] {
      "--awsRegion=us-east-1",
      "--endpoint=" + endpoint,
      "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory"
    };
  }

  /** The same archive on embedded Flink, in streaming mode, to local files. */
  @Test
  public void theArchiveRunsOnFlink() throws Exception {
    Path work = Paths.get("target/it/archive-flink").toAbsolutePath();
    Path events = work.resolve("events");
    SmallHistory.writeTo(events);
    List<String> sent = generatedLines(events);
    Path archive = work.resolve("archive");
    AugurProcess.run(
            work.resolve("run"),
            Map.of(),
            "archive",
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--replayInput=" + events + "/*.jsonl.gz",
            "--replaySpeedup=0",
            "--archive=" + archive,
            "--flushInterval=5s")
        .assertSucceeded();
    List<String> archived = new ArrayList<>();
    try (Stream<Path> files = Files.walk(archive.resolve("events"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jsonl.gz")).collect(Collectors.toList())) {
        String partition = archive.resolve("events").relativize(f.getParent()).toString();
        try (InputStream in = Files.newInputStream(f)) {
          for (String line : gunzip(in)) {
            assertEquals(
                line, partition, ArchiveEvents.partition(Instant.parse(JSON.readTree(line).get("ts").asText())));
            archived.add(line);
          }
        }
      }
    }
    assertEquals("every event archived, once", sorted(sent), sorted(archived));
    // The replay ended: Beam's temporary directories are removed from the archive.
    try (Stream<Path> dirs = Files.walk(archive)) {
      assertEquals(List.of(), dirs.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().startsWith(".t")).collect(Collectors.toList()));
    }
  }

  /** The lines of the generated history's gzipped files in {@code events}. */
  private static List<String> generatedLines(Path events) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(events)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jsonl.gz")).collect(Collectors.toList())) {
        try (InputStream in = Files.newInputStream(f)) {
          lines.addAll(gunzip(in));
        }
      }
    }
    return lines;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.sort(null);
    return out;
  }

  private static List<String> gunzip(InputStream in) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      return r.lines().collect(Collectors.toList());
    }
  }
}
