package dev.augur.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.options.StreamOptions;
import dev.augur.transforms.source.KafkaSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A secured cluster's client settings, read from a properties file and checked at launch. */
public class KafkaClientConfigTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  private Path file(String text) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.writeString(f, text);
    return f;
  }

  @Test
  public void readsEverySettingAsWritten() throws Exception {
    Path f =
        file(
            "# MSK with IAM\n"
                + "security.protocol=SASL_SSL\n"
                + "sasl.mechanism=AWS_MSK_IAM\n"
                + "sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;\n"
                + "sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler\n");
    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "AWS_MSK_IAM",
            "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
            "sasl.client.callback.handler.class",
            "software.amazon.msk.auth.iam.IAMClientCallbackHandler"),
        KafkaClientConfig.read("kafkaClientConfig", f.toString(), OPTIONS));
    assertEquals(Map.of(), KafkaClientConfig.read("kafkaClientConfig", "", OPTIONS));
  }

  @Test
  public void aSettingAnOptionMakesIsRefusedNamingThatOption() throws Exception {
    Path f = file("security.protocol=SSL\ngroup.id=mine\n");
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> KafkaClientConfig.read("kafkaClientConfig", f.toString(), OPTIONS));
    assertEquals("kafkaClientConfig", e.option());
    assertThat(e.getMessage(), containsString("sets group.id, which it may not: --kafkaConsumerGroup gives"));
  }

  @Test
  public void aFileThatCannotBeReadIsToldNamingTheOption() {
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> KafkaClientConfig.read("kafkaClientConfig", tmp.getRoot() + "/missing.properties", OPTIONS));
    assertEquals("kafkaClientConfig", e.option());
    assertThat(e.getMessage(), containsString("missing.properties) cannot be read"));
  }

  private static StreamOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(StreamOptions.class);
  }

  @Test
  public void theStreamGivesTheSettingsToItsSourceAndItsDeadLetters() throws Exception {
    Path f = file("security.protocol=SSL\n");
    StreamConfig config =
        StreamConfig.from(
            options(
                "--source=KAFKA", "--kafkaBootstrapServers=b:9092", "--kafkaTopics=events",
                "--kafkaClientConfig=" + f, "--deadLetterTopic=dead", "--forecasts=/tmp/f"));
    assertEquals(Map.of("security.protocol", "SSL"), ((KafkaSourceConfig) config.source()).clientProperties());
    assertEquals(Map.of("security.protocol", "SSL"), config.kafkaClientProperties());
    // A replay whose dead letters go to Kafka takes it too; one whose go to files refuses it.
    StreamConfig replay =
        StreamConfig.from(
            options(
                "--replayInput=/tmp/e/*.jsonl", "--kafkaBootstrapServers=b:9092", "--kafkaClientConfig=" + f,
                "--deadLetterTopic=dead", "--forecasts=/tmp/f"));
    assertEquals(Map.of("security.protocol", "SSL"), replay.kafkaClientProperties());
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamConfig.from(
                    options("--replayInput=/tmp/e/*.jsonl", "--kafkaClientConfig=" + f, "--forecasts=/tmp/f")));
    assertEquals("kafkaClientConfig", e.option());
  }
}
