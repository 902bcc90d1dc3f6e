package dev.augur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur templates}: writes the launch templates, generated from the pipelines' options
 * interfaces (the one source of truth), into {@code templates/}: the Dataflow Flex Template
 * metadata of every pipeline and the CloudFormation templates of the long-running ones (streaming
 * detection, archive) on Managed Flink ({@link ManagedFlinkTemplate}).
 */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Generate launch templates from the pipelines' options: Dataflow Flex Template metadata"
            + " and AWS CloudFormation templates for Managed Service for Apache Flink (stream and archive).")
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
    t.put(
        "archive-metadata.json",
        new Template(
            "Augur archive",
            "Reads live events from Kinesis, Kafka or a file replay and archives them to gzip"
                + " JSON-lines files partitioned by event time (dt=YYYY-MM-DD/hour=HH), which the"
                + " batch pipeline trains on; lines it would refuse are dead-lettered.",
            "dev.augur.pipelines.ArchivePipeline",
            true,
            ArchiveOptions.class));
    t.put(
        "backtest-metadata.json",
        new Template(
            "Augur backtest",
            "Replays event history walk-forward: retrains the forecasting models on the past"
                + " only, compares every window with the forecast, runs the alarm logic and writes"
                + " comparisons/, incidents/ and dead-letters/ under the output, then scores them"
                + " into evaluation.json (detection quality too, given anomalyLabels) and draws"
                + " the HTML report.",
            "dev.augur.pipelines.BacktestPipeline",
            false,
            BacktestOptions.class));
    return t;
  }

  /** The credentials example the help text gives, in Beam's JSON form. */
  static final String AWS_CREDENTIALS_EXAMPLE =
      "{\"@type\": \"StaticCredentialsProvider\", \"accessKeyId\": \"AKIA...\","
          + " \"secretAccessKey\": \"...\"}";

  /**
   * Beam's AWS options, which every template offers besides the pipeline's own: on Dataflow, an
   * {@code s3://} input or output and a Kinesis source need a region and credentials, and the
   * service refuses parameters that the metadata does not declare. Names are Beam's {@code
   * AwsOptions} properties.
   */
  static final List<Parameter> AWS_PARAMETERS =
      List.of(
          new Parameter(
              "awsRegion",
              "AWS region of the S3 buckets and the Kinesis stream, for example eu-west-1 (Beam's"
                  + " AWS option)."),
          new Parameter(
              "awsCredentialsProvider",
              "AWS credentials for s3:// paths, a Kinesis source and the CloudWatch, SNS and"
                  + " Incident Manager sinks, on the launcher and the workers, which on Google Cloud"
                  + " have none of their own, in Beam's JSON form, for example "
                  + AWS_CREDENTIALS_EXAMPLE
                  + " or a StsAssumeRoleCredentialsProvider. They are part of the job's options and"
                  + " show to whoever can view the job, so use keys that can do no more than"
                  + " Augur needs."),
          new Parameter(
              "endpoint",
              "Endpoint of an S3- or Kinesis-compatible service instead of AWS's own (Beam's AWS"
                  + " option)."));

  /** A template parameter that is not one of the pipeline's own options; always optional. */
  record Parameter(String name, String helpText) {}

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
    for (Parameter a : AWS_PARAMETERS) {
      ObjectNode p = params.addObject();
      p.put("name", a.name());
      p.put("label", label(a.name()));
      p.put("helpText", a.helpText());
      p.put("isOptional", true);
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /**
   * The command that builds the Flex Template from its metadata file and the Dataflow bundle
   * (Cloud Build makes the image; no local Docker engine is needed).
   */
  static String buildCommand(Path metadata, Template t, Path home) {
    String base = metadata.getFileName().toString().replace("-metadata.json", "");
    return String.join(
        " \\\n    ",
        "gcloud dataflow flex-template build gs://BUCKET/templates/augur-" + base + ".json",
        "--image-gcr-path=REGION-docker.pkg.dev/PROJECT/REPOSITORY/augur-" + base + ":latest",
        "--sdk-language=JAVA --flex-template-base-image=JAVA17",
        "--metadata-file=" + metadata,
        "--jar=" + home.resolve("runners/dataflow/target/augur-dataflow.jar"),
        "--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=" + t.mainClass());
  }

  /**
   * Augur's directory, where the Dataflow bundle is built: {@code bin/augur} passes it, so the
   * commands printed work from any directory; the working directory otherwise.
   */
  static Path home() {
    return Path.of(System.getProperty("augur.home", "")).toAbsolutePath().normalize();
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
    for (ManagedFlinkTemplate.Pipeline p : ManagedFlinkTemplate.PIPELINES) {
      Path managedFlink = output.resolve(p.file());
      Files.writeString(managedFlink, ManagedFlinkTemplate.json(p), StandardCharsets.UTF_8);
      System.out.println("wrote " + managedFlink + " (AWS CloudFormation, Managed Flink)");
    }
    System.out.println();
    Path home = home();
    System.out.println(
        "To build the Flex Templates, build the Dataflow bundle (cd " + home + " && mvn -pl"
            + " runners/dataflow -am package -Dmaven.test.skip=true), then:");
    for (Map.Entry<String, Template> e : templates().entrySet()) {
      System.out.println(
          buildCommand(output.toAbsolutePath().normalize().resolve(e.getKey()), e.getValue(), home));
    }
    return 0;
  }
}
