package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Sends the comparisons of a bundle to CloudWatch through a {@link MetricDataSender}, flushing at
 * the end of the bundle; failures become dead letters. Expects input in the global window.
 */
final class PutMetricDataFn extends SendMetricsFn {
  private final MetricsConfig config;
  private transient CloudWatchClient client;
  private transient MetricDataSender sender;

  PutMetricDataFn(MetricsConfig config) {
    this.config = config;
  }

  @Setup
  public void setup() {
    client =
        AwsCalls.build(
            CloudWatchClient.builder(),
            config.getRegion(),
            config.getEndpoint(),
            config.getCredentials(),
            config.getAttemptTimeout());
    sender = new MetricDataSender(client, config.getNamespace(), config.backoff());
  }

  @Override
  List<MetricDataSender.Failure> add(Comparison c) {
    return sender.add(c);
  }

  @Override
  List<MetricDataSender.Failure> flush() {
    return sender.flush();
  }

  @Teardown
  public void teardown() {
    if (client != null) {
      client.close();
    }
  }
}
