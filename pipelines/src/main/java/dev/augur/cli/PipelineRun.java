package dev.augur.cli;

import dev.augur.pipelines.Launch;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Duration;

/** Starting a pipeline from the command line and reporting its progress while it runs. */
final class PipelineRun {
  private static final long POLL_MILLIS = 5_000;

  private PipelineRun() {}

  /**
   * The DirectRunner's settings for the command line, unless the arguments choose otherwise: {@code
   * run()} returns at once, so progress can be shown while it works; and no immutability or
   * encodability checks of every element. Those checks catch DoFns that modify their input or
   * outputs that do not survive their coder: the tests run with them (TestPipeline keeps Beam's
   * defaults), while on the command line they cost most of the runner's time and memory: 10 M
   * events did not fit in 18 GB with them and took about two minutes without (docs/benchmarks.md).
   * Other runners get the arguments unchanged.
   */
  static String[] withDirectRunnerDefaults(String[] args) {
    if (!runner(args).equalsIgnoreCase("DirectRunner")) {
      return args;
    }
    return withUnlessGiven(
        args, "--blockOnRun=false", "--enforceImmutability=false", "--enforceEncodability=false");
  }

  /**
   * The runners' settings for a job that reads a live source ({@code --source=KINESIS} or {@code
   * KAFKA}) and so waits between records, unless the arguments choose otherwise. Without them such a
   * job, idle, takes a whole core:
   *
   * <ul>
   *   <li>The DirectRunner gets {@code --targetParallelism=1}. Its scheduler submits itself again at
   *       once while nothing is due (apache/beam#18070, some 8,000 rounds a second over every
   *       step's timers); with one worker thread, the source's wait for records (a second, for
   *       Kinesis) paces it: 1–7 % of a core idle instead of all of it, at about 10 % longer to
   *       catch up on a day's backlog (docs/status.md).
   *   <li>Flink without checkpoints ({@code --checkpointingInterval} unset) gets {@code
   *       --shutdownSourcesAfterIdleMs} at its largest, which Beam sets itself when checkpoints are
   *       on. Beam's default of 0 then ends the forecast refresh's impulse source at once, and the
   *       refresh ticker after it fires its processing-time timer in a loop.
   * </ul>
   */
  static String[] withLiveSourceDefaults(String[] args) {
    String source = lastValue(args, "--source");
    if (source == null || !(source.equalsIgnoreCase("KINESIS") || source.equalsIgnoreCase("KAFKA"))) {
      return args;
    }
    String runner = runner(args);
    if (runner.equalsIgnoreCase("DirectRunner")) {
      return withUnlessGiven(args, "--targetParallelism=1");
    }
    if (runner.equalsIgnoreCase("FlinkRunner") && !checkpoints(args)) {
      return withUnlessGiven(args, "--shutdownSourcesAfterIdleMs=" + Long.MAX_VALUE);
    }
    return args;
  }

  /** Whether the arguments turn Flink's checkpoints on (an interval above 0). */
  private static boolean checkpoints(String[] args) {
    String interval = lastValue(args, "--checkpointingInterval");
    try {
      return interval != null && Long.parseLong(interval.trim()) > 0;
    } catch (NumberFormatException e) {
      return false; // Beam's own parsing names the option.
    }
  }

  /** The runner's simple name, DirectRunner when none is given. */
  private static String runner(String[] args) {
    String runner = lastValue(args, "--runner");
    return runner == null ? "DirectRunner" : runner.substring(runner.lastIndexOf('.') + 1);
  }

