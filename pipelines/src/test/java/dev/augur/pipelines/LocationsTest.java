package dev.augur.pipelines;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** CSV input is told by the files a pattern matches, not only by the pattern's own suffix. */
public class LocationsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void csvInputIsToldByTheFilesMatched() throws Exception {
    Path csv = tmp.newFolder("nab").toPath();
    Files.writeString(csv.resolve("nyc_taxi.csv.gz"), "");
    Path json = tmp.newFolder("events").toPath();
    Files.writeString(json.resolve("part-0.jsonl"), "");
    assertTrue(Locations.holdsCsv(csv + "/*", Locations.requireInput("input", csv + "/*")));
    assertFalse(Locations.holdsCsv(json + "/*", Locations.requireInput("input", json + "/*")));
    // Nothing matched: the pattern decides.
    assertTrue(Locations.holdsCsv(tmp.getRoot() + "/none/*.csv", List.of()));
    assertFalse(Locations.holdsCsv(tmp.getRoot() + "/none/*.jsonl", List.of()));
  }
}
