package dev.augur.transforms.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.EventFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The parts of a forecast run's manifest that a reader of the forecasts needs, as {@link
 * WriteForecastRun} writes it: the version, the time span the forecasts cover and how many there
 * are. {@link #read} follows {@code <output>/manifest.json} (a local directory or any location
 * Beam's {@link FileSystems} knows, such as {@code s3://}) to the latest complete version.
 *
 * @param modelVersion the run's version; also the name of its forecast directory
 * @param validFrom start of the first forecast window; null when the run has no forecasts
 * @param validUntil end of the last forecast window; null when the run has no forecasts
 * @param windowSeconds the forecast window size; 0 when the manifest does not say
 * @param statistics the statistics forecast
 * @param forecastCount the number of forecast lines written; -1 when the manifest does not say
 * @param eventFields the JSON field names the history's events were read with; null when the
 *     manifest does not say (CSV input, or a version written before manifests recorded them)
 * @param publishedAt when an earlier version was published again ({@link ForecastVersions#publish},
 *     a rollback); null for a manifest as the batch wrote it
 */
public record ForecastManifest(
    String modelVersion,
    @Nullable Instant validFrom,
    @Nullable Instant validUntil,
    long windowSeconds,
    List<String> statistics,
    long forecastCount,
    @Nullable EventFormat eventFields,
    @Nullable Instant publishedAt) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The field a version published again carries. */
  static final String PUBLISHED_AT = "published_at";

  public ForecastManifest {
    statistics = List.copyOf(statistics);
  }

  /** Reads the latest manifest under {@code output}; fails if it is missing or malformed. */
  public static ForecastManifest read(String output) throws IOException {
    String path = WriteForecastRun.manifestPath(output);
    MatchResult.Metadata file = FileSystems.matchSingleFileSpec(path);
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Parses a manifest; fails naming the missing or bad field. */
  public static ForecastManifest parse(String json) {
    return parse(tree(json));
  }

  /** The manifest's JSON tree, for fields this class does not read; fails if it is not JSON. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest is not JSON: " + e.getOriginalMessage());
    }
  }

  /** {@link #parse(String)} of a tree already read by {@link #tree}. */
  public static ForecastManifest parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("manifest is not a JSON object");
    }
    JsonNode version = n.get("model_version");
    if (version == null || !version.isTextual() || !isSafeVersion(version.asText())) {
      throw new IllegalArgumentException("manifest lacks a usable 'model_version': " + version);
    }
    List<String> statistics = new ArrayList<>();
    n.path("statistics").forEach(s -> statistics.add(s.asText()));
    return new ForecastManifest(
        version.asText(),
        instant(n, "valid_from"),
        instant(n, "valid_until"),
        n.path("window_seconds").asLong(0),
        statistics,
        n.path("forecast_count").asLong(-1),
        eventFields(n.get("event_fields")),
        instant(n, PUBLISHED_AT));
  }

  private static @Nullable EventFormat eventFields(@Nullable JsonNode f) {
    if (f == null || f.isNull()) {
      return null;
    }
    List<String> series = new ArrayList<>();
    f.path("series").forEach(s -> series.add(s.asText()));
    try {
      return EventFormat.of(f.path("timestamp").asText(), f.path("value").asText(), series);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("manifest field 'event_fields' is not usable: " + e.getMessage());
    }
  }

  /** The version names a directory: it must not be empty or climb out of its parent. */
  private static boolean isSafeVersion(String v) {
    return !v.isBlank() && !v.contains("/") && !v.contains("\\") && !v.equals("..") && !v.equals(".");
  }

  private static @Nullable Instant instant(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("manifest field '" + field + "' is not an instant: " + v);
    }
  }
}
