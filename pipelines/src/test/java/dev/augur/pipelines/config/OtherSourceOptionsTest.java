package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.StreamSourceOptions;
import dev.augur.transforms.source.EventSource;
import java.lang.reflect.Method;
import java.util.EnumSet;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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

  private static void assertRefused(String option, String sources, String[] base, String... more) {
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> AllowedLatenessOptionTest.configOf(base, more));
    assertEquals(String.join(" ", more), option, e.option());
    assertEquals(
        "--" + option + " applies only with " + sources + ", and --source is "
            + AllowedLatenessOptionTest.configOf(base).source().source() + "; give " + sources
            + " to read from there, or leave --" + option + " out",
        e.getMessage());
  }

  @Test
  public void optionsOfAnotherSourceAreRefusedNamingIt() {
    assertRefused("kafkaTopics", "--source=KAFKA", FILE, "--kafkaTopics=events");
    assertRefused("kafkaConsumerGroup", "--source=KAFKA", KINESIS, "--kafkaConsumerGroup=ops");
    // Kafka group names are case-sensitive: another case is another group.
    assertRefused("kafkaConsumerGroup", "--source=KAFKA", KINESIS, "--kafkaConsumerGroup=AUGUR");
    assertRefused("kafkaStartOffset", "--source=KAFKA", FILE, "--kafkaStartOffset=EARLIEST");
    assertRefused("kinesisStream", "--source=KINESIS", KAFKA, "--kinesisStream=other");
    assertRefused("kinesisStartPosition", "--source=KINESIS", KAFKA,
        "--kinesisStartPosition=TRIM_HORIZON");
    assertRefused("kinesisStartTimestamp", "--source=KINESIS", FILE,
        "--kinesisStartTimestamp=2024-05-01T00:00:00Z");
    assertRefused("kinesisConsumerArn", "--source=KINESIS", FILE,
        "--kinesisConsumerArn=arn:aws:kinesis:eu-west-1:1:stream/e/consumer/c:1");
    assertRefused("replayInput", "--source=FILE", KINESIS, "--replayInput=/tmp/x.jsonl");
    assertRefused("replaySpeedup", "--source=FILE", KAFKA, "--replaySpeedup=60");
    assertRefused("maxEventDelay", "--source=KINESIS or --source=KAFKA", FILE, "--maxEventDelay=5m");
    assertRefused("idleThreshold", "--source=KINESIS or --source=KAFKA", FILE, "--idleThreshold=5m");
  }

  @Test
  public void emptyOrDefaultOptionsOfAnotherSourcePass() {
    assertEquals(EventSource.KAFKA,
        AllowedLatenessOptionTest.configOf(KAFKA, "--kinesisStream=", "--kinesisStartPosition=LATEST",
            "--replayInput=", "--replaySpeedup=3600").source().source());
    assertEquals(EventSource.FILE,
        AllowedLatenessOptionTest.configOf(FILE, "--kafkaConsumerGroup=augur", "--kafkaTopics=",
            "--maxEventDelay=30s").source().source());
  }

  /**
   * A live source started afresh delivers only the later part of its first window, so the alarm
   * takes that window as partial; a replay starts at its files' first event and judges it.
   */
  @Test
  public void aLiveSourcesFirstWindowIsPartialAndAReplaysIsNot() {
    assertTrue(AllowedLatenessOptionTest.configOf(KINESIS).alarm().firstWindowPartial());
    assertTrue(AllowedLatenessOptionTest.configOf(KAFKA).alarm().firstWindowPartial());
    assertFalse(AllowedLatenessOptionTest.configOf(FILE).alarm().firstWindowPartial());
    // Nothing else of the alarm's settings differs by source.
    assertEquals(
        AllowedLatenessOptionTest.configOf(FILE).alarm(),
        AllowedLatenessOptionTest.configOf(KINESIS).alarm().toBuilder()
            .firstWindowPartial(false).build());
  }

  /** Its servers serve the dead-letter topic too; without one it belongs to Kafka alone. */
  @Test
  public void kafkaServersPassWithADeadLetterTopicOnly() {
    assertEquals(EventSource.KINESIS,
        AllowedLatenessOptionTest.configOf(KINESIS, "--kafkaBootstrapServers=127.0.0.1:9092",
            "--deadLetterTopic=augur-dead-letters").source().source());
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> AllowedLatenessOptionTest.configOf(KINESIS, "--kafkaBootstrapServers=127.0.0.1:9092"));
    assertEquals("kafkaBootstrapServers", e.option());
    assertEquals("--kafkaBootstrapServers applies only with --source=KAFKA or --deadLetterTopic, and"
        + " --source is KINESIS; give --source=KAFKA to read from there, or leave"
        + " --kafkaBootstrapServers out", e.getMessage());
  }

  /** The archive reads the same sources by the same options, and refuses the same way. */
  @Test
  public void theArchiveRefusesThemToo() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> ArchiveConfig.from(PipelineOptionsFactory.fromArgs(
            "--source=KINESIS", "--kinesisStream=events", "--awsRegion=eu-west-1",
            "--archive=/tmp/a", "--kafkaTopics=events").as(ArchiveOptions.class)));
    assertEquals("kafkaTopics", e.option());
  }

  /**
   * Every source option says in its description which sources it configures, which is what the
   * check goes by: a new option that does not is caught here, not passed over in a job.
   */
  @Test
  public void everySourceOptionNamesItsSources() {
    for (Method getter : StreamSourceOptions.class.getDeclaredMethods()) {
      if (!getter.getName().startsWith("get")) {
        continue;
      }
      String option = StreamConfig.optionName(getter);
      if (option.equals("source")) {
        assertEquals(EnumSet.noneOf(EventSource.class), StreamConfig.sourcesOf(getter));
      } else {
        assertFalse(option + ": " + getter.getAnnotation(Description.class).value(),
            StreamConfig.sourcesOf(getter).isEmpty());
      }
    }
  }

  /** A wrong speed-up names its option (it used to name --source, as "not fully configured"). */
  @Test
  public void aNegativeReplaySpeedupNamesItsOption() {
    InvalidOptionException e = assertThrows(InvalidOptionException.class,
        () -> AllowedLatenessOptionTest.configOf(FILE, "--replaySpeedup=-1"));
    assertEquals("replaySpeedup", e.option());
    assertEquals(
        "--replaySpeedup must be a finite number >= 0 (0 = as fast as possible), got -1.0",
        e.getMessage());
  }
}
