package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What incidents need (the webhook's secret, the SNS topic) is checked at start, and fails it where
 * this process is the one that delivers.
 */
public class StreamCommandTest {
  /** An environment variable no test environment sets. */
  private static final String UNSET = "AUGUR_TEST_SECRET_THAT_IS_NOT_SET";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** A file replay on {@code runner} delivering incidents as {@code sink} says. */
  private static StreamOptions stream(String runner, String... sink) {
    PipelineOptionsFactory.register(StreamOptions.class);
    String[] args = new String[3 + sink.length];
    args[0] = "--runner=" + runner;
    args[1] = "--forecasts=/tmp/forecasts";
    args[2] = "--replayInput=/tmp/events/*.jsonl";
    System.arraycopy(sink, 0, args, 3, sink.length);
    return PipelineOptionsFactory.fromArgs(args).as(StreamOptions.class);
  }

  private static StreamOptions options(String runner, String secret) {
    return stream(
        runner, "--incidentSink=WEBHOOK", "--webhookFormat=PAGERDUTY", "--webhookSecret=" + secret);
  }

  private static String check(StreamOptions options) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StreamCommand.checkDelivery(
        options, StreamConfig.from(options), new PrintStream(err, true, StandardCharsets.UTF_8));
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void anUnsetVariableFailsAtStartWhereThisProcessDelivers() {
    assertEquals(null, System.getenv(UNSET));
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class, () -> check(options("DirectRunner", "env:" + UNSET)));
    assertEquals("webhookSecret", e.option());
    assertThat(e.getMessage(), containsString("environment variable " + UNSET + " is not set"));
  }

  @Test
  public void otherRunnersAreWarnedSinceTheirWorkersMayHaveIt() {
    String warning = check(options("org.apache.beam.sdk.testing.CrashingRunner", "env:" + UNSET));
    assertThat(warning, containsString("warning: webhookSecret: environment variable " + UNSET));
    assertThat(warning, containsString("the workers, which deliver the incidents, must be able to"));
  }

  @Test
  public void aReadableSecretPassesSilently() throws Exception {
    Path file = tmp.newFile("routing-key").toPath();
    Files.writeString(file, "R0UT1NGKEY\n");
    assertEquals("", check(options("DirectRunner", "file:" + file)));
  }

  private static StreamOptions snsOptions(String runner, String endpoint) {
    return stream(
        runner,
        "--incidentSink=SNS",
        "--snsTopicArn=arn:aws:sns:us-east-1:123456789012:incidents",
        "--awsRegion=us-east-1",
        "--endpoint=" + endpoint);
  }

  /** Nothing listens on port 1 of this machine: the topic cannot be reached. */
  @Test
  public void anSnsTopicThatCannotBeReachedFailsAtStartWhereThisProcessDelivers() {
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> check(snsOptions("DirectRunner", "http://127.0.0.1:1")));
    assertEquals("snsTopicArn", e.option());
    assertThat(e.getMessage(), containsString("cannot be reached at http://127.0.0.1:1"));

    String warning =
        check(snsOptions("org.apache.beam.sdk.testing.CrashingRunner", "http://127.0.0.1:1"));
    assertThat(warning, containsString("warning: SNS topic arn:aws:sns:us-east-1:123456789012:incidents"));
  }

  @Test
  public void theSummarySaysWhatWasDeliveredAndWhatWasNot() {
    StreamConfig config = StreamConfig.from(options("DirectRunner", "env:HOME"));
    String summary =
        StreamCommand.summary(
            java.util.Map.of(
                "events_parsed", 7461L,
                "events_dead_lettered", 5L,
                "events_too_late", 3L,
                "windows_without_forecast", 12L,
                "windows_compared", 960L,
                "incidents_opened", 2L,
                "incidents_updated", 5L,
                "incidents_resolved", 2L,
                "incidents_dead_lettered", 1L),
            config);
    assertThat(
        summary,
        containsString("events:       7,461 parsed, 8 dead-lettered (5 unparseable, 3 too late for their window)"));
    assertThat(summary, containsString("windows:      960 compared, 12 without a forecast"));
    assertThat(summary, containsString("incidents:    2 opened, 5 updated, 2 resolved; 1 could not be delivered"));
    assertThat(summary, containsString("incidents to: WEBHOOK"));
    assertThat(summary, containsString("dead letters: "));
  }

  /** Files written by the stream itself are said where. */
  @Test
  public void theSummarySaysWhereFileSinksWrote() {
    StreamConfig config =
        StreamConfig.from(
            org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs(
                    "--replayInput=/tmp/e/*.jsonl", "--forecasts=/tmp/f", "--streamOutput=/tmp/out")
                .as(StreamOptions.class));
    String summary = StreamCommand.summary(java.util.Map.of(), config);
    assertThat(summary, containsString("metrics to:   FILE, under /tmp/out/metrics/"));
    assertThat(summary, containsString("incidents to: FILE, under /tmp/out/incidents/"));
  }

  private static StreamOptions prometheus(String runner, String url) {
    return stream(runner, "--metricSink=PROMETHEUS", "--prometheusUrl=" + url);
  }

  /** A remote-write endpoint that does not answer fails at start where this process writes. */
  @Test
  public void aPrometheusThatDoesNotAnswerFailsAtStartWhereThisProcessWrites() throws Exception {
    String down;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      down = "http://127.0.0.1:" + s.getLocalPort() + "/api/v1/write";
    }
    String url = down;
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> check(prometheus("DirectRunner", url)));
    assertEquals("prometheusUrl", e.option());
    assertThat(e.getMessage(), containsString("which delivers the metrics: Prometheus remote write to " + url + " failed"));
    assertThat(
        check(prometheus("org.apache.beam.sdk.testing.CrashingRunner", url)),
        containsString("the workers, which deliver the metrics, must be able to"));
  }

  /** An endpoint that takes the empty write request passes; one that refuses it is told. */
  @Test
  public void aPrometheusThatTakesAnEmptyWritePassesSilently() throws Exception {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/write",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      assertEquals("", check(prometheus("DirectRunner", base + "/api/v1/write")));
      InvalidOptionException wrongPath =
          assertThrows(
              InvalidOptionException.class, () -> check(prometheus("DirectRunner", base + "/write")));
      assertThat(wrongPath.getMessage(), containsString("HTTP 404"));
    } finally {
      server.stop(0);
    }
  }
}
