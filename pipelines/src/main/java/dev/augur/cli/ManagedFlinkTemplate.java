package dev.augur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.pipelines.options.StreamOptions;
import java.util.List;

/**
 * The AWS CloudFormation template that launches the streaming pipeline on Amazon Managed Service
 * for Apache Flink: one {@code AWS::KinesisAnalyticsV2::Application} running the bundle, whose
 * runtime property group {@value #PROPERTY_GROUP} holds the pipeline's options, one template
 * parameter each. Generated from {@link StreamOptions}, like the Flex Template metadata, so the
 * options interface stays the one source of names, descriptions and defaults.
 *
 * <p>An optional option's parameter defaults to empty, which the application's entry point
 * ({@code ManagedFlinkMain}) reads as not set, so the pipeline's own default applies.
 */
final class ManagedFlinkTemplate {
  /** The property group the application's entry point reads. */
  static final String PROPERTY_GROUP = "Augur";

  static final String FILE = "managed-flink-stream.json";

  /** The Flink version of the bundle's runner. */
  static final String RUNTIME = "FLINK-1_19";

  private ManagedFlinkTemplate() {}

  static String json() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("AWSTemplateFormatVersion", "2010-09-09");
    root.put(
        "Description",
        "Augur streaming detection on Amazon Managed Service for Apache Flink: compares live"
            + " window statistics with the latest forecast, writes metrics and opens incidents.");
    List<PipelineOptionsCommand.OptionDoc> options =
        PipelineOptionsCommand.describe(StreamOptions.class);

    ObjectNode parameters = root.putObject("Parameters");
    ObjectNode p = parameters.putObject("ApplicationName");
    p.put("Type", "String");
    p.put("Default", "augur-stream");
    p.put("Description", "Name of the Managed Flink application.");
    p = parameters.putObject("CodeBucket");
    p.put("Type", "String");
    p.put("Description", "S3 bucket holding the bundle (runners/target/augur-bundled.jar).");
    p = parameters.putObject("CodeKey");
    p.put("Type", "String");
    p.put("Default", "augur-bundled.jar");
    p.put("Description", "Key of the bundle in the bucket.");
    p = parameters.putObject("ServiceExecutionRoleArn");
    p.put("Type", "String");
    p.put(
        "Description",
        "IAM role the application runs as: it reads the bundle, the source (Kinesis or Kafka) and"
            + " the forecasts, and writes metrics, incidents and dead letters.");
    p = parameters.putObject("Parallelism");
    p.put("Type", "Number");
    p.put("Default", 2);
    p.put("MinValue", 1);
    p.put("Description", "Parallelism of the application (one KPU per parallel task).");
    p = parameters.putObject("AutoScalingEnabled");
    p.put("Type", "String");
    p.put("Default", "false");
    p.putArray("AllowedValues").add("true").add("false");
    p.put("Description", "Whether the service scales the parallelism with the load.");
    for (PipelineOptionsCommand.OptionDoc d : options) {
      ObjectNode o = parameters.putObject(d.name());
      o.put("Type", "String");
      StringBuilder text = new StringBuilder(d.description());
      if (d.required()) {
        text.append(" Required.");
      } else {
        o.put("Default", "");
        if (d.defaultValue() != null && !d.defaultValue().isEmpty()) {
          text.append(" Empty for the default, ").append(d.defaultValue()).append('.');
        }
      }
      if (d.type() == Boolean.class || d.type() == boolean.class) {
        o.putArray("AllowedValues").add("").add("true").add("false");
      }
      o.put("Description", text.toString());
    }

    // How the console groups the parameters.
    ArrayNode parameterGroups =
        root.putObject("Metadata")
            .putObject("AWS::CloudFormation::Interface")
            .putArray("ParameterGroups");
    ObjectNode app = parameterGroups.addObject();
    app.putObject("Label").put("default", "Application");
    app.putArray("Parameters")
        .add("ApplicationName")
        .add("CodeBucket")
        .add("CodeKey")
        .add("ServiceExecutionRoleArn")
        .add("Parallelism")
        .add("AutoScalingEnabled");
    ObjectNode augur = parameterGroups.addObject();
    augur.putObject("Label").put("default", "Augur options (bin/augur stream --help)");
    ArrayNode names = augur.putArray("Parameters");
    options.forEach(d -> names.add(d.name()));

    ObjectNode application = root.putObject("Resources").putObject("Application");
    application.put("Type", "AWS::KinesisAnalyticsV2::Application");
    ObjectNode props = application.putObject("Properties");
    props.putObject("ApplicationName").put("Ref", "ApplicationName");
    props.put("ApplicationDescription", "Augur streaming detection");
    props.put("RuntimeEnvironment", RUNTIME);
    props.putObject("ServiceExecutionRole").put("Ref", "ServiceExecutionRoleArn");
    ObjectNode config = props.putObject("ApplicationConfiguration");
    ObjectNode code = config.putObject("ApplicationCodeConfiguration");
    ObjectNode s3 = code.putObject("CodeContent").putObject("S3ContentLocation");
    s3.putObject("BucketARN").put("Fn::Sub", "arn:${AWS::Partition}:s3:::${CodeBucket}");
    s3.putObject("FileKey").put("Ref", "CodeKey");
    code.put("CodeContentType", "ZIPFILE");
    ObjectNode flink = config.putObject("FlinkApplicationConfiguration");
    ObjectNode parallelism = flink.putObject("ParallelismConfiguration");
    parallelism.put("ConfigurationType", "CUSTOM");
    parallelism.putObject("Parallelism").put("Ref", "Parallelism");
    parallelism.put("ParallelismPerKPU", 1);
    parallelism.putObject("AutoScalingEnabled").put("Ref", "AutoScalingEnabled");
    flink.putObject("CheckpointConfiguration").put("ConfigurationType", "DEFAULT");
    ObjectNode monitoring = flink.putObject("MonitoringConfiguration");
    monitoring.put("ConfigurationType", "CUSTOM");
    monitoring.put("LogLevel", "INFO");
    monitoring.put("MetricsLevel", "APPLICATION");
    config.putObject("ApplicationSnapshotConfiguration").put("SnapshotsEnabled", true);
    ObjectNode group =
        config.putObject("EnvironmentProperties").putArray("PropertyGroups").addObject();
    group.put("PropertyGroupId", PROPERTY_GROUP);
    ObjectNode map = group.putObject("PropertyMap");
    map.put("pipeline", "stream");
    options.forEach(d -> map.putObject(d.name()).put("Ref", d.name()));

    root.putObject("Outputs")
        .putObject("ApplicationName")
        .putObject("Value")
        .put("Ref", "Application");
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
