package dev.augur.cli;

import dev.augur.pipelines.Launch;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.transforms.detect.CompareWithForecast;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.sink.IncidentSink;
import dev.augur.transforms.sink.MetricsSink;
import dev.augur.transforms.sink.PublishIncidents;
import dev.augur.transforms.sink.WriteMetrics;
import dev.augur.transforms.stats.AggregateWindows;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * {@code augur stream}: runs the streaming detection pipeline and shows its counters while it
 * runs. With a Kinesis or Kafka source it runs until stopped; a file replay ends with its files.
 * On Dataflow it returns once the job is submitted: the service runs it until it is drained.
 */
final class StreamCommand {
  /** Allowed between this clock and an object store's, when telling this run's files from older ones. */
  static final long CLOCK_SLACK_MILLIS = 60_000;

  private StreamCommand() {}

  static int run(String[] beamArgs) throws Exception {
    StreamOptions options =
        PipelineOptionsCommand.parse(
            Launch.inStreamingMode(
                PipelineRun.withLiveSourceDefaults(PipelineRun.withDirectRunnerDefaults(beamArgs))),
            StreamOptions.class);
    StreamConfig config = StreamConfig.from(options);
    // The forecasts and the Kafka topics first; the pipeline's own checks.
    Pipeline pipeline = StreamingDetectionPipeline.checked(options, config);
    checkDelivery(options, config, System.err);
    System.err.printf(
        "augur stream: %s, %s windows, forecasts from %s, metrics to %s, incidents to %s,"
            + " dead letters to %s%n",
        config.source().describe(),
        DurationText.format(config.window()),
        config.forecasts(),
        config.metricsSink()
            + (config.metricsSink() == MetricsSink.FILE
                ? " under " + config.metrics().getDestination() + "/" : ""),
        config.incidentSink()
            + (config.incidentSink() == IncidentSink.FILE
                ? " under " + config.incidents().getDestination() + "/" : ""),
        config.writeDeadLetters().describe());
    long started = System.currentTimeMillis();
    PipelineResult result = StreamingDetectionPipeline.run(pipeline, config);
    int status = PipelineRun.awaitLive(options, result, "augur stream");
    if (status != 0 || !PipelineRun.runsHere(options)) {
      // Failed, or nothing ran here to summarise; otherwise awaitLive saw the job DONE.
      return status;
    }
    removeEmptyTempDirs(config);
    Map<String, Long> counters = PipelineRun.counters(result);
    System.out.print(summary(counters, config));
    RunSummary.noValues("augur stream", counters, config.format().valueField(), config.statistics())
        .ifPresent(System.err::println);
    long refused = counters.getOrDefault(ParseEvents.DEAD_LETTER_COUNTER, 0L);
    if (refused > 0 && counters.getOrDefault(ParseEvents.PARSED_COUNTER, 0L) == 0) {
      // Nothing was compared: a monitor that read nothing must not look like a quiet one.
      System.err.printf(
          Locale.ROOT,
          "augur stream: every one of the %,d events read was refused, so nothing was compared%s%n",
          refused,
          config.writeDeadLetters().directory() != null
              ? DeadLetterReasons.mostCommon(config.writeDeadLetters().directory(), started - CLOCK_SLACK_MILLIS)
                  .map(r -> "; the most common reason: " + r)
                  .orElse("")
              : "; the reasons are with the dead letters in " + config.writeDeadLetters().describe());
      return 1;
    }
    if (counters.getOrDefault(CompareWithForecast.COMPARED, 0L) == 0
        && counters.getOrDefault(CompareWithForecast.WITHOUT_FORECAST, 0L) > 0) {
      System.err.printf(
          Locale.ROOT,
          "augur stream: no window was compared: %s; a replay compares events only with forecasts"
              + " of their own windows (run bin/augur batch on the history before them)%n",
          coverage(config.forecasts()));
      return 1;
    }
    long undelivered =
        counters.getOrDefault(PublishIncidents.DEAD_LETTER_COUNTER, 0L)
            + counters.getOrDefault(WriteMetrics.DEAD_LETTER_COUNTER, 0L);
    if (undelivered > 0) {
      System.err.printf(
          "augur stream: %,d incident events or metric writes could not be delivered; they are"
              + " dead letters, with the reason, in %s%n",
          undelivered, config.writeDeadLetters().describe());
      return 1;
    }
    return 0;
  }

  /** As {@link OutputDirs#removeEmptyTempDirs}, for the stream's file outputs. */
  static void removeEmptyTempDirs(StreamConfig config) {
    OutputDirs.removeEmptyTempDirs(
        config.metrics().getDestination(),
        config.incidents().getDestination(),
        config.writeDeadLetters().directory());
  }

