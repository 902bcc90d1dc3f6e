package dev.augur.transforms.source;

import java.io.Serializable;

/**
 * The settings of one event source: {@link KinesisSourceConfig}, {@link KafkaSourceConfig} or {@link
 * ReplaySourceConfig}. Validated when built, so a bad configuration fails before the pipeline runs.
 */
public interface SourceConfig extends Serializable {
  /** The kind of source these settings are for. */
  EventSource source();

  /** A short name of the stream, e.g. {@code kinesis:augur-events}, recorded in dead letters. */
  String describe();
}
