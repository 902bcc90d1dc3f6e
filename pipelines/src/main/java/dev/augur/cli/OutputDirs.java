package dev.augur.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Tidying of the local directories a job wrote to, once it has ended. */
final class OutputDirs {
  /** The temporary directories Beam's file writes leave, innermost first. */
  private static final List<String> TEMP_DIRS = List.of(".temp-beam", ".tmp/.temp-beam", ".tmp");

  private OutputDirs() {}

  /**
   * Removes the empty temporary directories that Beam's file writes of an unbounded input leave
   * in local output directories, once the job has ended (a replay): every file is final by then,
   * and the hidden leftovers look like an unfinished write. A directory that still holds
   * something, another job's, is left alone; object stores ({@code s3://}) have no directories to
   * leave, and null entries are skipped.
   */
  static void removeEmptyTempDirs(@Nullable String... dirs) {
    for (String dir : dirs) {
      if (dir == null || dir.contains("://")) {
        continue;
      }
      for (String temp : TEMP_DIRS) {
        try {
          Files.deleteIfExists(Path.of(dir, temp));
        } catch (IOException | InvalidPathException e) {
          // Not empty, or not a local path: left as it is.
        }
      }
    }
  }
}
