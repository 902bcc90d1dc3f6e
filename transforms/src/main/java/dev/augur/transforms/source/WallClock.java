package dev.augur.transforms.source;

import java.io.Serializable;
import org.joda.time.Instant;

/** The wall clock of sources and producers; replaced by a settable one in tests. */
@FunctionalInterface
public interface WallClock extends Serializable {
  WallClock SYSTEM = Instant::now;

  Instant now();
}
