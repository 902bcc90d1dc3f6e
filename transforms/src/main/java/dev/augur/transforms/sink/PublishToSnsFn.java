package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes each incident event to the SNS topic ({@link SnsMessages}); failures dead-letter. */
final class PublishToSnsFn extends DoFn<IncidentEvent, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, PublishIncidents.DEAD_LETTER_COUNTER);
  private static final Counter PUBLISHED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, "sns_messages_published");

  private final IncidentsConfig config;
  private transient SnsClient client;
  private transient Backoff backoff;

  PublishToSnsFn(IncidentsConfig config) {
    this.config = config;
  }

  @Setup
  public void setup() {
    client =
        AwsCalls.build(
            SnsClient.builder(),
            config.getRegion(),
            config.getEndpoint(),
            config.getCredentials(),
            config.getAttemptTimeout());
    backoff = config.backoff();
  }

  @ProcessElement
  public void process(@Element IncidentEvent e, OutputReceiver<DeadLetter> out) {
    try {
      backoff.call(
          () -> client.publish(SnsMessages.request(config.getTopicArn(), e)),
          AwsCalls::isTransient);
      PUBLISHED.inc();
    } catch (Exception ex) {
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      out.output(
          SinkFiles.deadLetter(
              SinkJson.incident(e),
              "SNS publish failed: " + AwsCalls.describe(ex),
              PublishIncidents.STEP,
              DEAD_LETTERED));
    }
  }

  @Teardown
  public void teardown() {
    if (client != null) {
      client.close();
    }
  }
}
