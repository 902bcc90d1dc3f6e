package dev.augur.runners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories of the integration tests, which live under {@code target/it} between runs. */
final class TestDirs {
  private TestDirs() {}

  /**
   * Deletes {@code dir} and everything in it, if it exists, and returns it: a test that writes a
   * fixed forecast version starts from an empty output, since a version is written once.
   */
  static Path emptied(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return dir;
  }
}
