package dev.augur.transforms.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * Reads a Kinesis stream with Beam's {@link KinesisIO} into UTF-8 lines timestamped with their
 * payload's event time, under an event-time watermark ({@link KinesisEventTimePolicy}).
 */
final class ReadKinesisLines extends PTransform<PBegin, PCollection<String>> {
  private final KinesisSourceConfig config;
  private final ReadLimits limits;

  ReadKinesisLines(KinesisSourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    PayloadEventTime eventTime = PayloadEventTime.of(config.timestampField());
    ClientConfiguration.Builder client = ClientConfiguration.builder();
    if (config.region() != null) {
      client.region(Region.of(config.region()));
    }
    if (config.endpoint() != null) {
      client.endpoint(URI.create(config.endpoint()));
      useEmulatorClients(input.getPipeline().getOptions().as(AwsOptions.class));
    }
    KinesisIO.Read read =
        KinesisIO.read()
            .withStreamName(config.streamName())
            .withClientConfiguration(client.build())
            .withCustomWatermarkPolicy(
                KinesisEventTimePolicy.factory(
                    config.streamName(), eventTime, config.maxDelay(), config.idleThreshold()));
    switch (config.startPosition()) {
      case AT_TIMESTAMP:
        read = read.withInitialTimestampInStream(config.startTimestamp());
        break;
      case TRIM_HORIZON:
        read = read.withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON);
        break;
      default:
        read = read.withInitialPositionInStream(InitialPositionInStream.LATEST);
    }
    if (config.consumerArn() != null) {
      read = read.withConsumerArn(config.consumerArn());
    }
    if (limits.bounded()) {
      read = read.withMaxNumRecords(limits.maxNumRecords()).withMaxReadTime(limits.maxReadTime());
    }
    return input
        .apply("ReadKinesis", read)
        .apply("ToEventTimedLines", ParDo.of(new ToLinesFn(eventTime)));
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

  /** Decodes a record and timestamps it with its event time (its arrival time if it has none). */
  static final class ToLinesFn extends DoFn<KinesisRecord, String> {
    private final PayloadEventTime eventTime;

    ToLinesFn(PayloadEventTime eventTime) {
      this.eventTime = eventTime;
    }

    @ProcessElement
    public void process(@Element KinesisRecord record, OutputReceiver<String> out) {
      byte[] data = record.getDataAsBytes();
      Instant t = eventTime.read(data);
      String line = new String(data, StandardCharsets.UTF_8);
      if (t == null) {
        out.output(line);
      } else {
        out.outputWithTimestamp(line, t);
      }
    }

    /** Records carry their arrival time, later than their event time by any amount. */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
