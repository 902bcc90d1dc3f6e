package dev.augur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.models.SeriesCoverage;
import dev.augur.models.Statistic;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.transforms.forecast.ForecastFiles;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.records.Forecast;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/** Reads what a batch run wrote (through Beam's file systems, so {@code s3://} works) and summarises it. */
public final class RunSummary {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunSummary() {}

  /**
   * Prints the summary of the run that {@code config} describes, from its own manifest; returns
   * whether it wrote forecasts (and so became the version {@code manifest.json} names).
   */
  static boolean print(BatchConfig config, PrintStream out) throws IOException {
    String manifestPath = WriteForecastRun.runManifestPath(config.output(), config.modelVersion());
    JsonNode m = MAPPER.readTree(ForecastFiles.readText(manifestPath));
    out.printf(
        Locale.ROOT,
        "forecast version %s: %,d forecasts, valid until %s%n",
        m.path("model_version").asText(),
        m.path("forecast_count").asLong(),
        m.path("valid_until").asText("(none)"));
    boolean published = m.path("forecast_count").asLong() > 0;
    if (published) {
      // Without a model there is no forecast either, and nothing under these to point at.
      out.println("  forecasts:    " + config.output() + "/" + m.path("forecasts").asText()
          + " (" + String.join(", ", formats(m)) + ")");
      out.println("  models:       " + config.output() + "/" + m.path("models").asText());
    }
    out.println("  manifest:     " + manifestPath);
    if (!published) {
      return false;
    }
    out.println("  latest:       " + WriteForecastRun.manifestPath(config.output()) + " names it");
    out.println("  dead letters: " + config.deadLetters() + "/");
    out.println("  holdout evaluation (multi-step, last part of the history):");
    String historyNeeded = BatchConfig.historyNeeded(config.forecastConfig(), config.window());
    Map<String, List<JsonNode>> byStatistic = new LinkedHashMap<>();
    for (JsonNode model : m.path("models_trained")) {
      byStatistic.computeIfAbsent(model.path("statistic").asText(), k -> new ArrayList<>())
          .add(model);
    }
    boolean condensed = false;
    for (Map.Entry<String, List<JsonNode>> e : byStatistic.entrySet()) {
      List<JsonNode> models = e.getValue();
      if (models.size() > SERIES_LISTED && models.get(0).has("series")) {
        out.println(perSeries(e.getKey(), models, historyNeeded, config.intervalCoverage()));
        condensed = true;
        continue;
      }
      for (JsonNode model : models) {
        out.println(modelLine(model, historyNeeded, config.intervalCoverage()));
        leastCovered(model).ifPresent(out::println);
      }
    }
    if (condensed) {
      out.println("    each series' figures: " + manifestPath + " (models_trained)");
    }
    worseThanNaive(byStatistic).ifPresent(out::println);
    if (!config.forecastConfig().widenPerSeries()) {
      tooNarrowForSome(byStatistic).ifPresent(out::println);
    }
    return published;
  }

  /**
   * A warning naming the statistics whose forecasts did worse over the holdout than the seasonal
   * naive forecast (MASE above 1: the model, or more than half of a statistic's series models),
   * with what usually mends it; empty when none did. A stream comparing with such forecasts sees
   * more ordinary windows outside their band than one comparing with last day's or week's values.
   * The trainer measures against the weekly naive forecast when the history before the holdout
   * holds a week of windows (a window divides a day, so a week has seven or more); against the
   * daily one or the last value, that history was shorter than a week.
   */
  static Optional<String> worseThanNaive(Map<String, List<JsonNode>> byStatistic) {
    List<String> worse = new ArrayList<>();
    boolean underAWeek = false;
    for (Map.Entry<String, List<JsonNode>> e : byStatistic.entrySet()) {
      long evaluated = e.getValue().stream().filter(mo -> mo.path("holdout").isObject()).count();
      // Above 1 as printed (to three decimals), so no line that reads 1.000 is called worse.
      List<JsonNode> losing =
          e.getValue().stream()
              .filter(mo -> mo.path("holdout").isObject())
              .filter(mo -> Math.round(1000 * mo.path("holdout").path("mase").asDouble(0)) > 1000)
              .toList();
      if (evaluated > 0 && 2 * losing.size() > evaluated) {
        worse.add(e.getKey());
        underAWeek |=
            losing.stream()
                .anyMatch(mo -> !mo.path("holdout").path("baseline").asText().equals("WEEKLY"));
      }
    }
    if (worse.isEmpty()) {
      return Optional.empty();
    }
    String names = names(worse);
    return Optional.of(
        "  warning: the " + names + " forecasts did worse over the holdout than the seasonal naive"
            + " one (MASE above 1), so a stream comparing with them may take more ordinary"
            + " windows for deviations. These figures are of models fit without the holdout's"
            + " days; the models published are refit on them, which on a short history can"
            + " change much: bin/augur backtest measures them out of sample. "
            + (underAWeek
                ? "The history before the holdout was under a week long, too short for the models'"
                    + " week-back features: train on two weeks of history or more."
                : "More history usually mends it: the models learn each series' patterns from"
                    + " the windows before the holdout."));
  }

