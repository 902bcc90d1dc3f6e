package dev.augur.transforms.source;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Kafka topics with Beam's {@link KafkaIO} into their values as lines, each keyed by its
 * record's {@link #origin} and timestamped with the event time in the value under an event-time
 * watermark ({@link KafkaEventTimePolicy}). A record without a value (a tombstone) becomes an
 * empty line, which parsing dead-letters. With a
 * consumer group, offsets are committed when Beam finalizes a checkpoint, so a restarted pipeline
 * without Beam state resumes after what was processed.
 */
final class ReadKafkaLines extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final KafkaSourceConfig config;
  private final ReadLimits limits;

  ReadKafkaLines(KafkaSourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    Map<String, Object> consumer = new LinkedHashMap<>();
    consumer.putAll(config.clientProperties());
    consumer.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        config.startOffset().name().toLowerCase(Locale.ROOT));
    // A misspelt topic must not come into being by being read (where the brokers allow it).
    consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    if (config.consumerGroup() != null) {
      consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
    }
    KafkaIO.Read<String, String> read =
        KafkaIO.<String, String>read()
            .withBootstrapServers(config.bootstrapServers())
            .withTopics(config.topics())
            .withKeyDeserializer(StringDeserializer.class)
            .withValueDeserializer(StringDeserializer.class)
            .withConsumerConfigUpdates(consumer)
            .withTimestampPolicyFactory(
                KafkaEventTimePolicy.factory(
                    PayloadEventTime.of(config.timestampField()),
                    config.maxDelay(),
                    config.idleThreshold()));
    if (config.consumerGroup() != null) {
      read = read.commitOffsetsInFinalize();
    }
    if (limits.bounded()) {
      // KafkaIO shares maxNumRecords evenly among the partitions it reads.
      read = read.withMaxNumRecords(limits.maxNumRecords()).withMaxReadTime(limits.maxReadTime());
    }
    // The source stamped each record with its event time; the line keeps it.
    return input
        .apply("ReadKafka", read)
        .apply(
            "ToLines",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via(
                    (KafkaRecord<String, String> r) ->
                        KV.of(origin(r), r.getKV().getValue() == null ? "" : r.getKV().getValue())));
  }

  /** Where a record came from, for its dead letter: {@code kafka:<topic> partition <p> offset <o>}. */
  static String origin(KafkaRecord<?, ?> r) {
    return "kafka:" + r.getTopic() + " partition " + r.getPartition() + " offset " + r.getOffset();
  }
}
