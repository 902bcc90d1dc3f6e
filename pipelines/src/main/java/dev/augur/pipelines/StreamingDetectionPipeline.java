package dev.augur.pipelines;

import dev.augur.models.Statistic;
import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.transforms.detect.CompareWithForecast;
import dev.augur.transforms.detect.ComparedWindows;
import dev.augur.transforms.detect.DetectIncidents;
import dev.augur.transforms.detect.ForecastIndex;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.detect.GroupIncidents;
import dev.augur.transforms.detect.VersionCheck;
import dev.augur.transforms.detect.LoadForecasts;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.WindowStats;
import dev.augur.transforms.sink.LogDeadLetters;
import dev.augur.transforms.sink.SinkResult;
import dev.augur.transforms.source.ReadEventStream;
import dev.augur.transforms.source.SourceConfig;
import dev.augur.transforms.stats.AggregateWindows;
import dev.augur.transforms.stats.EventTimeHorizon;
import dev.augur.transforms.stats.WindowedStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming detection pipeline (the Kinesis Data Analytics step): reads live events from
 * Kinesis, Kafka or a file replay, computes window statistics with the same transform as the
 * batch pipeline, compares them with the latest published forecast (a periodically refreshed side
 * input), writes actual, expected, band and deviation score as metrics, and turns sustained
 * deviations into incidents.
 *
 * <pre>{@code
 * bin/augur stream --source=KINESIS --kinesisStream=events --awsRegion=eu-west-1 \
 *     --forecasts=s3://bucket/augur --window=15m --metricSink=CLOUDWATCH --incidentSink=SNS \
 *     --snsTopicArn=arn:aws:sns:eu-west-1:123456789012:augur-incidents
 * }</pre>
 */
