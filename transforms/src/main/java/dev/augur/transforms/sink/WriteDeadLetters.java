package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.records.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Writes dead letters as JSON lines ({@code payload}, {@code error}, {@code step}, {@code source},
 * {@code time}) under a directory or {@code s3://} prefix, or as messages of a Kafka topic.
 *
 * <p>Files: a bounded input becomes one set of files; an unbounded one is flushed to new files
 * every {@code flushEvery} of processing time ({@link FlushedFiles}), so a dead letter is written
 * however late the record it stands for. Kafka ({@link #toKafka}): one message per dead letter, keyed by the step that refused
 * it, its value the same JSON line, so a consumer can route by step and replay the payload.
 */
public class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final @Nullable String directory;
  private final Duration flushEvery;
  private final @Nullable String bootstrapServers;
  private final @Nullable String topic;
  private final Map<String, String> clientProperties;

  public WriteDeadLetters(String directory) {
    this(directory, Duration.standardMinutes(1));
  }

  public WriteDeadLetters(String directory, Duration flushEvery) {
    this(directory.endsWith("/") ? directory : directory + "/", flushEvery, null, null, Map.of());
  }

  private WriteDeadLetters(
      @Nullable String directory,
      Duration flushEvery,
      @Nullable String bootstrapServers,
      @Nullable String topic,
      Map<String, String> clientProperties) {
    this.directory = directory;
    this.flushEvery = flushEvery;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientProperties = Map.copyOf(clientProperties);
  }

  /** Dead letters as messages of {@code topic} on the Kafka cluster at {@code bootstrapServers}. */
  public static WriteDeadLetters toKafka(String bootstrapServers, String topic) {
    return toKafka(bootstrapServers, topic, Map.of());
  }

  /**
   * As {@link #toKafka(String, String)}, the producer also given {@code clientProperties} (such as
   * a secured cluster's {@code security.protocol}, {@code ssl.*}, {@code sasl.*}).
   */
  public static WriteDeadLetters toKafka(
      String bootstrapServers, String topic, Map<String, String> clientProperties) {
    if (bootstrapServers.isBlank() || topic.isBlank()) {
      throw new IllegalArgumentException("a Kafka dead-letter destination needs servers and a topic");
    }
    return new WriteDeadLetters(null, Duration.ZERO, bootstrapServers, topic, clientProperties);
  }

  /** The field of a dead letter's JSON line that says why it was refused. */
  public static final String ERROR_FIELD = "error";

  /** The directory the dead letters are written under; null when they go to Kafka. */
  public @Nullable String directory() {
    return directory;
  }

  /** Where the dead letters go, for people: a directory or {@code kafka:topic@servers}. */
  public String describe() {
    return topic != null ? "kafka:" + topic + "@" + bootstrapServers : directory;
  }

  /** The JSON line of one dead letter. */
  public static String toJson(DeadLetter d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("payload", d.getPayload());
    n.put(ERROR_FIELD, d.getError());
    n.put("step", d.getStep());
    if (d.getSource() != null) {
      n.put("source", d.getSource());
    }
    n.put("time", d.getTime().toString());
    return n.toString();
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    if (topic != null) {
      return deadLetters
          .apply(
              "ToKeyedJson",
              MapElements.into(
                      TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                  .via(d -> KV.of(d.getStep(), toJson(d))))
          .apply(
              "WriteKafka",
              KafkaIO.<String, String>write()
                  .withBootstrapServers(bootstrapServers)
                  .withTopic(topic)
                  .withProducerConfigUpdates(new HashMap<String, Object>(clientProperties))
                  .withKeySerializer(StringSerializer.class)
                  .withValueSerializer(StringSerializer.class));
    }
    PCollection<String> lines =
        deadLetters.apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(WriteDeadLetters::toJson));
    SinkFiles.writeLines(lines, directory, "dead-letters", flushEvery);
    return PDone.in(deadLetters.getPipeline());
  }
}
