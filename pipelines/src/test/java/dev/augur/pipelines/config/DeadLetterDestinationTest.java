package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The stream's dead letters go to files under --streamOutput, or to a Kafka topic. */
public class DeadLetterDestinationTest {
  private static StreamConfig config(String... args) {
    return AllowedLatenessOptionTest.config(args);
  }

  @Test
  public void filesUnderTheStreamOutputByDefault() {
    StreamConfig c = config("--streamOutput=/data/out/");
    assertNull(c.deadLetterTopic());
    assertEquals("/data/out/dead-letters/", c.writeDeadLetters().describe());
  }

  @Test
  public void aTopicOnItsOwnServersOrOnTheSourcesServers() {
    assertEquals(
        "kafka:augur-dead-letters@dlq:9092",
        config("--deadLetterTopic=augur-dead-letters", "--deadLetterBootstrapServers=dlq:9092")
            .writeDeadLetters()
            .describe());
    assertEquals(
        "kafka:augur-dead-letters@events:9092",
        config("--deadLetterTopic=augur-dead-letters", "--kafkaBootstrapServers=events:9092")
            .writeDeadLetters()
            .describe());
  }

  @Test
  public void aTopicWithoutServersFailsNamingTheOption() {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> config("--deadLetterTopic=dlq"));
    assertEquals("deadLetterBootstrapServers", e.option());
  }
}
