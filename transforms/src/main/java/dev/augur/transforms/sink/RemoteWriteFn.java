package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import java.net.URI;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Sends the comparisons of a bundle to a Prometheus remote-write endpoint through a {@link
 * RemoteWriteSender}, flushing at the end of the bundle; failures become dead letters. The bearer
 * token, if any, is read on the worker. Expects input in the global window.
 */
final class RemoteWriteFn extends DoFn<Comparison, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, WriteMetrics.DEAD_LETTER_COUNTER);

  private final MetricsConfig config;
  private transient RemoteWriteSender sender;
  private transient Instant latest;

  RemoteWriteFn(MetricsConfig config) {
    this.config = config;
  }

  @Setup
  public void setup() {
    String token =
        config.getRemoteWriteToken() == null
            ? null
            : Secrets.read(
                config.getRemoteWriteToken(),
                "prometheus bearer token",
                config.getEndpoint(),
                config.getCredentials(),
                config.getAttemptTimeout());
    sender =
        new RemoteWriteSender(
            URI.create(config.getRemoteWriteUrl()),
            token,
            config.remoteWriteSigner(),
            config.backoff(),
            config.getAttemptTimeout());
  }

  @StartBundle
  public void startBundle() {
    latest = null;
  }

  @ProcessElement
  public void process(
      @Element Comparison c, @Timestamp Instant timestamp, OutputReceiver<DeadLetter> out)
      throws InterruptedException {
    latest = latest == null || timestamp.isAfter(latest) ? timestamp : latest;
    for (MetricDataSender.Failure f : sender.add(c)) {
      out.output(SinkFiles.deadLetter(f.payload(), f.error(), WriteMetrics.STEP, DEAD_LETTERED));
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws InterruptedException {
    for (MetricDataSender.Failure f : sender.flush()) {
      context.output(
          SinkFiles.deadLetter(f.payload(), f.error(), WriteMetrics.STEP, DEAD_LETTERED),
          latest,
          GlobalWindow.INSTANCE);
    }
  }
}
