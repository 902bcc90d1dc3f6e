package dev.augur.pipelines.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The Kafka client settings of a secured cluster, from a properties file as Kafka's own tools take
 * it ({@code --consumer.config}): {@code security.protocol}, {@code ssl.*}, {@code sasl.*}. Settings
 * Augur makes from its own options are refused, naming the option to use instead, so a file cannot
 * quietly disagree with the command line.
 */
public final class KafkaClientConfig {
  /** Settings that options of Augur make, with the option (or the reason) for each. */
  static final Map<String, String> OWN =
      Map.of(
          "bootstrap.servers", "--kafkaBootstrapServers gives the servers",
          "group.id", "--kafkaConsumerGroup gives the consumer group",
          "auto.offset.reset", "--kafkaStartOffset gives where a new consumer group starts",
          "allow.auto.create.topics", "Augur never creates a topic by reading it",
          "key.deserializer", "Augur reads keys and values as UTF-8 strings",
          "value.deserializer", "Augur reads keys and values as UTF-8 strings",
          "key.serializer", "Augur writes keys and values as UTF-8 strings",
          "value.serializer", "Augur writes keys and values as UTF-8 strings");

  private KafkaClientConfig() {}

  /**
   * The settings in the properties file at {@code location} (a local path or any location Beam's
   * file systems read, such as {@code s3://}); none for an empty location.
   *
   * @throws InvalidOptionException naming {@code option} when the file cannot be read or sets
   *     what an option of Augur sets
   */
  public static Map<String, String> read(String option, String location, PipelineOptions options) {
    if (location == null || location.isBlank()) {
      return Map.of();
    }
    // As the pipeline will, so that s3:// is read with its settings.
    FileSystems.setDefaultPipelineOptions(options);
    Properties props = new Properties();
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchSingleFileSpec(location.trim()).resourceId()))) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidOptionException(
          option, "(" + location + ") cannot be read as a Kafka client properties file: " + e.getMessage());
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      String why = OWN.get(key);
      if (why != null) {
        throw new InvalidOptionException(
            option, "(" + location + ") sets " + key + ", which it may not: " + why);
      }
      settings.put(key, props.getProperty(key));
    }
    return Map.copyOf(settings);
  }
}
