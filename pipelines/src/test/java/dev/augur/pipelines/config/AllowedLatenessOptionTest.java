package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/** {@code --allowedLateness} of the streaming pipeline becomes a duration or fails naming itself. */
public class AllowedLatenessOptionTest {
  /** The stream's config of a file replay with {@code args} added. */
  static StreamConfig config(String... args) {
    return configOf(
        new String[] {"--replayInput=/tmp/events/*.jsonl", "--forecasts=/tmp/forecasts"}, args);
  }

  /** The stream's config of the options {@code base} with {@code args} added. */
  static StreamConfig configOf(String[] base, String... args) {
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    return StreamConfig.from(PipelineOptionsFactory.fromArgs(all).as(StreamOptions.class));
  }

  @Test
  public void defaultsToFiveMinutesAndTakesDurationsOrZero() {
    assertEquals(Duration.standardMinutes(5), config().allowedLateness());
    assertEquals(Duration.standardSeconds(90), config("--allowedLateness=90s").allowedLateness());
    assertEquals(Duration.standardHours(1), config("--allowedLateness=PT1H").allowedLateness());
    assertEquals(Duration.ZERO, config("--allowedLateness=0").allowedLateness());
  }

  @Test
  public void badValuesFailNamingTheOption() {
    for (String bad : new String[] {"soon", "-5m", "", "0s"}) {
      InvalidOptionException e =
          assertThrows(InvalidOptionException.class, () -> config("--allowedLateness=" + bad));
      assertTrue(e.getMessage(), e.getMessage().contains("allowedLateness"));
    }
  }
}
