package dev.augur.cli;

import dev.augur.evaluation.ReferenceWindowStats;
import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.models.TrainedModel;
import dev.augur.pipelines.config.BatchConfig;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ReadEvents;
import dev.augur.transforms.records.WindowStats;
import dev.augur.transforms.stats.AggregateWindows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code augur benchmark}: measures the preparation step (read, parse, Beam SQL window statistics)
 * in events per second on the chosen runner, and the training time of each target statistic, on
 * generated events. Prints figures; asserts nothing.
 *
 * <pre>{@code
 * bin/augur benchmark --events=1000000
 * bin/augur benchmark --events=1000000,10000000 --runner=FlinkRunner --flinkMaster=[local] --parallelism=2
 * }</pre>
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Measure preparation throughput (events/s) on a runner and training time per statistic, "
            + "on generated events. Other --name=value arguments pass to Beam (--runner=...).")
public final class BenchmarkCommand implements Callable<Integer> {
  @Option(
      names = "--events",
      split = ",",
      defaultValue = "1000000",
      description =
          "Event counts to measure; the generator's rate is fitted so that each count is met to"
              + " within about 1 %%, and the table gives the count generated.")
  List<Long> events;

  @Option(names = "--series", defaultValue = "100", description = "Number of series.")
  int series;

  @Option(names = "--days", defaultValue = "28", description = "Days the events span.")
  int days;

  @Option(names = "--window", defaultValue = "15m", description = "Window length.")
  String window;

  @Option(names = "--workdir", defaultValue = "augur-benchmark", description = "Where generated events are kept between runs.")
  Path workdir;

  @Option(names = "--skipTraining", description = "Measure preparation only, not training.")
  boolean skipTraining;

  @Option(names = "--targets", defaultValue = "count,mean,stddev,sum", description = "Statistics to train.")
  String targets;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    org.joda.time.Duration w = BatchConfig.window(window);
    String runner =
        beamArgs.stream().filter(a -> a.startsWith("--runner=")).findFirst().orElse("--runner=DirectRunner").substring(9);
    System.out.printf(
        Locale.ROOT,
        "| events | series | window | series windows | runner | preparation s | events/s |%n"
            + "|---|---|---|---|---|---|---|%n");
    List<String> trainingRows = new ArrayList<>();
    for (long n : events) {
      SyntheticGenerator generator = generator(n);
      Path dir = workdir.resolve("events-" + n);
      Path complete = dir.resolve("_COMPLETE");
      String written = Files.exists(complete) ? Files.readString(complete) : "";
      if (!written.equals(generator.config().toString())) {
        // Absent, or left by another generator configuration: written afresh.
        if (Files.exists(dir)) {
          try (var old = Files.list(dir)) {
            for (Path f : (Iterable<Path>) old::iterator) {
              Files.delete(f);
            }
          }
        }
        generator.writeJsonLines(dir, 8, true);
        Files.writeString(complete, generator.config().toString());
      }
      long actual = countLines(generator);
      long[] windows = {0};
      double seconds = prepare(dir.toAbsolutePath() + "/*.jsonl.gz", w, windows);
      System.out.printf(
          Locale.ROOT, "| %,d | %d | %s | %,d | %s | %.1f | %,.0f |%n",
          actual, series, window, windows[0], runner, seconds, actual / seconds);
      if (!skipTraining) {
        trainingRows.addAll(train(generator, w, n));
      }
    }
    if (!trainingRows.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "%n| events | series | windows per series | statistic | training s | holdout |%n|---|---|---|---|---|---|%n");
      trainingRows.forEach(System.out::println);
    }
    return 0;
  }

  /**
   * A generator of about {@code n} events. The rate is a base that seasonality, trend and
   * anomalies move (by some 10 %), so a first guess is counted and the rate scaled once by how far
   * it missed; the events are drawn, not written, to count them.
   */
  private SyntheticGenerator generator(long n) {
    double perMinute = n / (series * days * 1440.0);
    SyntheticGenerator guess = generator(perMinute);
    long counted = countLines(guess);
    return counted == 0 ? guess : generator(perMinute * n / counted);
  }

  private SyntheticGenerator generator(double perMinute) {
    return new SyntheticGenerator(
        GeneratorConfig.builder()
            .seed(7)
            .seriesCount(series)
            .duration(Duration.ofDays(days))
            .eventsPerMinute(perMinute)
            .build());
  }

  private static long countLines(SyntheticGenerator g) {
    long n = 0;
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /**
   * Runs read → parse → window statistics → count and returns the wall time in seconds; the
   * series windows produced go to {@code windows[0]}.
   */
  private double prepare(String input, org.joda.time.Duration w, long[] windows) {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(PipelineRun.withDirectRunnerDefaults(beamArgs.toArray(new String[0])))
            .withValidation()
            .create();
    Pipeline p = Pipeline.create(options);
    p.apply("ReadEvents", ReadEvents.from(input, EventFormat.withSeriesFields(List.of("region", "service"))))
        .events()
        .apply("AggregateWindows", AggregateWindows.of(w))
        .stats()
        .apply("CountWindows", ParDo.of(new RecordFn()));
    long started = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - started) / 1e9;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(RecordFn.class, "windows")).build())
            .getCounters()) {
      windows[0] += c.getAttempted();
    }
    return seconds;
  }

  /** Counts the series windows the preparation produced; the benchmark's only sink. */
  static final class RecordFn extends DoFn<WindowStats, Void> {
    private final Counter windows = Metrics.counter(RecordFn.class, "windows");

    @ProcessElement
    public void process() {
      windows.inc();
    }
  }

  private List<String> train(SyntheticGenerator g, org.joda.time.Duration w, long n) {
    long start = g.config().start().toEpochMilli();
    long end = g.config().end().toEpochMilli();
    ReferenceWindowStats stats = new ReferenceWindowStats(start, end, w.getMillis());
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      stats.add(e.seriesKey(), e.timestampMillis(), e.hasValue() ? e.value() : Double.NaN);
    }
    List<SeriesHistory> histories = new ArrayList<>(stats.histories().values());
    List<String> rows = new ArrayList<>();
    int windows = histories.isEmpty() ? 0 : histories.get(0).length();
    for (Statistic s : Statistic.parseList(targets)) {
      long started = System.nanoTime();
      try (TrainedModel m = ForecastTrainer.train(s, histories, ForecastConfig.defaults())) {
        double seconds = (System.nanoTime() - started) / 1e9;
        rows.add(
            String.format(
                Locale.ROOT, "| %,d | %d | %d | %s | %.1f | %s |", n, histories.size(), windows, s.id(), seconds, m.evaluation().map(Object::toString).orElse("-")));
      }
    }
    return rows;
  }
}
