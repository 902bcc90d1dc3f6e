package dev.augur.transforms.detect;

import static dev.augur.transforms.detect.ForecastRuns.forecast;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.Forecast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ForecastLoaderTest {
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant UNTIL = T0.plus(MINUTE.multipliedBy(2));

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Path root;

  @Before
  public void setUp() {
    root = tmp.getRoot().toPath();
  }

  private static List<Forecast> run(String version, double expected) {
    return List.of(
        forecast(version, "s=a", "count", T0, MINUTE, expected, expected - 2, expected + 2, UNTIL),
        forecast(version, "s=a", "count", T0.plus(MINUTE), MINUTE, expected, expected - 2, expected + 2, UNTIL));
  }

  @Test
  public void loadsANewVersionOnceAndKeepsItWhileTheManifestIsUnchanged() throws IOException {
    ForecastLoader loader = new ForecastLoader(root.toString());
    ForecastRuns.write(root, "v1", run("v1", 10), null);
    ForecastRuns.publish(root, "v1");

    assertTrue(loader.refresh(T0));
    ForecastIndex v1 = loader.current();
    assertEquals("v1", v1.version());
    assertEquals(2, v1.size());
    assertEquals(run("v1", 10).get(1), v1.lookup("s=a", "count", T0.plus(MINUTE)));

    // The version's files are not read again: gone, they would fail the load.
    deleteForecastFiles("v1");
    assertFalse(loader.refresh(T0.plus(MINUTE)));
    assertSame(v1, loader.current());

    ForecastRuns.write(root, "v2", run("v2", 20), null);
    ForecastRuns.publish(root, "v2");
    assertTrue(loader.refresh(T0.plus(MINUTE.multipliedBy(2))));
    assertEquals("v2", loader.current().version());
    assertEquals(T0.plus(MINUTE.multipliedBy(2)), loader.current().loadedAt());
  }

  @Test
  public void failsWithoutAManifestAndKeepsTheLoadedVersionOnBadFiles() throws IOException {
    ForecastLoader loader = new ForecastLoader(root.toString());
    assertThrows(IOException.class, () -> loader.refresh(T0));
    assertNull(loader.current());

    ForecastRuns.write(root, "v1", run("v1", 10), null);
    ForecastRuns.publish(root, "v1");
    assertTrue(loader.refresh(T0));

    // v2's manifest is published but one of its lines is not a forecast.
    ForecastRuns.write(root, "v2", run("v2", 20), null);
    Files.writeString(
        forecastFile("v2"), "{\"series\":\"s=a\"}\n", StandardCharsets.UTF_8);
    ForecastRuns.publish(root, "v2");
    IOException bad = assertThrows(IOException.class, () -> loader.refresh(T0.plus(MINUTE)));
    assertTrue(bad.getMessage(), bad.getMessage().contains("line 1"));
    assertEquals("v1", loader.current().version());

    // v3's files are missing: fewer forecasts than its manifest lists.
    ForecastRuns.write(root, "v3", run("v3", 30), null);
    deleteForecastFiles("v3");
    ForecastRuns.publish(root, "v3");
    IOException missing = assertThrows(IOException.class, () -> loader.refresh(T0.plus(MINUTE)));
    assertTrue(missing.getMessage(), missing.getMessage().contains("lists 2 forecasts but 0"));
    assertEquals("v1", loader.current().version());
  }

  /**
   * A version the stream cannot be compared with (other series fields, or a value field other than
   * the default the stream left in place) is refused once, then passed over while the manifest
   * names it; the version held stays. One trained on the stream's fields, or on another value field
   * the stream names on purpose, is loaded.
   */
  @Test
  public void refusesVersionsTrainedOnOtherFieldsAndKeepsTheHeldOne() throws IOException {
    EventFormat stream = EventFormat.of("ts", "value", List.of("region", "service"));
    ForecastLoader loader = new ForecastLoader(root.toString(), new StreamShape(stream, MINUTE));
    ForecastRuns.write(root, "v1", run("v1", 10), null, stream);
    ForecastRuns.publish(root, "v1");
    assertTrue(loader.refresh(T0));

    ForecastRuns.write(root, "v2", run("v2", 20), null,
        EventFormat.of("ts", "value", List.of("service", "region")));
    ForecastRuns.publish(root, "v2");
    ForecastLoader.RefusedVersion refused =
        assertThrows(ForecastLoader.RefusedVersion.class, () -> loader.refresh(T0.plus(MINUTE)));
    assertTrue(refused.getMessage(), refused.getMessage().startsWith("--seriesFields is"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("forecast version v2"));
    assertFalse(loader.refresh(T0.plus(MINUTE.multipliedBy(2))));
    assertEquals("v1", loader.current().version());
    assertEquals(null, refused.publishedAt());
    // Published again (versions --publish): tried once more, and refused once more, as a
    // publication of its own, which the stream's log tells again (it used to stay silent).
    dev.augur.transforms.forecast.ForecastVersions.publish(root.toString(), "v2", T0);
    ForecastLoader.RefusedVersion again = assertThrows(ForecastLoader.RefusedVersion.class,
        () -> loader.refresh(T0.plus(MINUTE.multipliedBy(2))));
    assertEquals(T0.toString(), again.publishedAt());
    assertFalse(loader.refresh(T0.plus(MINUTE.multipliedBy(2))));

    ForecastRuns.write(root, "v3", run("v3", 30), null,
        EventFormat.of("ts", "latency", List.of("region", "service")));
    ForecastRuns.publish(root, "v3");
    refused = assertThrows(ForecastLoader.RefusedVersion.class,
        () -> loader.refresh(T0.plus(MINUTE.multipliedBy(3))));
    assertTrue(refused.getMessage(), refused.getMessage().contains("give --valueField=latency"));
    assertEquals("v1", loader.current().version());

    ForecastRuns.write(root, "v4", run("v4", 40), null, stream);
    ForecastRuns.publish(root, "v4");
    assertTrue(loader.refresh(T0.plus(MINUTE.multipliedBy(4))));
    assertEquals("v4", loader.current().version());

    ForecastLoader onPurpose = new ForecastLoader(root.toString(), new StreamShape(
        EventFormat.of("ts", "latency_ms", List.of("region", "service")), MINUTE));
    ForecastRuns.publish(root, "v3");
    assertTrue(onPurpose.refresh(T0));
    assertEquals("v3", onPurpose.current().version());
  }

  /**
   * A version of another window length is refused once, naming the option and the length to give,
   * then passed over; the version held stays, and the next version of the stream's length loads.
   */
  @Test
  public void refusesVersionsOfAnotherWindowLengthAndKeepsTheHeldOne() throws IOException {
    EventFormat stream = EventFormat.of("ts", "value", List.of("s"));
    ForecastLoader loader = new ForecastLoader(root.toString(), new StreamShape(stream, MINUTE));
    ForecastRuns.write(root, "v1", run("v1", 10), null, stream);
    ForecastRuns.publish(root, "v1");
    assertTrue(loader.refresh(T0));

    Duration twoMinutes = MINUTE.multipliedBy(2);
    ForecastRuns.write(root, "v2",
        List.of(forecast("v2", "s=a", "count", T0, twoMinutes, 20, 18, 22, UNTIL)), null, stream);
    ForecastRuns.publish(root, "v2");
    ForecastLoader.RefusedVersion refused =
        assertThrows(ForecastLoader.RefusedVersion.class, () -> loader.refresh(T0.plus(MINUTE)));
    assertEquals(
        "--window is 1m, but forecast version v2 forecasts windows of 2m, which no window of this"
            + " stream can be compared with; give --window=2m",
        refused.getMessage());
    assertFalse(loader.refresh(T0.plus(twoMinutes)));
    assertEquals("v1", loader.current().version());
    // A window of the stream whose start the refused version also forecasts still gets v1's.
    assertEquals(10, loader.current().lookup("s=a", "count", T0).getExpected(), 0);

    ForecastRuns.write(root, "v3", run("v3", 30), null, stream);
    ForecastRuns.publish(root, "v3");
    assertTrue(loader.refresh(T0.plus(MINUTE.multipliedBy(3))));
    assertEquals("v3", loader.current().version());
  }

  private Path forecastFile(String version) {
    return Path.of(WriteForecastRun.forecastDir(root.toString(), version))
        .resolve("forecasts-00000-of-00001.jsonl");
  }

  private void deleteForecastFiles(String version) throws IOException {
    Files.delete(forecastFile(version));
  }
}
