package dev.augur.pipelines.config;

import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.ModelScope;
import dev.augur.models.Statistic;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.transforms.parse.EventFormat;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The batch pipeline's options turned, once and validated, into plain values. Every problem is
 * reported before any work starts, naming the option and the fix.
 */
public record BatchConfig(
    String input,
    EventFormat format,
    Duration window,
    List<Statistic> targets,
    int horizonWindows,
    ModelScope modelScope,
    String bandBaseline,
    double intervalCoverage,
    boolean widenPerSeries,
    String output,
    String modelVersion,
    String deadLetters,
    boolean writeParquet,
    Instant latestEvent)
    implements Serializable {

  /**
   * How far after the run's start an event may be dated: producers' clocks run a little ahead,
   * and an archive read as it is written holds the newest events.
   */
  public static final Duration FUTURE_LEEWAY = Duration.standardHours(1);

  private static final long DAY_MILLIS = Duration.standardDays(1).getMillis();
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final DateTimeFormatter VERSION_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Validates {@code options}; {@code now} names the version when none is given, and events dated
   * more than {@link #FUTURE_LEEWAY} after it are dead-lettered.
   */
  public static BatchConfig from(BatchOptions options, Instant now) {
    EventFormat format =
        eventFormat(options.getTimestampField(), options.getValueField(), options.getSeriesFields());
    Duration window = window(options.getWindow());
    List<Statistic> targets = statistics("targets", options.getTargets());
    int horizon = windows("horizon", options.getHorizon(), window);
    ModelScope scope = modelScope(options.getModelScope());
    String band = bandBaseline(options.getBandBaseline(), window);
    double coverage = intervalCoverage(options.getIntervalCoverage());
    String output = trimSlash(nonEmpty("output", options.getOutput()));
    String version = options.getModelVersion();
    if (version == null || version.isBlank()) {
      version = VERSION_FORMAT.format(java.time.Instant.ofEpochMilli(now.getMillis()));
    } else if (!VERSION.matcher(version).matches()) {
      throw new InvalidOptionException(
          "modelVersion", "may hold only letters, digits, '.', '_' and '-', got '" + version + "'");
    }
    String deadLetters = options.getDeadLetters();
    if (deadLetters == null || deadLetters.isBlank()) {
      deadLetters = output + "/dead-letters/" + version;
    }
    return new BatchConfig(
        nonEmpty("input", options.getInput()),
        format,
        window,
        targets,
        horizon,
        scope,
        band,
        coverage,
        Boolean.TRUE.equals(options.getWidenPerSeries()),
        output,
        version,
        trimSlash(deadLetters),
        Boolean.TRUE.equals(options.getWriteParquet()),
        now.plus(FUTURE_LEEWAY));
  }

  /**
   * What the trainer is asked for: scope, band baseline, interval coverage, widening per series
   * and horizon.
   */
  public ForecastConfig forecastConfig() {
    return forecastConfig(
        modelScope, bandBaseline, intervalCoverage, widenPerSeries, horizonWindows);
  }

  /** The trainer's configuration for these model options; the backtest's too. */
  static ForecastConfig forecastConfig(
      ModelScope scope, String bandBaseline, double coverage, boolean widenPerSeries,
      int horizonWindows) {
    return ForecastConfig.builder()
        .scope(scope)
        .bandBaseline(bandBaseline)
        .coverage(coverage)
        .widenPerSeries(widenPerSeries)
        .horizonWindows(horizonWindows)
        .build();
  }

  /** The choices of --bandBaseline, as the option spells them. */
  static final List<String> BAND_BASELINES = List.of("AUTO", "DAY_MEDIAN", "NONE");

  /**
   * The --bandBaseline option as the trainer names it ({@link ForecastConfig#bandBaseline()}):
   * {@code auto}, {@code day_median} or {@code none}. A median over the last days needs at least
   * two windows a day.
   */
  public static String bandBaseline(String text, Duration window) {
    String choice = nonEmpty("bandBaseline", text).trim().toUpperCase(Locale.ROOT);
    if (!BAND_BASELINES.contains(choice)) {
      throw new InvalidOptionException(
          "bandBaseline", "must be one of " + BAND_BASELINES + ", got '" + text + "'");
    }
    if (choice.equals("DAY_MEDIAN") && DAY_MILLIS / window.getMillis() < 2) {
      throw new InvalidOptionException(
          "bandBaseline",
          "DAY_MEDIAN needs at least two windows a day (the same window on earlier days), got"
              + " --window=" + DurationText.format(window) + "; give AUTO");
    }
    return choice.toLowerCase(Locale.ROOT);
  }

  /**
   * The history each series needs for {@code config} in windows of {@code window}, for a person:
   * "384 windows (4d): a training span of 192 windows, then a calibration span of 192; 576 (6d)
   * for ...".
   */
  public static String historyNeeded(ForecastConfig config, Duration window) {
    int least = ForecastTrainer.minimumHistoryWindows(config, window.getMillis(), false);
    int withHoldout = ForecastTrainer.minimumHistoryWindows(config, window.getMillis(), true);
    return String.format(
        Locale.ROOT,
        "%d windows (%s) to train a model, %d (%s) for the trainer to also hold out a span and"
            + " report its accuracy on it",
        least, DurationText.format(window.multipliedBy(least)),
        withHoldout, DurationText.format(window.multipliedBy(withHoldout)));
  }

  /** A comma-separated list of statistics given as option {@code option}. */
  public static List<Statistic> statistics(String option, String text) {
    try {
      return Statistic.parseList(nonEmpty(option, text));
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidOptionException) {
        throw e;
      }
      throw new InvalidOptionException(option, e.getMessage());
    }
  }

  /** The --modelScope option. */
  public static ModelScope modelScope(String text) {
    try {
      return ModelScope.valueOf(nonEmpty("modelScope", text).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidOptionException) {
        throw e;
      }
      throw new InvalidOptionException(
          "modelScope",
          "must be one of " + Arrays.toString(ModelScope.values()) + ", got '" + text + "'");
    }
  }

  /** The --intervalCoverage option. */
  public static double intervalCoverage(Double coverage) {
    if (coverage == null || !(coverage >= 0.5 && coverage <= 0.999)) {
      throw new InvalidOptionException("intervalCoverage", "must lie in [0.5, 0.999], got " + coverage);
    }
    return coverage;
  }

  /** The JSON field names of events; problems name the --timestampField/--valueField/--seriesFields options. */
  public static EventFormat eventFormat(String timestampField, String valueField, String seriesFields) {
    List<String> series = new ArrayList<>();
    for (String f : nonEmpty("seriesFields", seriesFields).split(",")) {
      if (!f.isBlank()) {
        series.add(f.trim());
      }
    }
    try {
      return EventFormat.of(
          nonEmpty("timestampField", timestampField).trim(),
          nonEmpty("valueField", valueField).trim(),
          series);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException(
          "timestampField/--valueField/--seriesFields", "are inconsistent: " + e.getMessage());
    }
  }

  /** A window length that divides a day, so daily and weekly seasonal lags fall on windows. */
  public static Duration window(String text) {
    Duration d = DurationText.parse("window", text);
    if (d.getMillis() < 1000 || DAY_MILLIS % d.getMillis() != 0) {
      throw new InvalidOptionException(
          "window", "must be at least 1s and divide a day evenly (1m, 5m, 15m, 30m, 1h, ...), got '" + text + "'");
    }
    return d;
  }

  /** A count of windows, given as a number or as a duration that is a multiple of the window. */
  public static int windows(String option, String text, Duration window) {
    String t = nonEmpty(option, text).trim();
    long n;
    if (t.matches("\\d+")) {
      n = Long.parseLong(t);
    } else {
      Duration d = DurationText.parse(option, t);
      if (d.getMillis() % window.getMillis() != 0) {
        throw new InvalidOptionException(
            option, "'" + text + "' is not a whole number of " + window.getStandardSeconds() + "s windows");
      }
      n = d.getMillis() / window.getMillis();
    }
    if (n < 1 || n > 100_000) {
      throw new InvalidOptionException(option, "must be between 1 and 100000 windows, got " + n);
    }
    return (int) n;
  }

  static String nonEmpty(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidOptionException(option, "is required");
    }
    return value;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
