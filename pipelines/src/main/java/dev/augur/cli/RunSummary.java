package dev.augur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.models.Statistic;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.transforms.forecast.ForecastFiles;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.records.Forecast;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    String historyNeeded = null; // computed once, for the first model without a holdout
    for (JsonNode model : m.path("models_trained")) {
      JsonNode h = model.path("holdout");
      if (!h.isObject()) {
        if (historyNeeded == null) {
          historyNeeded = BatchConfig.historyNeeded(config.forecastConfig(), config.window());
        }
        out.printf(
            Locale.ROOT,
            "    %-7s%s not evaluated: the history holds no holdout (each series needs %s)%n",
            model.path("statistic").asText(),
            model.has("series") ? " " + model.path("series").asText() : "",
            historyNeeded);
        continue;
      }
      out.printf(
          Locale.ROOT,
          "    %-7s%s WAPE=%5.1f%%  MASE=%.3f (vs %s)  coverage=%.1f%% (%snominal %.0f%%)"
              + "  forecasts=%,d (%s)%n",
          model.path("statistic").asText(),
          model.has("series") ? " " + model.path("series").asText() : "",
          100 * h.path("wape").asDouble(Double.NaN),
          h.path("mase").asDouble(Double.NaN),
          h.path("baseline").asText("?").toLowerCase(Locale.ROOT).replace('_', ' '),
          100 * h.path("coverage").asDouble(Double.NaN),
          ordinaryCoverage(h),
          100 * h.path("nominal_coverage").asDouble(config.intervalCoverage()),
          h.path("windows").asLong(),
          h.has("origins")
              ? String.format(Locale.ROOT, "%,d series, %,d origins, %,d steps ahead",
                  h.path("series").asLong(), h.path("origins").asLong(), h.path("horizon").asLong())
              : "one per window forecast from each origin");
    }
    return published;
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

  /** Why a run without forecasts failed, and what it left as it was. */
  static String noForecasts(String command, BatchConfig config) {
    return command + ": no model could be trained, so version " + config.modelVersion()
        + " has no forecasts and " + WriteForecastRun.manifestPath(config.output())
        + " still names the version before it, if any. Each series needs "
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
