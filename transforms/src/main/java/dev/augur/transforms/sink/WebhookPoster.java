package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.IncidentsConfig.WebhookFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Duration;

/**
 * POSTs incident events as JSON to a webhook, retrying 429, 5xx and I/O failures with backoff.
 *
 * <p>With {@link WebhookFormat#PAGERDUTY} the body is a PagerDuty Events API v2 event: {@code
 * routing_key}, {@code event_action} ({@code trigger} for OPENED and UPDATED, which updates the
 * open alert of the same {@code dedup_key}; {@code resolve} for RESOLVED), {@code dedup_key} (the
 * dedupe key, or its SHA-256 beyond PagerDuty's 255 characters) and {@code payload} with {@code
 * summary}, {@code source} (the series), {@code severity} (CRITICAL critical, HIGH error, MEDIUM
 * warning, LOW info), {@code timestamp}, {@code component} (the statistic) and {@code
 * custom_details} (the event's JSON).
 *
 * <p>The secret (the URL, or the routing key) appears in no message this class produces: failure
 * texts pass through {@link #redact}.
 */
final class WebhookPoster {
  static final int MAX_DEDUP_KEY_CHARS = 255;
  static final int MAX_SUMMARY_CHARS = 1024;

  /** A delivery that failed for good; its message is free of the secret. */
  static final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    DeliveryException(String message) {
      super(message);
    }
  }

  private final HttpClient http;
  private final URI uri;
  private final WebhookFormat format;
  private final String routingKey;
  private final Backoff backoff;
  private final Duration attemptTimeout;
  private final List<String> secrets = new ArrayList<>();

  /**
   * @param secret the URL for {@link WebhookFormat#JSON}, the routing key for {@link
   *     WebhookFormat#PAGERDUTY}
   * @param pagerDutyUrl the events endpoint for {@link WebhookFormat#PAGERDUTY}
   */
  WebhookPoster(
      WebhookFormat format,
      String secret,
      String pagerDutyUrl,
      Backoff backoff,
      Duration attemptTimeout) {
    this.format = format;
    this.backoff = backoff;
    this.attemptTimeout = attemptTimeout;
    this.secrets.add(secret);
    if (format == WebhookFormat.JSON) {
      URI parsed;
      try {
        parsed = URI.create(secret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the webhook secret is not a URL");
      }
      if (parsed.getScheme() == null || parsed.getHost() == null) {
        throw new IllegalArgumentException("the webhook secret is not an absolute http(s) URL");
      }
      this.uri = parsed;
      this.routingKey = null;
      // Messages may carry the URL in pieces: its path and query hold the token.
      addSecret(parsed.getRawPath());
      addSecret(parsed.getRawQuery());
    } else {
      this.uri = URI.create(pagerDutyUrl);
      this.routingKey = secret;
    }
    this.http = HttpCalls.client(attemptTimeout);
  }

  private void addSecret(String part) {
    if (part != null && part.length() > 1) {
      secrets.add(part);
    }
  }

  /** Delivers the event, retrying transient failures. */
  void post(IncidentEvent e) throws DeliveryException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(java.time.Duration.ofMillis(attemptTimeout.getMillis()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(e)))
            .build();
    try {
      backoff.call(
          () -> {
            HttpCalls.send(http, request, this::redact);
            return null;
          },
          HttpCalls::retryable);
    } catch (InterruptedException ex) {
      throw ex;
    } catch (Exception ex) {
      throw new DeliveryException(
          "webhook delivery failed after at most " + backoff.maxAttempts() + " attempts: "
              + ex.getMessage());
    }
  }

  /** The text with every occurrence of the secret, or of the URL's path and query, masked. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "<redacted>");
    }
    return out;
  }

  String body(IncidentEvent e) {
    return format == WebhookFormat.PAGERDUTY ? pagerDuty(e, routingKey).toString() : SinkJson.incident(e);
  }

  static ObjectNode pagerDuty(IncidentEvent e, String routingKey) {
    ObjectNode n = SinkJson.MAPPER.createObjectNode();
    n.put("routing_key", routingKey);
    n.put("event_action", e.getType() == IncidentEvent.Type.RESOLVED ? "resolve" : "trigger");
    n.put(
        "dedup_key",
        e.getDedupeKey().length() <= MAX_DEDUP_KEY_CHARS
            ? e.getDedupeKey()
            : SnsMessages.sha256(e.getDedupeKey()));
    ObjectNode payload = n.putObject("payload");
    String summary = e.getSummary();
    payload.put(
        "summary",
        summary.length() <= MAX_SUMMARY_CHARS ? summary : summary.substring(0, MAX_SUMMARY_CHARS));
    payload.put("source", e.getSeries());
    payload.put("severity", pagerDutySeverity(e.getSeverity()));
    payload.put("timestamp", e.getEventTime().toString());
    payload.put("component", e.getStatistic());
    payload.set("custom_details", SinkJson.incidentNode(e, e.getEvidence().size()));
    return n;
  }

  static String pagerDutySeverity(IncidentEvent.Severity s) {
    switch (s) {
      case CRITICAL:
        return "critical";
      case HIGH:
        return "error";
      case MEDIUM:
        return "warning";
      case LOW:
        return "info";
      default:
        throw new IllegalArgumentException("unknown severity " + s);
    }
  }
}
