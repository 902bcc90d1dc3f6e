package dev.augur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur templates}: writes the launch templates, generated from the pipelines' options
 * interfaces (the one source of truth), into {@code templates/}: the Dataflow Flex Template
 * metadata of every pipeline and the CloudFormation template of the streaming pipeline on Managed
 * Flink ({@link ManagedFlinkTemplate}).
 */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Generate launch templates from the pipelines' options: Dataflow Flex Template metadata"
            + " and an AWS CloudFormation template for Managed Service for Apache Flink.")
public final class TemplatesCommand implements Callable<Integer> {
  @Option(names = "--output", defaultValue = "templates", description = "Directory to write into.")
  Path output;

  /** Each pipeline's template: file name → (display name, description, options). */
  static Map<String, Template> templates() {
    Map<String, Template> t = new LinkedHashMap<>();
    t.put(
        "batch-metadata.json",
        new Template(
            "Augur batch forecasting",
            "Reads event history, computes window statistics with Beam SQL, trains XGBoost "
                + "quantile models on lag features and writes forecasts with prediction "
                + "intervals, models and a manifest.",
            "dev.augur.pipelines.BatchForecastPipeline",
            false,
            BatchOptions.class));
    t.put(
        "stream-metadata.json",
        new Template(
            "Augur streaming detection",
            "Reads live events from Kinesis, Kafka or a file replay, compares window statistics "
                + "with the latest forecast, writes metrics and opens, updates and resolves "
                + "incidents on sustained deviations.",
            "dev.augur.pipelines.StreamingDetectionPipeline",
            true,
            StreamOptions.class));
    return t;
  }

  /**
   * One pipeline's template. The main class is not part of Flex Template metadata: it is given to
   * the image when the template is built ({@link #buildCommand}).
   */
  record Template(
      String name,
      String description,
      String mainClass,
      boolean streaming,
      Class<? extends PipelineOptions> options) {}

  /** The Flex Template metadata JSON of one pipeline. */
  static String metadata(Template t) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("name", t.name());
    root.put("description", t.description());
    root.put("streaming", t.streaming());
    ArrayNode params = root.putArray("parameters");
    for (PipelineOptionsCommand.OptionDoc d : PipelineOptionsCommand.describe(t.options())) {
      ObjectNode p = params.addObject();
      p.put("name", d.name());
      p.put("label", label(d.name()));
      p.put("helpText", d.description());
      p.put("isOptional", !d.required());
      if (d.defaultValue() != null && !d.defaultValue().isEmpty()) {
        p.put("defaultValue", d.defaultValue());
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /**
   * The command that builds the Flex Template from its metadata file and the Dataflow bundle
   * (Cloud Build makes the image; no local Docker engine is needed).
   */
  static String buildCommand(Path metadata, Template t) {
    String base = metadata.getFileName().toString().replace("-metadata.json", "");
    return String.join(
        " \\\n    ",
        "gcloud dataflow flex-template build gs://BUCKET/templates/augur-" + base + ".json",
        "--image-gcr-path=REGION-docker.pkg.dev/PROJECT/REPOSITORY/augur-" + base + ":latest",
        "--sdk-language=JAVA --flex-template-base-image=JAVA17",
        "--metadata-file=" + metadata,
        "--jar=runners/dataflow/target/augur-dataflow.jar",
        "--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=" + t.mainClass());
  }

  /** {@code seriesFields} → {@code Series fields}. */
  static String label(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append(' ').append(Character.toLowerCase(c));
      } else {
        sb.append(sb.length() == 0 ? Character.toUpperCase(c) : c);
      }
    }
    return sb.toString();
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(output);
    for (Map.Entry<String, Template> e : templates().entrySet()) {
      Path file = output.resolve(e.getKey());
      Files.writeString(file, metadata(e.getValue()), StandardCharsets.UTF_8);
      System.out.println("wrote " + file);
    }
    Path managedFlink = output.resolve(ManagedFlinkTemplate.FILE);
    Files.writeString(managedFlink, ManagedFlinkTemplate.json(), StandardCharsets.UTF_8);
    System.out.println("wrote " + managedFlink + " (AWS CloudFormation, Managed Flink)");
    System.out.println();
    System.out.println(
        "To build the Flex Templates, build the Dataflow bundle (mvn -pl runners/dataflow -am"
            + " package -Dmaven.test.skip=true), then:");
    for (Map.Entry<String, Template> e : templates().entrySet()) {
      System.out.println(buildCommand(output.resolve(e.getKey()), e.getValue()));
    }
    return 0;
  }
}
