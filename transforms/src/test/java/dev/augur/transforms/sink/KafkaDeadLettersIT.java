package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.records.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * Dead letters written to a topic of the test broker ({@code AUGUR_TEST_KAFKA_BOOTSTRAP}, set by
 * {@code bin/augur test}) and read back with the Kafka client: one message per dead letter, keyed
 * by its step, its value the same JSON as the dead-letter files.
 */
public class KafkaDeadLettersIT {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static String env(String name) {
    String value = System.getenv(name);
    assumeTrue(
        name + " is not set; run bin/augur test to start a Kafka broker", value != null && !value.isBlank());
    return value;
  }

  @Test
  public void everyDeadLetterBecomesOneMessageKeyedByItsStep() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP");
    writesEveryDeadLetter(bootstrap, bootstrap, Map.of());
  }

  /** Through the broker's SASL listener, with the client settings a secured cluster needs. */
  @Test
  public void aSecuredClusterIsWrittenToWithTheClientProperties() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP");
    String sasl = env("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP");
    writesEveryDeadLetter(
        bootstrap,
        sasl,
        Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"augur\" password=\"augur-secret\";"));
  }

  /**
   * Writes three dead letters to a new topic through {@code writeTo} with {@code clientProperties},
   * and reads them back from {@code bootstrap}.
   */
  private void writesEveryDeadLetter(
      String bootstrap, String writeTo, Map<String, String> clientProperties) throws Exception {
    String topic = "augur-dead-letters-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (AdminClient client = AdminClient.create(admin)) {
      client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }

    List<DeadLetter> letters =
        List.of(
            DeadLetter.create("{\"ts\":\"yesterday\"}", "unparseable timestamp 'yesterday'", "parse", "kafka:events", Instant.parse("2024-05-01T10:00:00Z")),
            DeadLetter.create("{\"ts\":1}", "arrived 7 minutes after its window closed", "lateness", null, Instant.parse("2024-05-01T10:01:00Z")),
            DeadLetter.create("Actual=3", "PutMetricData failed after 5 attempts: throttled", "metrics", null, Instant.parse("2024-05-01T10:02:00Z")));
    WriteDeadLetters write = WriteDeadLetters.toKafka(writeTo, topic, clientProperties);
    p.apply(Create.of(letters)).apply(write);
    p.run().waitUntilFinish();

    Map<String, JsonNode> byKey = new TreeMap<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "augur-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ObjectMapper json = new ObjectMapper();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 60_000;
      while (byKey.size() < letters.size() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
          byKey.put(r.key(), json.readTree(r.value()));
        }
      }
    }
    assertEquals(List.of("lateness", "metrics", "parse"), new ArrayList<>(byKey.keySet()));
    for (DeadLetter d : letters) {
      assertEquals(json.readTree(WriteDeadLetters.toJson(d)), byKey.get(d.getStep()));
    }
    assertEquals("unparseable timestamp 'yesterday'", byKey.get("parse").get("error").asText());
    assertEquals("kafka:events", byKey.get("parse").get("source").asText());
  }
}