  /** The value of the last {@code name=value} among the arguments, or null. */
  private static String lastValue(String[] args, String name) {
    String value = null;
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        value = a.substring(name.length() + 1);
      }
    }
    return value;
  }

  /** The arguments with each setting added whose option they do not give. */
  private static String[] withUnlessGiven(String[] args, String... settings) {
    List<String> out = new ArrayList<>(Arrays.asList(args));
    for (String setting : settings) {
      String name = setting.substring(0, setting.indexOf('='));
      if (Arrays.stream(args).noneMatch(a -> a.equals(name) || a.startsWith(name + "="))) {
        out.add(setting);
      }
    }
    return out.toArray(new String[0]);
  }

  /**
   * True when the run only wrote the job's specification (the Dataflow runner's {@code
   * --templateLocation}); says so on {@code err}, since nothing ran and there is nothing to wait
   * for or summarise.
   */
  static boolean onlyWroteJobSpecification(PipelineOptions options, String command, PrintStream err) {
    String location = Launch.jobSpecificationLocation(options);
    if (location == null) {
      return false;
    }
    err.printf("%s: wrote the Dataflow job's specification to %s; nothing ran%n", command, location);
    return true;
  }

  /**
   * Whether the job runs under this command's wait: not only its specification written, nor handed
   * to a service that runs it.
   */
  static boolean runsHere(PipelineOptions options) {
    return Launch.jobSpecificationLocation(options) == null && !Launch.runsAsService(options);
  }

  /**
   * Follows a pipeline that reads a live source (it runs until stopped; a file replay ends with its
   * files): returns at once when only the job's specification was written or a service runs it,
   * else waits, printing its counters. Returns the exit status.
   */
  static int awaitLive(PipelineOptions options, PipelineResult result, String command) {
    if (onlyWroteJobSpecification(options, command, System.err)) {
      return 0;
    }
    if (Launch.runsAsService(options)) {
      // Dataflow runs the job until it is drained or cancelled; the runner printed where.
      System.err.println(command + ": the job is submitted and runs on the service");
      return 0;
    }
    Thread onStop = null;
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      onStop = new Thread(() -> System.err.println(stoppedWhileRunning(command, result)));
      Runtime.getRuntime().addShutdownHook(onStop);
    }
    PipelineResult.State state = awaitWithProgress(result, System.err);
    if (onStop != null) {
      Runtime.getRuntime().removeShutdownHook(onStop);
    }
    if (state != PipelineResult.State.DONE) {
      System.err.println(command + ": pipeline ended " + state);
      return 1;
    }
    return 0;
  }

  /**
   * What a live job on the DirectRunner loses when a signal (Ctrl-C, SIGTERM) stops it: that
   * runner keeps no checkpoint and cannot drain, so what it has not yet written is gone.
   */
  static String stoppedWhileRunning(String command, PipelineResult result) {
    String counters = progress(result);
    return command + ": stopped by a signal while running on the DirectRunner, which keeps no"
        + " checkpoint and cannot drain: windows not yet closed and files not yet flushed (every"
        + (command.endsWith("archive") ? " --flushInterval" : " minute") + ") are lost, and"
        + " a restart reads Kinesis again from its start position, Kafka from the offsets already"
        + " committed (past the events of the windows open now). For stops without loss, run on"
        + " Flink with checkpoints and stop the job with a savepoint (flink stop)."
        + (counters.isEmpty()
            ? ""
            : " Counted so far, as read and processed, written or not: " + counters);
  }

  /**
   * Waits for the pipeline, printing its counters every few seconds when they changed, each line
   * stamped with the seconds since the command started; returns the final state.
   */
  static PipelineResult.State awaitWithProgress(PipelineResult result, PrintStream err) {
    String last = "";
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.millis(POLL_MILLIS));
      String line = progress(result);
      // Seconds since the command started: some runners (Flink's) return from run() only when
      // the job is done, so the wait itself would say 0 s for a job of minutes.
      double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
      // A line is printed when the counters moved; the last one printed is the final count.
      if (!line.isEmpty() && !line.equals(last)) {
        err.printf(Locale.ROOT, "  [%5.0fs] %s%n", seconds, line);
        last = line;
      }
      if (state != null && state.isTerminal()) {
        return state;
      }
    }
  }

  /** The pipeline's counters as one line, such as {@code events_parsed=1,000 models_trained=4}. */
  static String progress(PipelineResult result) {
    Map<String, Long> counters = counters(result);
    StringBuilder sb = new StringBuilder();
    counters.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s=%,d", k, v)));
    return sb.toString();
  }

  /**
   * The pipeline's own counters by name, summed over steps; empty when the runner does not answer
   * yet (some answer metric queries only once the job is done).
   */
  static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<Long> c : q.getCounters()) {
        if (!isAugurs(c.getName().getNamespace())) {
          continue; // Beam's own bookkeeping (cogbk-keys, an IO's reads) says nothing to a user.
        }
        Long v = attemptedOrCommitted(c);
        if (v != null) {
          counters.merge(c.getName().getName(), v, Long::sum);
        }
      }
    } catch (RuntimeException e) {
      return Map.of();
    }
    return counters;
  }

  /**
   * Namespaces of Beam and its IOs: its classes, and the generic source and sink metrics
   * ({@code source}, {@code source.splits}, {@code sink}) and KafkaIO's ({@code KafkaIOReader}
   * and the like), whose per-split reads and checkpoint commits are internals.
   */
  private static final Set<String> BEAM_NAMESPACES = Set.of("source", "source.splits", "sink");

  static boolean isAugurs(String namespace) {
    return !namespace.startsWith("org.apache.beam.")
        && !namespace.startsWith("Kafka")
        && !BEAM_NAMESPACES.contains(namespace);
  }

  private static Long attemptedOrCommitted(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

}
