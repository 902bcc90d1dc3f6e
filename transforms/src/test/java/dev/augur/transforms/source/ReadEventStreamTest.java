package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

public class ReadEventStreamTest {
  private static final KinesisSourceConfig.Builder KINESIS =
      KinesisSourceConfig.builder().streamName("events").region("us-east-1");

  private static AwsOptions optionsAfterApplying(KinesisSourceConfig config) {
    AwsOptions options = PipelineOptionsFactory.create().as(AwsOptions.class);
    // KinesisIO checks for credentials when applied.
    options.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    Pipeline.create(options).apply(ReadEventStream.from(config));
    return options;
  }

  @Test
  public void aKinesisEndpointOverrideSelectsClientsThatEmulatorsUnderstand() {
    assertEquals(
        EmulatorClientBuilderFactory.class,
        optionsAfterApplying(KINESIS.endpoint("http://127.0.0.1:5000").build())
            .getClientBuilderFactory());
    assertEquals(
        ClientBuilderFactory.defaultFactory().getClass(),
        optionsAfterApplying(KINESIS.endpoint(null).build()).getClientBuilderFactory());
  }

  @Test
  public void theEmulatorFactoryTurnsCborOffUnlessSomethingChoseAlready() {
    String before = System.getProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY);
    assumeNoCborEnvironment();
    try {
      System.clearProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY);
      ClientConfiguration config =
          ClientConfiguration.builder()
              .region(Region.US_EAST_1)
              .endpoint(java.net.URI.create("http://127.0.0.1:5000"))
              .build();
      new EmulatorClientBuilderFactory()
          .create(KinesisClient.builder(), config, PipelineOptionsFactory.as(AwsOptions.class));
      assertEquals("false", System.getProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY));

      System.setProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY, "true");
      new EmulatorClientBuilderFactory()
          .create(KinesisClient.builder(), config, PipelineOptionsFactory.as(AwsOptions.class));
      assertEquals("true", System.getProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY));
    } finally {
      if (before == null) {
        System.clearProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY);
      } else {
        System.setProperty(EmulatorClientBuilderFactory.CBOR_PROPERTY, before);
      }
    }
  }

  private static void assumeNoCborEnvironment() {
    org.junit.Assume.assumeTrue(
        "CBOR_ENABLED is set in the environment, which the factory respects",
        System.getenv("CBOR_ENABLED") == null);
  }

  @Test
  public void aSourceRejectsTheConfigurationOfAnother() {
    ReplaySourceConfig replay = ReplaySourceConfig.builder().filepattern("/tmp/x").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventSource.KAFKA.reader(replay, ReadLimits.NONE));
    assertTrue(e.getMessage(), e.getMessage().contains("KafkaSourceConfig"));
    assertEquals(EventSource.FILE, replay.source());
    assertEquals("file:/tmp/x", replay.describe());
  }

  private static void assertRejected(String expected, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage(), e.getMessage().contains(expected));
  }

  @Test
  public void badConfigurationsFailNamingTheParameter() {
    assertRejected("streamName", () -> KinesisSourceConfig.builder().build());
    assertRejected("Kinesis stream name", () -> KINESIS.streamName(" ").build());
    assertRejected(
        "startTimestamp",
        () ->
            KinesisSourceConfig.builder()
                .streamName("s")
                .startPosition(KinesisSourceConfig.StartPosition.AT_TIMESTAMP)
                .build());
    assertRejected(
        "Kinesis endpoint",
        () -> KinesisSourceConfig.builder().streamName("s").endpoint("127.0.0.1:5000").build());
    assertRejected(
        "consumerArn",
        () -> KinesisSourceConfig.builder().streamName("s").consumerArn("my-consumer").build());
    assertRejected(
        "Kafka topics",
        () -> KafkaSourceConfig.builder().bootstrapServers("b:9092").topics(List.of()).build());
    assertRejected(
        "Kafka idleThreshold",
        () ->
            KafkaSourceConfig.builder()
                .bootstrapServers("b:9092")
                .topics(List.of("t"))
                .idleThreshold(Duration.ZERO)
                .build());
    assertRejected(
        "replay speedup",
        () -> ReplaySourceConfig.builder().filepattern("/tmp/x").speedup(-1).build());
    assertRejected("maxReadTime", () -> ReadLimits.of(10, Duration.ZERO));
  }

  @Test
  public void aValidKinesisConfigurationKeepsItsSettings() {
    Instant from = Instant.parse("2024-05-01T00:00:00Z");
    KinesisSourceConfig c =
        KinesisSourceConfig.builder()
            .streamName("events")
            .startPosition(KinesisSourceConfig.StartPosition.AT_TIMESTAMP)
            .startTimestamp(from)
            .build();
    assertEquals(from, c.startTimestamp());
    assertEquals("ts", c.timestampField());
    assertEquals("kinesis:events", c.describe());
  }
}
