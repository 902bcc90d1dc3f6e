package dev.augur.transforms.source;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads a live stream of JSON events as raw lines, each timestamped with the event time in its
 * payload and with an event-time watermark, from Kinesis, Kafka or a replay of files (see {@link
 * EventSource} and the {@link SourceConfig} of each). Each line is keyed by its origin, which a
 * dead letter of it names: the Kinesis record's shard and sequence number ({@code
 * kinesis:events shardId-000000000001 sequence 4959...}), the Kafka record's partition and offset
 * ({@code kafka:events partition 2 offset 1043}), or the replayed files ({@code
 * file:/data/events/*.jsonl.gz}). Parse them with {@link
 * dev.augur.transforms.parse.ParseEvents#fromOrigins}:
 *
 * <pre>{@code
 * SourceConfig source = ReplaySourceConfig.builder().filepattern("/data/events/*.jsonl.gz").build();
 * ParsedEvents parsed =
 *     pipeline
 *         .apply("ReadEvents", ReadEventStream.from(source))
 *         .apply("ParseEvents", ParseEvents.of(format).fromOrigins());
 * }</pre>
 *
 * <p>Unbounded by default; {@link #withLimits} bounds the read for tests and one-off runs. The
 * Kinesis source with an endpoint override talks to an emulator; see {@link
 * EmulatorClientBuilderFactory}.
 */
public final class ReadEventStream extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final SourceConfig config;
  private final ReadLimits limits;

  private ReadEventStream(SourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  /** Reads the source that {@code config} describes. */
  public static ReadEventStream from(SourceConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("event source configuration is missing");
    }
    return new ReadEventStream(config, ReadLimits.NONE);
  }

  /** Stops after the records or the read time of {@code limits}, whichever comes first. */
  public ReadEventStream withLimits(ReadLimits limits) {
    return new ReadEventStream(config, limits);
  }

  public SourceConfig config() {
    return config;
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    return input.apply(config.source().name(), config.source().reader(config, limits));
  }
}
