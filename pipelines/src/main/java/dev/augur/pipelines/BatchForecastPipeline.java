package dev.augur.pipelines;

import dev.augur.models.ForecastConfig;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.transforms.detect.StreamShape;
import dev.augur.transforms.detect.VersionCheck;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.sink.WriteDeadLetters;
import dev.augur.transforms.forecast.ForecastSeries;
import dev.augur.transforms.forecast.TrainModels;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.parse.ReadEvents;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.ModelRecord;
import dev.augur.transforms.records.WindowStats;
import dev.augur.transforms.stats.AggregateWindows;
import dev.augur.transforms.stats.BuildHistories;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch forecasting pipeline (the Athena and SageMaker steps): reads event history, computes
 * window statistics per series with Beam SQL, trains XGBoost quantile models on lag features and
 * writes forecasts with prediction intervals, the models and a manifest naming the new version.
 *
 * <pre>{@code
 * bin/augur batch --input='/data/events/*.jsonl.gz' --output=s3://bucket/augur --window=15m \
 *     --horizon=1d --targets=count,mean,stddev,sum
 * }</pre>
 */
public final class BatchForecastPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(BatchForecastPipeline.class);

  private BatchForecastPipeline() {}

  /**
   * The entry point that launchers call with the pipeline's options (a Dataflow Flex Template,
   * {@code flink run}, Managed Flink through {@code ManagedFlinkMain}): waits for the job, except
   * on Dataflow, whose service runs it once submitted ({@link Launch#finish}).
   */
  public static void main(String[] args) {
    PipelineOptionsFactory.register(BatchOptions.class);
    BatchOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(BatchOptions.class);
    Launch.finish(options, run(options, BatchConfig.from(options, Instant.now())));
  }

  /**
   * Builds the pipeline for validated {@code config} and starts it without waiting for it.
   *
   * @throws InvalidOptionException when the output already holds forecasts of the version
   */
  public static PipelineResult run(BatchOptions options, BatchConfig config) {
    FileSystems.setDefaultPipelineOptions(options);
    Locations.requireNotAFile("output", config.output());
    refuseWrittenVersion(config);
    // Listed once: a large s3:// input takes a while to list.
    boolean csv =
        Locations.holdsCsv(config.input(), Locations.requireInput("input", config.input()));
    differsFromPublished(config, csv).ifPresent(LOG::warn);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, config, csv);
    return pipeline.run();
  }

  /**
   * A version is written once. Run again into the same output, a version's forecasts would be
   * written beside the earlier run's files (their shard counts need not match), and readers of
   * the version would get both.
   */
  static void refuseWrittenVersion(BatchConfig config) {
    String dir = WriteForecastRun.forecastDir(config.output(), config.modelVersion());
    if (Locations.holdsFiles("output", dir + "*")) {
      throw new InvalidOptionException("modelVersion", "version '" + config.modelVersion()
          + "' already has forecasts in " + dir + "; a version is written once: choose another "
          + "--modelVersion (without one, the version is named after the time) or remove "
          + "that directory");
    }
  }

  /**
   * A warning when this run's window length or event fields differ from those of the version
   * published under the output before it: streams comparing with the output check every new
   * version by {@link VersionCheck}, so they would refuse this one (a running stream keeps
   * comparing with the earlier version, one started again fails until given the new options).
   * Empty when nothing is published there yet, or nothing differs. {@code csvInput}: whether the
   * input holds CSV files, whose history records no event fields.
   */
  static Optional<String> differsFromPublished(BatchConfig config, boolean csvInput) {
    ForecastManifest before;
    try {
      before = ForecastManifest.read(config.output());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    // CSV history records no fields, so its version is checked for the window only.
    EventFormat fields = csvInput && before.eventFields() != null
        ? before.eventFields() : config.format();
    List<String> options =
        VersionCheck.check(new StreamShape(fields, config.window()), before)
            .stream()
            .map(m -> "--" + m.option())
            .toList();
    if (options.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format(
        "This run's %s %s from forecast version %s, published under %s before it: streams that"
            + " compare with %s will refuse the version this run publishes (one running keeps"
            + " comparing with %s, one started again fails until given this run's options); to"
            + " keep serving them, publish to another --output",
        String.join(" and ", options), options.size() == 1 ? "differs" : "differ",
        before.modelVersion(), config.output(), config.output(), before.modelVersion()));
  }

  /*
   * Steps:
   * 1) read and parse events; bad records go to dead letters with the reason
   * 2) window statistics per series with Beam SQL, gaps filled with empty windows
   * 3) one gap-free history per series
   * 4) train one quantile model per target statistic (or per statistic and series)
   * 5) forecast the horizon recursively for every series and statistic
   * 6) write forecasts and models, then the manifest that publishes the version
   */
  /**
   * Builds the whole graph, reading the configured input; {@code csvInput}: whether it holds CSV
   * files, whose events carry no fields to record in the manifest.
   */
  public static void build(Pipeline pipeline, BatchConfig config, boolean csvInput) {
    ParsedEvents parsed = pipeline.apply(
            "ReadEvents",
            ReadEvents.from(config.input(), config.format())
                .refusingEventsAfter(config.latestEvent()));
    parsed.deadLetters().apply("WriteDeadLetters", new WriteDeadLetters(config.deadLetters()));
    forecast(parsed.events(), config, csvInput);
  }

  /** Steps 2 to 6 on parsed events, so tests can apply the very same graph to created input. */
  public static void forecast(PCollection<Event> events, BatchConfig config, boolean csvInput) {
    PCollection<WindowStats> stats =
        events.apply("AggregateWindows", AggregateWindows.of(config.window())).stats();
    PCollection<SeriesHistory> histories =
        stats.apply("BuildHistories", BuildHistories.of(config.window()));
    ForecastConfig forecastConfig = config.forecastConfig();
    PCollection<ModelRecord> models =
        histories.apply(
            "TrainModels", new TrainModels(config.targets(), forecastConfig, config.modelVersion()));
    PCollection<Forecast> forecasts =
        histories.apply(
            "Forecast", new ForecastSeries(models, config.targets(), config.horizonWindows()));
    forecasts.apply(
        "WriteForecastRun",
        new WriteForecastRun(
            models,
            new WriteForecastRun.RunInfo(
                config.output(),
                config.modelVersion(),
                config.window().getMillis(),
                config.horizonWindows(),
                config.targets().stream().map(Statistic::id).collect(Collectors.toList()),
                config.modelScope().name(),
                config.intervalCoverage(),
                config.input(),
                config.writeParquet(),
                csvInput ? null : config.format())));
  }
}
