package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The stream's dead letters go to files under --streamOutput, or to a Kafka topic. */
public class DeadLetterDestinationTest {
  private static StreamConfig config(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--replayInput=/tmp/events/*.jsonl";
    all[1] = "--forecasts=/tmp/forecasts";
    System.arraycopy(args, 0, all, 2, args.length);
    return StreamConfig.from(PipelineOptionsFactory.fromArgs(all).as(StreamOptions.class));
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
