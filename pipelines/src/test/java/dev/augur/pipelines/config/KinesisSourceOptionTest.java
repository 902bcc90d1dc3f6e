package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.source.KinesisSourceConfig;
import org.junit.Test;

/** The Kinesis source's options reach its config: polling by default, enhanced fan-out with a consumer. */
public class KinesisSourceOptionTest {
  private static final String CONSUMER =
      "arn:aws:kinesis:eu-west-1:123456789012:stream/events/consumer/augur:1714557600";

  private static KinesisSourceConfig kinesis(String... args) {
    StreamConfig config =
        AllowedLatenessOptionTest.configOf(
            new String[] {
              "--source=KINESIS",
              "--kinesisStream=events",
              "--awsRegion=eu-west-1",
              "--forecasts=/tmp/forecasts"
            },
            args);
    return (KinesisSourceConfig) config.source();
  }

  @Test
  public void pollsWithoutAConsumerAndFansOutWithOne() {
    assertNull(kinesis().consumerArn());
    assertNull(kinesis("--kinesisConsumerArn=").consumerArn());
    KinesisSourceConfig fanOut = kinesis("--kinesisConsumerArn=" + CONSUMER);
    assertEquals(CONSUMER, fanOut.consumerArn());
    assertEquals("events", fanOut.streamName());
  }

  @Test
  public void aConsumerThatIsNotAnArnFailsBeforeAnyWork() {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> kinesis("--kinesisConsumerArn=augur"));
    assertTrue(e.getMessage(), e.getMessage().contains("consumerArn"));
  }

  @Test
  public void aStartTimestampIsNamedWhenMissingMisplacedOrMalformed() {
    for (String[] args :
        new String[][] {
          {"--kinesisStartPosition=AT_TIMESTAMP"},
          {"--kinesisStartTimestamp=2024-05-01T00:00:00Z"},
          {"--kinesisStartPosition=AT_TIMESTAMP", "--kinesisStartTimestamp=yesterday"}
        }) {
      InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> kinesis(args));
      assertEquals(String.join(" ", args), "kinesisStartTimestamp", e.option());
    }
    assertEquals(
        "2024-05-01T00:00:00.000Z",
        kinesis("--kinesisStartPosition=AT_TIMESTAMP", "--kinesisStartTimestamp=2024-05-01T00:00:00Z")
            .startTimestamp()
            .toString());
  }

  /** Kafka's two required options, both missing, are named together rather than one run at a time. */
  @Test
  public void kafkaNamesBothMissingOptionsAtOnce() {
    InvalidOptionException both =
        assertThrows(
            InvalidOptionException.class,
            () -> AllowedLatenessOptionTest.configOf(
                new String[] {"--source=KAFKA", "--forecasts=/tmp/forecasts"}, new String[0]));
    assertEquals("kafkaTopics", both.option());
    assertTrue(both.getMessage(), both.getMessage().startsWith(
        "--kafkaTopics and --kafkaBootstrapServers are required with --source=KAFKA"));
    InvalidOptionException one =
        assertThrows(
            InvalidOptionException.class,
            () -> AllowedLatenessOptionTest.configOf(
                new String[] {"--source=KAFKA", "--kafkaTopics=events", "--forecasts=/tmp/forecasts"},
                new String[0]));
    assertEquals("kafkaBootstrapServers", one.option());
  }
}
