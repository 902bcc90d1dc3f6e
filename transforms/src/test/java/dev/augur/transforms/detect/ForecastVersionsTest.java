package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.ForecastRuns.forecast;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.forecast.ForecastVersions;
import dev.augur.transforms.records.Forecast;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Listing the versions under an output and publishing an earlier one again (a rollback). */
public class ForecastVersionsTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static List<Forecast> forecasts(String version, double expected, int windows) {
    return java.util.stream.IntStream.range(0, windows)
        .mapToObj(i -> forecast(version, "s=a", "count", T0.plus(MINUTE.multipliedBy(i)), MINUTE,
            expected, expected - 1, expected + 1, T0.plus(MINUTE.multipliedBy(windows))))
        .toList();
  }

  /** v1 and v2 with forecasts for an hour from T0, v2 published; v3 trained no model. */
  private Path threeVersions() {
    Path root = tmp.getRoot().toPath();
    ForecastRuns.write(root, "20240501T090000Z", forecasts("20240501T090000Z", 10, 60), null);
    ForecastRuns.publish(root, "20240501T090000Z");
    ForecastRuns.write(root, "20240501T093000Z", forecasts("20240501T093000Z", 20, 60), null);
    ForecastRuns.publish(root, "20240501T093000Z");
    ForecastRuns.write(root, "20240501T095000Z", List.of(), null);
    return root;
  }

  @Test
  public void listsTheVersionsOldestFirstMarkingTheOneStreamsFollow() throws Exception {
    Path root = threeVersions();
    List<ForecastVersions.Version> versions = ForecastVersions.list(root.toString());
    assertEquals(
        List.of("20240501T090000Z", "20240501T093000Z", "20240501T095000Z"),
        versions.stream().map(ForecastVersions.Version::name).toList());
    assertEquals(
        List.of(false, true, false),
        versions.stream().map(ForecastVersions.Version::current).toList());
    assertEquals(60, versions.get(0).manifest().forecastCount());
    assertFalse(versions.get(0).expiredAt(T0));
    assertTrue(versions.get(0).expiredAt(T0.plus(Duration.standardHours(1))));
    // No forecasts: never valid.
    assertTrue(versions.get(2).expiredAt(T0));
  }

  @Test
  public void aPublishedEarlierVersionIsWhatARunningStreamLoadsNext() throws Exception {
    Path root = threeVersions();
    ForecastLoader loader = new ForecastLoader(root.toString());
    assertTrue(loader.refresh(T0));
    assertEquals("20240501T093000Z", loader.current().version());

    ForecastVersions.Version published =
        ForecastVersions.publish(root.toString(), "20240501T090000Z", T0.plus(MINUTE));
    assertEquals("20240501T090000Z", published.name());
    ForecastManifest latest = ForecastManifest.read(root.toString());
    assertEquals("20240501T090000Z", latest.modelVersion());
    assertEquals(T0.plus(MINUTE), latest.publishedAt());
    assertEquals(published.manifest().validUntil(), latest.validUntil());
    // The version's own manifest is left as the batch wrote it.
    assertNull(
        ForecastManifest.parse(
                Files.readString(root.resolve("manifests").resolve("20240501T090000Z.json")))
            .publishedAt());

    assertTrue(loader.refresh(T0.plus(MINUTE.multipliedBy(2))));
    assertEquals("20240501T090000Z", loader.current().version());
    assertEquals(10.0, loader.current().lookup("s=a", "count", T0.plus(MINUTE)).getExpected(), 0);
    assertTrue(
        ForecastVersions.list(root.toString()).get(0).current());
  }

  @Test
  public void refusesAVersionThatIsNotThereOrHasNoForecasts() throws Exception {
    Path root = threeVersions();
    String output = root.toString();
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> ForecastVersions.publish(output, "20240430T000000Z", T0));
    assertEquals(
        "no version 20240430T000000Z under " + output + "; versions that can be published: "
            + "20240501T090000Z, 20240501T093000Z",
        missing.getMessage());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class,
            () -> ForecastVersions.publish(output, "20240501T095000Z", T0));
    assertEquals(
        "version 20240501T095000Z has no forecasts (its run trained no model); versions that can"
            + " be published: 20240501T090000Z, 20240501T093000Z",
        none.getMessage());
    // Nothing was published by the refusals.
    assertEquals("20240501T093000Z", ForecastManifest.read(output).modelVersion());
    // A version that ran out is published, for replays of its span; the caller is told.
    ForecastVersions.Version ranOut =
        ForecastVersions.publish(output, "20240501T090000Z", T0.plus(Duration.standardHours(2)));
    assertTrue(ranOut.expiredAt(T0.plus(Duration.standardHours(2))));
    assertEquals("20240501T090000Z", ForecastManifest.read(output).modelVersion());
  }

  @Test
  public void aLocationWithoutVersionsIsNamed() {
    String output = tmp.getRoot().toPath().resolve("nothing-here").toString();
    FileNotFoundException e =
        assertThrows(FileNotFoundException.class, () -> ForecastVersions.list(output));
    assertTrue(e.getMessage(), e.getMessage().startsWith("no forecast version under " + output));
  }
}
