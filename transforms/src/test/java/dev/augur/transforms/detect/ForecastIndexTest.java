package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.ForecastRuns.forecast;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Forecast;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class ForecastIndexTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant UNTIL = T0.plus(MINUTE.multipliedBy(3));

  private static Forecast f(String series, String statistic, int window, double expected) {
    return forecast(
        "v1", series, statistic, T0.plus(MINUTE.multipliedBy(window)), MINUTE, expected,
        expected - 1, expected + 1, UNTIL);
  }

  @Test
  public void looksUpBySeriesStatisticAndWindowStart() throws Exception {
    ForecastIndex index =
        ForecastIndex.builder("v1", null)
            .add(f("s=a", "count", 2, 12))
            .add(f("s=a", "count", 0, 10))
            .add(f("s=a", "mean", 0, 5))
            .add(f("s=b", "count", 1, 7))
            .build(T0);
    // Survives the trip to the workers.
    ForecastIndex copy =
        CoderUtils.clone(SerializableCoder.of(ForecastIndex.class), index);

    assertEquals(f("s=a", "count", 0, 10), copy.lookup("s=a", "count", T0));
    assertEquals(f("s=a", "count", 2, 12), copy.lookup("s=a", "count", T0.plus(MINUTE.multipliedBy(2))));
    assertEquals(f("s=a", "mean", 0, 5), copy.lookup("s=a", "mean", T0));
    assertEquals(f("s=b", "count", 1, 7), copy.lookup("s=b", "count", T0.plus(MINUTE)));
    assertNull(copy.lookup("s=a", "count", T0.plus(MINUTE)));
    assertNull(copy.lookup("s=a", "count", T0.plus(Duration.standardSeconds(1))));
    assertNull(copy.lookup("s=b", "mean", T0.plus(MINUTE)));
    assertNull(copy.lookup("s=c", "count", T0));
    assertEquals(index, copy);
    assertEquals("v1", copy.version());
    assertEquals(4, copy.size());
    assertEquals(T0, copy.loadedAt());
  }

  @Test
  public void expectsTheSeriesItForecastsInAWindowFromTheirFirstForecastWindowOn() throws Exception {
    ForecastIndex index =
        ForecastIndex.builder("v1", null)
            .add(f("s=b", "count", 0, 10))
            .add(f("s=b", "count", 1, 10))
            .add(f("s=a", "mean", 0, 5))
            .add(f("s=a", "count", 2, 12))
            .add(f("s=c", "count", 2, 7))
            .build(T0);
    // A fresh copy, as a worker holds it: the first windows are derived there again.
    ForecastIndex copy = CoderUtils.clone(SerializableCoder.of(ForecastIndex.class), index);
    Instant w1 = T0.plus(MINUTE);
    Instant w2 = T0.plus(MINUTE.multipliedBy(2));

    assertEquals(List.of("s=a", "s=b"), copy.expectedIn(T0, w1, null));
    // s=a has no forecast of any statistic for window 1.
    assertEquals(List.of("s=b"), copy.expectedIn(w1, w2, null));
    assertEquals(List.of("s=a", "s=c"), copy.expectedIn(w2, w2.plus(MINUTE), null));
    // Only those whose first forecast window is after the given time.
    assertEquals(List.of("s=c"), copy.expectedIn(w2, w2.plus(MINUTE), T0));
    assertEquals(List.of(), copy.expectedIn(w2, w2.plus(MINUTE), w2));
    // Past its validity, nothing is expected.
    assertEquals(List.of(), copy.expectedIn(UNTIL, UNTIL.plus(MINUTE), null));
    assertEquals(List.of(), ForecastIndex.EMPTY.expectedIn(T0, w1, null));
  }

  @Test
  public void isValidUntilTheManifestSaysOrElseItsLastWindowEnds() {
    ForecastIndex fromForecasts = ForecastIndex.builder("v1", null).add(f("s=a", "count", 0, 1)).build(T0);
    assertEquals(T0.plus(MINUTE), fromForecasts.validUntil());
    assertTrue(fromForecasts.isValidFor(T0.plus(MINUTE)));
    assertFalse(fromForecasts.isValidFor(T0.plus(MINUTE).plus(1)));

    ForecastIndex declared = ForecastIndex.builder("v1", UNTIL).add(f("s=a", "count", 0, 1)).build(T0);
    assertTrue(declared.isValidFor(UNTIL));
    assertFalse(declared.isValidFor(UNTIL.plus(1)));
  }

  @Test
  public void emptyCoversNothing() throws Exception {
    assertTrue(ForecastIndex.EMPTY.isEmpty());
    assertNull(ForecastIndex.EMPTY.version());
    assertFalse(ForecastIndex.EMPTY.isValidFor(T0));
    assertNull(ForecastIndex.EMPTY.lookup("s=a", "count", T0));
    assertEquals(
        ForecastIndex.EMPTY, CoderUtils.clone(SerializableCoder.of(ForecastIndex.class), ForecastIndex.EMPTY));
    ForecastIndex noForecasts = ForecastIndex.builder("v2", null).build(T0);
    assertFalse(noForecasts.isEmpty());
    assertFalse(noForecasts.isValidFor(T0));
  }

  @Test
  public void rejectsForeignDisorderedAndDuplicateForecasts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ForecastIndex.builder("v2", null).add(f("s=a", "count", 0, 10)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastIndex.builder("v1", null)
                .add(forecast("v1", "s=a", "count", T0, MINUTE, 10, 11, 12, UNTIL)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastIndex.builder("v1", null)
                .add(forecast("v1", "s=a", "count", T0, MINUTE, Double.NaN, 9, 11, UNTIL)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastIndex.builder("v1", null)
                .add(f("s=a", "count", 0, 10))
                .add(f("s=a", "count", 0, 11))
                .build(T0));
  }
}
