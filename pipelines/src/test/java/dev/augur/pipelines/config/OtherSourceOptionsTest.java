package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.source.EventSource;
import org.junit.Test;

/**
 * An option of another source than {@code --source} is refused, naming it and the source it
 * belongs to, rather than passed over while the job reads elsewhere; left empty or at its default
 * it counts as not given. {@code --kafkaBootstrapServers} also serves {@code --deadLetterTopic}.
 */
public class OtherSourceOptionsTest {
  private static final String[] KINESIS = {
    "--source=KINESIS", "--kinesisStream=events", "--awsRegion=eu-west-1", "--forecasts=/tmp/f"
  };
  private static final String[] KAFKA = {
    "--source=KAFKA", "--kafkaBootstrapServers=127.0.0.1:9092", "--kafkaTopics=events",
    "--forecasts=/tmp/f"
  };
  private static final String[] FILE = {"--replayInput=/tmp/events/*.jsonl", "--forecasts=/tmp/f"};

  private static void assertRefused(String option, EventSource belongs, String[] base,
      String... more) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> AllowedLatenessOptionTest.configOf(base, more));
    assertEquals(String.join(" ", more), option, e.option());
    assertEquals(
        "--" + option + " applies only with --source=" + belongs + ", and --source is "
            + AllowedLatenessOptionTest.configOf(base).source().source() + "; give --source="
            + belongs + " to read from there, or leave --" + option + " out",
        e.getMessage());
  }

  @Test
  public void optionsOfAnotherSourceAreRefusedNamingIt() {
    assertRefused("kafkaTopics", EventSource.KAFKA, FILE, "--kafkaTopics=events");
    assertRefused("kafkaConsumerGroup", EventSource.KAFKA, KINESIS, "--kafkaConsumerGroup=ops");
    assertRefused("kafkaStartOffset", EventSource.KAFKA, FILE, "--kafkaStartOffset=EARLIEST");
    assertRefused("kinesisStream", EventSource.KINESIS, KAFKA, "--kinesisStream=other");
    assertRefused("kinesisStartPosition", EventSource.KINESIS, KAFKA,
        "--kinesisStartPosition=TRIM_HORIZON");
    assertRefused("kinesisConsumerArn", EventSource.KINESIS, FILE,
        "--kinesisConsumerArn=arn:aws:kinesis:eu-west-1:1:stream/e/consumer/c:1");
    assertRefused("replayInput", EventSource.FILE, KINESIS, "--replayInput=/tmp/x.jsonl");
    assertRefused("replaySpeedup", EventSource.FILE, KAFKA, "--replaySpeedup=60");
  }

  @Test
  public void emptyOrDefaultOptionsOfAnotherSourcePass() {
    assertEquals(EventSource.KAFKA,
        AllowedLatenessOptionTest.configOf(KAFKA, "--kinesisStream=", "--kinesisStartPosition=LATEST",
            "--replayInput=", "--replaySpeedup=3600").source().source());
    assertEquals(EventSource.FILE,
        AllowedLatenessOptionTest.configOf(FILE, "--kafkaConsumerGroup=augur", "--kafkaTopics=")
            .source().source());
    // The dead-letter topic's servers.
    assertEquals(EventSource.KINESIS,
        AllowedLatenessOptionTest.configOf(KINESIS, "--kafkaBootstrapServers=127.0.0.1:9092",
            "--deadLetterTopic=augur-dead-letters").source().source());
  }
}
