package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * POSTs each incident event to the webhook ({@link WebhookPoster}), reading the secret on the
 * worker at start; failures dead-letter with the event's JSON and a redacted error.
 */
final class WebhookDelivery implements IncidentDelivery {
  private static final long serialVersionUID = 1L;
  private static final Counter DEAD_LETTERED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, PublishIncidents.DEAD_LETTER_COUNTER);
  private static final Counter POSTED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, "webhook_events_posted");

  private final IncidentsConfig config;
  private transient WebhookPoster poster;

  WebhookDelivery(IncidentsConfig config) {
    this.config = config;
  }

  @Override
  public void start() {
    String url = config.getWebhookUrl();
    poster =
        new WebhookPoster(
            config.getWebhookFormat(),
            Secrets.read(config.getWebhookSecret(), "webhook secret", config),
            url == null ? IncidentsConfig.PAGERDUTY_EVENTS_URL : url,
            config.backoff(),
            config.getAttemptTimeout());
  }

  @Override
  public @Nullable DeadLetter deliver(IncidentEvent e) throws InterruptedException {
    try {
      poster.post(e);
      POSTED.inc();
      return null;
    } catch (WebhookPoster.DeliveryException ex) {
      return SinkFiles.deadLetter(
          SinkJson.incident(e), ex.getMessage(), PublishIncidents.STEP, DEAD_LETTERED);
    }
  }

  @Override
  public void stop() {}
}
