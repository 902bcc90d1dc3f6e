package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import java.net.URI;
import java.util.List;

/**
 * Sends the comparisons of a bundle to a Prometheus remote-write endpoint through a {@link
 * RemoteWriteSender}, flushing at the end of the bundle; failures become dead letters. The bearer
 * token, if any, is read on the worker. Expects input in the global window.
 */
final class RemoteWriteFn extends SendMetricsFn {
  private final MetricsConfig config;
  private transient RemoteWriteSender sender;

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

  @Override
  List<MetricDataSender.Failure> add(Comparison c) throws InterruptedException {
    return sender.add(c);
  }

  @Override
  List<MetricDataSender.Failure> flush() throws InterruptedException {
    return sender.flush();
  }
}
