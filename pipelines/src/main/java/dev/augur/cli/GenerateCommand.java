package dev.augur.cli;

import dev.augur.pipelines.config.InvalidOptionException;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
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
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "Kinds to inject, separated by commas; all of them when not given: ${COMPLETION-CANDIDATES}.")
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

  /** The generator's settings each option sets, for its errors to name the option. */
  private static final Map<String, String> OPTION_OF_SETTING =
      Map.of(
          "seriesCount", "series",
          "start", "start",
          "duration", "days",
          "eventsPerMinute", "eventsPerMinute",
          "cleanPeriod", "cleanDays",
          "anomaliesPerSeriesPerDay", "anomaliesPerDay",
          "anomalyKinds", "anomalyKinds",
          "countOnlyFraction", "countOnlyFraction");

  private static final Pattern SETTING_ERROR =
      Pattern.compile("GeneratorConfig\\.(\\w+) (.*)", Pattern.DOTALL);

  @Override
  public Integer call() throws Exception {
    validate();
    SyntheticGenerator generator = new SyntheticGenerator(config());
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

  /** The generator's configuration from the options. */
  private GeneratorConfig config() {
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
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      // The generator names its own settings; say which option set the one refused.
      Matcher m = SETTING_ERROR.matcher(String.valueOf(e.getMessage()));
      if (m.matches() && OPTION_OF_SETTING.containsKey(m.group(1))) {
        throw new InvalidOptionException(OPTION_OF_SETTING.get(m.group(1)), m.group(2));
      }
      throw e;
    }
  }


  /** The options' own ranges, checked before the generator sees them. */
  private void validate() {
    if (series < 1) {
      throw new InvalidOptionException("series", "must be at least 1, got " + series);
    }
    if (!(days * 24 * 60 >= 1) || !Double.isFinite(days)) {
      throw new InvalidOptionException("days", "must be at least one minute (0.0007), got " + days);
    }
    if (!(eventsPerMinute > 0) || !Double.isFinite(eventsPerMinute)) {
      throw new InvalidOptionException("eventsPerMinute", "must be positive, got " + eventsPerMinute);
    }
    if (!(anomaliesPerDay >= 0) || !Double.isFinite(anomaliesPerDay)) {
      throw new InvalidOptionException(
          "anomaliesPerDay", "must be 0 (none) or more, got " + anomaliesPerDay);
    }
    if (!(countOnlyFraction >= 0 && countOnlyFraction <= 1)) {
      throw new InvalidOptionException(
          "countOnlyFraction", "must be between 0 and 1, got " + countOnlyFraction);
    }
    if (files < 1) {
      throw new InvalidOptionException("files", "must be at least 1, got " + files);
    }
    if (anomaliesPerDay > 0 && cleanDays >= days) {
      throw new InvalidOptionException(
          "cleanDays", "must be less than --days (" + days + ") to leave days for anomalies, got "
              + cleanDays);
    }
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidOptionException(
          "start", "'" + text + "' is not an ISO-8601 instant such as 2024-05-01T00:00:00Z");
    }
  }
}
