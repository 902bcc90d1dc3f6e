package dev.augur.transforms.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.forecast.ForecastJson;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.Forecast;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Writes forecast runs in the layout of {@link WriteForecastRun}, for the loading tests. */
final class ForecastRuns {
  static final Instant TRAINED_AT = Instant.parse("2024-05-01T00:00:00Z");

  private ForecastRuns() {}

  /** A forecast of {@code version} for the window of {@code size} starting at {@code start}. */
  static Forecast forecast(
      String version, String series, String statistic, Instant start, Duration size,
      double expected, double lower, double upper, Instant validUntil) {
    return Forecast.create(
        series, statistic, start, start.plus(size), expected, lower, upper, version, TRAINED_AT,
        validUntil);
  }

  /**
   * Writes the version's forecast file and its own manifest (not yet the latest), the manifest
   * saying the version is valid until {@code validUntil}, or the end of its last window if null.
   */
  static void write(Path root, String version, List<Forecast> forecasts, @Nullable Instant validUntil) {
    write(root, version, forecasts, validUntil, null);
  }

  /** As {@link #write(Path, String, List, Instant)}, the manifest recording the history's fields. */
  static void write(Path root, String version, List<Forecast> forecasts,
      @Nullable Instant validUntil, @Nullable EventFormat fields) {
    try {
      Path dir = Path.of(WriteForecastRun.forecastDir(root.toString(), version));
      Files.createDirectories(dir);
      Files.write(
          dir.resolve("forecasts-00000-of-00001.jsonl"),
          forecasts.stream().map(ForecastJson::toJson).collect(Collectors.toList()),
          StandardCharsets.UTF_8);
      ObjectNode m = new ObjectMapper().createObjectNode();
      m.put("model_version", version);
      // The windows' length, as the batch pipeline records it; a minute for a run of none.
      m.put("window_seconds", forecasts.isEmpty() ? 60
          : new Duration(forecasts.get(0).getWindowStart(), forecasts.get(0).getWindowEnd())
              .getStandardSeconds());
      m.putArray("statistics").add("count").add("mean");
      m.put("forecasts", "forecasts/" + version + "/");
      m.put("forecast_count", forecasts.size());
      if (fields != null) {
        ObjectNode f = m.putObject("event_fields");
        f.put("timestamp", fields.timestampField());
        f.put("value", fields.valueField());
        fields.seriesFields().forEach(f.putArray("series")::add);
      }
      if (!forecasts.isEmpty()) {
        Instant from = forecasts.stream().map(Forecast::getWindowStart).min(Instant::compareTo).get();
        Instant until = forecasts.stream().map(Forecast::getWindowEnd).max(Instant::compareTo).get();
        m.put("valid_from", from.toString());
        m.put("valid_until", (validUntil == null ? until : validUntil).toString());
      }
      Path manifest = versionManifest(root, version);
      Files.createDirectories(manifest.getParent());
      Files.writeString(manifest, m.toPrettyString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes {@code version} the latest, as the batch pipeline's last step does. */
  static void publish(Path root, String version) {
    try {
      Path latest = Path.of(WriteForecastRun.manifestPath(root.toString()));
      Path tmp = latest.resolveSibling("manifest.json.tmp");
      Files.copy(versionManifest(root, version), tmp, StandardCopyOption.REPLACE_EXISTING);
      // Readers must see the old or the new manifest, never a partial one.
      Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path versionManifest(Path root, String version) {
    return root.resolve("manifests").resolve(version + ".json");
  }
}
