package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.cli.RunSummary;
import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.evaluation.SyntheticTruth;
import dev.augur.models.Statistic;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code bin/augur batch} end to end on generated events, as a user runs it: the forecast files'
 * schema and count, the manifest, and forecast quality against the held-back day the generator
 * produced but the pipeline never saw.
 */
public class BatchCommandIT {
  private static final int SERIES = 12;
  private static final int HISTORY_DAYS = 21;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path WORK = Paths.get("target/it/batch").toAbsolutePath();

  private static SyntheticGenerator generator;
  private static Instant liveStart;

  @BeforeClass
  public static void generate() throws IOException {
    generator =
        new SyntheticGenerator(
            GeneratorConfig.builder()
                .seed(11)
                .seriesCount(SERIES)
                .duration(Duration.ofDays(HISTORY_DAYS + 1))
                // Anomalies in the last week of the history and in the held-back day: the
                // calibration leaves the anomalous windows of its span out, so the bands still
                // hold 90 % of the ordinary windows.
                .cleanPeriod(Duration.ofDays(HISTORY_DAYS - 7))
                .eventsPerMinute(0.5)
                .build());
    liveStart = generator.config().start().plus(Duration.ofDays(HISTORY_DAYS));
    Path history = WORK.resolve("events/history");
    generator.writeJsonLines(history, HISTORY_DAYS + 1, true);
    // The last day is held back: the pipeline forecasts it without seeing it.
    String last = SyntheticGenerator.eventFileName(HISTORY_DAYS, HISTORY_DAYS + 1, true);
    Files.createDirectories(WORK.resolve("events/live"));
    Files.move(history.resolve(last), WORK.resolve("events/live").resolve(last), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  public void forecastsTheHeldBackDayBetterThanTheSeasonalNaiveWithCalibratedIntervals()
      throws Exception {
    Path out = TestDirs.emptied(WORK.resolve("out-direct"));
    AugurProcess run =
        AugurProcess.run(
                WORK.resolve("run-direct"),
                Map.of(),
                "batch",
                "--input=" + WORK.resolve("events/history") + "/*.jsonl.gz",
                "--output=" + out,
                "--window=30m",
                "--horizon=1d",
                "--modelVersion=it-direct")
            .assertSucceeded();
    assertThat(run.stdout, containsString("forecast version it-direct"));
    assertThat(run.stdout, containsString("holdout evaluation"));

    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertEquals("it-direct", manifest.get("model_version").asText());
    assertEquals("forecasts/it-direct/", manifest.get("forecasts").asText());
    assertEquals(1800, manifest.get("window_seconds").asInt());
    assertEquals(48, manifest.get("horizon_windows").asInt());
    assertEquals(SERIES * 4 * 48, manifest.get("forecast_count").asInt());
    assertEquals(liveStart.plus(Duration.ofDays(1)).toString().replace("Z", ".000Z"), manifest.get("valid_until").asText());
    assertEquals(4, manifest.get("models_trained").size());
    // The holdout, the history's last days, holds injected anomalies: its coverage is also given
    // over the windows the anomaly cut keeps, and those are covered more often than all of them.
    long holdoutWindows = 0;
    long ordinaryWindows = 0;
    double inside = 0;
    double ordinaryInside = 0;
    for (JsonNode model : manifest.get("models_trained")) {
      JsonNode h = model.get("holdout");
      assertTrue(h.toString(), h.get("ordinary_coverage").isNumber());
      assertTrue(h.toString(), h.get("ordinary_windows").asLong() < h.get("windows").asLong());
      holdoutWindows += h.get("windows").asLong();
      ordinaryWindows += h.get("ordinary_windows").asLong();
      inside += h.get("coverage").asDouble() * h.get("windows").asLong();
      ordinaryInside += h.get("ordinary_coverage").asDouble() * h.get("ordinary_windows").asLong();
    }
    assertThat(ordinaryInside / ordinaryWindows, greaterThan(inside / holdoutWindows));
    assertThat(run.stdout, containsString("leaving out the"));
    assertThat(run.stdout, containsString("forecasts of windows taken for anomalies"));
    assertTrue(Files.exists(out.resolve("models/it-direct/count.ubj")));
    assertTrue(Files.exists(out.resolve("models/it-direct/count.json")));

    List<JsonNode> lines = forecastLines(out.resolve("forecasts/it-direct"));
    assertEquals(SERIES * 4 * 48, lines.size());
    Set<String> expectedFields =
        Set.of("series", "dimensions", "statistic", "window_start", "window_end", "expected", "lower",
            "upper", "model_version", "trained_at", "valid_until");
    for (JsonNode f : lines) {
      Set<String> fields = new HashSet<>();
      f.fieldNames().forEachRemaining(fields::add);
      assertEquals(expectedFields, fields);
      assertTrue(f.get("lower").asDouble() <= f.get("expected").asDouble());
      assertTrue(f.get("expected").asDouble() <= f.get("upper").asDouble());
      assertEquals(Instant.parse(f.get("window_start").asText()).plus(Duration.ofMinutes(30)),
          Instant.parse(f.get("window_end").asText()));
      assertTrue(!Instant.parse(f.get("window_start").asText()).isBefore(liveStart));
    }

    Map<Statistic, ForecastEvaluation.Result> scores =
        SyntheticTruth.score(
            generator,
            liveStart.toEpochMilli(),
            liveStart.plus(Duration.ofDays(1)).toEpochMilli(),
            Duration.ofMinutes(30).toMillis(),
            RunSummary.readForecasts(out.toString(), "it-direct"));
    long covered = 0;
    long windows = 0;
    for (ForecastEvaluation.Result r : scores.values()) {
      System.out.println("held-back day: " + r);
      assertThat(r.statistic() + " MASE", r.mase(), lessThan(1.0));
      assertThat(r.statistic() + " windows", r.windows(), greaterThan(SERIES * 40));
      covered += Math.round(r.coverage() * r.windows());
      windows += r.windows();
    }
    double coverage = (double) covered / windows;
    System.out.printf("held-back day: pooled coverage %.3f over %d windows%n", coverage, windows);
    assertThat("pooled coverage of the 90% intervals", coverage, greaterThan(0.88));
    assertThat("pooled coverage of the 90% intervals", coverage, lessThan(0.92));
  }

  static List<JsonNode> forecastLines(Path dir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
        for (String line : Files.readAllLines(f)) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }
}
