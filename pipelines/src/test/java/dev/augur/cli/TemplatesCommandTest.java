package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.pipelines.options.BacktestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The committed templates must be exactly what the options interfaces generate. */
public class TemplatesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    for (ManagedFlinkTemplate.Pipeline p : ManagedFlinkTemplate.PIPELINES) {
      Path managedFlink = dir.resolve(p.file());
      assertEquals(
          managedFlink + " is stale: run bin/augur templates",
          ManagedFlinkTemplate.json(p),
          Files.readString(managedFlink, StandardCharsets.UTF_8));
    }
  }

  @Test
  public void metadataSaysWhichTemplateStreams() throws Exception {
    Map<String, TemplatesCommand.Template> t = TemplatesCommand.templates();
    assertTrue(TemplatesCommand.metadata(t.get("stream-metadata.json")).contains("\"streaming\" : true"));
    assertTrue(TemplatesCommand.metadata(t.get("batch-metadata.json")).contains("\"streaming\" : false"));
    assertTrue(TemplatesCommand.metadata(t.get("backtest-metadata.json")).contains("\"streaming\" : false"));
    assertTrue(TemplatesCommand.metadata(t.get("archive-metadata.json")).contains("\"streaming\" : true"));
  }

  /**
   * The backtest's job scores and draws what it wrote, so the template offers the labels to score
   * against and the report's location, as the command line does.
   */
  @Test
  public void theBacktestTemplateOffersLabelsAndTheReport() throws Exception {
    JsonNode metadata =
        JSON.readTree(TemplatesCommand.metadata(TemplatesCommand.templates().get("backtest-metadata.json")));
    List<String> names = new ArrayList<>();
    metadata.get("parameters").forEach(p -> names.add(p.get("name").asText()));
    assertTrue(names.toString(), names.containsAll(List.of("output", "trainSpan", "anomalyLabels", "report")));
    assertTrue(metadata.get("description").asText().contains("evaluation.json"));
  }

  /**
   * The service refuses parameters the metadata does not declare, so every template declares
   * Beam's AWS options, once, beside the pipeline's own; the names are Beam's and the help text's
   * credentials example is what Beam reads.
   */
  @Test
  public void everyTemplateOffersBeamsAwsOptions() throws Exception {
    for (Map.Entry<String, TemplatesCommand.Template> e : TemplatesCommand.templates().entrySet()) {
      JsonNode params = JSON.readTree(TemplatesCommand.metadata(e.getValue())).get("parameters");
      List<String> names = new ArrayList<>();
      params.forEach(p -> names.add(p.get("name").asText()));
      assertEquals(e.getKey() + " declares a parameter twice", new HashSet<>(names).size(), names.size());
      assertThat(e.getKey(), names, hasItems("awsRegion", "awsCredentialsProvider", "endpoint"));
    }
    for (TemplatesCommand.Parameter p : TemplatesCommand.AWS_PARAMETERS) {
      String getter = "get" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
      AwsOptions.class.getMethod(getter);
    }
    AwsOptions aws =
        PipelineOptionsFactory.fromArgs(
                "--awsRegion=eu-west-1",
                "--endpoint=http://127.0.0.1:4566",
                "--awsCredentialsProvider=" + TemplatesCommand.AWS_CREDENTIALS_EXAMPLE)
            .as(BacktestOptions.class)
            .as(AwsOptions.class);
    assertEquals(Region.EU_WEST_1, aws.getAwsRegion());
    assertEquals(URI.create("http://127.0.0.1:4566"), aws.getEndpoint());
    AwsCredentialsProvider credentials = aws.getAwsCredentialsProvider();
    assertThat(credentials, instanceOf(StaticCredentialsProvider.class));
    assertEquals("AKIA...", credentials.resolveCredentials().accessKeyId());
  }

  @Test
  public void buildCommandNamesTheMetadataTheBundleAndTheMainClass() {
    String command =
        TemplatesCommand.buildCommand(
            Paths.get("/opt/augur/templates", "stream-metadata.json"),
            TemplatesCommand.templates().get("stream-metadata.json"),
            Paths.get("/opt/augur"));
    assertTrue(command, command.startsWith("gcloud dataflow flex-template build gs://BUCKET/templates/augur-stream.json"));
    assertTrue(command, command.contains("--metadata-file=/opt/augur/templates/stream-metadata.json"));
    // Absolute, so the command works from any directory.
    assertTrue(command, command.contains("--jar=/opt/augur/runners/dataflow/target/augur-dataflow.jar"));
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
