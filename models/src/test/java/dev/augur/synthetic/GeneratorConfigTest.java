package dev.augur.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class GeneratorConfigTest {

  @Test
  public void defaultsDescribeOneWeekWithAnomaliesInTheLastTwoDays() {
    GeneratorConfig c = GeneratorConfig.builder().build();
    assertEquals(42L, c.seed());
    assertEquals(12, c.seriesCount());
    assertEquals(Instant.parse("2024-05-01T00:00:00Z"), c.start());
    assertEquals(Duration.ofDays(7), c.duration());
    assertEquals(Duration.ofDays(5), c.cleanPeriod());
    assertEquals(Instant.parse("2024-05-06T00:00:00Z"), c.anomalyStart());
    assertEquals(Instant.parse("2024-05-08T00:00:00Z"), c.end());
    assertEquals(10.0, c.eventsPerMinute(), 0);
    assertTrue(c.anomaliesEnabled());
    assertEquals(0.5, c.anomaliesPerSeriesPerDay(), 0);
    assertEquals(EnumSet.allOf(AnomalyKind.class), c.anomalyKinds());
    assertEquals(Duration.ofMinutes(30), c.minAnomalyDuration());
    assertEquals(Duration.ofMinutes(120), c.maxAnomalyDuration());
    assertEquals(0.0, c.countOnlyFraction(), 0);
    assertEquals(List.of("region", "service"), c.dimensionFields());
  }

  @Test
  public void defaultCleanPeriodIsHalfOfShortRuns() {
    GeneratorConfig c = GeneratorConfig.builder().duration(Duration.ofDays(1)).build();
    assertEquals(Duration.ofHours(12), c.cleanPeriod());
  }

  @Test
  public void anomalyStartIsAnAlternativeToCleanPeriod() {
    GeneratorConfig c =
        GeneratorConfig.builder().anomalyStart(Instant.parse("2024-05-04T00:00:00Z")).build();
    assertEquals(Duration.ofDays(3), c.cleanPeriod());
  }

  @Test
  public void toBuilderKeepsEverySetting() {
    GeneratorConfig c =
        GeneratorConfig.builder()
            .seed(9)
            .seriesCount(3)
            .cleanPeriod(Duration.ofDays(6))
            .anomalyKinds(AnomalyKind.DIP)
            .countOnlyFraction(0.5)
            .dimensionFields("region", "service", "host")
            .dimensionValues("host", List.of("a", "b"))
            .build();
    assertEquals(c.toString(), c.toBuilder().build().toString());
  }

  @Test
  public void invalidSettingsFailNamingTheField() {
    assertFails("seriesCount", () -> GeneratorConfig.builder().seriesCount(0).build());
    assertFails(
        "duration", () -> GeneratorConfig.builder().duration(Duration.ofSeconds(30)).build());
    assertFails(
        "start", () -> GeneratorConfig.builder().start(Instant.ofEpochSecond(0, 1)).build());
    assertFails("eventsPerMinute", () -> GeneratorConfig.builder().eventsPerMinute(0).build());
    assertFails(
        "cleanPeriod", () -> GeneratorConfig.builder().cleanPeriod(Duration.ofDays(7)).build());
    assertFails(
        "cleanPeriod",
        () ->
            GeneratorConfig.builder()
                .cleanPeriod(Duration.ofDays(1))
                .anomalyStart(Instant.parse("2024-05-03T00:00:00Z"))
                .build());
    assertFails(
        "anomalyStart",
        () ->
            GeneratorConfig.builder().anomalyStart(Instant.parse("2024-04-30T00:00:00Z")).build());
    assertFails(
        "anomaliesPerSeriesPerDay",
        () -> GeneratorConfig.builder().anomaliesPerSeriesPerDay(-1).build());
    assertFails(
        "anomaliesPerSeriesPerDay",
        () -> GeneratorConfig.builder().anomaliesPerSeriesPerDay(10).build());
    assertFails(
        "maxAnomalyDuration",
        () ->
            GeneratorConfig.builder()
                .anomalyDuration(Duration.ofMinutes(60), Duration.ofMinutes(30))
                .build());
    assertFails(
        "minAnomalyDuration",
        () ->
            GeneratorConfig.builder()
                .anomalyDuration(Duration.ofSeconds(90), Duration.ofMinutes(30))
                .build());
    assertFails(
        "countOnlyFraction", () -> GeneratorConfig.builder().countOnlyFraction(1.5).build());
    assertFails("dimensionFields", () -> GeneratorConfig.builder().dimensionFields("ts").build());
    assertFails(
        "dimensionFields", () -> GeneratorConfig.builder().dimensionFields("a", "a").build());
    assertFails(
        "dimensionValues",
        () -> GeneratorConfig.builder().dimensionValues("host", List.of("h1")).build());
    assertFails(
        "dimensionValues",
        () -> GeneratorConfig.builder().dimensionValues("region", List.of("x", "x")).build());
  }

  @Test
  public void denseAnomaliesAreAcceptedWhenOff() {
    GeneratorConfig c =
        GeneratorConfig.builder().anomaliesPerSeriesPerDay(10).noAnomalies().build();
    assertFalse(c.anomaliesEnabled());
  }

  private static void assertFails(String field, ThrowingRunnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertThat(e.getMessage(), containsString("GeneratorConfig." + field + " "));
  }
}
