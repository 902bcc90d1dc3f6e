package dev.augur.transforms.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assume.assumeTrue;

import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.records.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Produces events into a topic of the test broker with the Kafka client, then reads them with
 * {@link ReadEventStream} and checks the exact events and their event-time timestamps. Needs
 * {@code AUGUR_TEST_KAFKA_BOOTSTRAP} (set by {@code bin/augur test}); skipped without it.
 */
public class KafkaSourceIT {
  private static final String BOOTSTRAP_ENV = "AUGUR_TEST_KAFKA_BOOTSTRAP";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private String bootstrap;

  @Before
  public void needsBroker() {
    bootstrap = System.getenv(BOOTSTRAP_ENV);
    assumeTrue(
        BOOTSTRAP_ENV + " is not set; run bin/augur test to start a Kafka broker",
        bootstrap != null && !bootstrap.isBlank());
  }

  private static String event(String ts, String region, Double value) {
    return "{\"ts\":\"" + ts + "\"," + (value == null ? "" : "\"value\":" + value + ",")
        + "\"region\":\"" + region + "\",\"service\":\"api\"}";
  }

  /** Creates {@code topic} with one partition and sends {@code values}; returns their origins. */
  private List<String> produce(String topic, List<String> values) throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (AdminClient client = AdminClient.create(admin)) {
      // One partition: KafkaIO shares maxNumRecords evenly among partitions.
      client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<String> origins = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        RecordMetadata sent =
            producer.send(new ProducerRecord<>(topic, "key", value)).get(60, TimeUnit.SECONDS);
        origins.add("kafka:" + topic + " partition " + sent.partition() + " offset " + sent.offset());
      }
    }
    return origins;
  }

  @Test
  public void readsEveryEventWithItsEventTime() throws Exception {
    String topic = "augur-it-" + UUID.randomUUID();
    List<String> values =
        Arrays.asList(
            event("2024-05-01T10:00:05Z", "eu", 1.5),
            event("2024-05-01T10:02:00Z", "us", null),
            "not json",
            event("2024-05-01T10:01:00Z", "eu", 3.0),
            // A tombstone: a record without a value.
            null);
    List<String> origins = produce(topic, values);

    KafkaSourceConfig config =
        KafkaSourceConfig.builder()
            .bootstrapServers(bootstrap)
            .topics(List.of(topic))
            .consumerGroup("augur-it-" + UUID.randomUUID())
            .startOffset(KafkaSourceConfig.StartOffset.EARLIEST)
            .build();
    PCollection<KV<String, String>> read =
        p.apply(
            ReadEventStream.from(config)
                .withLimits(ReadLimits.of(values.size(), Duration.standardMinutes(2))));
    PCollection<String> lines = read.apply("Lines", Values.create());

    PAssert.that(TimestampedLines.of(lines))
        .containsInAnyOrder(
            values.get(0) + "@2024-05-01T10:00:05.000Z",
            values.get(1) + "@2024-05-01T10:02:00.000Z",
            // No event time: the newest one of its partition so far.
            "not json@2024-05-01T10:02:00.000Z",
            values.get(3) + "@2024-05-01T10:01:00.000Z",
            // Read as an empty line, with the newest event time of its partition so far.
            "@2024-05-01T10:02:00.000Z");

    ParsedEvents parsed = read.apply(ParseEvents.of(EventFormat.defaults()).fromOrigins());
    PAssert.that(parsed.events())
        .containsInAnyOrder(
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:00:05Z"), 1.5),
            Event.count("region=us,service=api", Instant.parse("2024-05-01T10:02:00Z")),
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:01:00Z"), 3.0));
    PAssert.that(
            parsed
                .deadLetters()
                .apply(
                    "Sources",
                    MapElements.into(TypeDescriptors.strings())
                        .via(d -> d.getSource() + " " + d.getPayload())))
        // The record's partition and offset, as producing it returned them.
        .containsInAnyOrder(origins.get(2) + " not json", origins.get(4) + " ");
    p.run().waitUntilFinish();
  }

  /** Through the broker's SASL listener, with the client settings a secured cluster needs. */
  @Test
  public void readsASecuredClusterWithTheClientProperties() throws Exception {
    String sasl = System.getenv("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP");
    assumeTrue("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP is not set; run bin/augur test", sasl != null && !sasl.isBlank());
    String topic = "augur-it-" + UUID.randomUUID();
    List<String> values = List.of(event("2024-05-01T10:00:05Z", "eu", 1.5), event("2024-05-01T10:01:00Z", "us", 2.0));
    produce(topic, values);
    KafkaSourceConfig config =
        KafkaSourceConfig.builder()
            .bootstrapServers(sasl)
            .topics(List.of(topic))
            .startOffset(KafkaSourceConfig.StartOffset.EARLIEST)
            .clientProperties(
                Map.of(
                    "security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"augur\" password=\"augur-secret\";"))
            .build();
    PCollection<String> lines =
        p.apply(ReadEventStream.from(config).withLimits(ReadLimits.of(values.size(), Duration.standardMinutes(2))))
            .apply(Values.create());
    PAssert.that(lines).containsInAnyOrder(values);
    p.run().waitUntilFinish();
  }

  /**
   * Reading a topic that is not there fails, and does not create it, though the test broker creates
   * topics a client asks for (as brokers do by default): a misspelt topic must not become a topic
   * that a restarted stream then waits on without a word.
   */
  @Test
  public void readingATopicThatIsNotThereDoesNotCreateIt() throws Exception {
    String topic = "augur-it-missing-" + UUID.randomUUID();
    KafkaSourceConfig config =
        KafkaSourceConfig.builder().bootstrapServers(bootstrap).topics(List.of(topic)).build();
    p.apply(ReadEventStream.from(config).withLimits(ReadLimits.of(1, Duration.standardSeconds(30))));
    Exception failed = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    assertThat(failed.toString(), containsString("partitions"));

    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (AdminClient client = AdminClient.create(admin)) {
      assertFalse(client.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic));
    }
  }
}
