package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * Turns comparisons into CloudWatch datums and sends them in as few {@code PutMetricData} calls as
 * the limits allow (see {@link MetricDataBatches}). A call failing transiently is attempted again
 * with backoff; one that still fails, or fails for good (a 4xx such as a timestamp older than two
 * weeks), is returned as a {@link Failure} carrying its datums' JSON, as is a comparison whose
 * series cannot be a CloudWatch dimension set.
 */
final class MetricDataSender {
  private static final Counter DATUMS =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, "cloudwatch_datums_written");
  private static final Counter CALLS =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, "cloudwatch_put_calls");

  /** What could not be written: the payload to keep and why. */
  record Failure(String payload, String error) {}

  private final CloudWatchClient client;
  private final String namespace;
  private final Backoff backoff;
  private final MetricDataBatches batches;

  MetricDataSender(CloudWatchClient client, String namespace, Backoff backoff) {
    this(client, namespace, backoff, new MetricDataBatches(namespace));
  }

  MetricDataSender(
      CloudWatchClient client, String namespace, Backoff backoff, MetricDataBatches batches) {
    this.client = client;
    this.namespace = namespace;
    this.backoff = backoff;
    this.batches = batches;
  }

  /** Buffers a comparison's datums, sending the calls that fill up; returns their failures. */
  List<Failure> add(Comparison c) {
    List<MetricDatum> datums;
    try {
      datums = MetricDataBatches.datums(MetricPoints.of(c));
    } catch (IllegalArgumentException e) {
      return List.of(new Failure(SinkJson.comparison(c), e.getMessage()));
    }
    List<Failure> failures = new ArrayList<>();
    for (MetricDatum d : datums) {
      List<MetricDatum> full = batches.add(d);
      if (full != null) {
        send(full, failures);
      }
    }
    return failures;
  }

  /** Sends what is buffered; returns the failure, if any. */
  List<Failure> flush() {
    List<Failure> failures = new ArrayList<>();
    if (!batches.isEmpty()) {
      send(batches.drain(), failures);
    }
    return failures;
  }

  private void send(List<MetricDatum> datums, List<Failure> failures) {
    PutMetricDataRequest request =
        PutMetricDataRequest.builder().namespace(namespace).metricData(datums).build();
    try {
      backoff.call(
          () -> {
            CALLS.inc();
            return client.putMetricData(request);
          },
          AwsCalls::isTransient);
      DATUMS.inc(datums.size());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failures.add(
          new Failure(
              MetricDataBatches.toJson(namespace, datums),
              "PutMetricData of " + datums.size() + " datums failed: " + AwsCalls.describe(e)));
    }
  }
}
