package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run that did nothing useful says why and exits non-zero rather than looking like a quiet
 * monitor: input refused (the most common reason among its dead letters), or a replay whose
 * windows no forecast covers (the windows the forecasts do cover).
 */
public class DeadLetterReasonsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static String deadLetter(String error) {
    return "{\"payload\":\"x\",\"error\":\"" + error + "\",\"step\":\"parse\",\"source\":null,"
        + "\"time\":\"2026-01-01T00:00:00.000Z\"}\n";
  }

  @Test
  public void namesTheMostCommonReason() throws Exception {
    Path dir = tmp.newFolder("dead-letters").toPath();
    Files.writeString(dir.resolve("a.jsonl"), deadLetter("not JSON") + deadLetter("missing timestamp field 'ts'"));
    Files.writeString(dir.resolve("b.jsonl"), deadLetter("missing timestamp field 'ts'").repeat(3));
    assertEquals(
        Optional.of("missing timestamp field 'ts' (4 of the first 5 dead letters)"),
        DeadLetterReasons.mostCommon(dir.toString(), 0));
    assertEquals(Optional.empty(), DeadLetterReasons.mostCommon(tmp.newFolder("none").toString(), 0));
    // An earlier run's dead letters in the same directory are not this run's reasons.
    Files.setLastModifiedTime(dir.resolve("b.jsonl"), java.nio.file.attribute.FileTime.fromMillis(1_000));
    assertEquals(
        Optional.of("not JSON (1 of the first 2 dead letters)"),
        DeadLetterReasons.mostCommon(dir.toString(), 2_000));
  }

  private static String errOf(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Augur.commandLine().execute(args);
      return status + "\n" + err.toString(StandardCharsets.UTF_8);
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  public void aBatchThatRefusedEveryLineSaysWhy() throws Exception {
    Path events = tmp.newFile("history.jsonl").toPath();
    Files.writeString(
        events,
        "{\"time\":\"2026-01-01T00:00:00Z\",\"value\":1,\"region\":\"a\",\"service\":\"b\"}\n".repeat(4));
    String printed =
        errOf("batch", "--input=" + events, "--output=" + tmp.newFolder("forecast"), "--window=15m");
    assertThat(printed, printed.startsWith("1\n"));
    assertThat(printed, containsString("every line was refused (4 dead letters"));
    assertThat(printed, containsString("the most common reason: missing timestamp field 'ts' (4 of the first 4"));
  }

  @Test
  public void aReplayThatRefusedEveryEventFailsSayingWhy() throws Exception {
    Path forecasts = tmp.newFolder("forecasts").toPath();
    Files.writeString(
        forecasts.resolve("manifest.json"),
        "{\"model_version\":\"v1\",\"window_seconds\":900,\"statistics\":[\"count\"],\"forecast_count\":0}");
    Path events = tmp.newFile("events.jsonl").toPath();
    Files.writeString(
        events,
        "{\"time\":\"2026-01-01T00:00:00Z\",\"value\":1,\"region\":\"a\",\"service\":\"b\"}\n".repeat(5));
    String printed =
        errOf("stream", "--source=FILE", "--replayInput=" + events, "--forecasts=" + forecasts,
            "--streamOutput=" + tmp.newFolder("stream"), "--window=15m");
    assertThat(printed, printed.startsWith("1\n"));
    assertThat(printed, containsString("every one of the 5 events read was refused, so nothing was compared"));
    assertThat(printed, containsString("the most common reason: missing timestamp field 'ts' (5 of the first 5"));
  }

  /** A replay of windows no forecast covers compared nothing, and says which windows it covers. */
  @Test
  public void aReplayOutsideItsForecastsFailsSayingWhatTheyCover() throws Exception {
    Path forecasts = tmp.newFolder("forecasts").toPath();
    Files.writeString(
        forecasts.resolve("manifest.json"),
        "{\"model_version\":\"v1\",\"window_seconds\":900,\"statistics\":[\"count\"],\"forecast_count\":1,"
            + "\"valid_from\":\"2024-05-01T00:00:00.000Z\",\"valid_until\":\"2024-05-01T00:15:00.000Z\"}");
    Files.createDirectories(forecasts.resolve("forecasts/v1"));
    Files.writeString(
        forecasts.resolve("forecasts/v1/forecasts-00000-of-00001.jsonl"),
        "{\"series\":\"region=a,service=b\",\"dimensions\":{\"region\":\"a\",\"service\":\"b\"},"
            + "\"statistic\":\"count\",\"window_start\":\"2024-05-01T00:00:00.000Z\","
            + "\"window_end\":\"2024-05-01T00:15:00.000Z\",\"expected\":5.0,\"lower\":3.0,\"upper\":7.0,"
            + "\"model_version\":\"v1\",\"trained_at\":\"2024-04-30T00:00:00.000Z\","
            + "\"valid_until\":\"2024-05-01T00:15:00.000Z\"}\n");
    Path events = tmp.newFile("later.jsonl").toPath();
    Files.writeString(
        events,
        "{\"ts\":\"2026-01-01T00:00:00Z\",\"value\":1,\"region\":\"a\",\"service\":\"b\"}\n".repeat(3));
    Path out = tmp.newFolder("out").toPath();
    String printed =
        errOf("stream", "--source=FILE", "--replayInput=" + events, "--forecasts=" + forecasts,
            "--streamOutput=" + out, "--window=15m", "--statistics=count");
    assertThat(printed, printed.startsWith("1\n"));
    // Its windows were written, uncompared, and Beam's temporary directories removed after.
    try (var written = Files.list(out.resolve("metrics")); var left = Files.walk(out)) {
      assertTrue(written.findAny().isPresent());
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".temp")).toList());
    }
    assertThat(printed, containsString("no window was compared: forecast version v1 under " + forecasts
        + " covers the windows from 2024-05-01T00:00:00.000Z to 2024-05-01T00:15:00.000Z"));
  }
}
