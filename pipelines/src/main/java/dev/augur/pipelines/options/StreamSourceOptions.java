package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where live events come from: Kinesis, Kafka, or a replay of JSON-lines files. */
public interface StreamSourceOptions extends PipelineOptions {
  @Description("Event source: KINESIS, KAFKA or FILE (replays --replayInput in event-time order).")
  @Default.String("FILE")
  String getSource();

  void setSource(String value);

  @Description("FILE source: JSON-lines files to replay (local or s3:// pattern), merged by event time; each file is read in its own order, so its lines should be sorted by time.")
  @Default.String("")
  String getReplayInput();

  void setReplayInput(String value);

  @Description("FILE source: replay speed-up over event time (3600 = an hour per second; 0 = as fast as possible).")
  @Default.Double(3600)
  Double getReplaySpeedup();

  void setReplaySpeedup(Double value);

  @Description("KINESIS source: stream name.")
  @Default.String("")
  String getKinesisStream();

  void setKinesisStream(String value);

  @Description("KINESIS source: where a new reader starts: LATEST, TRIM_HORIZON or AT_TIMESTAMP.")
  @Default.String("LATEST")
  String getKinesisStartPosition();

  void setKinesisStartPosition(String value);

  @Description("KINESIS source with AT_TIMESTAMP: the ISO-8601 instant to start at.")
  @Default.String("")
  String getKinesisStartTimestamp();

  void setKinesisStartTimestamp(String value);

  @Description("KINESIS source: enhanced fan-out consumer ARN; empty for shared throughput.")
  @Default.String("")
  String getKinesisConsumerArn();

  void setKinesisConsumerArn(String value);

  @Description("KAFKA source: bootstrap servers, host:port[,host:port].")
  @Default.String("")
  String getKafkaBootstrapServers();

  void setKafkaBootstrapServers(String value);

  @Description("KAFKA source: a Kafka client properties file (local or s3://, read at launch) with the settings a secured cluster needs, such as security.protocol=SSL or SASL settings (Amazon MSK with IAM: see README). Every Kafka client of the job uses them, --deadLetterTopic's too. Empty for none.")
  @Default.String("")
  String getKafkaClientConfig();

  void setKafkaClientConfig(String value);

  @Description("KAFKA source: comma-separated topics.")
  @Default.String("")
  String getKafkaTopics();

  void setKafkaTopics(String value);

  @Description("KAFKA source: consumer group, whose offsets are committed as the runner finalizes its checkpoints (on Flink, once a checkpoint is complete; the DirectRunner keeps none, so a restart there skips the events of the windows open at the stop).")
  @Default.String("augur")
  String getKafkaConsumerGroup();

  void setKafkaConsumerGroup(String value);

  @Description("KAFKA source: where a consumer group without committed offsets starts: EARLIEST or LATEST.")
  @Default.String("LATEST")
  String getKafkaStartOffset();

  void setKafkaStartOffset(String value);

  @Description("KINESIS and KAFKA: how far event times may lag the newest seen before the watermark moves on, such as 30s.")
  @Default.String("30s")
  String getMaxEventDelay();

  void setMaxEventDelay(String value);

  @Description("KINESIS and KAFKA: after this long without records a shard or partition no longer holds the watermark back, such as 1m.")
  @Default.String("1m")
  String getIdleThreshold();

  void setIdleThreshold(String value);
}
