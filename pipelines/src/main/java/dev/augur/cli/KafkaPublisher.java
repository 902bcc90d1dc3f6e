package dev.augur.cli;

import dev.augur.pipelines.KafkaTopics;
import dev.augur.pipelines.config.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to a Kafka topic with the Kafka producer (all in-sync replicas acknowledge; the
 * producer retries and keeps order per key). A record that still fails fails the next send or
 * flush, saying how many failed and why.
 */
final class KafkaPublisher implements EventPublisher {
  private final String bootstrapServers;
  private final String topic;
  private KafkaProducer<String, String> producer;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  private final Map<String, String> clientProperties;

  /** @param clientProperties further client settings, such as a secured cluster's */
  KafkaPublisher(String bootstrapServers, String topic, Map<String, String> clientProperties) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientProperties = clientProperties;
  }

  @Override
  public String describe() {
    return "kafka:" + topic;
  }

  /**
   * Asks the brokers for the topic first ({@link KafkaTopics}), so that an address that does not
   * answer or a topic that is not there is told naming the option, and a misspelt topic is not
   * created by the broker's automatic creation on the first record.
   */
  @Override
  public void prepare(boolean create, int partitions, PrintWriter err) throws Exception {
    try (KafkaTopics cluster = new KafkaTopics(bootstrapServers, "bootstrap", KafkaTopics.TIMEOUT, clientProperties)) {
      Integer existing = cluster.partitions(List.of(topic)).get(topic);
      if (existing == null && !create) {
        throw new InvalidOptionException(
            "topic", cluster.missing(List.of(topic)) + "; give --create to create it");
      }
      if (existing == null) {
        if (cluster.create(topic, partitions)) {
          err.printf("augur produce: created topic %s with %d partition%s%n",
              topic, partitions, partitions == 1 ? "" : "s");
        }
      } else if (create && existing != partitions) {
        err.printf(
            "augur produce: topic %s exists already, with %d partition%s; --partitions=%d was not"
                + " applied%n",
            topic, existing, existing == 1 ? "" : "s", partitions);
      }
    }
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "augur-produce");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  @Override
  public void send(String key, String json) throws IOException {
    check();
    producer.send(
        new ProducerRecord<>(topic, key, json),
        (metadata, e) -> {
          if (e != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void flush() throws IOException {
    producer.flush();
    check();
  }

  private void check() throws IOException {
    Exception e = firstFailure.get();
    if (e != null) {
      throw new IOException(failed.get() + " record(s) not delivered to " + describe() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
