package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Sends comparisons to a Prometheus remote-write endpoint (Prometheus with {@code
 * --web.enable-remote-write-receiver}, Mimir, Cortex, Thanos Receive, VictoriaMetrics), in requests
 * of at most {@value #MAX_SAMPLES} samples. 429, 5xx and I/O failures are retried with backoff;
 * when the endpoint refuses a request (another 4xx: Prometheus refuses a whole request for one
 * sample out of order, or for a window corrected after its first value was written), each
 * comparison of it is sent on its own, so only those refused become failures, with the endpoint's
 * reason.
 */
final class RemoteWriteSender {
  static final int MAX_SAMPLES = 2_000;

  private record Pending(Comparison comparison, List<RemoteWriteSeries.Series> series) {}

  private final HttpClient http;
  private final URI uri;
  private final @Nullable String token;
  private final @Nullable RemoteWriteSigner signer;
  private final Backoff backoff;
  private final Duration attemptTimeout;
  private final List<Pending> pending = new ArrayList<>();
  private int samples;

  RemoteWriteSender(URI uri, @Nullable String token, Backoff backoff, Duration attemptTimeout) {
    this(uri, token, null, backoff, attemptTimeout);
  }

  /** @param signer signs each request (SigV4, Amazon Managed Service for Prometheus), or null */
  RemoteWriteSender(
      URI uri,
      @Nullable String token,
      @Nullable RemoteWriteSigner signer,
      Backoff backoff,
      Duration attemptTimeout) {
    this.uri = uri;
    this.token = token;
    this.signer = signer;
    this.backoff = backoff;
    this.attemptTimeout = attemptTimeout;
    this.http = HttpCalls.client(attemptTimeout);
  }

  /** Queues a comparison's samples; sends when a request is full. What failed, if anything. */
  List<MetricDataSender.Failure> add(Comparison c) throws InterruptedException {
    List<RemoteWriteSeries.Series> series;
    try {
      series = RemoteWriteSeries.of(c);
    } catch (IllegalArgumentException e) {
      return List.of(new MetricDataSender.Failure(SinkJson.comparison(c), e.getMessage()));
    }
    pending.add(new Pending(c, series));
    samples += series.size();
    return samples >= MAX_SAMPLES ? flush() : List.of();
  }

  /** Sends what is queued. What failed, if anything. */
  List<MetricDataSender.Failure> flush() throws InterruptedException {
    List<MetricDataSender.Failure> failures = new ArrayList<>();
    if (!pending.isEmpty()) {
      send(List.copyOf(pending), failures);
    }
    pending.clear();
    samples = 0;
    return failures;
  }

  /** Sends an empty request once: null when the endpoint takes it, else why not. */
  @Nullable String probe() throws InterruptedException {
    try {
      post(request(RemoteWriteSeries.request(List.of())));
      return null;
    } catch (InterruptedException e) {
      throw e;
    } catch (HttpCalls.Refused e) {
      return refusal(e);
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static String refusal(HttpCalls.Refused e) {
    return "Prometheus refused the samples: " + e.getMessage() + hint(e.body());
  }

  private void send(List<Pending> batch, List<MetricDataSender.Failure> failures)
      throws InterruptedException {
    List<RemoteWriteSeries.Series> series = new ArrayList<>();
    for (Pending p : batch) {
      series.addAll(p.series());
    }
    if (series.isEmpty()) {
      return;
    }
    try {
      byte[] body = RemoteWriteSeries.request(series);
      backoff.call(() -> post(request(body)), HttpCalls::retryable);
    } catch (InterruptedException e) {
      throw e;
    } catch (HttpCalls.Refused e) {
      if (batch.size() == 1) {
        failures.add(
            new MetricDataSender.Failure(
                SinkJson.comparison(batch.get(0).comparison()), refusal(e)));
      } else {
        for (Pending p : batch) {
          send(List.of(p), failures);
        }
      }
    } catch (Exception e) {
      String error =
          "Prometheus remote write failed after at most " + backoff.maxAttempts() + " attempts: "
              + e.getMessage();
      for (Pending p : batch) {
        failures.add(new MetricDataSender.Failure(SinkJson.comparison(p.comparison()), error));
      }
    }
  }

  /** What a refusal of Prometheus's own means for Augur's samples; empty for others. */
  static String hint(String body) {
    if (body.contains("out of order") || body.contains("duplicate sample")) {
      return " (Prometheus keeps the first value it took of a window: this is a later correction of"
          + " it, by late events)";
    }
    if (body.contains("out of bounds") || body.contains("too old")) {
      return " (Prometheus takes only samples from about the last hour before its newest: a replay"
          + " of older events cannot be written there)";
    }
    return "";
  }

  private HttpRequest request(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-protobuf");
    headers.put("Content-Encoding", "snappy");
    headers.put("User-Agent", "augur");
    headers.put("X-Prometheus-Remote-Write-Version", "0.1.0");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (signer != null) {
      // Signed for each attempt: a signature is good for five minutes.
      headers.putAll(signer.sign(uri, headers, body));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(java.time.Duration.ofMillis(attemptTimeout.getMillis()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return b.build();
  }

  private Void post(HttpRequest request) throws Exception {
    HttpCalls.send(http, request, text -> text);
    return null;
  }
}
