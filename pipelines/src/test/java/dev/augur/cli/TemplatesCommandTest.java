package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
    Path managedFlink = dir.resolve(ManagedFlinkTemplate.FILE);
    assertEquals(
        managedFlink + " is stale: run bin/augur templates",
        ManagedFlinkTemplate.json(),
        Files.readString(managedFlink, StandardCharsets.UTF_8));
  }

  @Test
  public void metadataSaysWhichTemplateStreams() throws Exception {
    Map<String, TemplatesCommand.Template> t = TemplatesCommand.templates();
    assertTrue(TemplatesCommand.metadata(t.get("stream-metadata.json")).contains("\"streaming\" : true"));
    assertTrue(TemplatesCommand.metadata(t.get("batch-metadata.json")).contains("\"streaming\" : false"));
  }

  @Test
  public void buildCommandNamesTheMetadataTheBundleAndTheMainClass() {
    String command =
        TemplatesCommand.buildCommand(
            Paths.get("templates", "stream-metadata.json"),
            TemplatesCommand.templates().get("stream-metadata.json"));
    assertTrue(command, command.startsWith("gcloud dataflow flex-template build gs://BUCKET/templates/augur-stream.json"));
    assertTrue(command, command.contains("--metadata-file=templates/stream-metadata.json"));
    assertTrue(command, command.contains("--jar=runners/dataflow/target/augur-dataflow.jar"));
    assertTrue(
        command,
        command.contains(
            "--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=dev.augur.pipelines.StreamingDetectionPipeline"));
  }

  @Test
  public void labelsFromNames() {
    assertEquals("Series fields", TemplatesCommand.label("seriesFields"));
    assertEquals("Input", TemplatesCommand.label("input"));
  }
}
