package dev.augur.transforms.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The forecast versions kept under one output location, and which of them streams follow: every
 * batch run leaves its manifest under {@code manifests/<version>.json}, and {@code manifest.json}
 * names the one streams compare with. {@link #publish} makes an earlier version that one again (a
 * rollback after a bad training run): running streams load it on their next refresh, with no
 * restart, and the next batch run publishes its own version as usual.
 */
public final class ForecastVersions {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ForecastVersions() {}

  /**
   * One version, as its own manifest describes it.
   *
   * @param manifest what a reader of its forecasts needs
   * @param holdoutWape per statistic, the holdout WAPE of its global model; empty for per-series
   *     models or a run without a holdout
   * @param bandBaselines where its models' bands started ({@code day_mean}, {@code day_median},
   *     {@code none}...), each once; empty when the manifest does not say
   * @param forecastFiles whether its forecast directory holds files (a lifecycle rule or a person
   *     may have removed them)
   * @param current whether {@code manifest.json} names it
   * @param createdAt when its run wrote it; null when the manifest does not say
   * @param unreadable why its manifest could not be read (its other fields then say nothing);
   *     null when it was read
   */
  public record Version(
      ForecastManifest manifest,
      Map<String, Double> holdoutWape,
      List<String> bandBaselines,
      boolean forecastFiles,
      boolean current,
      @Nullable Instant createdAt,
      @Nullable String unreadable) {
    public Version {
      holdoutWape = Map.copyOf(holdoutWape);
      bandBaselines = List.copyOf(bandBaselines);
    }

    public String name() {
      return manifest.modelVersion();
    }

    /** Whether its forecasts ended at or before {@code now}, or it has none. */
    public boolean expiredAt(Instant now) {
      return manifest.validUntil() == null || !manifest.validUntil().isAfter(now);
    }
  }

  /**
   * The versions under {@code output}, oldest first (by when their runs wrote them, else by name).
   * A manifest that cannot be read is listed as such, so the others can still be published. Fails
   * naming the location when it holds none.
   */
  public static List<Version> list(String output) throws IOException {
    String current = currentVersion(output);
    List<Version> versions = new ArrayList<>();
    MatchResult match =
        FileSystems.match(
            WriteForecastRun.runManifestPath(output, "*"), EmptyMatchTreatment.ALLOW);
    for (MatchResult.Metadata file : match.metadata()) {
      String json = read(file);
      ForecastManifest m;
      JsonNode n;
      Instant created;
      try {
        n = ForecastManifest.tree(json);
        m = ForecastManifest.parse(n);
        created = n.hasNonNull("created_at") ? Instant.parse(n.get("created_at").asText()) : null;
      } catch (IllegalArgumentException e) {
        String name = file.resourceId().getFilename().replaceFirst("\\.json$", "");
        versions.add(
            new Version(
                new ForecastManifest(name, null, null, 0, List.of(), -1, null, null),
                Map.of(), List.of(), false, false, null, e.getMessage()));
        continue;
      }
      versions.add(
          new Version(
              m,
              holdoutWape(n),
              bandBaselines(n),
              m.forecastCount() == 0 || hasForecastFiles(output, m.modelVersion()),
              m.modelVersion().equals(current),
              created,
              null));
    }
    if (versions.isEmpty()) {
      throw new FileNotFoundException(
          "no forecast version under " + output + " (no " + WriteForecastRun.runManifestPath(output, "*")
              + "); give the --output of a batch run");
    }
    versions.sort(
        Comparator.comparing(
                Version::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Version::name));
    return versions;
  }

  /**
   * Makes {@code version} the one {@code manifest.json} names, so streams following {@code output}
   * compare with it from their next refresh. Refuses a version that is not there or has no
   * forecasts, naming the versions that could be published. One whose forecasts ended before
   * {@code now} is published (a replay of its span compares with it), though a live stream would
   * compare no window with it: {@link Version#expiredAt} says so to the caller. The manifest
   * written is the version's own with {@code published_at} ({@code now}) added, so the streams'
   * logs tell this load from the version's first.
   *
   * @return the version now published, as listed before
   */
  public static Version publish(String output, String version, Instant now)
      throws IOException {
    return publish(output, list(output), version, now);
  }

