package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.transforms.archive.ArchiveFormat;
import dev.augur.transforms.archive.ParquetCompression;
import dev.augur.transforms.source.EventSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/** The archive's options become plain values, or fail naming the option at fault. */
public class ArchiveConfigTest {
  private static ArchiveConfig config(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--replayInput=/tmp/events/*.jsonl.gz";
    System.arraycopy(args, 0, all, 1, args.length);
    return ArchiveConfig.from(PipelineOptionsFactory.fromArgs(all).as(ArchiveOptions.class));
  }

  @Test
  public void defaultsAndLayout() {
    ArchiveConfig c = config("--archive=s3://bucket/augur/");
    assertEquals(EventSource.FILE, c.source().source());
    assertEquals("s3://bucket/augur/events", c.events());
    assertEquals("s3://bucket/augur/events/*/*/*.jsonl.gz", c.readBackPattern());
    assertEquals(
        "s3://bucket/augur/events/*/*/*.parquet",
        config("--archive=s3://bucket/augur", "--archiveFormat=PARQUET").readBackPattern());
    assertEquals("s3://bucket/augur/dead-letters", c.deadLetters());
    assertEquals(Duration.standardMinutes(5), c.flushInterval());
    assertEquals(1, c.shards());
    assertEquals(Map.of(), c.fields());
    assertEquals(ArchiveFormat.JSON_LINES, c.fileFormat());
    assertEquals(ArchiveFormat.PARQUET, config("--archive=/a", "--archiveFormat=parquet").fileFormat());
    assertEquals(ParquetCompression.SNAPPY, c.parquetCompression());
    assertEquals(
        ParquetCompression.ZSTD,
        config("--archive=/a", "--archiveFormat=PARQUET", "--archiveParquetCompression=zstd")
            .parquetCompression());
  }

  @Test
  public void addedFieldsKeepTheirOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("region", "eu-west-1");
    expected.put("env", "prod");
    expected.put("note", "a=b");
    assertEquals(
        expected, config("--archive=/a", "--addFields= region=eu-west-1, env=prod,note=a=b").fields());
  }

  @Test
  public void badValuesFailNamingTheOption() {
    assertFails("archive", "--archive= ");
    assertFails("flushInterval", "--archive=/a", "--flushInterval=often");
    assertFails("archiveShards", "--archive=/a", "--archiveShards=0");
    assertFails("archiveFormat", "--archive=/a", "--archiveFormat=csv");
    assertFails("archiveParquetCompression", "--archive=/a", "--archiveFormat=PARQUET", "--archiveParquetCompression=lzo");
    // A codec for JSON lines is a mistake, not something to ignore.
    assertFails("archiveParquetCompression", "--archive=/a", "--archiveParquetCompression=GZIP");
    assertFails("addFields", "--archive=/a", "--addFields=region");
    assertFails("addFields", "--archive=/a", "--addFields==x");
    assertFails("addFields", "--archive=/a", "--addFields=env=a,env=b");
    assertFails("addFields", "--archive=/a", "--addFields=env=a,");
    assertFails("kinesisStream", "--archive=/a", "--source=KINESIS");
  }

  private static void assertFails(String option, String... args) {
    InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> config(args));
    assertEquals(e.getMessage(), option, e.option());
    assertTrue(e.getMessage(), e.getMessage().startsWith("--" + option));
  }
}
