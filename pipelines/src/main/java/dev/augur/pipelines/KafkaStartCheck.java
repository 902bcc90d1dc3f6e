package dev.augur.pipelines;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.augur.transforms.source.KafkaSourceConfig;
import dev.augur.transforms.source.SourceConfig;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Before a stream or an archive starts: the Kafka topics it reads, or writes its dead letters to,
 * exist on brokers that answer ({@link KafkaTopics}).
 *
 * <p>On the DirectRunner and on Flink this process asks the brokers for the topics' partitions
 * anyway when the job starts (the reader splits there), so what it cannot find fails now, naming the
 * option, instead of after a minute of retries or with KafkaIO's "Could not find any partitions".
 * Elsewhere (Dataflow) the workers may reach brokers the launcher cannot, so it is only warned of.
 */
public final class KafkaStartCheck {
  private KafkaStartCheck() {}

  /** Checks the topics of a Kafka source; any other source passes. */
  public static void checkSource(SourceConfig source, PipelineOptions options, Consumer<String> warn) {
    if (source instanceof KafkaSourceConfig kafka) {
      check(kafka.bootstrapServers(), "kafkaBootstrapServers", kafka.clientProperties(), kafka.topics(),
          "kafkaTopics", options, KafkaTopics.TIMEOUT, warn);
    }
  }

  /** Checks the stream's dead-letter topic, if its dead letters go to Kafka. */
  static void checkDeadLetterTopic(StreamConfig config, StreamOptions options, Consumer<String> warn) {
    if (config.deadLetterTopic() == null) {
      return;
    }
    String servers = options.getDeadLetterBootstrapServers();
    check(
        config.deadLetterBootstrapServers(),
        servers == null || servers.isBlank() ? "kafkaBootstrapServers" : "deadLetterBootstrapServers",
        config.kafkaClientProperties(),
        List.of(config.deadLetterTopic().trim()),
        "deadLetterTopic",
        options,
        KafkaTopics.TIMEOUT,
        warn);
  }

  /**
   * Checks {@code topics} on {@code servers}.
   *
   * @param serversOption the option that named the servers
   * @param clientProperties further client settings (a secured cluster's)
   * @param topicsOption the option that named the topics
   * @param warn told of a problem where this process does not run the reader
   * @throws InvalidOptionException naming the option to fix, when this process runs the reader
   */
  public static void check(
      String servers,
      String serversOption,
      Map<String, String> clientProperties,
      List<String> topics,
      String topicsOption,
      PipelineOptions options,
      Duration timeout,
      Consumer<String> warn) {
    InvalidOptionException problem;
    try (KafkaTopics cluster = new KafkaTopics(servers, serversOption, timeout, clientProperties)) {
      Map<String, Integer> found = cluster.partitions(topics);
      List<String> missing = new ArrayList<>(topics);
      missing.removeAll(found.keySet());
      if (missing.isEmpty()) {
        return;
      }
      problem = new InvalidOptionException(topicsOption, cluster.missing(missing));
    } catch (InvalidOptionException e) {
      problem = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the Kafka brokers for the topics", e);
    }
    if (asksFromHere(options)) {
      throw problem;
    }
    warn.accept(
        problem.getMessage() + " (asked from here, the launcher; the workers must find them)");
  }

  /** Whether this process asks the brokers for the topics' partitions when the job starts. */
  static boolean asksFromHere(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    return runner.equals("DirectRunner") || runner.equals("FlinkRunner") || runner.equals("TestFlinkRunner");
  }
}
