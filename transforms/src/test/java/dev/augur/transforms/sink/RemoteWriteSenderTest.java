package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.After;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * The remote-write sender against an endpoint on 127.0.0.1 that decodes what it is sent: the
 * protocol's headers and token, retries of 5xx, and a refused request sent again comparison by
 * comparison so only the refused ones fail.
 */
public class RemoteWriteSenderTest {
  private static final Backoff NO_WAIT = new Backoff(4, Duration.ZERO, Duration.ZERO);
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

  private HttpServer server;
  private final List<List<RemoteWriteDecoding.Decoded>> requests =
      Collections.synchronizedList(new ArrayList<>());
  private final List<String> headers = Collections.synchronizedList(new ArrayList<>());

  /**
   * An endpoint that answers 503 to the first {@code unavailable} calls, 400 to any request holding
   * a series of region {@code refused}, and 204 otherwise.
   */
  private URI serve(int unavailable) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/write",
        exchange -> {
          int status;
          try {
            List<RemoteWriteDecoding.Decoded> decoded =
                RemoteWriteDecoding.decode(exchange.getRequestBody().readAllBytes());
            requests.add(decoded);
            headers.add(
                exchange.getRequestHeaders().getFirst("Content-Encoding") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            status =
                calls.incrementAndGet() <= unavailable
                    ? 503
                    : decoded.stream().anyMatch(d -> "refused".equals(d.labelMap().get("region")))
                        ? 400
                        : 204;
          } catch (Exception e) {
            status = 500;
          }
          byte[] answer =
              (status == 400 ? "duplicate sample for timestamp" : "").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
          if (status != 204) {
            exchange.getResponseBody().write(answer);
          }
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write");
  }

  @After
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  public void sendsTheBundleInOneRequestWithTheProtocolsHeadersAndTheToken() throws Exception {
    RemoteWriteSender sender = new RemoteWriteSender(serve(0), "t0ken", NO_WAIT, Duration.standardSeconds(5));
    assertEquals(List.of(), sender.add(RemoteWriteSeriesTest.comparison("region=eu", "count", START, 3.0)));
    assertEquals(List.of(), sender.add(RemoteWriteSeriesTest.comparison("region=us", "count", START, 4.0)));
    assertEquals(List.of(), sender.flush());
    assertEquals(1, requests.size());
    assertEquals(8, requests.get(0).size());
    assertEquals("snappy application/x-protobuf 0.1.0 Bearer t0ken", headers.get(0));
    // Nothing left to send.
    assertEquals(List.of(), sender.flush());
    assertEquals(1, requests.size());
  }

  @Test
  public void unavailableIsRetried() throws Exception {
    RemoteWriteSender sender = new RemoteWriteSender(serve(2), null, NO_WAIT, Duration.standardSeconds(5));
    sender.add(RemoteWriteSeriesTest.comparison("region=eu", "count", START, 3.0));
    assertEquals(List.of(), sender.flush());
    assertEquals(3, requests.size());
    assertThat(headers.get(2), containsString(" null"));
  }

  @Test
  public void aRefusedRequestIsSentAgainComparisonByComparisonAndOnlyTheRefusedFail() throws Exception {
    RemoteWriteSender sender = new RemoteWriteSender(serve(0), null, NO_WAIT, Duration.standardSeconds(5));
    sender.add(RemoteWriteSeriesTest.comparison("region=eu", "count", START, 3.0));
    sender.add(RemoteWriteSeriesTest.comparison("region=refused", "count", START, 4.0));
    sender.add(RemoteWriteSeriesTest.comparison("region=us", "count", START, 5.0));
    List<MetricDataSender.Failure> failed = sender.flush();
    assertEquals(1, failed.size());
    assertThat(failed.get(0).payload(), containsString("region=refused"));
    assertThat(
        failed.get(0).error(),
        containsString(
            "Prometheus refused the samples: HTTP 400: duplicate sample for timestamp (Prometheus keeps"
                + " the first value it took of a window: this is a later correction of it"));
    // The whole request, then each comparison on its own.
    assertEquals(4, requests.size());
  }

  @Test
  public void anEndpointThatStaysDownFailsEveryComparisonAfterTheAttempts() throws Exception {
    RemoteWriteSender sender = new RemoteWriteSender(serve(100), null, NO_WAIT, Duration.standardSeconds(5));
    sender.add(RemoteWriteSeriesTest.comparison("region=eu", "count", START, 3.0));
    sender.add(RemoteWriteSeriesTest.comparison("region=us", "count", START, 3.0));
    List<MetricDataSender.Failure> failed = sender.flush();
    assertEquals(2, failed.size());
    assertThat(failed.get(0).error(), containsString("failed after at most 4 attempts: HTTP 503"));
    assertEquals(4, requests.size());
  }

  @Test
  public void aFullRequestIsSentWithoutWaitingForTheBundleToEnd() throws Exception {
    RemoteWriteSender sender = new RemoteWriteSender(serve(0), null, NO_WAIT, Duration.standardSeconds(5));
    int comparisons = RemoteWriteSender.MAX_SAMPLES / 4;
    for (int i = 0; i < comparisons; i++) {
      sender.add(RemoteWriteSeriesTest.comparison("region=r" + i, "count", START, 1.0));
    }
    assertEquals(1, requests.size());
    assertTrue(requests.get(0).size() >= RemoteWriteSender.MAX_SAMPLES);
  }

  /**
   * A SigV4-signed request verifies as a receiver would check it: the request rebuilt from what
   * arrived (the headers it names as signed, the host as sent, the body) and signed again with the
   * same key and date gives the same signature.
   */
  @Test
  public void aSigV4SignedRequestVerifiesFromWhatArrived() throws Exception {
    AwsCredentialsProvider key =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG"));
    Clock clock = Clock.fixed(java.time.Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    List<String> verdicts = Collections.synchronizedList(new ArrayList<>());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/workspaces/ws-1/api/v1/remote_write",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
          SdkHttpFullRequest.Builder arrived =
              SdkHttpFullRequest.builder()
                  .method(SdkHttpMethod.POST)
                  .uri(URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI()))
                  .contentStreamProvider(() -> new java.io.ByteArrayInputStream(body));
          for (String name : signedHeaders.split(";")) {
            if (!name.equals("host")) {
              arrived.putHeader(name, exchange.getRequestHeaders().getFirst(name));
            }
          }
          arrived.removeHeader("X-Amz-Date");
          SdkHttpFullRequest again =
              Aws4Signer.create()
                  .sign(
                      arrived.build(),
                      Aws4SignerParams.builder()
                          .awsCredentials(key.resolveCredentials())
                          .signingName("aps")
                          .signingRegion(Region.EU_WEST_1)
                          .signingClockOverride(clock)
                          .build());
          verdicts.add(
              authorization.equals(again.firstMatchingHeader("Authorization").orElse(""))
                  + " " + signedHeaders + " " + authorization.contains("/eu-west-1/aps/aws4_request"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    URI uri =
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/workspaces/ws-1/api/v1/remote_write");
    RemoteWriteSender sender =
        new RemoteWriteSender(
            uri, null, new RemoteWriteSigner(key, "eu-west-1", clock), NO_WAIT, Duration.standardSeconds(5));
    sender.add(RemoteWriteSeriesTest.comparison("region=eu", "count", START, 3.0));
    assertEquals(List.of(), sender.flush());
    assertEquals(1, verdicts.size());
    assertThat(verdicts.get(0), containsString("true "));
    assertThat(verdicts.get(0), containsString("content-encoding;content-type;host;"));
    assertThat(verdicts.get(0), containsString(" true"));
  }

  @Test
  public void aWorkspaceUrlNamesItsRegion() {
    assertEquals(
        "eu-west-1",
        RemoteWriteSigner.regionOf(
            URI.create("https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write")));
    assertEquals(null, RemoteWriteSigner.regionOf(URI.create("http://prometheus:9090/api/v1/write")));
  }
}
