package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.joda.time.Duration;
import org.junit.Test;

/**
 * {@code --forecastRefresh}: live sources look for new forecast versions periodically; a file
 * replay loads them once, so that its job ends with its files.
 */
public class ForecastRefreshOptionTest {
  private static StreamConfig kafka(String... args) {
    return AllowedLatenessOptionTest.configOf(
        new String[] {
          "--source=KAFKA",
          "--kafkaBootstrapServers=127.0.0.1:9092",
          "--kafkaTopics=events",
          "--forecasts=/tmp/forecasts"
        },
        args);
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
