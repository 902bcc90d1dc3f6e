package dev.augur.pipelines.options;

import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of the archive pipeline: the live source of the streaming pipeline, the event fields
 * (events are checked as the batch pipeline will read them), and where and how often to write.
 */
public interface ArchiveOptions
    extends EventFieldsOptions, StreamSourceOptions, StreamingOptions, AwsOptions {
  @Description("Where to archive (local directory or s3://bucket/prefix): events under <archive>/events/dt=YYYY-MM-DD/hour=HH/ by their event time, refused lines under <archive>/dead-letters/.")
  @Validation.Required
  String getArchive();

  void setArchive(String value);

  /**
   * Five minutes by default, Firehose's default buffer interval: fewer, larger files than a
   * minute, at the cost of events reaching the archive later.
   */
  @Description("How often the events received since the last flush are written, into the partitions of their event times, such as 1m or 5m.")
  @Default.String("5m")
  String getFlushInterval();

  void setFlushInterval(String value);

  @Description("File format: JSON_LINES (gzip JSON lines, events-*.jsonl.gz, each event as it came) or PARQUET (events-*.parquet: each event's line beside event_time, series, dimensions and value columns that Athena or Spark query in place). The batch pipeline reads either.")
  @Default.String("JSON_LINES")
  String getArchiveFormat();

  void setArchiveFormat(String value);

  @Description("Codec of the Parquet pages with --archiveFormat=PARQUET: SNAPPY (Firehose's default, the fastest to read), GZIP or ZSTD (about a third fewer bytes on generated events) or UNCOMPRESSED.")
  @Default.String("SNAPPY")
  String getArchiveParquetCompression();

  void setArchiveParquetCompression(String value);

  @Description("Files per partition and flush (more for more events per second than one writer keeps up with).")
  @Default.Integer(1)
  Integer getArchiveShards();

  void setArchiveShards(Integer value);

  @Description("Fields added to every event that lacks them (absent, null or empty), as name=value pairs separated by commas, such as region=eu-west-1,env=prod: a series field the producers leave out can be filled in here.")
  @Default.String("")
  String getAddFields();

  void setAddFields(String value);
}
