package dev.augur.evaluation.nab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Where tests find the NAB development subset, which is read in place and never copied. */
public final class NabData {
  private NabData() {}

  /**
   * The subset's directory ({@code data/} and {@code labels/combined_windows.json}): {@code
   * -Daugur.nab.dir}, else {@code shared/nab} beside the project; null where it is absent.
   */
  public static Path dir() {
    List<Path> candidates = new ArrayList<>();
    String property = System.getProperty("augur.nab.dir");
    if (property != null && !property.isBlank()) {
      candidates.add(Paths.get(property));
    }
    candidates.add(Paths.get("../../shared/nab"));
    candidates.add(Paths.get("../shared/nab"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p.resolve("labels/combined_windows.json"))
          && Files.isDirectory(p.resolve("data"))) {
        return p;
      }
    }
    return null;
  }
}