  /** As {@link #publish(String, String, Instant)}, from the {@code versions} just listed. */
  public static Version publish(String output, List<Version> versions, String version, Instant now)
      throws IOException {
    Version chosen = null;
    for (Version v : versions) {
      if (v.name().equals(version)) {
        chosen = v;
      }
    }
    if (chosen != null && chosen.unreadable() != null) {
      throw new IllegalArgumentException(
          "version " + version + " has a manifest that cannot be read (" + chosen.unreadable()
              + "); " + publishable(versions));
    }
    if (chosen == null) {
      throw new IllegalArgumentException(
          "no version " + version + " under " + output + "; " + publishable(versions));
    }
    if (chosen.manifest().forecastCount() == 0) {
      throw new IllegalArgumentException(
          "version " + version + " has no forecasts (its run trained no model); "
              + publishable(versions));
    }
    if (!chosen.forecastFiles()) {
      throw new IllegalArgumentException(
          "version " + version + " has a manifest but no forecast files ("
              + WriteForecastRun.forecastDir(output, version) + " is empty); "
              + publishable(versions));
    }
    ObjectNode manifest =
        (ObjectNode) MAPPER.readTree(read(output, WriteForecastRun.runManifestPath(output, version)));
    manifest.put(ForecastManifest.PUBLISHED_AT, now.toString());
    byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    WriteForecastRun.write(WriteForecastRun.manifestPath(output), bytes);
    return chosen;
  }

  /** The versions that {@link #publish} would take, for messages. */
  static String publishable(List<Version> versions) {
    List<String> names = new ArrayList<>();
    for (Version v : versions) {
      if (v.unreadable() == null && v.manifest().forecastCount() != 0 && v.forecastFiles()) {
        names.add(v.name());
      }
    }
    return names.isEmpty()
        ? "no version there has forecasts; run bin/augur batch"
        : "versions that can be published: " + String.join(", ", names);
  }

  /** The version {@code manifest.json} names; null when there is none. */
  private static @Nullable String currentVersion(String output) throws IOException {
    MatchResult match =
        FileSystems.match(WriteForecastRun.manifestPath(output), EmptyMatchTreatment.ALLOW);
    if (match.metadata().isEmpty()) {
      return null;
    }
    try {
      return ForecastManifest.parse(read(match.metadata().get(0))).modelVersion();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean hasForecastFiles(String output, String version) throws IOException {
    return !FileSystems.match(
            WriteForecastRun.forecastDir(output, version) + "*", EmptyMatchTreatment.ALLOW)
        .metadata()
        .isEmpty();
  }

  private static List<String> bandBaselines(JsonNode manifest) {
    List<String> bands = new ArrayList<>();
    for (JsonNode model : manifest.path("models_trained")) {
      String band = model.path("band_baseline").asText("");
      if (!band.isEmpty() && !bands.contains(band)) {
        bands.add(band);
      }
    }
    return bands;
  }

  private static Map<String, Double> holdoutWape(JsonNode manifest) {
    Map<String, Double> wape = new LinkedHashMap<>();
    for (JsonNode model : manifest.path("models_trained")) {
      JsonNode w = model.path("holdout").path("wape");
      if (!model.has("series") && w.isNumber()) {
        wape.put(model.path("statistic").asText(), w.asDouble());
      }
    }
    return wape;
  }

  private static String read(String output, String path) throws IOException {
    MatchResult match = FileSystems.match(path, EmptyMatchTreatment.ALLOW);
    if (match.metadata().isEmpty()) {
      throw new FileNotFoundException(path + " under " + output);
    }
    return read(match.metadata().get(0));
  }

  private static String read(MatchResult.Metadata file) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
