package dev.augur.transforms.source;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * Maps wall-clock time to replayed event time: at wall time {@code wallOrigin} the replay is at event
 * time {@code replayOrigin}, and it moves {@code speedup} times faster than the wall clock (3600 = an
 * hour of events per second). A speed-up of 0 replays as fast as possible: every event is due at
 * once. Immutable.
 */
final class ReplayClock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double speedup;
  private final Instant replayOrigin;
  private final Instant wallOrigin;

  ReplayClock(double speedup, Instant replayOrigin, Instant wallOrigin) {
    if (!(speedup >= 0) || Double.isInfinite(speedup)) {
      throw new IllegalArgumentException("speedup must be finite and >= 0, got " + speedup);
    }
    this.speedup = speedup;
    this.replayOrigin = replayOrigin;
    this.wallOrigin = wallOrigin;
  }

  boolean paced() {
    return speedup > 0;
  }

  /** The replayed event time at wall time {@code wallNow}; the end of time when not paced. */
  Instant replayTime(Instant wallNow) {
    if (!paced()) {
      return BoundedWindow.TIMESTAMP_MAX_VALUE;
    }
    double elapsed = Math.max(0, wallNow.getMillis() - wallOrigin.getMillis()) * speedup;
    double t = replayOrigin.getMillis() + elapsed;
    return t >= BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis()
        ? BoundedWindow.TIMESTAMP_MAX_VALUE
        : new Instant((long) Math.floor(t));
  }

  /** Whether an event at {@code eventTime} is due for output at wall time {@code wallNow}. */
  boolean isDue(Instant eventTime, Instant wallNow) {
    return !eventTime.isAfter(replayTime(wallNow));
  }

  /** The wall time at which an event at {@code eventTime} becomes due. */
  Instant dueAt(Instant eventTime) {
    if (!paced() || !eventTime.isAfter(replayOrigin)) {
      return wallOrigin;
    }
    double wait = (eventTime.getMillis() - replayOrigin.getMillis()) / speedup;
    return wallOrigin.plus((long) Math.ceil(wait));
  }
}
