package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.IncidentsConfig.WebhookFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.time.Duration;
import org.junit.After;
import org.junit.Test;

public class WebhookPosterTest {
  private static final String ROUTING_KEY = "R0UTING-KEY-0123456789abcdef";
  private static final Backoff NO_WAIT = new Backoff(4, Duration.ZERO, Duration.ZERO);

  private HttpServer server;
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  /** A webhook on 127.0.0.1 that answers {@code failStatus} to the first calls, then 202. */
  private String serve(int failFirst, int failStatus) throws IOException {
    AtomicInteger calls = new AtomicInteger();
    return serve(
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = calls.incrementAndGet() <= failFirst ? failStatus : 202;
          answer(exchange, status, "{\"status\":" + status + "}");
        });
  }

  /** A webhook on 127.0.0.1 that answers with {@code handler}. */
  private String serve(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", handler);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** A URL on which nothing listens. */
  static String downUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @After
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static IncidentEvent opened() {
    return IncidentManagerCallsTest.event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);
  }

  @Test
  public void pagerDutyEventsTriggerAndResolveByDedupKey() throws Exception {
    IncidentEvent e = opened();
    assertEquals(
        SinkJson.MAPPER.readTree(
            "{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"service=checkout|count|2024-05-01T10:15:00Z\","
                + "\"payload\":{\"summary\":\"count of service=checkout opened at minute 0\","
                + "\"source\":\"service=checkout\",\"severity\":\"error\","
                + "\"timestamp\":\"2024-05-01T10:15:00.000Z\",\"component\":\"count\","
                + "\"custom_details\":" + SinkJson.incident(e) + "}}"),
        WebhookPoster.pagerDuty(e, ROUTING_KEY));
    IncidentEvent resolved =
        IncidentManagerCallsTest.event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.LOW, 30);
    assertEquals("resolve", WebhookPoster.pagerDuty(resolved, ROUTING_KEY).get("event_action").asText());
    assertEquals("info", WebhookPoster.pagerDuty(resolved, ROUTING_KEY).at("/payload/severity").asText());
    assertEquals(
        "critical", WebhookPoster.pagerDutySeverity(IncidentEvent.Severity.CRITICAL));
    assertEquals("warning", WebhookPoster.pagerDutySeverity(IncidentEvent.Severity.MEDIUM));
  }

  @Test
  public void serverErrorsAreRetriedUntilAccepted() throws Exception {
    String url = serve(2, 503);
    WebhookPoster poster =
        new WebhookPoster(WebhookFormat.PAGERDUTY, ROUTING_KEY, url + "/v2/enqueue", NO_WAIT,
            Duration.standardSeconds(5));
    poster.post(opened());
    String expected = WebhookPoster.pagerDuty(opened(), ROUTING_KEY).toString();
    assertEquals(List.of(expected, expected, expected), bodies);
  }

  @Test
  public void aRefusalThatEchoesTheUrlIsQuotedWithoutItsToken() throws Exception {
    // The hook's path straddles the 300th character, where the quote is cut.
    String secretUrl =
        serve(exchange -> answer(exchange, 404, "x".repeat(290) + exchange.getRequestURI()))
            + "/hooks/T0KEN-s3cret";
    WebhookPoster poster =
        new WebhookPoster(WebhookFormat.JSON, secretUrl, null, NO_WAIT, Duration.standardSeconds(5));
    WebhookPoster.DeliveryException ex =
        assertThrows(WebhookPoster.DeliveryException.class, () -> poster.post(opened()));
    // Masked before the cut: cut first, the piece "/hooks/T0K" would not be the secret any more.
    assertThat(ex.getMessage(), containsString("HTTP 404: " + "x".repeat(290) + "<redacted>"));
    assertThat(ex.getMessage(), not(containsString("T0K")));
  }

  @Test
  public void clientErrorsAreNotRetried() throws Exception {
    String url = serve(10, 400);
    String secretUrl = url + "/hooks/T0KEN-s3cret";
    WebhookPoster poster =
        new WebhookPoster(WebhookFormat.JSON, secretUrl, null, NO_WAIT, Duration.standardSeconds(5));
    WebhookPoster.DeliveryException ex =
        assertThrows(WebhookPoster.DeliveryException.class, () -> poster.post(opened()));
    assertThat(ex.getMessage(), containsString("HTTP 400"));
    assertEquals(List.of(SinkJson.incident(opened())), bodies);
  }

  @Test
  public void aDownWebhookFailsAfterItsAttemptsWithoutNamingTheSecret() throws Exception {
    String secretUrl = downUrl() + "/hooks/T0KEN-s3cret?sig=abc123";
    WebhookPoster poster =
        new WebhookPoster(WebhookFormat.JSON, secretUrl, null, NO_WAIT, Duration.standardSeconds(5));
    WebhookPoster.DeliveryException ex =
        assertThrows(WebhookPoster.DeliveryException.class, () -> poster.post(opened()));
    assertThat(ex.getMessage(), containsString("after at most 4 attempts"));
    assertThat(ex.getMessage(), not(containsString("T0KEN")));
    assertThat(ex.getMessage(), not(containsString("abc123")));
    assertEquals(
        "see <redacted> and <redacted>",
        poster.redact("see " + secretUrl + " and /hooks/T0KEN-s3cret"));
  }

  @Test
  public void aSecretReferenceIsNeverEchoed() {
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class,
            () -> Secrets.checkReference("https://hooks.example/T0KEN", "webhook secret"));
    assertThat(ex.getMessage(), not(containsString("T0KEN")));
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () ->
                Secrets.read(
                    "env:AUGUR_TEST_SURELY_UNSET_VARIABLE",
                    "webhook secret",
                    IncidentsConfig.builder().build()));
    assertEquals(
        "webhook secret: environment variable AUGUR_TEST_SURELY_UNSET_VARIABLE is not set on this"
            + " worker",
        missing.getMessage());
  }
}
