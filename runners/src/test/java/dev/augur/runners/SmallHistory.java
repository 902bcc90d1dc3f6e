package dev.augur.runners;

import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** A small generated history (4 series, 15 days, about 44k events) for portability tests. */
public final class SmallHistory {
  public static final int SERIES = 4;
  public static final int DAYS = 15;

  private SmallHistory() {}

  static SyntheticGenerator generator() {
    return generator(DAYS);
  }

  private static SyntheticGenerator generator(int days) {
    return new SyntheticGenerator(
        GeneratorConfig.builder()
            .seed(5)
            .seriesCount(SERIES)
            .duration(Duration.ofDays(days))
            .eventsPerMinute(0.5)
            .build());
  }

  /**
   * Writes {@link #DAYS} days of history into {@code history} and the day after them into {@code
   * live}, one gzipped JSON-lines file per day, as {@code bin/augur demo} splits its events.
   */
  public static void writeWithHeldBackDay(Path history, Path live) throws IOException {
    generator(DAYS + 1).writeJsonLines(history, DAYS + 1, true);
    Files.createDirectories(live);
    String last = SyntheticGenerator.eventFileName(DAYS, DAYS + 1, true);
    Files.move(history.resolve(last), live.resolve(last), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes the events as gzipped JSON lines, one file per day, into {@code dir}. */
  public static SyntheticGenerator writeTo(Path dir) throws IOException {
    SyntheticGenerator g = generator();
    g.writeJsonLines(dir, DAYS, true);
    return g;
  }
}
