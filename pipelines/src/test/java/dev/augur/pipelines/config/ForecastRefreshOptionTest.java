package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * {@code --forecastRefresh}: live sources look for new forecast versions periodically; a file
 * replay loads them once, so that its job ends with its files.
 */
public class ForecastRefreshOptionTest {
  private static StreamConfig kafka(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--source=KAFKA";
    all[1] = "--kafkaBootstrapServers=127.0.0.1:9092";
    all[2] = "--kafkaTopics=events";
    all[3] = "--forecasts=/tmp/forecasts";
    System.arraycopy(args, 0, all, 4, args.length);
    return StreamConfig.from(PipelineOptionsFactory.fromArgs(all).as(StreamOptions.class));
  }

  @Test
  public void liveSourcesRefreshEveryFiveMinutesByDefaultOrAsToldOrNeverWithZero() {
    assertEquals(Duration.standardMinutes(5), kafka().forecastRefresh());
    assertEquals(Duration.standardMinutes(1), kafka("--forecastRefresh=1m").forecastRefresh());
    assertNull(kafka("--forecastRefresh=0").forecastRefresh());
  }

  @Test
  public void aFileReplayLoadsTheForecastsOnceWhateverTheRefresh() {
    assertNull(AllowedLatenessOptionTest.config().forecastRefresh());
    assertNull(AllowedLatenessOptionTest.config("--forecastRefresh=1m").forecastRefresh());
  }

  @Test
  public void aBadRefreshFailsNamingTheOptionEvenForAReplay() {
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () -> AllowedLatenessOptionTest.config("--forecastRefresh=often"));
    assertTrue(e.getMessage(), e.getMessage().contains("forecastRefresh"));
  }
}
