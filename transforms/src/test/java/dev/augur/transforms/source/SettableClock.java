package dev.augur.transforms.source;

import org.joda.time.Duration;
import org.joda.time.Instant;

/** A wall clock that tests move by hand. */
final class SettableClock implements WallClock {
  private Instant now;

  SettableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