  /** The windows the newest forecast version under {@code forecasts} covers, in words. */
  static String coverage(String forecasts) {
    try {
      ForecastManifest m = ForecastManifest.read(forecasts);
      return m.validFrom() == null
          ? "forecast version " + m.modelVersion() + " under " + forecasts + " holds no forecasts"
          : "forecast version " + m.modelVersion() + " under " + forecasts + " covers the windows from "
              + m.validFrom() + " to " + m.validUntil() + ", and no window of the events lies there";
    } catch (IOException | RuntimeException e) {
      return "no forecast version could be read under " + forecasts + " (" + e.getMessage() + ")";
    }
  }

  /** What a stream that ended (a file replay) did, from its counters. */
  static String summary(Map<String, Long> counters, StreamConfig config) {
    StringBuilder b = new StringBuilder("stream:\n");
    b.append(String.format(Locale.ROOT,
        "  events:       %,d parsed, %,d dead-lettered (%,d unparseable, %,d too late for their"
            + " window)%n",
        counters.getOrDefault(ParseEvents.PARSED_COUNTER, 0L),
        counters.getOrDefault(ParseEvents.DEAD_LETTER_COUNTER, 0L)
            + counters.getOrDefault(AggregateWindows.TOO_LATE_COUNTER, 0L),
        counters.getOrDefault(ParseEvents.DEAD_LETTER_COUNTER, 0L),
        counters.getOrDefault(AggregateWindows.TOO_LATE_COUNTER, 0L)));
    b.append(String.format(Locale.ROOT,
        "  windows:      %,d compared, %,d without a forecast to compare with%n",
        counters.getOrDefault(CompareWithForecast.COMPARED, 0L),
        counters.getOrDefault(CompareWithForecast.WITHOUT_FORECAST, 0L)));
    b.append(String.format(Locale.ROOT,
        "  incidents:    %,d opened, %,d updated, %,d resolved; %,d could not be delivered%n",
        counters.getOrDefault(PublishIncidents.OPENED_COUNTER, 0L),
        counters.getOrDefault(PublishIncidents.UPDATED_COUNTER, 0L),
        counters.getOrDefault(PublishIncidents.RESOLVED_COUNTER, 0L),
        counters.getOrDefault(PublishIncidents.DEAD_LETTER_COUNTER, 0L)));
    b.append(String.format(Locale.ROOT, "  metrics to:   %s%s%s%n", config.metricsSink(),
        config.metricsSink() == MetricsSink.FILE ? ", under " + config.metrics().getDestination() + "/" : "",
        counters.getOrDefault(WriteMetrics.DEAD_LETTER_COUNTER, 0L) > 0
            ? String.format(Locale.ROOT, " (%,d writes could not be delivered)",
                counters.get(WriteMetrics.DEAD_LETTER_COUNTER))
            : ""));
    b.append("  incidents to: ").append(config.incidentSink());
    if (config.incidentSink() == IncidentSink.FILE) {
      b.append(", under ").append(config.incidents().getDestination()).append('/');
    }
    b.append('\n');
    b.append("  dead letters: ").append(config.writeDeadLetters().describe()).append('\n');
    return b.toString();
  }

  /**
   * Incidents are delivered by the workers when the first one opens, which on a live source may be
   * days after the start, and metrics when the first window closes: a webhook secret they read
   * from an {@code env:} or {@code file:} reference, an SNS topic they publish to, a Prometheus
   * remote-write endpoint they write to. On the DirectRunner this process is the worker, so
   * what it cannot read or reach fails now, naming the option; on other runners the workers may
   * have what the launcher has not (their own role, network, secrets), so it is only warned about.
   */
  static void checkDelivery(StreamOptions options, StreamConfig config, PrintStream err) {
    String option;
    String problem;
    if (config.incidentSink() == IncidentSink.WEBHOOK) {
      option = "webhookSecret";
      problem = config.incidents().webhookSecretProblemHere();
    } else if (config.incidentSink() == IncidentSink.SNS) {
      option = "snsTopicArn";
      problem = config.incidents().snsTopicProblemHere();
    } else {
      problem = null;
      option = null;
    }
    report(options, option, problem, "incidents", err);
    if (config.metricsSink() == MetricsSink.PROMETHEUS) {
      report(options, "prometheusUrl", config.metrics().remoteWriteProblemHere(), "metrics", err);
    }
  }

  /**
   * A problem of delivery found here: on the DirectRunner, where this process delivers, it fails
   * naming the option; elsewhere a warning.
   */
  private static void report(
      StreamOptions options, String option, String problem, String what, PrintStream err) {
    if (problem == null) {
      return;
    }
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      throw new InvalidOptionException(
          option, "cannot be used by this process, which delivers the " + what + ": " + problem);
    }
    err.println(
        "augur stream: warning: " + problem + " here, on the launcher; the workers, which deliver"
            + " the " + what + ", must be able to");
  }
}
