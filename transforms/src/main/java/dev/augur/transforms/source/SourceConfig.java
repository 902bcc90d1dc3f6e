package dev.augur.transforms.source;

import dev.augur.transforms.stats.EventTimeHorizon;
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

  /**
   * The latest event time known to have come, for the gap fill of the window statistics (see
   * {@link EventTimeHorizon}): the wall clock for live streams.
   */
  default EventTimeHorizon eventTimeHorizon() {
    return EventTimeHorizon.WALL_CLOCK;
  }
}