public final class StreamingDetectionPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingDetectionPipeline.class);

  private StreamingDetectionPipeline() {}

  /**
   * The entry point that launchers call with the pipeline's options (a Dataflow Flex Template,
   * {@code flink run}, Managed Flink through {@code ManagedFlinkMain}): waits for the job, except
   * on Dataflow, whose service runs it once submitted ({@link Launch#finish}).
   */
  public static void main(String[] args) {
    PipelineOptionsFactory.register(StreamOptions.class);
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(Launch.inStreamingMode(args)).withValidation().as(StreamOptions.class);
    Launch.finish(options, run(options, StreamConfig.from(options)));
  }

  /** Builds the pipeline for validated {@code config} and starts it without waiting for it. */
  public static PipelineResult run(StreamOptions options, StreamConfig config) {
    return run(checked(options, config), config);
  }

  /**
   * A pipeline for {@code options} once the forecasts are checked ({@link #checkForecasts}), and
   * the Kafka topics it reads or writes dead letters to ({@link KafkaStartCheck}), for {@link
   * #run(Pipeline, StreamConfig)}: a launcher may check more in between.
   */
  public static Pipeline checked(StreamOptions options, StreamConfig config) {
    // Creating the pipeline registers the file systems (S3 among them) that the check reads.
    Pipeline pipeline = Pipeline.create(options);
    checkForecasts(config, Instant.now()).forEach(LOG::warn);
    // Then the Kafka topics, which may wait on the brokers.
    KafkaStartCheck.checkSource(config.source(), options, LOG::warn);
    KafkaStartCheck.checkDeadLetterTopic(config, options, LOG::warn);
    return pipeline;
  }

  /** Builds the stream into a {@link #checked} pipeline and runs it. */
  public static PipelineResult run(Pipeline pipeline, StreamConfig config) {
    build(pipeline, config);
    return pipeline.run();
  }

  /**
   * Fails before anything runs when the forecasts cannot serve this stream, naming the option to
   * change: a version of another window length than {@code --window}, or trained on events read
   * with other fields ({@link VersionCheck}), or, for a stream that loads its forecasts once (a
   * file replay), no readable manifest at all. A live stream whose forecasts are not there yet, or
   * have all expired by {@code now}, is only warned about (the warnings are returned): it loads
   * them when the batch pipeline publishes them, and until then compares nothing.
   */
  public static List<String> checkForecasts(StreamConfig config, Instant now) {
    ForecastManifest manifest;
    try {
      manifest = ForecastManifest.read(config.forecasts());
    } catch (IOException | RuntimeException e) {
      if (config.forecastRefresh() == null) {
        throw new InvalidOptionException(
            "forecasts",
            "has no readable forecast manifest (" + e.getMessage() + "); this stream loads its"
                + " forecasts once, at start, so run bin/augur batch with --output=" + config.forecasts()
                + " first");
      }
      // Not there yet is worth waiting for; a location that cannot be listed at all (a bucket
      // that does not exist, no credentials for it) would never hold one.
      Locations.requireListable("forecasts", config.forecasts() + "/*",
          "so no forecast version published there could ever be loaded");
      return List.of(
          String.format(
              "No readable forecast manifest under %s yet (%s); every window stays uncompared until"
                  + " one is published, looked for every %s",
              config.forecasts(), e.getMessage(), DurationText.format(config.forecastRefresh())));
    }
    List<String> warnings = new ArrayList<>(versionMismatches(config, manifest));
    warnings.addAll(statisticsNotForecast(config, manifest));
    // A replay compares past events with past forecasts; a live stream needs forecasts of now.
    if (config.forecastRefresh() != null
        && manifest.validUntil() != null
        && !manifest.validUntil().isAfter(now)) {
      warnings.add(
          String.format(
              "Forecast version %s under %s ran out at %s, before now: windows of current events"
                  + " are not compared (they are written as NO_FORECAST) until bin/augur batch"
                  + " publishes a newer version there, looked for every %s (events older than that"
                  + " time, replayed through the source, are still compared)",
              manifest.modelVersion(), config.forecasts(), manifest.validUntil(),
              DurationText.format(config.forecastRefresh())));
    }
    return warnings;
  }

  /**
   * The statistics the stream compares that the forecasts lack: none of them forecast fails naming
   * {@code --statistics} (nothing would ever be compared); some is a warning, returned.
   */
  static List<String> statisticsNotForecast(StreamConfig config, ForecastManifest manifest) {
    List<String> forecast = manifest.statistics();
    List<String> asked = config.statistics().stream().map(Statistic::id).toList();
    List<String> missing = asked.stream().filter(s -> !forecast.contains(s)).toList();
    if (forecast.isEmpty() || missing.isEmpty()) {
      return List.of();
    }
    String what =
        String.format(
            "forecast version %s under %s forecasts %s, not %s",
            manifest.modelVersion(), config.forecasts(), String.join(",", forecast),
            String.join(",", missing));
    if (missing.size() == asked.size()) {
      throw new InvalidOptionException(
          "statistics",
          "is '" + String.join(",", asked) + "', but " + what + ", so nothing would be compared;"
              + " give --statistics=" + String.join(",", forecast) + ", or run bin/augur batch with"
              + " --targets=" + String.join(",", asked));
    }
    return List.of(
        "--statistics: " + what + ", so " + String.join(",", missing) + " is never compared; run"
            + " bin/augur batch with --targets that include it, or leave it out");
  }

  /**
   * Checks the stream's window length and the field names it reads its events with against the
   * forecast version ({@link VersionCheck}, the rule every later version is loaded by): a
   * mismatch that refuses the version fails naming the option to change; one given on purpose is
   * returned as a warning.
   */
  static List<String> versionMismatches(StreamConfig config, ForecastManifest manifest) {
    List<String> warnings = new ArrayList<>();
    for (VersionCheck.Mismatch m : VersionCheck.check(config.shape(), manifest)) {
      if (m.refused()) {
        throw new InvalidOptionException(m.option(), m.problem());
      }
      warnings.add(m.message());
    }
    return warnings;
  }

  /*
   * Steps:
   * 1) read raw lines from the source and parse them; bad lines become dead letters
   * 2) window statistics per series with the batch pipeline's Beam SQL transform: an on-time result
   *    per window, corrected ones for events up to --allowedLateness late, later events
   *    dead-lettered; empty windows for series that went quiet, or that the forecast expects and
   *    that have sent nothing since the stream started
   * 3) compare each window with the latest valid forecast (side input, refreshed periodically)
   * 4) write actual, expected, band and score as metrics
   * 5) run the alarm state machine per series and statistic, by default sharing one incident
   *    among the statistics of a series that deviate together; publish incident events
   * 6) write every dead letter (parse, too late, metrics, incidents) to one place, and say in the
   *    log why input lines were refused
   */
  public static void build(Pipeline pipeline, StreamConfig config) {
    PCollection<KV<String, String>> lines =
        pipeline.apply("ReadEvents", ReadEventStream.from(config.source()));
    detect(lines, config, config.source().eventTimeHorizon());
  }

  /**
   * Steps after the source, so tests can apply the very same graph to created lines, each keyed by
   * its origin as {@link ReadEventStream} reads them; {@code horizon} is the source's {@link
   * SourceConfig#eventTimeHorizon()}.
   */
  public static void detect(
      PCollection<KV<String, String>> lines, StreamConfig config, EventTimeHorizon horizon) {
    Pipeline pipeline = lines.getPipeline();
    PCollectionView<ForecastIndex> forecasts =
        pipeline.apply(
            "LoadForecasts",
            (config.forecastRefresh() == null
                    ? LoadForecasts.once(config.forecasts())
                    : LoadForecasts.every(config.forecasts(), config.forecastRefresh()))
                .checking(config.shape()));
    ParseEvents parse = ParseEvents.of(config.format());
    ParsedEvents parsed =
        lines.apply(
            "ParseEvents",
            (config.statistics().stream().anyMatch(s -> s != Statistic.COUNT)
                    ? parse.expectingValues()
                    : parse)
                .fromOrigins());
    WindowedStats windowed =
        parsed
            .events()
            .apply(
                "AggregateWindows",
                AggregateWindows.of(config.window())
                    .withEventFormat(config.format())
                    .withAllowedLateness(config.allowedLateness())
                    .withEventTimeHorizon(horizon)
                    // A series the forecast expects that sends nothing is compared as silent.
                    .withExpectedSeries(forecasts));
    PCollection<WindowStats> stats = windowed.stats();
    ComparedWindows compared =
        stats.apply(
            "CompareWithForecast", CompareWithForecast.against(forecasts, config.statistics()));
    // Metrics leave out the padded silence of series no forecast knows; the alarm state takes all.
    SinkResult metrics =
        compared.forMetrics().apply("WriteMetrics", config.metricsSink().write(config.metrics()));
    PCollection<IncidentEvent> incidents =
        compared
            .all()
            .apply("DetectIncidents", DetectIncidents.of(config.alarm()))
            .apply("IncidentScope", GroupIncidents.per(config.alarm().incidentScope()));
    SinkResult published =
        incidents.apply("PublishIncidents", config.incidentSink().publish(config.incidents()));
    // The sinks log the records they dead-letter; why input lines were refused is logged here.
    PCollection<DeadLetter> refusedInput =
        PCollectionList.of(global("ParseDeadLetters", parsed.deadLetters()))
            .and(global("TooLateDeadLetters", windowed.deadLetters()))
            .apply("InputDeadLetters", Flatten.pCollections())
            .apply("LogInputDeadLetters", LogDeadLetters.of());
    PCollectionList.of(refusedInput)
        .and(global("MetricsDeadLetters", metrics.deadLetters()))
        .and(global("IncidentDeadLetters", published.deadLetters()))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", config.writeDeadLetters());
  }

  /** Flatten needs one windowing; dead letters keep their own timestamps. */
  private static PCollection<DeadLetter> global(String name, PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(name, Window.into(new GlobalWindows()));
  }
}
