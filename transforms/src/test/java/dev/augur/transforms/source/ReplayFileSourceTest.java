package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.parse.ParsedEvents;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReplayFileSourceTest {
  private static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static String event(String ts, String region, double value) {
    return "{\"ts\":\"" + ts + "\",\"value\":" + value + ",\"region\":\"" + region
        + "\",\"service\":\"api\"}";
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = tmp.getRoot().toPath().resolve(name);
    String text = String.join("\n", lines) + "\n";
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      Files.writeString(file, text);
    }
    return file;
  }

  private String pattern() {
    return tmp.getRoot().getAbsolutePath() + File.separator + "events-*";
  }

  private ReplayFileSource.Reader reader(
      double speedup, SettableClock clock, ReplayFileSource.Checkpoint checkpoint) {
    ReplaySourceConfig config =
        ReplaySourceConfig.builder().filepattern(pattern()).speedup(speedup).build();
    return new ReplayFileSource(config, clock)
        .createReader(PipelineOptionsFactory.create(), checkpoint);
  }

  @Test
  public void pacesTheReplayAndAdvancesTheWatermarkWithIt() throws IOException {
    write(
        "events-a.jsonl",
        event("2024-05-01T10:00:00Z", "eu", 1),
        event("2024-05-01T10:01:00Z", "eu", 2),
        event("2024-05-01T10:02:00Z", "eu", 3));
    SettableClock clock = new SettableClock(WALL);
    // 60x: a minute of events per second.
    try (ReplayFileSource.Reader r = reader(60, clock, null)) {
      assertTrue("the first event is due at once", r.start());
      assertEquals(Instant.parse("2024-05-01T10:00:00Z"), r.getCurrentTimestamp());
      assertFalse("the next is a minute of event time away", r.advance());
      assertEquals(Instant.parse("2024-05-01T10:00:00Z"), r.getWatermark());

      clock.advance(Duration.millis(500));
      assertFalse(r.advance());
      assertEquals(
          "half a second in, the replay is 30 s on",
          Instant.parse("2024-05-01T10:00:30Z"),
          r.getWatermark());

      clock.advance(Duration.millis(500));
      assertTrue(r.advance());
      assertEquals(event("2024-05-01T10:01:00Z", "eu", 2), r.getCurrent());
      assertEquals(Instant.parse("2024-05-01T10:01:00Z"), r.getCurrentTimestamp());

      clock.advance(Duration.standardSeconds(10));
      assertTrue(r.advance());
      assertEquals(
          "the watermark never passes an event not yet output",
          Instant.parse("2024-05-01T10:02:00Z"),
          r.getCurrentTimestamp());
      assertFalse(r.advance());
      assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, r.getWatermark());
    }
  }

  @Test
  public void speedupZeroReplaysAtOnceWithTheWatermarkAtTheNextEvent() throws IOException {
    write("events-a.jsonl", event("2024-05-01T10:00:00Z", "eu", 1));
    write("events-b.jsonl.gz", event("2024-05-01T11:00:00Z", "us", 2));
    SettableClock clock = new SettableClock(WALL);
    try (ReplayFileSource.Reader r = reader(0, clock, null)) {
      assertTrue(r.start());
      assertEquals(Instant.parse("2024-05-01T11:00:00Z"), r.getWatermark());
      assertTrue(r.advance());
      assertEquals(event("2024-05-01T11:00:00Z", "us", 2), r.getCurrent());
      assertFalse(r.advance());
      assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, r.getWatermark());
    }
  }

  @Test
  public void aRestoredReaderResumesAfterTheCheckpoint() throws IOException {
    write(
        "events-a.jsonl",
        event("2024-05-01T10:00:00Z", "eu", 1),
        event("2024-05-01T10:01:00Z", "eu", 2),
        event("2024-05-01T10:02:00Z", "eu", 3));
    SettableClock clock = new SettableClock(WALL);
    ReplayFileSource.Checkpoint checkpoint;
    try (ReplayFileSource.Reader r = reader(0, clock, null)) {
      assertTrue(r.start());
      assertTrue(r.advance());
      checkpoint = r.getCheckpointMark();
    }
    try (ReplayFileSource.Reader r = reader(0, clock, checkpoint)) {
      assertEquals(
          "the watermark resumes where it was",
          Instant.parse("2024-05-01T10:02:00Z"),
          r.getWatermark());
      assertTrue(r.start());
      assertEquals(event("2024-05-01T10:02:00Z", "eu", 3), r.getCurrent());
      assertFalse(r.advance());
    }
  }

  @Test
  public void aPatternMatchingNothingFailsNamingIt() {
    SettableClock clock = new SettableClock(WALL);
    try (ReplayFileSource.Reader r = reader(0, clock, null)) {
      IOException e = assertThrows(IOException.class, r::start);
      assertTrue(e.getMessage(), e.getMessage().contains("events-*"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void theHorizonIsTheLastEventTimeOfAllFilesWhateverTheirOrder() throws IOException {
    write(
        "events-a.jsonl",
        event("2024-05-01T10:00:05Z", "eu", 1),
        // Out of order within its file: still the latest time of all.
        event("2024-05-01T10:07:00Z", "eu", 2),
        event("2024-05-01T10:03:00Z", "eu", 3),
        "{\"ts\":\"not a time\"}");
    write("events-b.jsonl.gz", event("2024-05-01T10:06:59Z", "us", 4), "", "not json");
    ReplaySourceConfig config = ReplaySourceConfig.builder().filepattern(pattern()).build();

    assertEquals(Instant.parse("2024-05-01T10:07:00Z"), config.eventTimeHorizon().latest());
  }

  @Test
  public void theHorizonOfAPatternMatchingNothingFailsNamingThePattern() {
    ReplaySourceConfig config = ReplaySourceConfig.builder().filepattern(pattern()).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, config::eventTimeHorizon);
    assertTrue(e.getMessage(), e.getMessage().contains("replay file pattern '" + pattern() + "'"));
  }

  @Test
  public void aParquetFileIsRefusedNamingIt() throws IOException {
    write("events-a.jsonl", event("2024-05-01T10:00:05Z", "eu", 1));
    Path parquet = write("events-b.parquet", "PAR1");
    ReplaySourceConfig config = ReplaySourceConfig.builder().filepattern(pattern()).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, config::eventTimeHorizon);
    assertTrue(e.getMessage(), e.getMessage().contains(parquet + " is a Parquet file"));
  }

  /** Formats a per-window count as {@code windowStart=count}. */
  private static final class FormatWindowFn extends DoFn<Long, String> {
    @ProcessElement
    public void process(@Element Long count, BoundedWindow window, OutputReceiver<String> out) {
      out.output(((IntervalWindow) window).start() + "=" + count);
    }
  }

  @Test
  public void replaysEveryEventWithItsTimestampAndClosesEveryWindow() throws IOException {
    List<String> a =
        List.of(
            event("2024-05-01T10:00:05Z", "eu", 1),
            event("2024-05-01T10:01:10Z", "eu", 2),
            event("2024-05-01T10:03:00Z", "eu", 3));
    List<String> b =
        List.of(
            event("2024-05-01T10:00:30Z", "us", 4),
            event("2024-05-01T10:01:10Z", "us", 5),
            "{\"ts\":\"not a time\"}",
            event("2024-05-01T10:02:59Z", "us", 6));
    write("events-a.jsonl", a.toArray(new String[0]));
    write("events-b.jsonl.gz", b.toArray(new String[0]));
    ReplaySourceConfig config =
        // 3.5 minutes of events at 600x: about a third of a second.
        ReplaySourceConfig.builder().filepattern(pattern()).speedup(600).build();

    PCollection<KV<String, String>> read = p.apply(ReadEventStream.from(config));
    PCollection<String> lines = read.apply("Lines", Values.create());
    List<String> expected = new ArrayList<>();
    for (String line : a) {
      expected.add(line + "@" + Instant.parse(line.substring(7, 27)));
    }
    expected.add(b.get(0) + "@2024-05-01T10:00:30.000Z");
    expected.add(b.get(1) + "@2024-05-01T10:01:10.000Z");
    // No time of its own: the time of the line before it in its file.
    expected.add(b.get(2) + "@2024-05-01T10:01:10.000Z");
    expected.add(b.get(3) + "@2024-05-01T10:02:59.000Z");
    PAssert.that(
            lines
                .apply("Timestamps", Reify.timestamps())
                .apply(
                    "Format",
                    MapElements.into(TypeDescriptors.strings())
                        .via(t -> t.getValue() + "@" + t.getTimestamp())))
        .containsInAnyOrder(expected);

    ParsedEvents parsed = read.apply(ParseEvents.of(EventFormat.defaults()).fromOrigins());
    PCollection<String> perMinute =
        parsed
            .events()
            // No allowed lateness: an event the watermark had passed would be dropped here.
            .apply(
                Window.<dev.augur.transforms.records.Event>into(
                        FixedWindows.of(Duration.standardMinutes(1)))
                    .withAllowedLateness(Duration.ZERO))
            .apply(Combine.globally(Count.<dev.augur.transforms.records.Event>combineFn()).withoutDefaults())
            .apply(ParDo.of(new FormatWindowFn()));
    PAssert.that(perMinute)
        .containsInAnyOrder(
            "2024-05-01T10:00:00.000Z=2",
            "2024-05-01T10:01:00.000Z=2",
            "2024-05-01T10:02:00.000Z=1",
            "2024-05-01T10:03:00.000Z=1");
    PAssert.that(
            parsed
                .deadLetters()
                .apply(
                    "Payloads",
                    MapElements.into(TypeDescriptors.strings()).via(d -> d.getPayload())))
        .containsInAnyOrder(b.get(2));
    p.run().waitUntilFinish();
  }
}
