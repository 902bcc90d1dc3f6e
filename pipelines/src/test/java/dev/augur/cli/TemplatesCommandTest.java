package dev.augur.cli;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.Test;

/** The committed templates must be exactly what the options interfaces generate. */
public class TemplatesCommandTest {
  @Test
  public void committedTemplatesMatchTheOptions() throws Exception {
    Path dir = Paths.get("..", "templates");
    for (Map.Entry<String, TemplatesCommand.Template> e : TemplatesCommand.templates().entrySet()) {
      Path file = dir.resolve(e.getKey());
      assertEquals(
          file + " is stale: run bin/augur templates",
          TemplatesCommand.metadata(e.getValue()),
          Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  @Test
  public void labelsFromNames() {
    assertEquals("Series fields", TemplatesCommand.label("seriesFields"));
    assertEquals("Input", TemplatesCommand.label("input"));
  }
}
