package dev.augur.cli;

import dev.augur.synthetic.AnomalyKind;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur generate}: writes seeded synthetic events with daily and weekly seasonality, trend,
 * noise and labelled anomalies, plus the labels file, for demos, tests and benchmarks.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Write deterministic synthetic events (JSON lines) and a labels file of the anomalies "
            + "injected into them.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--output", required = true, description = "Directory for events and labels.")
  Path output;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--series", defaultValue = "12", description = "Number of series.")
  int series;

  @Option(names = "--start", defaultValue = "2024-05-01T00:00:00Z", description = "First instant (ISO-8601).")
  String start;

  @Option(names = "--days", defaultValue = "28", description = "Days of events.")
  double days;

  @Option(
      names = "--eventsPerMinute",
      defaultValue = "10",
      description = "Baseline events per minute per series (scaled per series and by seasonality).")
  double eventsPerMinute;

  @Option(
      names = "--cleanDays",
      defaultValue = "-1",
      description = "Days at the start without anomalies; negative for all but the last 7 days.")
  double cleanDays;

  @Option(
      names = "--anomaliesPerDay",
      defaultValue = "0.5",
      description = "Anomalies per series per day after the clean days; 0 for none.")
  double anomaliesPerDay;

  @Option(
      names = "--anomalyKinds",
      split = ",",
      description = "Kinds to inject (default all): ${COMPLETION-CANDIDATES}.")
  List<AnomalyKind> anomalyKinds = new ArrayList<>();

  @Option(
      names = "--countOnlyFraction",
      defaultValue = "0.0",
      description = "Fraction of series whose events carry no value (pure event counts).")
  double countOnlyFraction;

  @Option(names = "--files", defaultValue = "4", description = "Number of event files (split by time).")
  int files;

  @Option(names = "--plain", description = "Write plain .jsonl files instead of gzipped ones.")
  boolean plain;

  @Override
  public Integer call() throws Exception {
    Duration duration = Duration.ofMillis(Math.round(days * 86_400_000d));
    Duration clean =
        cleanDays < 0
            ? Duration.ofMillis(Math.max(0, duration.toMillis() - Duration.ofDays(7).toMillis()))
            : Duration.ofMillis(Math.round(cleanDays * 86_400_000d));
    GeneratorConfig.Builder b =
        GeneratorConfig.builder()
            .seed(seed)
            .seriesCount(series)
            .start(parseInstant(start))
            .duration(duration)
            .eventsPerMinute(eventsPerMinute)
            .cleanPeriod(clean)
            .countOnlyFraction(countOnlyFraction);
    if (anomaliesPerDay <= 0) {
      b.noAnomalies();
    } else {
      b.anomaliesPerSeriesPerDay(anomaliesPerDay);
    }
    if (!anomalyKinds.isEmpty()) {
      b.anomalyKinds(anomalyKinds);
    }
    SyntheticGenerator generator = new SyntheticGenerator(b.build());
    Files.createDirectories(output);
    long started = System.nanoTime();
    long events = generator.writeJsonLines(output, files, !plain);
    Path labels = output.resolve("labels.jsonl");
    generator.writeLabels(labels);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "wrote %,d events of %d series in %.1f s (%,.0f events/s)%n  events: %s/events-*.jsonl%s%n"
            + "  labels: %s (%d anomalies)%n",
        events,
        series,
        seconds,
        events / Math.max(seconds, 1e-9),
        output,
        plain ? "" : ".gz",
        labels,
        generator.labels().size());
    return 0;
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--start '" + text + "' is not an ISO-8601 instant such as 2024-05-01T00:00:00Z");
    }
  }
}
