package dev.augur.cli;

import dev.augur.evaluation.ForecastEvaluation;
import dev.augur.evaluation.DetectionScore;
import dev.augur.evaluation.SyntheticTruth;
import dev.augur.models.Statistic;
import dev.augur.pipelines.BatchForecastPipeline;
import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.report.HtmlReport;
import dev.augur.report.ReportData;
import dev.augur.report.ReportOptions;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code augur demo}: the whole batch flow on this machine with built-in synthetic data. It
 * generates history plus one held-back day, trains and forecasts from the history, then scores
 * the forecasts against the held-back day (outside the injected anomalies), replays that day
 * through the streaming pipeline, scores its incidents against the injected anomalies and writes
 * {@code <workdir>/report.html} ({@link HtmlReport}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Generate synthetic events, train and forecast with the batch pipeline, score the "
            + "forecasts against a held-back day, then replay that day through the streaming "
            + "pipeline, match its incidents with the injected anomalies and write report.html.",
    footer = {
      "",
      "Any other option is a Beam option given to both pipelines, e.g. to run them on embedded"
          + " Flink (advised beyond a few dozen series):",
      "  bin/augur demo --series=200 --runner=FlinkRunner --flinkMaster='[local]'",
      "    --parallelism=2"
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--workdir", defaultValue = "augur-demo", description = "Directory for everything the demo writes.")
  Path workdir;

  @Option(names = "--series", defaultValue = "12", description = "Number of synthetic series.")
  int series;

  @Option(names = "--days", defaultValue = "15", description = "Days of history to train on: at least 1, and the models need 4 (a training span and a calibration span of twice the one-day horizon each; with fewer the demo stops after the batch step), 6 for the batch to also report its accuracy on a held-out span.")
  int days;

  @Option(names = "--eventsPerMinute", defaultValue = "1", description = "Baseline events per minute per series.")
  double eventsPerMinute;

  @Option(names = "--window", defaultValue = "15m", description = "Window length.")
  String window;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed of the generator.")
  long seed;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  /** {@code --name=value} (or {@code -name}) → {@code name}. */
  private static String optionName(String arg) {
    return arg.replaceFirst("^--?", "").split("=", 2)[0];
  }

  @Override
  public Integer call() throws Exception {
    Path history = workdir.resolve("events/history");
    Path live = workdir.resolve("events/live");
    Path output = workdir.resolve("forecast");
    Path stream = workdir.resolve("stream");
    // What the demo gives each pipeline itself; the same options given again would clash.
    List<String> batchOwn =
        List.of(
            "--input=" + history.toAbsolutePath() + "/*.jsonl.gz",
            "--output=" + output.toAbsolutePath(),
            "--window=" + window,
            "--horizon=1d");
    List<String> streamOwn =
        List.of(
            "--source=FILE",
            "--replayInput=" + live.toAbsolutePath() + "/*.jsonl.gz",
            "--replaySpeedup=0",
            "--forecasts=" + output.toAbsolutePath(),
            "--window=" + window,
            "--streamOutput=" + stream.toAbsolutePath());
    // Every option is checked before anything is generated: a mistake fails in a second, not
    // after minutes of work.
    if (series < 1) {
      throw new InvalidOptionException("series", "must be at least 1, got " + series);
    }
    if (days < 1) {
      throw new InvalidOptionException("days", "must be at least 1, got " + days);
    }
    if (!(eventsPerMinute > 0) || Double.isInfinite(eventsPerMinute)) {
      throw new InvalidOptionException("eventsPerMinute", "must be positive, got " + eventsPerMinute);
    }
    java.util.Set<String> own = new java.util.HashSet<>();
    batchOwn.forEach(a -> own.add(optionName(a)));
    streamOwn.forEach(a -> own.add(optionName(a)));
    for (String arg : beamArgs) {
      if (own.contains(optionName(arg))) {
        throw new InvalidOptionException(optionName(arg), "is set by the demo, which reads and"
            + " writes everything under --workdir (" + workdir + "); leave it out");
      }
    }
    List<String> args = new ArrayList<>(beamArgs);
    args.addAll(batchOwn);
    BatchOptions options =
        PipelineOptionsCommand.parse(PipelineRun.withDirectRunnerDefaults(args.toArray(new String[0])), BatchOptions.class);
    BatchConfig batch = BatchConfig.from(options, org.joda.time.Instant.now());
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seed(seed)
            .seriesCount(series)
            .duration(Duration.ofDays(days + 1L))
            // Anomalies only in the last week, so most of the history is clean.
            .cleanPeriod(Duration.ofDays(Math.max(0, days - 6)))
            .eventsPerMinute(eventsPerMinute)
            .build();
    SyntheticGenerator generator = new SyntheticGenerator(config);
    Instant liveStart = config.start().plus(Duration.ofDays(days));

    System.out.printf("1/4 generating %d series, %d days of history + 1 held-back day%n", series, days);
    long events = writeSplit(generator, history, live, days + 1);
    Path labels = workdir.resolve("events/labels.jsonl");
    generator.writeLabels(labels);
    System.out.printf("    %,d events, %d labelled anomalies -> %s%n", events, generator.labels().size(), workdir.resolve("events"));

    System.out.println("2/4 batch pipeline: Beam SQL window statistics, XGBoost training, forecasts");
    PipelineResult result = BatchForecastPipeline.run(options, batch);
    PipelineResult.State state = PipelineRun.awaitWithProgress(result, System.err);
    if (state != PipelineResult.State.DONE) {
      System.err.println("augur demo: batch pipeline ended " + state);
      return 1;
    }
    if (!RunSummary.print(batch, System.out)) {
      System.err.println(RunSummary.noForecasts("augur demo", batch, true));
      return 1;
    }

    System.out.println("3/4 scoring the forecasts against the held-back day, outside injected anomalies");
    Map<Statistic, ForecastEvaluation.Result> scores =
        SyntheticTruth.score(
            generator,
            liveStart.toEpochMilli(),
            liveStart.plus(Duration.ofDays(1)).toEpochMilli(),
            batch.window().getMillis(),
            RunSummary.readForecasts(batch.output(), batch.modelVersion()));
    scores.values().forEach(r -> System.out.println("    " + r));
    System.out.println("    (MASE < 1 beats the weekly seasonal naive forecast)");

    System.out.println("4/4 streaming pipeline: replaying the held-back day against the forecasts");
    List<String> streamArgs = new ArrayList<>(beamArgs);
    streamArgs.addAll(streamOwn);
    StreamOptions streamOptions =
        PipelineOptionsCommand.parse(
            Launch.inStreamingMode(
                PipelineRun.withDirectRunnerDefaults(streamArgs.toArray(new String[0]))),
            StreamOptions.class);
    StreamConfig streamConfig = StreamConfig.from(streamOptions);
    PipelineResult streamed = StreamingDetectionPipeline.run(streamOptions, streamConfig);
    if (PipelineRun.awaitWithProgress(streamed, System.err) != PipelineResult.State.DONE) {
      System.err.println("augur demo: streaming pipeline did not finish");
      return 1;
    }
    StreamCommand.removeEmptyTempDirs(streamConfig);
    // The report reads what the stream wrote and scores its incidents against the day's labels.
    Files.createDirectories(stream.resolve("metrics"));
    Files.createDirectories(stream.resolve("incidents"));
    ReportData report =
        ReportData.load(
            stream.resolve("metrics"),
            stream.resolve("incidents"),
            labels,
            ReportOptions.defaults()
                .withTitle("Augur demo: the held-back day replayed through the stream")
                .withEvaluationSpan(liveStart, liveStart.plus(Duration.ofDays(1))));
    DetectionScore.Result detection = report.detection();
    System.out.println("    incidents against the anomalies injected into the held-back day:");
    System.out.println("    " + detection);
    for (DetectionScore.Label missed : detection.missed()) {
      System.out.printf(
          "    missed: %s %s at %s%n", missed.kind(), missed.series(), java.time.Instant.ofEpochMilli(missed.startMillis()));
    }
    if (report.problemCount() > 0) {
      System.out.printf("    %d unreadable lines left out, e.g. %s%n", report.problemCount(), report.problems().get(0));
    }
    Path html = workdir.resolve("report.html");
    HtmlReport.write(report, html);
    System.out.printf("    metrics:   %s%n    incidents: %s%n", stream.resolve("metrics"), stream.resolve("incidents"));
    System.out.printf("    report:    %s%n", html.toAbsolutePath());
    System.out.printf("%nEverything is under %s%n", workdir.toAbsolutePath());
    return 0;
  }

  /** Writes one file per day; the last day goes to {@code live}, the rest to {@code history}. */
  private static long writeSplit(SyntheticGenerator generator, Path history, Path live, int days)
      throws java.io.IOException {
    long n = generator.writeJsonLines(history, days, true);
    Files.createDirectories(live);
    String last = SyntheticGenerator.eventFileName(days - 1, days, true);
    Files.move(history.resolve(last), live.resolve(last), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return n;
  }
}
