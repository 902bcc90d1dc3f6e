package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Where {@link WriteMetrics} writes; each constant builds the transform with {@link
 * #write(MetricsConfig)}.
 */
public enum MetricsSink {
  /**
   * {@code PutMetricData} to Amazon CloudWatch, batched per bundle within the API's limits, with
   * retries; calls that still fail become dead letters. Needs the namespace; region, endpoint
   * and credentials as the AWS SDK's default chains find them unless configured.
   */
  CLOUDWATCH {
    @Override
    public void check(MetricsConfig config) {
      checkNamespace(config);
    }

    @Override
    PCollection<DeadLetter> expand(PCollection<Comparison> comparisons, MetricsConfig config) {
      return comparisons
          // Datums carry their own timestamps: batching may then span the input's windows.
          .apply("GlobalWindow", Window.into(new GlobalWindows()))
          .apply("PutMetricData", ParDo.of(new PutMetricDataFn(config)));
    }
  },

  /**
   * CloudWatch Embedded Metric Format JSON lines in files under the destination, for an agent
   * (CloudWatch agent, Fluent Bit, a Lambda log) to ship to CloudWatch Logs, which extracts the
   * metrics. Needs the namespace and the destination.
   */
  EMF {
    @Override
    public void check(MetricsConfig config) {
      checkNamespace(config);
      checkDestination(config);
    }

    @Override
    PCollection<DeadLetter> expand(PCollection<Comparison> comparisons, MetricsConfig config) {
      TupleTag<String> records = new TupleTag<String>() {};
      TupleTag<DeadLetter> deadLetters = new TupleTag<DeadLetter>() {};
      PCollectionTuple out =
          comparisons.apply(
              "ToEmf",
              ParDo.of(new ToEmfFn(config.getNamespace(), records, deadLetters))
                  .withOutputTags(records, TupleTagList.of(deadLetters)));
      SinkFiles.writeLines(
          out.get(records), config.getDestination(), "metrics", config.getFlushEvery());
      return out.get(deadLetters);
    }
  },

  /**
   * Prometheus remote write ({@link RemoteWriteSeries}: {@code augur_actual}, {@code
   * augur_expected}, ... labelled by the series dimensions and the statistic), batched per bundle,
   * with retries; samples the endpoint refuses become dead letters with its reason. Needs the
   * remote-write URL; a bearer token is optional.
   */
  PROMETHEUS {
    @Override
    public void check(MetricsConfig config) {
      String url = config.getRemoteWriteUrl();
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("Prometheus remote-write URL is required for sink " + name());
      }
      java.net.URI uri;
      try {
        uri = java.net.URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Prometheus remote-write URL '" + url + "' is not a URL");
      }
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(
            "Prometheus remote-write URL '" + url + "' is not an absolute http(s) URL, such as"
                + " http://prometheus:9090/api/v1/write");
      }
      if (config.getRemoteWriteToken() != null) {
        Secrets.checkReference(config.getRemoteWriteToken(), "Prometheus bearer token");
      }
    }

    @Override
    PCollection<DeadLetter> expand(PCollection<Comparison> comparisons, MetricsConfig config) {
      return comparisons
          // Samples carry their own timestamps: batching may then span the input's windows.
          .apply("GlobalWindow", Window.into(new GlobalWindows()))
          .apply("RemoteWrite", ParDo.of(new RemoteWriteFn(config)));
    }
  },

  /** The comparisons as JSON lines ({@link SinkJson#comparison}). Needs the destination. */
  FILE {
    @Override
    public void check(MetricsConfig config) {
      checkDestination(config);
    }

    @Override
    PCollection<DeadLetter> expand(PCollection<Comparison> comparisons, MetricsConfig config) {
      PCollection<String> lines =
          comparisons.apply(
              "ToJson", MapElements.into(TypeDescriptors.strings()).via(SinkJson::comparison));
      SinkFiles.writeLines(
          lines, config.getDestination(), "comparisons", config.getFlushEvery());
      return SinkFiles.none(comparisons.getPipeline());
    }
  };

  /** The transform writing comparisons here. */
  public WriteMetrics write(MetricsConfig config) {
    return new WriteMetrics(this, config);
  }

  /** Fails naming the setting this sink needs and lacks. */
  public abstract void check(MetricsConfig config);

  /** Writes; returns the dead letters, in any windowing. */
  abstract PCollection<DeadLetter> expand(
      PCollection<Comparison> comparisons, MetricsConfig config);

  static void checkNamespace(MetricsConfig config) {
    String ns = config.getNamespace();
    if (ns.isBlank() || ns.length() > 255 || ns.startsWith(":") || ns.startsWith("AWS/")) {
      throw new IllegalArgumentException(
          "metrics namespace '" + ns + "' is not a valid custom CloudWatch namespace"
              + " (1-255 characters, not starting with ':' or 'AWS/')");
    }
  }

  void checkDestination(MetricsConfig config) {
    if (config.getDestination() == null || config.getDestination().isBlank()) {
      throw new IllegalArgumentException("metrics destination is required for sink " + name());
    }
  }
}
