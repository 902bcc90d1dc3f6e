package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * POSTs each incident event to the webhook ({@link WebhookPoster}), reading the secret on the
 * worker at setup; failures dead-letter with the event's JSON and a redacted error.
 */
final class PostToWebhookFn extends DoFn<IncidentEvent, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, PublishIncidents.DEAD_LETTER_COUNTER);
  private static final Counter POSTED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, "webhook_events_posted");

  private final IncidentsConfig config;
  private transient WebhookPoster poster;

  PostToWebhookFn(IncidentsConfig config) {
    this.config = config;
  }

  @Setup
  public void setup() {
    String url = config.getWebhookUrl();
    poster =
        new WebhookPoster(
            config.getWebhookFormat(),
            Secrets.read(config.getWebhookSecret(), "webhook secret", config),
            url == null ? IncidentsConfig.PAGERDUTY_EVENTS_URL : url,
            config.backoff(),
            config.getAttemptTimeout());
  }

  @ProcessElement
  public void process(@Element IncidentEvent e, OutputReceiver<DeadLetter> out)
      throws InterruptedException {
    try {
      poster.post(e);
      POSTED.inc();
    } catch (WebhookPoster.DeliveryException ex) {
      out.output(
          SinkFiles.deadLetter(
              SinkJson.incident(e), ex.getMessage(), PublishIncidents.STEP, DEAD_LETTERED));
    }
  }
}
