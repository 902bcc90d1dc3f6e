package dev.augur.cli;

import dev.augur.pipelines.config.InvalidOptionException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
final class KafkaStartCheck {
  private KafkaStartCheck() {}

  /** Checks the topics of a Kafka source; any other source passes. */
  static void checkSource(SourceConfig source, PipelineOptions options, PrintStream err, String command)
      throws InterruptedException {
    if (source instanceof KafkaSourceConfig kafka) {
      check(kafka.bootstrapServers(), "kafkaBootstrapServers", kafka.clientProperties(), kafka.topics(),
          "kafkaTopics", options, KafkaTopics.TIMEOUT, err, command);
    }
  }

  /**
   * Checks {@code topics} on {@code servers}.
   *
   * @param topicsOption the option that named the topics
   * @param serversOption the option that named the servers
   * @param clientProperties further client settings (a secured cluster's)
   * @throws InvalidOptionException naming the option to fix, when this process runs the reader
   */
  static void check(
      String servers,
      String serversOption,
      Map<String, String> clientProperties,
      List<String> topics,
      String topicsOption,
      PipelineOptions options,
      Duration timeout,
      PrintStream err,
      String command)
      throws InterruptedException {
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
    }
    if (asksFromHere(options)) {
      throw problem;
    }
    err.println(
        command + ": warning: " + problem.getMessage() + " (asked from here, the launcher; the"
            + " workers must find them)");
  }

  /** Whether this process asks the brokers for the topics' partitions when the job starts. */
  static boolean asksFromHere(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    return runner.equals("DirectRunner") || runner.equals("FlinkRunner") || runner.equals("TestFlinkRunner");
  }
}