  /**
   * The series a global model's holdout covered least, as the backtest names them; empty for a
   * model that names none.
   */
  static Optional<String> leastCovered(JsonNode model) {
    JsonNode least = model.path("holdout").path("least_covered");
    if (!least.isArray() || least.isEmpty()) {
      return Optional.empty();
    }
    StringJoiner line = new StringJoiner(", ", "      least covered: ", "");
    SeriesCoverage.read(least).forEach(c -> line.add(c.toString()));
    return Optional.of(line.toString());
  }

  /**
   * A note naming the statistics whose least covered series fell more than {@value
   * #WIDEN_HINT_POINTS} points short of the nominal coverage, with the option that widens their
   * bands; empty when none did.
   */
  static Optional<String> tooNarrowForSome(Map<String, List<JsonNode>> byStatistic) {
    List<String> narrow = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> e : byStatistic.entrySet()) {
      for (JsonNode model : e.getValue()) {
        JsonNode h = model.path("holdout");
        List<SeriesCoverage> least = SeriesCoverage.read(h.path("least_covered"));
        double nominal = h.path("nominal_coverage").asDouble(Double.NaN);
        if (!least.isEmpty() && least.get(0).coverage() < nominal - WIDEN_HINT_POINTS / 100.0) {
          narrow.add(e.getKey());
          break;
        }
      }
    }
    if (narrow.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "  note: the " + names(narrow) + " bands covered some series' windows far"
            + " less often than nominal (least covered, above), so a stream pages on those"
            + " series more often than on the others; --widenPerSeries=true widens each series'"
            + " band to what its own windows need, at a pooled coverage above nominal (README).");
  }

  /** "a", "a and b", "a, b and c". */
  private static String names(List<String> names) {
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and "
            + names.get(names.size() - 1);
  }

  /** How far below the nominal coverage the least covered series must be for the hint. */
  static final int WIDEN_HINT_POINTS = 5;

  /** One line per model, up to this many series models of a statistic; one line for more. */
  static final int SERIES_LISTED = 5;

  /** The holdout figures of one model (global, or of one series). */
  private static String modelLine(JsonNode model, String historyNeeded, double nominal) {
    String name = model.path("statistic").asText();
    String series = model.has("series") ? " " + model.path("series").asText() : "";
    JsonNode h = model.path("holdout");
    if (!h.isObject()) {
      return String.format(
          Locale.ROOT,
          "    %-7s%s not evaluated: the history holds no holdout (each series needs %s)",
          name, series, historyNeeded);
    }
    return String.format(
        Locale.ROOT,
        "    %-7s%s WAPE=%5.1f%%  MASE=%.3f (vs %s)  coverage=%.1f%% (%snominal %.0f%%)"
            + "  forecasts=%,d (%s)",
        name,
        series,
        100 * h.path("wape").asDouble(Double.NaN),
        h.path("mase").asDouble(Double.NaN),
        h.path("baseline").asText("?").toLowerCase(Locale.ROOT).replace('_', ' '),
        100 * h.path("coverage").asDouble(Double.NaN),
        ordinaryCoverage(h),
        100 * h.path("nominal_coverage").asDouble(nominal),
        h.path("windows").asLong(),
        h.has("origins")
            ? String.format(Locale.ROOT, "%,d series, %,d origins, %,d steps ahead",
                h.path("series").asLong(), h.path("origins").asLong(), h.path("horizon").asLong())
            : "one per window forecast from each origin");
  }

  /**
   * One statistic's models per series in one line: the median and worst WAPE and MASE (naming the
   * worst series), how many series do worse than the seasonal naive, and the coverage pooled over
   * every series' forecasts. A run over many series would otherwise print a line for each.
   */
  static String perSeries(
      String statistic, List<JsonNode> models, String historyNeeded, double nominal) {
    List<JsonNode> evaluated = new ArrayList<>();
    for (JsonNode model : models) {
      if (model.path("holdout").isObject()) {
        evaluated.add(model);
      }
    }
    String unevaluated = evaluated.size() == models.size()
        ? ""
        : String.format(Locale.ROOT, "; %,d not evaluated: the history holds no holdout (each"
            + " series needs %s)", models.size() - evaluated.size(), historyNeeded);
    if (evaluated.isEmpty()) {
      return String.format(Locale.ROOT, "    %-7s %,d series models%s", statistic, models.size(),
          unevaluated);
    }
    double forecasts = 0;
    double covered = 0;
    double nominalCoverage = nominal;
    for (JsonNode model : evaluated) {
      JsonNode h = model.path("holdout");
      forecasts += h.path("windows").asLong();
      covered += h.path("windows").asLong() * h.path("coverage").asDouble(Double.NaN);
      nominalCoverage = h.path("nominal_coverage").asDouble(nominal);
    }
    long worseThanNaive =
        evaluated.stream().filter(mo -> mo.path("holdout").path("mase").asDouble(0) > 1).count();
    return String.format(
        Locale.ROOT,
        "    %-7s %,d series models: WAPE median %.1f%% (worst %s)  MASE median %.3f (worst %s;"
            + " above 1 for %,d)  coverage=%.1f%% of %,.0f forecasts pooled (nominal %.0f%%)%s",
        statistic,
        models.size(),
        100 * median(evaluated, "wape"),
        worst(evaluated, "wape", true),
        median(evaluated, "mase"),
        worst(evaluated, "mase", false),
        worseThanNaive,
        forecasts == 0 ? Double.NaN : 100 * covered / forecasts,
        forecasts,
        100 * nominalCoverage,
        unevaluated);
  }

  private static double median(List<JsonNode> models, String figure) {
    double[] values =
        models.stream()
            .mapToDouble(mo -> mo.path("holdout").path(figure).asDouble(Double.NaN))
            .filter(v -> !Double.isNaN(v))
            .sorted()
            .toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /** The largest value of {@code figure} and its series, such as "25.1%, eu-west-1/checkout". */
  private static String worst(List<JsonNode> models, String figure, boolean percent) {
    JsonNode worst = null;
    for (JsonNode mo : models) {
      double v = mo.path("holdout").path(figure).asDouble(Double.NaN);
      if (!Double.isNaN(v)
          && (worst == null || v > worst.path("holdout").path(figure).asDouble())) {
        worst = mo;
      }
    }
    if (worst == null) {
      return "none measured";
    }
    double v = worst.path("holdout").path(figure).asDouble();
    return (percent
            ? String.format(Locale.ROOT, "%.1f%%", 100 * v)
            : String.format(Locale.ROOT, "%.3f", v))
        + ", " + worst.path("series").asText();
  }

  /**
   * A warning when every event a run parsed lacked the value field while {@code statistics} need
   * values (a misspelt --valueField counts every event only); empty otherwise.
   */
  static Optional<String> noValues(
      String command, Map<String, Long> counters, String valueField, List<Statistic> statistics) {
    long parsed = counters.getOrDefault(ParseEvents.PARSED_COUNTER, 0L);
    if (parsed == 0
        || counters.getOrDefault(ParseEvents.WITHOUT_VALUE_COUNTER, 0L) < parsed
        || statistics.stream().allMatch(s -> s == Statistic.COUNT)) {
      return Optional.empty();
    }
    return Optional.of(command + ": warning: " + ParseEvents.noValues(
        String.format(Locale.ROOT, "the %,d events parsed", parsed), valueField));
  }

  /**
   * Why a run without forecasts failed, and what it left as it was; with {@code eventsRead}, what
   * history each series needs (without events, the input is what to look at).
   */
  static String noForecasts(String command, BatchConfig config, boolean eventsRead) {
    String left = command + ": no model could be trained, so version " + config.modelVersion()
        + " has no forecasts and " + WriteForecastRun.manifestPath(config.output())
        + " still names the version before it, if any.";
    if (!eventsRead) {
      return left;
    }
    return left + " Each series needs "
        + BatchConfig.historyNeeded(config.forecastConfig(), config.window())
        + ". See the warnings above, or give a longer --input or a shorter --horizon.";
  }

  /**
   * The coverage of the holdout's windows outside anomalies, with how many were left out as
   * anomalous; nothing for a manifest written before it was measured.
   */
  private static String ordinaryCoverage(JsonNode holdout) {
    JsonNode c = holdout.path("ordinary_coverage");
    if (!c.isNumber()) {
      return "";
    }
    return String.format(Locale.ROOT,
        "%.1f%% leaving out the %,d forecasts of windows taken for anomalies; ",
        100 * c.asDouble(),
        holdout.path("windows").asLong() - holdout.path("ordinary_windows").asLong());
  }

  /** The forecast file formats the manifest names (JSON lines only, for older manifests). */
  private static List<String> formats(JsonNode manifest) {
    List<String> out = new ArrayList<>();
    manifest.path("forecast_formats").forEach(f -> out.add(f.asText()));
    return out.isEmpty() ? List.of("jsonl") : out;
  }

  /** Every forecast of one version, as the evaluation takes them. */
  public static List<ForecastEvaluation.Predicted> readForecasts(String output, String version)
      throws IOException {
    List<ForecastEvaluation.Predicted> out = new ArrayList<>();
    for (Forecast f : ForecastFiles.read(output, version)) {
      out.add(predicted(f));
    }
    return out;
  }

  public static ForecastEvaluation.Predicted predicted(Forecast f) {
    return new ForecastEvaluation.Predicted(
        f.getSeries(),
        Statistic.parse(f.getStatistic()),
        f.getWindowStart().getMillis(),
        f.getWindowEnd().getMillis(),
        f.getExpected(),
        f.getLower(),
        f.getUpper());
  }
}
