package dev.augur.transforms.detect;

import dev.augur.transforms.forecast.ForecastFiles;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.forecast.WriteForecastRun;
import java.io.IOException;
import java.util.List;
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
  /** Null: versions are loaded unchecked. */
  private final @Nullable StreamShape stream;
  private @Nullable ForecastIndex current;
  private @Nullable ForecastManifest currentManifest;
  /** The version refused last, with when it was published again, if it was: tried once each. */
  private @Nullable String refusedVersion;

  /** A version the stream cannot be compared with; the loader keeps the version it holds. */
  static final class RefusedVersion extends IOException {
    private static final long serialVersionUID = 1L;
    private final String version;
    private final @Nullable String publishedAt;

    RefusedVersion(String version, @Nullable String publishedAt, String message) {
      super(message);
      this.version = version;
      this.publishedAt = publishedAt;
    }

    /** The version refused. */
    String version() {
      return version;
    }

    /** When {@code versions --publish} published it again; null for its own run's publication. */
    @Nullable String publishedAt() {
      return publishedAt;
    }
  }

  ForecastLoader(String location) {
    this(location, null);
  }

  /**
   * Follows {@code location}, refusing versions that {@link VersionCheck} refuses for {@code
   * stream} (none when null).
   */
  ForecastLoader(String location, @Nullable StreamShape stream) {
    this.location = location;
    this.stream = stream;
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
   * missing or unreadable manifest or forecast file, fails and keeps the version held. A version
   * of another window length, or trained on events with other fields, fails once with {@link
   * RefusedVersion}, and is passed over on later calls while the manifest still names it.
   */
  boolean refresh(Instant now) throws IOException {
    ForecastManifest manifest = ForecastManifest.read(location);
    String version = manifest.modelVersion();
    // A version published again (versions --publish) is tried again, even if refused before.
    String publication = version + " " + manifest.publishedAt();
    if (current != null && version.equals(current.version()) || publication.equals(refusedVersion)) {
      return false;
    }
    if (stream != null) {
      List<String> problems = VersionCheck.check(stream, manifest)
          .stream()
          .filter(VersionCheck.Mismatch::refused)
          .map(VersionCheck.Mismatch::message)
          .toList();
      if (!problems.isEmpty()) {
        refusedVersion = publication;
        throw new RefusedVersion(
            version,
            manifest.publishedAt() == null ? null : manifest.publishedAt().toString(),
            String.join("; ", problems));
      }
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
