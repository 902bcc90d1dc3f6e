package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes each incident event to the SNS topic ({@link SnsMessages}); failures dead-letter. */
final class SnsDelivery implements IncidentDelivery {
  private static final long serialVersionUID = 1L;
  private static final Counter DEAD_LETTERED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, PublishIncidents.DEAD_LETTER_COUNTER);
  private static final Counter PUBLISHED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, "sns_messages_published");

  private final IncidentsConfig config;
  private transient SnsClient client;
  private transient Backoff backoff;

  SnsDelivery(IncidentsConfig config) {
    this.config = config;
  }

  @Override
  public void start() {
    client =
        AwsCalls.build(
            SnsClient.builder(),
            config.getRegion(),
            config.getEndpoint(),
            config.getCredentials(),
            config.getAttemptTimeout());
    backoff = config.backoff();
  }

  @Override
  public @Nullable DeadLetter deliver(IncidentEvent e) {
    try {
      backoff.call(
          () -> client.publish(SnsMessages.request(config.getTopicArn(), e)),
          AwsCalls::isTransient);
      PUBLISHED.inc();
      return null;
    } catch (Exception ex) {
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return SinkFiles.deadLetter(
          SinkJson.incident(e),
          "SNS publish failed: " + AwsCalls.describe(ex),
          PublishIncidents.STEP,
          DEAD_LETTERED);
    }
  }

  @Override
  public void stop() {
    if (client != null) {
      client.close();
    }
  }
}
