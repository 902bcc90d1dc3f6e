package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assume.assumeTrue;

import dev.augur.pipelines.ArchivePipeline;
import dev.augur.pipelines.KafkaStartCheck;
import dev.augur.pipelines.StreamingDetectionPipeline;
import dev.augur.pipelines.config.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code augur stream} and {@code augur archive} on the DirectRunner refuse, before they start,
 * Kafka topics the test broker does not hold, naming the option and the topics most like the one
 * given, and create none. Needs {@code AUGUR_TEST_KAFKA_BOOTSTRAP} (set by {@code bin/augur test}).
 */
public class KafkaStartCheckIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private String bootstrap;
  private String id;

  @Before
  public void needsBroker() throws Exception {
    bootstrap = System.getenv("AUGUR_TEST_KAFKA_BOOTSTRAP");
    assumeTrue(
        "AUGUR_TEST_KAFKA_BOOTSTRAP is not set; run bin/augur test to start a Kafka broker",
        bootstrap != null && !bootstrap.isBlank());
    id = UUID.randomUUID().toString();
    try (AdminClient admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic("events-" + id, 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  private AdminClient admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return AdminClient.create(props);
  }

  private Set<String> topics() throws Exception {
    try (AdminClient admin = admin()) {
      return admin.listTopics().names().get(60, TimeUnit.SECONDS);
    }
  }

  private String forecasts() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"model_version\":\"v1\",\"window_seconds\":1800,\"statistics\":[\"count\",\"mean\",\"stddev\",\"sum\"]}");
    return dir.toString();
  }

  @Test
  public void theStreamRefusesAMisspeltTopicNamingTheOptionAndTheTopicMeant() throws Exception {
    String misspelt = "evnets-" + id;
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamCommand.run(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + bootstrap,
                      "--kafkaTopics=events-" + id + "," + misspelt,
                      "--forecasts=" + forecasts(),
                      "--window=30m",
                      "--streamOutput=" + tmp.newFolder()
                    }));
    assertEquals("kafkaTopics", e.option());
    assertThat(
        e.getMessage(),
        containsString(
            "--kafkaTopics names a topic the Kafka brokers at " + bootstrap + " do not hold: "
                + misspelt + "; they hold events-" + id));
    assertFalse(topics().contains(misspelt));
  }

  /**
   * The pipelines' own entry points, which Managed Flink and the Flex Templates launch, check the
   * same: the check belongs to the pipeline, not to the command line.
   */
  @Test
  public void thePipelinesEntryPointsRefuseAMisspeltTopic() throws Exception {
    String misspelt = "evnets-" + id;
    InvalidOptionException stream =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamingDetectionPipeline.main(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + bootstrap,
                      "--kafkaTopics=" + misspelt,
                      "--forecasts=" + forecasts(),
                      "--window=30m",
                      "--streamOutput=" + tmp.newFolder()
                    }));
    assertEquals("kafkaTopics", stream.option());
    InvalidOptionException archive =
        assertThrows(
            InvalidOptionException.class,
            () ->
                ArchivePipeline.main(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + bootstrap,
                      "--kafkaTopics=" + misspelt,
                      "--archive=" + tmp.newFolder()
                    }));
    assertEquals("kafkaTopics", archive.option());
    assertFalse(topics().contains(misspelt));
  }

  @Test
  public void theStreamRefusesADeadLetterTopicThatIsNotThere() throws Exception {
    String missing = "dead-letters-" + id;
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamCommand.run(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + bootstrap,
                      "--kafkaTopics=events-" + id,
                      "--deadLetterTopic=" + missing,
                      "--forecasts=" + forecasts(),
                      "--window=30m",
                      "--streamOutput=" + tmp.newFolder()
                    }));
    assertEquals("deadLetterTopic", e.option());
    assertThat(e.getMessage(), containsString("--deadLetterTopic names a topic the Kafka brokers at " + bootstrap + " do not hold: " + missing));
  }

  @Test
  public void theArchiveRefusesAMisspeltTopic() throws Exception {
    String misspelt = "event-" + id;
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () ->
                ArchiveCommand.run(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + bootstrap,
                      "--kafkaTopics=" + misspelt,
                      "--archive=" + tmp.newFolder()
                    }));
    assertEquals("kafkaTopics", e.option());
    assertThat(e.getMessage(), containsString("they hold events-" + id));
    assertFalse(topics().contains(misspelt));
  }

  private String saslBootstrap() {
    String sasl = System.getenv("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP");
    assumeTrue("AUGUR_TEST_KAFKA_SASL_BOOTSTRAP is not set; run bin/augur test", sasl != null && !sasl.isBlank());
    return sasl;
  }

  private static Map<String, String> sasl(String password) {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"augur\""
            + " password=\"" + password + "\";");
  }

  /**
   * A secured cluster (the broker's SASL listener) is asked with the client settings of
   * --kafkaClientConfig; a wrong password is told as the broker's refusal.
   */
  @Test
  public void aSecuredClusterIsAskedWithTheClientSettings() throws Exception {
    String sasl = saslBootstrap();
    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    KafkaStartCheck.check(
        sasl, "kafkaBootstrapServers", sasl("augur-secret"), List.of("events-" + id), "kafkaTopics",
        direct, Duration.ofSeconds(30), w -> {});
    InvalidOptionException wrong =
        assertThrows(
            InvalidOptionException.class,
            () ->
                KafkaStartCheck.check(
                    sasl, "kafkaBootstrapServers", sasl("wrong"), List.of("events-" + id), "kafkaTopics",
                    direct, Duration.ofSeconds(30), w -> {}));
    assertEquals("kafkaBootstrapServers", wrong.option());
    assertThat(wrong.getMessage(), containsString("refused to describe topic events-" + id));
    assertThat(wrong.getMessage(), containsString("SaslAuthenticationException"));

    // The stream reads the file and asks with it: the topic is told missing, not the brokers mute.
    Path config = tmp.newFile("client.properties").toPath();
    Properties props = new Properties();
    props.putAll(sasl("augur-secret"));
    try (var out = Files.newBufferedWriter(config)) {
      props.store(out, null);
    }
    InvalidOptionException misspelt =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamCommand.run(
                    new String[] {
                      "--source=KAFKA",
                      "--kafkaBootstrapServers=" + sasl,
                      "--kafkaClientConfig=" + config,
                      "--kafkaTopics=evnets-" + id,
                      "--forecasts=" + forecasts(),
                      "--window=30m",
                      "--streamOutput=" + tmp.newFolder()
                    }));
    assertEquals("kafkaTopics", misspelt.option());
    assertThat(misspelt.getMessage(), containsString("they hold events-" + id));
  }
}
