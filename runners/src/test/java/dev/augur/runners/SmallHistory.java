package dev.augur.runners;

import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A small generated history (4 series, 15 days, about 44k events) for portability tests. */
final class SmallHistory {
  static final int SERIES = 4;
  static final int DAYS = 15;

  private SmallHistory() {}

  static SyntheticGenerator generator() {
    return new SyntheticGenerator(
        GeneratorConfig.builder()
            .seed(5)
            .seriesCount(SERIES)
            .duration(Duration.ofDays(DAYS))
            .eventsPerMinute(0.5)
            .build());
  }

  /** Writes the events as gzipped JSON lines, one file per day, into {@code dir}. */
  static SyntheticGenerator writeTo(Path dir) throws IOException {
    SyntheticGenerator g = generator();
    g.writeJsonLines(dir, DAYS, true);
    return g;
  }
}
