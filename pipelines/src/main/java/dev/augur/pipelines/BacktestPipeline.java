package dev.augur.pipelines;

import dev.augur.pipelines.config.BacktestConfig;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.report.HtmlReport;
import dev.augur.report.ReportData;
import dev.augur.report.ReportOptions;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.transforms.backtest.RunWalkForward;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.parse.ReadEvents;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.sink.WriteDeadLetters;
import dev.augur.transforms.stats.AggregateWindows;
import dev.augur.transforms.stats.BuildHistories;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The walk-forward backtest: replays event history as production would have seen it. It reads
 * and aggregates history with the batch pipeline's transforms, then per statistic trains at each
 * retraining time on the windows before it only, forecasts until the next, compares every window
 * as the stream does and runs the stream's alarm state machine over the comparisons.
 *
 * <p>Writes under {@code --output}: {@code comparisons/*.jsonl} (the stream's FILE metrics lines
 * plus {@code alarm_state}, {@code verdict} and {@code incident}), {@code incidents/*.jsonl} (the
 * stream's FILE incident lines), {@code dead-letters/}, then scores what it wrote: {@code
 * evaluation.json} (with {@code --anomalyLabels}, detection quality too) and the HTML report.
 *
 * <pre>{@code
 * bin/augur backtest --input='/data/events/*.jsonl.gz' --output=/tmp/backtest --window=15m \
 *     --trainSpan=14d --retrainEvery=1d --anomalyLabels=/data/events/labels.jsonl
 * }</pre>
 */
public final class BacktestPipeline {
  private BacktestPipeline() {}

  public static void main(String[] args) {
    PipelineOptionsFactory.register(BacktestOptions.class);
    BacktestOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(BacktestOptions.class);
    Launch.finish(options, run(options, BacktestConfig.from(options)));
  }

  /** Builds the pipeline for validated {@code config} and starts it without waiting for it. */
  public static PipelineResult run(BacktestOptions options, BacktestConfig config) {
    Pipeline pipeline = Pipeline.create(options);
    Locations.requireInput("input", config.input());
    Locations.requireNotAFile("output", config.output());
    refuseEarlierRun(config);
    try {
      labels(config); // read now, so a missing or malformed file fails before any work
    } catch (IOException e) {
      throw new InvalidOptionException("anomalyLabels", "could not be read: " + e.getMessage());
    }
    build(pipeline, config);
    return pipeline.run();
  }

  /**
   * Fails naming {@code --output} when it already holds a backtest's results: this run's sharded
   * files would be written beside the earlier run's (their shard counts need not match), and the
   * evaluation and report, which read every file there, would mix the two runs' figures.
   */
  static void refuseEarlierRun(BacktestConfig config) {
    List<String> found = new ArrayList<>();
    for (String pattern :
        List.of(config.comparisons() + "/*", config.incidents() + "/*", config.evaluation())) {
      if (Locations.holdsFiles("output", pattern)) {
        found.add(pattern.substring(config.output().length() + 1));
      }
    }
    if (!found.isEmpty()) {
      throw new InvalidOptionException("output", config.output() + " already holds a backtest ("
          + String.join(", ", found) + "), whose files this run's evaluation and report would "
          + "read with its own: choose another --output or remove the earlier run");
    }
  }

  /*
   * Steps:
   * 1) read and parse events; bad records go to dead letters with the reason
   * 2) window statistics per series with Beam SQL, gaps filled; one history per series
   * 3) per statistic, walk forward: train before each retraining time, forecast to the next,
   *    compare, alarm
   * 4) write the compared windows and the incident events as JSON lines
   */
  public static void build(Pipeline pipeline, BacktestConfig config) {
    ParsedEvents parsed =
        pipeline.apply(
            "ReadEvents",
            ReadEvents.from(config.input(), config.format())
                .refusingEventsAfter(config.latestEvent()));
    parsed.deadLetters().apply("WriteDeadLetters", new WriteDeadLetters(config.deadLetters()));
    backtest(parsed.events(), config);
  }

  /** Steps 2 to 5 on parsed events, so tests can apply the very same graph to created input. */
  public static void backtest(PCollection<Event> events, BacktestConfig config) {
    PCollectionTuple out =
        events
            .apply("AggregateWindows", AggregateWindows.of(config.window()))
            .stats()
            .apply("BuildHistories", BuildHistories.of(config.window()))
            .apply("WalkForward", RunWalkForward.of(config.statistics(), config.settings()));
    PCollection<KV<Object, String>> comparisons =
        write(out.get(RunWalkForward.WINDOWS), "WriteComparisons", config.comparisons() + "/comparisons");
    PCollection<KV<Object, String>> incidents =
        write(out.get(RunWalkForward.INCIDENTS), "WriteIncidents", config.incidents() + "/incidents");
    // Written file names come out only once their files are final; counting them gives one
    // element after both writes, even when they wrote nothing.
    PCollectionList.of(comparisons)
        .and(incidents)
        .apply("WrittenFiles", Flatten.pCollections())
        .apply("AwaitWrites", Count.globally())
        .apply("Evaluate", ParDo.of(new Evaluate(config)));
  }

  /** Writes JSON lines to {@code <prefix>*.jsonl}; the names of the files once they are final. */
  private static PCollection<KV<Object, String>> write(
      PCollection<String> lines, String step, String prefix) {
    return lines
        .apply(step, TextIO.write().to(prefix).withSuffix(".jsonl").withOutputFilenames())
        .getPerDestinationOutputFilenames();
  }

  /**
   * Step 5: reads back what the job wrote and scores it (forecast accuracy; with labels, detection
   * quality), writes {@code evaluation.json} and, unless turned off, the HTML report.
   */
  public static BacktestResults evaluate(BacktestConfig config) throws IOException {
    List<AnomalyLabel> labels = labels(config);
    BacktestResults results =
        BacktestResults.read(
            config.comparisons(), config.incidents(), labels, config.window().getMillis());
    results.write(config.evaluation());
    if (config.report() != null) {
      // Scored like the evaluation: labels from the first compared window on, same grace.
      ReportData report =
          ReportData.load(
              config.comparisons(),
              config.incidents(),
              config.labels(),
              ReportOptions.defaults()
                  .withTitle("Augur backtest")
                  .withEvaluationSpan(results.firstComparedWindow(), null));
      HtmlReport.write(report, config.report());
    }
    return results;
  }

  /** The labelled anomalies of {@code --anomalyLabels}, null without. */
  static @Nullable List<AnomalyLabel> labels(BacktestConfig config) throws IOException {
    if (config.labels() == null) {
      return null;
    }
    try {
      return ReportData.readLabels(config.labels());
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("anomalyLabels", "could not be read: " + e.getMessage());
    }
  }

  /** Runs {@link #evaluate} once, after both writes; says where its files went in the job's log. */
  private static final class Evaluate extends DoFn<Long, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluate.class);
    private final BacktestConfig config;

    Evaluate(BacktestConfig config) {
      this.config = config;
    }

    @ProcessElement
    public void processElement() throws IOException {
      BacktestResults results = evaluate(config);
      LOG.info(
          "backtest scored: {}; evaluation in {}{}",
          results.summary().get(0),
          config.evaluation(),
          config.report() == null ? "" : ", report in " + config.report());
    }
  }
}
