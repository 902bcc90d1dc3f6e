package dev.augur.pipelines;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.transforms.parse.LineFiles;
import dev.augur.transforms.parse.ReadEvents;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks of the locations a job reads and writes, made before the job starts, so that a mistyped
 * path or a bucket that cannot be listed is an option's error rather than a job's failure minutes
 * later. Shared by the batch, backtest and archive pipelines.
 */
final class Locations {
  private Locations() {}

  /**
   * Whether {@code pattern}, under a location given as {@code option}, matches a file; fails
   * naming the option when the location cannot be listed (a bucket that does not exist, another
   * region, no credentials), before the job starts rather than when it first writes there.
   */
  static boolean holdsFiles(String option, String pattern) {
    return !requireListable(option, pattern, "so nothing could be written there").isEmpty();
  }

  /**
   * The files {@code pattern}, under a location given as {@code option}, matches; fails naming
   * the option, with {@code consequence}, when the location cannot be listed (a bucket that does
   * not exist, another region, no credentials).
   */
  static List<MatchResult.Metadata> requireListable(String option, String pattern,
      String consequence) {
    try {
      return LineFiles.match(pattern, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw new InvalidOptionException(
          option,
          "cannot be listed, " + consequence + ": " + e.getMessage()
              + "; check that the bucket exists, and the region and credentials",
          e);
    }
  }

  /**
   * Fails naming {@code option} when {@code location}, where the run writes its files, is an
   * existing local file: the job would fail only when it first wrote there, with Beam's words.
   */
  static void requireNotAFile(String option, String location) {
    if (location.contains("://") && !location.startsWith("file://")) {
      return;
    }
    java.nio.file.Path path =
        java.nio.file.Path.of(location.startsWith("file://") ? location.substring(7) : location);
    if (java.nio.file.Files.isRegularFile(path)) {
      throw new InvalidOptionException(
          option, location + " is a file; give the directory to write into");
    }
  }

  /**
   * Whether the input holds CSV files, whose events carry no JSON fields (the file names the
   * series): decided by the {@code files} its {@code pattern} matched, so {@code data/*} counts
   * too, or by the pattern itself when it matched none.
   */
  static boolean holdsCsv(String pattern, List<MatchResult.Metadata> files) {
    for (MatchResult.Metadata file : files) {
      if (ReadEvents.namesCsv(file.resourceId().getFilename())) {
        return true;
      }
    }
    return ReadEvents.namesCsv(pattern);
  }

  /**
   * The files {@code pattern} matches; fails naming {@code option} when it matches none, before
   * the job starts: a mistyped path is an option's error, not a job's failure minutes later.
   */
  static List<MatchResult.Metadata> requireInput(String option, String pattern) {
    List<MatchResult.Metadata> files;
    try {
      files = LineFiles.match(pattern, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw new InvalidOptionException(
          option, "cannot be listed: " + pattern + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InvalidOptionException(option, "matches no file: " + pattern);
    }
    return files;
  }
}
