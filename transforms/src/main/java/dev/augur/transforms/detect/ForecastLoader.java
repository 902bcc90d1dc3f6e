package dev.augur.transforms.detect;

import dev.augur.transforms.forecast.ForecastFiles;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.forecast.WriteForecastRun;
import java.io.IOException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Follows the latest published forecast version under one output location and keeps it loaded:
 * each {@link #refresh} reads {@code manifest.json} and reads the version's forecast files only
 * when the manifest names a version other than the one held. Not thread-safe; one per DoFn
 * instance.
 */
final class ForecastLoader {
  private final String location;
  private @Nullable ForecastIndex current;
  private @Nullable ForecastManifest currentManifest;

  ForecastLoader(String location) {
    this.location = location;
  }

  /** The version loaded last; null before the first successful load. */
  @Nullable ForecastIndex current() {
    return current;
  }

  /** The manifest of {@link #current()}. */
  @Nullable ForecastManifest currentManifest() {
    return currentManifest;
  }

  /**
   * Loads the version the manifest names if it is not the one held; returns whether it did. On a
   * missing or unreadable manifest or forecast file, fails and keeps the version held.
   */
  boolean refresh(Instant now) throws IOException {
    ForecastManifest manifest = ForecastManifest.read(location);
    if (current != null && manifest.modelVersion().equals(current.version())) {
      return false;
    }
    current = load(manifest, now);
    currentManifest = manifest;
    return true;
  }

  private ForecastIndex load(ForecastManifest manifest, Instant now) throws IOException {
    String version = manifest.modelVersion();
    ForecastIndex.Builder index = ForecastIndex.builder(version, manifest.validUntil());
    long lines = ForecastFiles.forEach(location, version, index::add);
    if (manifest.forecastCount() >= 0 && lines != manifest.forecastCount()) {
      throw new IOException(
          "version " + version + " lists " + manifest.forecastCount() + " forecasts but "
              + lines + " were read from " + WriteForecastRun.forecastDir(location, version));
    }
    try {
      return index.build(now);
    } catch (IllegalArgumentException e) {
      throw new IOException("version " + version + ": " + e.getMessage(), e);
    }
  }
}
