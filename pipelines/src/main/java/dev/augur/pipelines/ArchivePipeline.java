package dev.augur.pipelines;

import dev.augur.pipelines.config.ArchiveConfig;
import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.transforms.archive.ArchiveEvents;
import dev.augur.transforms.sink.LogDeadLetters;
import dev.augur.transforms.sink.WriteDeadLetters;
import dev.augur.transforms.source.ReadEventStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive pipeline (the Firehose step): reads live events from Kinesis, Kafka or a file
 * replay, the streaming pipeline's sources, and writes them to files partitioned by event time,
 * which the batch pipeline trains on and the backtest replays. Events are checked as the batch
 * pipeline will read them, optionally after fields are added; refused lines are dead-lettered.
 *
 * <pre>{@code
 * bin/augur archive --source=KINESIS --kinesisStream=events --awsRegion=eu-west-1 \
 *     --archive=s3://bucket/augur-archive --addFields=region=eu-west-1
 * bin/augur batch --input='s3://bucket/augur-archive/events/*}{@code /*}{@code /*.jsonl.gz' ...
 * }</pre>
 */
public final class ArchivePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ArchivePipeline.class);

  private ArchivePipeline() {}

  /**
   * The entry point that launchers call with the pipeline's options (a Dataflow Flex Template,
   * {@code flink run}, Managed Flink through {@code ManagedFlinkMain}).
   */
  public static void main(String[] args) {
    PipelineOptionsFactory.register(ArchiveOptions.class);
    ArchiveOptions options =
        PipelineOptionsFactory.fromArgs(Launch.inStreamingMode(args))
            .withValidation()
            .as(ArchiveOptions.class);
    Launch.finish(options, run(options, ArchiveConfig.from(options)));
  }

  /** Builds the pipeline for validated {@code config} and starts it without waiting for it. */
  public static PipelineResult run(ArchiveOptions options, ArchiveConfig config) {
    return run(checked(options, config), config);
  }

  /**
   * A pipeline for {@code options} once the archive location is checked, for {@link
   * #run(Pipeline, ArchiveConfig)}: a launcher may check more in between.
   */
  public static Pipeline checked(ArchiveOptions options, ArchiveConfig config) {
    // Creating the pipeline registers the file systems (S3 among them) that the check lists.
    Pipeline pipeline = Pipeline.create(options);
    // A location that cannot be listed fails now, not at the first flush, which drops what was read.
    Locations.holdsFiles("archive", config.archive() + "/*");
    // Then the Kafka topics, which may wait on the brokers.
    KafkaStartCheck.checkSource(config.source(), options, LOG::warn);
    return pipeline;
  }

  /** Builds the archive into a {@link #checked} pipeline and starts it without waiting for it. */
  public static PipelineResult run(Pipeline pipeline, ArchiveConfig config) {
    build(pipeline, config);
    return pipeline.run();
  }

  public static void build(Pipeline pipeline, ArchiveConfig config) {
    archive(pipeline.apply("ReadEvents", ReadEventStream.from(config.source())), config);
  }

  /**
   * Steps after the source, so tests can apply the very same graph to created lines; each line is
   * keyed by its origin, as {@link ReadEventStream} reads them.
   */
  public static void archive(PCollection<KV<String, String>> lines, ArchiveConfig config) {
    lines
        .apply(
            "ArchiveEvents",
            ArchiveEvents.to(config.events(), config.format(), config.flushInterval(), config.shards())
                .withFields(config.fields())
                .inFormat(config.fileFormat())
                .withParquetCompression(config.parquetCompression()))
        .apply("LogDeadLetters", LogDeadLetters.of())
        .apply("WriteDeadLetters", new WriteDeadLetters(config.deadLetters()));
  }
}
