package dev.augur.transforms.stats;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * The latest event time that has really come, as far as empty windows go: {@link FillWindowGaps}
 * pads a silent series only with windows that start at or before it.
 *
 * <p>The watermark alone cannot tell time passing from input ending. When a replay reaches the end
 * of its files, or a pipeline is drained, the watermark jumps to the end of time and every window
 * after the last event "closes"; without a horizon each series would be padded with a full idle
 * horizon of empty windows that never happened, and a forecast still valid for them would read as
 * a drop to zero.
 *
 * <ul>
 *   <li>{@link #WALL_CLOCK} for live sources (Kinesis, Kafka): windows that have started by now.
 *       The watermark of a live stream trails the wall clock, so this limits only a drain (and
 *       producers whose clocks run ahead).
 *   <li>{@link #at} for a replay: its last event's time, known before the replay starts.
 *   <li>{@link #UNLIMITED}: the watermark alone decides, as for a test stream.
 * </ul>
 */
@FunctionalInterface
public interface EventTimeHorizon extends Serializable {
  EventTimeHorizon UNLIMITED = () -> BoundedWindow.TIMESTAMP_MAX_VALUE;
  EventTimeHorizon WALL_CLOCK = Instant::now;

  /** The horizon at a fixed instant, e.g. the time of the last event of a replay. */
  static EventTimeHorizon at(Instant latest) {
    if (latest == null) {
      throw new IllegalArgumentException("horizon instant must not be null");
    }
    return () -> latest;
  }

  /** The latest event time known to have come; read each time a window is about to be padded. */
  Instant latest();
}
