package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Sends the comparisons of a bundle to CloudWatch through a {@link MetricDataSender}, flushing at
 * the end of the bundle; failures become dead letters. Expects input in the global window.
 */
final class PutMetricDataFn extends DoFn<Comparison, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, WriteMetrics.DEAD_LETTER_COUNTER);

  private final MetricsConfig config;
  private transient CloudWatchClient client;
  private transient MetricDataSender sender;
  private transient Instant latest;

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

  @StartBundle
  public void startBundle() {
    latest = null;
  }

  @ProcessElement
  public void process(
      @Element Comparison c, @Timestamp Instant timestamp, OutputReceiver<DeadLetter> out) {
    latest = latest == null || timestamp.isAfter(latest) ? timestamp : latest;
    for (MetricDataSender.Failure f : sender.add(c)) {
      out.output(SinkFiles.deadLetter(f.payload(), f.error(), WriteMetrics.STEP, DEAD_LETTERED));
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (MetricDataSender.Failure f : sender.flush()) {
      context.output(
          SinkFiles.deadLetter(f.payload(), f.error(), WriteMetrics.STEP, DEAD_LETTERED),
          latest,
          GlobalWindow.INSTANCE);
    }
  }

  @Teardown
  public void teardown() {
    if (client != null) {
      client.close();
    }
  }
}
