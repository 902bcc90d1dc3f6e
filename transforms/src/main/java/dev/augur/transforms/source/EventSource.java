package dev.augur.transforms.source;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * The kinds of live event source. Each builds the transform that reads its kind of {@link
 * SourceConfig} into JSON lines timestamped with their event time, each keyed by where it came
 * from; {@link ReadEventStream} is the usual way in.
 */
public enum EventSource {
  /** A Kinesis data stream ({@link KinesisSourceConfig}), polled or by enhanced fan-out. */
  KINESIS {
    @Override
    public PTransform<PBegin, PCollection<KV<String, String>>> reader(SourceConfig config, ReadLimits limits) {
      return new ReadKinesisLines(as(KinesisSourceConfig.class, config), limits);
    }
  },
  /** Kafka topics ({@link KafkaSourceConfig}). */
  KAFKA {
    @Override
    public PTransform<PBegin, PCollection<KV<String, String>>> reader(SourceConfig config, ReadLimits limits) {
      return new ReadKafkaLines(as(KafkaSourceConfig.class, config), limits);
    }
  },
  /** JSON-lines files replayed in event time ({@link ReplaySourceConfig}). */
  FILE {
    @Override
    public PTransform<PBegin, PCollection<KV<String, String>>> reader(SourceConfig config, ReadLimits limits) {
      return new ReplayEventFiles(as(ReplaySourceConfig.class, config), limits);
    }
  };

  /**
   * The transform reading {@code config}, within {@code limits}.
   *
   * @throws IllegalArgumentException if {@code config} is for another kind of source
   */
  public abstract PTransform<PBegin, PCollection<KV<String, String>>> reader(
      SourceConfig config, ReadLimits limits);

  <T extends SourceConfig> T as(Class<T> type, SourceConfig config) {
    if (!type.isInstance(config)) {
      throw new IllegalArgumentException(
          "event source "
              + name()
              + " needs a "
              + type.getSimpleName()
              + ", got "
              + (config == null ? "null" : config.getClass().getSimpleName()));
    }
    return type.cast(config);
  }
}
