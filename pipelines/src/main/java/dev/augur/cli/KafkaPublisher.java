package dev.augur.cli;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to a Kafka topic with the Kafka producer (all in-sync replicas acknowledge; the
 * producer retries and keeps order per key). A record that still fails fails the next send or
 * flush, saying how many failed and why.
 */
final class KafkaPublisher implements EventPublisher {
  private final String bootstrapServers;
  private final String topic;
  private final KafkaProducer<String, String> producer;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  KafkaPublisher(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "augur-produce");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  @Override
  public String describe() {
    return "kafka:" + topic;
  }

  @Override
  public void createIfMissing(int partitions) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (AdminClient admin = AdminClient.create(props)) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
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
    producer.close();
  }
}
