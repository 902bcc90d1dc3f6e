package dev.augur.transforms.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * Reads a Kinesis stream with Beam's {@link KinesisIO} into UTF-8 lines, each keyed by its
 * record's {@link #origin} and timestamped with its payload's event time ({@link
 * EventTimeStampedSource}), under an event-time watermark ({@link KinesisEventTimePolicy}).
 */
final class ReadKinesisLines extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final KinesisSourceConfig config;
  private final ReadLimits limits;

  ReadKinesisLines(KinesisSourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    PayloadEventTime eventTime = PayloadEventTime.of(config.timestampField());
    ClientConfiguration.Builder client = ClientConfiguration.builder();
    if (config.region() != null) {
      client.region(Region.of(config.region()));
    }
    if (config.endpoint() != null) {
      client.endpoint(URI.create(config.endpoint()));
      useEmulatorClients(input.getPipeline().getOptions().as(AwsOptions.class));
    }
    KinesisIO.Read kinesis =
        KinesisIO.read()
            .withStreamName(config.streamName())
            .withClientConfiguration(client.build())
            .withCustomWatermarkPolicy(
                KinesisEventTimePolicy.factory(
                    config.streamName(), eventTime, config.maxDelay(), config.idleThreshold()));
    switch (config.startPosition()) {
      case AT_TIMESTAMP:
        kinesis = kinesis.withInitialTimestampInStream(config.startTimestamp());
        break;
      case TRIM_HORIZON:
        kinesis = kinesis.withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON);
        break;
      default:
        kinesis = kinesis.withInitialPositionInStream(InitialPositionInStream.LATEST);
    }
    if (config.consumerArn() != null) {
      kinesis = kinesis.withConsumerArn(config.consumerArn());
    }
    Read.Unbounded<KinesisRecord> records =
        Read.from(EventTimeStampedSource.of(kinesis, eventTime, input.getPipeline().getOptions()));
    PCollection<KinesisRecord> read =
        limits.bounded()
            ? input.apply(
                "ReadKinesis",
                records.withMaxNumRecords(limits.maxNumRecords()).withMaxReadTime(limits.maxReadTime()))
            : input.apply("ReadKinesis", records);
    // The source stamped each record with its event time; the line keeps it.
    return read.apply(
        "ToLines",
        MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(
                (KinesisRecord r) ->
                    KV.of(origin(r), new String(r.getDataAsBytes(), StandardCharsets.UTF_8))));
  }

  /**
   * Where a record came from, for its dead letter: {@code kinesis:<stream> <shard> sequence <n>},
   * what {@code GetShardIterator} with {@code AT_SEQUENCE_NUMBER} needs to read it again.
   */
  static String origin(KinesisRecord r) {
    return "kinesis:" + r.getStreamName() + " " + r.getShardId() + " sequence " + r.getSequenceNumber();
  }

  /**
   * Emulators such as moto speak neither CBOR nor (for the async client) HTTP/2; unless the
   * pipeline chose its own client factory, use one that speaks what they do. Enhanced fan-out
   * needs HTTP/2, so a configured consumer is left to the default clients (kinesis-mock serves
   * HTTP/2 in cleartext on an {@code http://} endpoint, as {@code KinesisEnhancedFanOutIT} uses).
   */
  private void useEmulatorClients(AwsOptions options) {
    if (config.consumerArn() == null
        && options.getClientBuilderFactory() == ClientBuilderFactory.defaultFactory().getClass()) {
      options.setClientBuilderFactory(EmulatorClientBuilderFactory.class);
    }
  }
}
