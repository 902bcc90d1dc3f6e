package dev.augur.transforms.forecast;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ForecastManifestTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** A manifest with the fields WriteForecastRun writes. */
  private static final String MANIFEST =
      "{\n"
          + "  \"model_version\" : \"20240501T000000Z\",\n"
          + "  \"created_at\" : \"2024-05-01T00:03:12.000Z\",\n"
          + "  \"input\" : \"s3://bucket/events/*.jsonl\",\n"
          + "  \"window_seconds\" : 300,\n"
          + "  \"horizon_windows\" : 288,\n"
          + "  \"model_scope\" : \"global\",\n"
          + "  \"interval_coverage\" : 0.9,\n"
          + "  \"statistics\" : [ \"count\", \"mean\" ],\n"
          + "  \"forecasts\" : \"forecasts/20240501T000000Z/\",\n"
          + "  \"models\" : \"models/20240501T000000Z/\",\n"
          + "  \"forecast_count\" : 1152,\n"
          + "  \"valid_from\" : \"2024-05-01T00:00:00.000Z\",\n"
          + "  \"valid_until\" : \"2024-05-02T00:00:00.000Z\",\n"
          + "  \"models_trained\" : [ ]\n"
          + "}";

  @Test
  public void parsesTheFieldsAReaderNeeds() {
    assertEquals(
        new ForecastManifest(
            "20240501T000000Z",
            Instant.parse("2024-05-01T00:00:00Z"),
            Instant.parse("2024-05-02T00:00:00Z"),
            300,
            List.of("count", "mean"),
            1152,
            null,
            null),
        ForecastManifest.parse(MANIFEST));
  }

  @Test
  public void aRunWithoutForecastsHasNoValidity() {
    ForecastManifest m =
        ForecastManifest.parse("{\"model_version\":\"v1\",\"forecast_count\":0,\"statistics\":[]}");
    assertNull(m.validFrom());
    assertNull(m.validUntil());
    assertEquals(0, m.forecastCount());
  }

  @Test
  public void rejectsAMissingOrUnsafeVersionAndBadInstants() {
    assertThrows(IllegalArgumentException.class, () -> ForecastManifest.parse("{}"));
    assertThrows(IllegalArgumentException.class, () -> ForecastManifest.parse("not json"));
    assertThrows(
        IllegalArgumentException.class, () -> ForecastManifest.parse("{\"model_version\":\"../x\"}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ForecastManifest.parse("{\"model_version\":\"v1\",\"valid_until\":\"tomorrow\"}"));
  }

  @Test
  public void readsTheLatestManifestUnderALocation() throws IOException {
    Path root = tmp.getRoot().toPath();
    assertThrows(IOException.class, () -> ForecastManifest.read(root.toString()));
    Files.writeString(root.resolve("manifest.json"), MANIFEST, StandardCharsets.UTF_8);
    assertEquals("20240501T000000Z", ForecastManifest.read(root.toString()).modelVersion());
    Files.writeString(root.resolve("manifest.json"), "{\"model_version\":", StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> ForecastManifest.read(root + "/"));
    assertTrue(e.getMessage(), e.getMessage().contains("manifest.json"));
  }
}
