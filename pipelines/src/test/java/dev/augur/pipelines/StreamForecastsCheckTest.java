package dev.augur.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The stream refuses, before it starts, forecasts it could never compare with: another window
 * length, or none at all for a replay, which loads them once.
 */
public class StreamForecastsCheckTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static StreamConfig config(Path forecasts, String... more) {
    String[] base = {"--forecasts=" + forecasts};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return StreamConfig.from(PipelineOptionsFactory.fromArgs(all).as(StreamOptions.class));
  }

  private static StreamConfig replay(Path forecasts, String... more) {
    String[] all = new String[more.length + 1];
    all[0] = "--replayInput=/tmp/events/*.jsonl";
    System.arraycopy(more, 0, all, 1, more.length);
    return config(forecasts, all);
  }

  private Path forecastsOf(long windowSeconds) throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"model_version\":\"v1\",\"window_seconds\":" + windowSeconds + ",\"statistics\":[\"count\",\"mean\",\"stddev\",\"sum\"]}");
    return dir;
  }

  /** A manifest that records the fields its history was read with. */
  private Path forecastsReadWith(String fields) throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"model_version\":\"v7\",\"window_seconds\":1800,\"statistics\":[\"count\",\"mean\",\"stddev\",\"sum\"],"
            + "\"event_fields\":" + fields + "}");
    return dir;
  }

  /**
   * A stream that would read its events with other series fields than the history was read with,
   * or leaves a timestamp or value field at its default where the history's differs, fails naming
   * the option and the value to give; another name given on purpose is warned about; the same
   * names pass, and so does a manifest that records none (CSV history, or a version written before
   * manifests recorded them).
   */
  @Test
  public void fieldsOtherThanTheHistorysFailNamingTheOption() throws Exception {
    Path dir =
        forecastsReadWith("{\"timestamp\":\"@timestamp\",\"value\":\"latency_ms\",\"series\":[\"svc\",\"dc\"]}");
    String[] same = {"--window=30m", "--timestampField=@timestamp", "--valueField=latency_ms", "--seriesFields=svc,dc"};
    assertEquals(List.of(), StreamingDetectionPipeline.checkForecasts(replay(dir, same), NOW));

    String[][] cases = {
      {"timestampField", "give --timestampField=@timestamp", "--window=30m", "--valueField=latency_ms", "--seriesFields=svc,dc"},
      {"valueField", "value field is 'latency_ms'; give --valueField=latency_ms", "--window=30m", "--timestampField=@timestamp", "--seriesFields=svc,dc"},
      {"seriesFields", "give --seriesFields=svc,dc", "--window=30m", "--timestampField=@timestamp", "--valueField=latency_ms", "--seriesFields=dc,svc"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 2, c.length);
      InvalidOptionException e =
          assertThrows(
              c[0], InvalidOptionException.class,
              () -> StreamingDetectionPipeline.checkForecasts(replay(dir, args), NOW));
      assertThat(e.getMessage(), containsString("--" + c[0]));
      assertThat(e.getMessage(), containsString("forecast version v7"));
      assertThat(e.getMessage(), containsString(c[1]));
    }
    // Another name given on purpose (history exported under other names) is only warned about.
    List<String> warned =
        StreamingDetectionPipeline.checkForecasts(
            replay(dir, "--window=30m", "--timestampField=@timestamp", "--valueField=latency",
                "--seriesFields=svc,dc"),
            NOW);
    assertEquals(
        List.of("--valueField is 'latency', but forecast version v7 was trained on events whose value"
            + " field is 'latency_ms': compared as the same quantity, as given; if 'latency' is"
            + " misspelt, every event will be counted without a value (each sum 0), which the log"
            + " tells after the first 200 events"),
        warned);
    // A live stream is held to the same names.
    assertThrows(
        InvalidOptionException.class,
        () -> StreamingDetectionPipeline.checkForecasts(config(dir, "--window=30m", "--source=KAFKA",
            "--kafkaBootstrapServers=127.0.0.1:9", "--kafkaTopics=t"), NOW));
    assertEquals(
        List.of(), StreamingDetectionPipeline.checkForecasts(replay(forecastsOf(1800), "--window=30m"), NOW));
  }

  /**
   * Statistics the forecasts lack are never compared: some of them are warned about, naming
   * --statistics; all of them fail, naming it and what to give.
   */
  @Test
  public void statisticsWithoutForecastsAreNamed() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"model_version\":\"v3\",\"window_seconds\":900,\"statistics\":[\"count\",\"sum\"]}");
    List<String> warnings =
        StreamingDetectionPipeline.checkForecasts(replay(dir, "--window=15m", "--statistics=count,min"), NOW);
    assertEquals(1, warnings.size());
    assertThat(warnings.get(0), containsString("--statistics: forecast version v3 under " + dir
        + " forecasts count,sum, not min, so min is never compared"));
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> StreamingDetectionPipeline.checkForecasts(
                replay(dir, "--window=15m", "--statistics=mean,max"), NOW));
    assertThat(e.getMessage(), containsString("--statistics is 'mean,max', but forecast version v3"));
    assertThat(e.getMessage(), containsString("give --statistics=count,sum"));
    assertEquals(
        List.of(),
        StreamingDetectionPipeline.checkForecasts(replay(dir, "--window=15m", "--statistics=sum"), NOW));
  }

  @Test
  public void forecastsOfTheStreamsWindowPass() throws Exception {
    assertEquals(
        List.of(),
        StreamingDetectionPipeline.checkForecasts(replay(forecastsOf(900), "--window=15m"), NOW));
  }

  @Test
  public void anotherWindowLengthFailsNamingWindowAndTheOneToGive() throws Exception {
    Path forecasts = forecastsOf(900);
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> StreamingDetectionPipeline.checkForecasts(replay(forecasts, "--window=5m"), NOW));
    assertEquals("window", e.option());
    assertThat(e.getMessage(), containsString("--window is 5m, but forecast version v1"));
    assertThat(e.getMessage(), containsString("forecasts windows of 15m"));
    assertThat(e.getMessage(), containsString("give --window=15m"));
  }

  @Test
  public void aReplayWithoutForecastsFailsNamingForecasts() throws Exception {
    Path none = tmp.newFolder("nothing-here").toPath();
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> StreamingDetectionPipeline.checkForecasts(replay(none), NOW));
    assertEquals("forecasts", e.option());
    assertThat(e.getMessage(), containsString("has no readable forecast manifest"));
    assertThat(e.getMessage(), containsString("--output=" + none));
  }

  @Test
  public void aLiveStreamWaitsForForecastsNotYetPublished() throws Exception {
    Path none = tmp.newFolder("later").toPath();
    List<String> warnings =
        StreamingDetectionPipeline.checkForecasts(
            config(none, "--source=KAFKA", "--kafkaBootstrapServers=127.0.0.1:9092", "--kafkaTopics=e"),
            NOW);
    assertEquals(1, warnings.size());
    assertThat(warnings.get(0), containsString("No readable forecast manifest under " + none));
    // The live stream still refuses a window that can never match.
    Path forecasts = forecastsOf(1800);
    assertThrows(
        InvalidOptionException.class,
        () ->
            StreamingDetectionPipeline.checkForecasts(
                config(
                    forecasts,
                    "--source=KAFKA",
                    "--kafkaBootstrapServers=127.0.0.1:9092",
                    "--kafkaTopics=e",
                    "--window=15m"),
                NOW));
  }

  @Test
  public void aLiveStreamIsWarnedWhenItsForecastsHaveRunOut() throws Exception {
    Path dir = tmp.newFolder("expired").toPath();
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"model_version\":\"v7\",\"window_seconds\":900,\"statistics\":[\"count\",\"mean\",\"stddev\",\"sum\"],"
            + "\"valid_from\":\"2024-05-11T00:00:00Z\",\"valid_until\":\"2024-05-12T00:00:00Z\"}");
    String[] live = {
      "--source=KAFKA", "--kafkaBootstrapServers=127.0.0.1:9092", "--kafkaTopics=e", "--window=15m"
    };
    List<String> warnings = StreamingDetectionPipeline.checkForecasts(config(dir, live), NOW);
    assertEquals(1, warnings.size());
    assertThat(warnings.get(0), containsString("Forecast version v7 under " + dir + " ran out at 2024-05-12"));
    assertThat(warnings.get(0), containsString("NO_FORECAST"));
    // Still valid: no warning; and a replay compares past events with past forecasts.
    assertEquals(
        List.of(),
        StreamingDetectionPipeline.checkForecasts(config(dir, live), Instant.parse("2024-05-11T12:00:00Z")));
    assertEquals(
        List.of(), StreamingDetectionPipeline.checkForecasts(replay(dir, "--window=15m"), NOW));
  }
}
