package dev.augur.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReadEventsTest {
  private static final EventFormat FORMAT = EventFormat.withSeriesFields(List.of("service"));

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private File write(String name, String content) throws IOException {
    File f = tmp.newFile(name);
    Files.writeString(f.toPath(), content, StandardCharsets.UTF_8);
    return f;
  }

  private File writeGzip(String name, String content) throws IOException {
    File f = tmp.newFile(name);
    try (OutputStream out = new GZIPOutputStream(new FileOutputStream(f))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private static PCollection<DeadLetter> withoutTime(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        MapElements.into(TypeDescriptor.of(DeadLetter.class))
            .via(d -> DeadLetter.create(d.getPayload(), d.getError(), d.getStep(), d.getSource(), new Instant(0))));
  }

  private static DeadLetter deadLetter(String payload, String error, File file) {
    return DeadLetter.create(payload, error, "parse", file.getAbsolutePath(), new Instant(0));
  }

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  @Test
  public void readsJsonLinesGzipAndCsvChosenPerFile() throws Exception {
    File json =
        write(
            "events.jsonl",
            "{\"ts\":\"2024-05-01T10:00:00Z\",\"service\":\"a\",\"value\":1}\n"
                + "\n"
                + "{\"ts\":\"2024-05-01T10:01:00Z\",\"service\":\"a\"}\n"
                + "{\"ts\":\"2024-05-01T10:02:00Z\",\"value\":3}\n");
    writeGzip(
        "more.json.gz",
        "{\"ts\":\"2024-05-01T10:00:30Z\",\"service\":\"b\",\"value\":4}\n"
            + "{\"ts\":\"2024-05-01T10:00:40Z\",\"service\":\"b\",\"value\":5}\n");
    File csv =
        write(
            "machine_temperature.csv",
            "timestamp,value\n"
                + "2013-12-02 21:15:00,73.967\n"
                + "2013-12-02 21:20:00,warm\n"
                + "2013-12-02 21:25:00,74.5\n");
    writeGzip("cpu.csv.gz", "\uFEFFtimestamp,value\n2014-02-14 14:30:00,0.132\n");

    ParsedEvents read = p.apply(ReadEvents.from(tmp.getRoot().getAbsolutePath() + "/*", FORMAT));

    PAssert.that(read.events().apply(Reify.timestamps()))
        .containsInAnyOrder(
            stamped(Event.create("service=a", t("2024-05-01T10:00:00Z"), 1.0)),
            stamped(Event.count("service=a", t("2024-05-01T10:01:00Z"))),
            stamped(Event.create("service=b", t("2024-05-01T10:00:30Z"), 4.0)),
            stamped(Event.create("service=b", t("2024-05-01T10:00:40Z"), 5.0)),
            stamped(Event.create("series=machine_temperature", t("2013-12-02T21:15:00Z"), 73.967)),
            stamped(Event.create("series=machine_temperature", t("2013-12-02T21:25:00Z"), 74.5)),
            stamped(Event.create("series=cpu", t("2014-02-14T14:30:00Z"), 0.132)));
    PAssert.that(withoutTime(read.deadLetters()))
        .containsInAnyOrder(
            deadLetter(
                "{\"ts\":\"2024-05-01T10:02:00Z\",\"value\":3}", "missing series field 'service'", json),
            deadLetter("2013-12-02 21:20:00,warm", "value is not a number: 'warm'", csv));
    p.run().waitUntilFinish();
  }

  private static TimestampedValue<Event> stamped(Event e) {
    return TimestampedValue.of(e, e.getEventTime());
  }

  @Test
  public void readsNabFilesWithoutHeader() throws Exception {
    write("ec2_cpu.csv", "2014-02-14 14:30:00,0.132\n2014-02-14 14:35:00,0.134\n");
    ParsedEvents read = p.apply(ReadEvents.from(tmp.getRoot().getAbsolutePath() + "/ec2_cpu.csv", FORMAT));
    PAssert.that(read.events())
        .containsInAnyOrder(
            Event.create("series=ec2_cpu", t("2014-02-14T14:30:00Z"), 0.132),
            Event.create("series=ec2_cpu", t("2014-02-14T14:35:00Z"), 0.134));
    PAssert.that(read.deadLetters()).empty();
    p.run().waitUntilFinish();
  }

  /**
   * History read at a time holds no later event: one dated after it (a producer's clock ahead)
   * would end every series' history there, so it is dead-lettered with its reason, in JSON lines
   * and CSV alike.
   */
  @Test
  public void eventsDatedAfterTheLatestAllowedAreDeadLettered() throws Exception {
    File json = write("a.jsonl",
        "{\"ts\":\"2024-05-01T10:00:00Z\",\"value\":1,\"service\":\"a\"}\n"
            + "{\"ts\":\"2024-05-04T10:00:00Z\",\"value\":2,\"service\":\"a\"}\n");
    File csv = write("cpu.csv", "2024-05-01 11:00:00,0.5\n2024-05-01 13:00:00,0.7\n");
    ParsedEvents read = p.apply(
        ReadEvents.from(tmp.getRoot().getAbsolutePath() + "/*", FORMAT)
            .refusingEventsAfter(t("2024-05-01T12:00:00Z")));
    PAssert.that(read.events())
        .containsInAnyOrder(
            Event.create("service=a", t("2024-05-01T10:00:00Z"), 1.0),
            Event.create("series=cpu", t("2024-05-01T11:00:00Z"), 0.5));
    String why = " is after 2024-05-01T12:00:00.000Z, the latest this history can hold (an hour"
        + " after the run started): a producer's clock ahead, or a wrong timestamp";
    PAssert.that(withoutTime(read.deadLetters()))
        .containsInAnyOrder(
            deadLetter("{\"ts\":\"2024-05-04T10:00:00Z\",\"value\":2,\"service\":\"a\"}",
                "event time 2024-05-04T10:00:00.000Z" + why, json),
            deadLetter("2024-05-01 13:00:00,0.7", "event time 2024-05-01T13:00:00.000Z" + why, csv));
    p.run().waitUntilFinish();
  }

  @Test
  public void failsNamingThePatternWhenNothingMatches() {
    String pattern = tmp.getRoot().getAbsolutePath() + "/no-such-*.jsonl";
    p.apply(ReadEvents.from(pattern, FORMAT));
    Pipeline.PipelineExecutionException e =
        assertThrows(Pipeline.PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertThat(e.getMessage(), containsString(pattern));
  }

  @Test
  public void choosesFormatByNameWithoutCompression() {
    assertEquals("a", ReadEvents.csvSeriesName("a.csv"));
    assertEquals("a", ReadEvents.csvSeriesName("a.csv.gz"));
    assertEquals("a", ReadEvents.csvSeriesName("a.CSV"));
    assertNull(ReadEvents.csvSeriesName("a.jsonl"));
    assertNull(ReadEvents.csvSeriesName("a.json.gz"));
    assertNull(ReadEvents.csvSeriesName("csv"));
  }
  /**
   * A Parquet file written by something other than the archive has no line column: each of its
   * records is dead-lettered, as text, with the reason, and the file's JSON-lines neighbours
   * still read.
   */
  @Test
  public void parquetRecordsWithoutALineAreDeadLettered() throws Exception {
    Schema other =
        SchemaBuilder.record("Metric").fields().requiredString("name").requiredDouble("v").endRecord();
    File dir = tmp.newFolder("foreign");
    Pipeline writer = Pipeline.create();
    writer
        .apply(Create.of(List.of("cpu", "disk")).withCoder(StringUtf8Coder.of()))
        .apply(
            MapElements.into(TypeDescriptor.of(GenericRecord.class))
                .via(
                    name -> {
                      GenericRecord r = new GenericData.Record(other);
                      r.put("name", name);
                      r.put("v", 1.0);
                      return r;
                    }))
        .setCoder(AvroCoder.of(other))
        .apply(
            FileIO.<GenericRecord>write()
                .via(ParquetIO.sink(other))
                .to(dir.getPath())
                .withPrefix("metrics")
                .withSuffix(".parquet")
                .withNumShards(1));
    writer.run().waitUntilFinish();
    File json = new File(dir, "events.jsonl");
    Files.writeString(
        json.toPath(), "{\"ts\":\"2024-05-01T10:00:00Z\",\"service\":\"a\"}\n", StandardCharsets.UTF_8);
    File parquet = dir.listFiles((d, name) -> name.endsWith(".parquet"))[0];

    ParsedEvents parsed = p.apply(ReadEvents.from(dir.getPath() + "/*", FORMAT));
    PAssert.that(parsed.events()).containsInAnyOrder(Event.count("service=a", t("2024-05-01T10:00:00Z")));
    String reason =
        "a Parquet record without an \"event\" column (bin/augur archive --archiveFormat=PARQUET"
            + " writes it)";
    PAssert.that(withoutTime(parsed.deadLetters()))
        .containsInAnyOrder(
            deadLetter("{\"name\": \"cpu\", \"v\": 1.0}", reason, parquet),
            deadLetter("{\"name\": \"disk\", \"v\": 1.0}", reason, parquet));
    p.run().waitUntilFinish();
  }
}
