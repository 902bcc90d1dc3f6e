package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Runs {@code augur produce} against the test Kafka broker and the Kinesis emulator and reads the
 * records back with the plain clients: exactly the generated (or file) events, keyed by series.
 * Needs {@code AUGUR_TEST_KAFKA_BOOTSTRAP} / {@code AUGUR_TEST_MOTO_ENDPOINT} (set by {@code bin/augur
 * test}); each test is skipped without its variable.
 */
public class ProduceCommandIT {
  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String env(String name, String service) {
    String value = System.getenv(name);
    assumeTrue(name + " is not set; run bin/augur test to start " + service, value != null && !value.isBlank());
    return value;
  }

  private static String run(String... args) {
    String[] outErr = runWithStatus(0, args);
    return outErr[0];
  }

  /** Runs the command expecting {@code status}; its stdout and stderr. */
  private static String[] runWithStatus(int status, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new ProduceCommand()).setExecutionExceptionHandler(new Augur.Errors());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals("exit status; stderr: " + err, status, cli.execute(args));
    return new String[] {out.toString(), err.toString()};
  }

  private static Set<String> topics(String bootstrap) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (AdminClient admin = AdminClient.create(props)) {
      return admin.listTopics().names().get(60, TimeUnit.SECONDS);
    }
  }

  /** The first {@code n} events of the generator the command runs, as {@code key json}. */
  private static List<String> generated(int n) {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seed(7)
            .seriesCount(3)
            .start(START)
            .duration(Duration.ofDays(1))
            .eventsPerMinute(10)
            .cleanPeriod(Duration.ZERO)
            .noAnomalies()
            .build();
    List<String> out = new ArrayList<>();
    Iterator<SyntheticEvent> it = new SyntheticGenerator(config).events();
    while (out.size() < n) {
      SyntheticEvent e = it.next();
      out.add(e.seriesKey() + " " + e.toJson());
    }
    return out;
  }

  private static final String[] GENERATOR_ARGS = {
    "--seed=7", "--series=3", "--start=" + START, "--duration=1d", "--eventsPerMinute=10",
    "--anomaliesPerDay=0"
  };

  private static List<String> consume(String bootstrap, String topic, int n) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "produce-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (records.size() < n && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(java.time.Duration.ofMillis(500))) {
          records.add(r.key() + " " + r.value());
        }
      }
    }
    return records;
  }

  private static List<String> concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all;
  }

  @Test
  public void sendsGeneratedEventsToKafkaKeyedBySeries() {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP", "a Kafka broker");
    String topic = "produce-it-" + UUID.randomUUID();
    String out =
        run(
            concat(
                    GENERATOR_ARGS,
                    "--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=" + topic, "--create",
                    "--rate=0", "--count=30")
                .toArray(new String[0]));
    assertTrue(out, out.contains("sent 30 events to kafka:" + topic));
    // One partition keeps the order of sending.
    assertEquals(generated(30), consume(bootstrap, topic, 30));
  }

  @Test
  public void sendsTheLinesOfAFileAndKeysUnparseableOnesApart() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP", "a Kafka broker");
    String topic = "produce-it-" + UUID.randomUUID();
    Path file = tmp.newFile("events.jsonl").toPath();
    String a = "{\"ts\":\"2024-05-01T10:00:00Z\",\"value\":1,\"region\":\"eu\",\"service\":\"api\"}";
    String b = "{\"ts\":\"2024-05-01T10:00:01Z\",\"region\":\"us\",\"service\":\"web\"}";
    Files.writeString(file, a + "\n\n" + b + "\n{\"ts\":\"2024-05-01T10:00:02Z\"}\n");
    String out =
        run("--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=" + topic, "--create",
            "--rate=100/s", "--input=" + file);
    assertTrue(out, out.contains("sent 3 events") && out.contains("1 lines the pipeline will refuse"));
    assertEquals(
        List.of(
            "region=eu,service=api " + a,
            "region=us,service=web " + b,
            "unparseable {\"ts\":\"2024-05-01T10:00:02Z\"}"),
        consume(bootstrap, topic, 3));
  }

  /**
   * A topic that is not there is an error naming --topic, with the topics most like it, and the
   * broker does not create it on the first record (the test broker would, as brokers do by
   * default): a misspelt topic does not silently become a new one.
   */
  @Test
  public void aTopicThatIsNotThereIsRefusedWithoutCreateAndNotCreated() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP", "a Kafka broker");
    String id = UUID.randomUUID().toString();
    String[] created = runWithStatus(0,
        "--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=orders-" + id, "--create", "--count=1");
    assertTrue(created[1], created[1].contains("created topic orders-" + id + " with 1 partition"));
    String misspelt = "ordres-" + id;
    String[] outErr =
        runWithStatus(2, "--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=" + misspelt, "--count=1");
    assertTrue(
        outErr[1],
        outErr[1].contains("--topic names a topic the Kafka brokers at " + bootstrap + " do not hold: "
            + misspelt + "; they hold orders-" + id));
    assertTrue(outErr[1], outErr[1].contains("give --create to create it"));
    assertFalse(topics(bootstrap).contains(misspelt));
  }

  /** Through the broker's SASL listener, with the settings of a client properties file. */
  @Test
  public void sendsToASecuredClusterWithTheClientConfig() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP", "a Kafka broker");
    String sasl = env("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP", "a Kafka broker with a SASL listener");
    Path config = tmp.newFile("client.properties").toPath();
    Files.writeString(
        config,
        "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"augur\" password=\"augur-secret\";\n");
    String topic = "produce-it-" + UUID.randomUUID();
    String out =
        run(
            concat(
                    GENERATOR_ARGS,
                    "--target=KAFKA", "--bootstrap=" + sasl, "--clientConfig=" + config,
                    "--topic=" + topic, "--create", "--rate=0", "--count=10")
                .toArray(new String[0]));
    assertTrue(out, out.contains("sent 10 events to kafka:" + topic));
    assertEquals(generated(10), consume(bootstrap, topic, 10));
  }

  @Test
  public void createOnATopicThatExistsWithOtherPartitionsSaysSoAndSendsToIt() throws Exception {
    String bootstrap = env("AUGUR_TEST_KAFKA_BOOTSTRAP", "a Kafka broker");
    String topic = "produce-it-" + UUID.randomUUID();
    run("--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=" + topic, "--create", "--count=1");
    String[] outErr =
        runWithStatus(
            0, "--target=KAFKA", "--bootstrap=" + bootstrap, "--topic=" + topic, "--create",
            "--partitions=3", "--count=1", "--rate=0");
    assertTrue(
        outErr[1],
        outErr[1].contains("topic " + topic + " exists already, with 1 partition; --partitions=3 was not applied"));
    assertTrue(outErr[0], outErr[0].contains("sent 1 events to kafka:" + topic));
  }

  @Test
  public void sendsGeneratedEventsToKinesisKeyedBySeries() {
    String endpoint = env("AUGUR_TEST_MOTO_ENDPOINT", "moto_server");
    String stream = "produce-it-" + UUID.randomUUID();
    String out =
        run(
            concat(
                    GENERATOR_ARGS,
                    "--target=KINESIS", "--endpoint=" + endpoint, "--region=us-east-1",
                    "--stream=" + stream, "--create", "--rate=50/s", "--count=20")
                .toArray(new String[0]));
    assertTrue(out, out.contains("sent 20 events to kinesis:" + stream));

    List<String> records = new ArrayList<>();
    try (KinesisClient kinesis =
        KinesisClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder())
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(endpoint))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
      String iterator =
          kinesis
              .getShardIterator(
                  r -> r.streamName(stream).shardId(shard)
                      .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (records.size() < 20 && iterator != null && System.nanoTime() < deadline) {
        String it = iterator;
        GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(it));
        for (Record r : response.records()) {
          records.add(r.partitionKey() + " " + r.data().asUtf8String());
        }
        iterator = response.nextShardIterator();
      }
    }
    // One shard keeps the order of sending.
    assertEquals(generated(20), records);
  }
}
