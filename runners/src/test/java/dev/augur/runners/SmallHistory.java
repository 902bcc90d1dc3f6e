package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * The command line of a batch run over the history in {@code events}: 30-minute windows, 12 hours
   * ahead, forecast version {@code version}, then {@code more} (the runner's options).
   */
  public static String[] batchCommand(Path events, Path out, String version, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "batch",
                "--input=" + events + "/*.jsonl.gz",
                "--output=" + out,
                "--window=30m",
                "--horizon=12h",
                "--modelVersion=" + version));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** Checks that a {@link #batchCommand} run wrote every series' and statistic's 24 forecasts. */
  static void assertForecastsWritten(AugurProcess run, Path out, String version) throws IOException {
    assertThat(run.stdout, containsString("forecast version " + version));
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(SERIES * 4 * 24, manifest.get("forecast_count").asInt());
    assertEquals(
        SERIES * 4 * 24, BatchCommandIT.forecastLines(out.resolve("forecasts/" + version)).size());
    assertEquals(4, manifest.get("models_trained").size());
  }

  /** Writes the events as gzipped JSON lines, one file per day, into {@code dir}. */
  public static SyntheticGenerator writeTo(Path dir) throws IOException {
    SyntheticGenerator g = generator();
    g.writeJsonLines(dir, DAYS, true);
    return g;
  }
}
