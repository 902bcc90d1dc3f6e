package dev.augur.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The AWS CloudFormation templates that launch Augur's long-running pipelines, the streaming
 * detection and the archive, on Amazon Managed Service for Apache Flink: an {@code
 * AWS::KinesisAnalyticsV2::Application} running the bundle, whose runtime property group {@value
 * #PROPERTY_GROUP} holds the pipeline's options, one template parameter each, the CloudWatch Logs
 * stream it logs to, and, unless given one, the execution role. Generated from the pipeline's
 * options interface, like the Flex Template metadata, so the options interface stays the one
 * source of names, descriptions and defaults.
 *
 * <p>An option left empty is not written to the property group at all (the service accepts no
 * empty values), so the pipeline's own default applies. The group holds at most {@value
 * #MAX_PROPERTIES} properties, the service's limit.
 */
final class ManagedFlinkTemplate {
  /** The property group the application's entry point reads. */
  static final String PROPERTY_GROUP = "Augur";

  /** One pipeline's template: its file, the entry point's {@code pipeline} property, its options. */
  record Pipeline(
      String file, String pipeline, String description, Class<? extends PipelineOptions> options) {}

  static final Pipeline STREAM =
      new Pipeline(
          "managed-flink-stream.json",
          "stream",
          "Augur streaming detection on Amazon Managed Service for Apache Flink: compares live"
              + " window statistics with the latest forecast, writes metrics and opens incidents.",
          StreamOptions.class);

  static final Pipeline ARCHIVE =
      new Pipeline(
          "managed-flink-archive.json",
          "archive",
          "Augur archive on Amazon Managed Service for Apache Flink: writes live events to S3,"
              + " partitioned by event time, for the batch pipeline to train on.",
          ArchiveOptions.class);

  static final List<Pipeline> PIPELINES = List.of(STREAM, ARCHIVE);

  /** The Flink version of the bundle's runner. */
  static final String RUNTIME = "FLINK-1_19";

  /** Properties one group may hold. */
  static final int MAX_PROPERTIES = 50;

  /**
   * The options that may name {@code s3://} locations the application reads (false) or writes
   * (true), where the pipeline has them.
   */
  private static final Map<String, Boolean> S3_LOCATIONS =
      Map.of(
          "forecasts", false,
          "replayInput", false,
          "kafkaClientConfig", false,
          "streamOutput", true,
          "archive", true);

  /** Of {@link #S3_LOCATIONS}, those that name files (a pattern, an object) rather than a prefix. */
  private static final Set<String> S3_FILES = Set.of("replayInput", "kafkaClientConfig");

  /**
   * Options that have a default on the command line but none on the service: the application has
   * no lasting local disk, so its outputs (dead letters among them) must have an {@code s3://}
   * location.
   */
  private static final Set<String> REQUIRED_ON_THE_SERVICE = Set.of("streamOutput");

  /**
   * Defaults of the service's own where the command line's would not serve: the command line
   * replays files by default, an application on the service reads a live stream.
   */
  private static final Map<String, String> SERVICE_DEFAULTS = Map.of("source", "KINESIS");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ManagedFlinkTemplate() {}

  static String json(Pipeline pipeline) throws Exception {
    List<PipelineOptionsCommand.OptionDoc> options =
        PipelineOptionsCommand.describe(pipeline.options());
    if (options.size() + 1 > MAX_PROPERTIES) {
      throw new IllegalStateException(
          "the " + pipeline.pipeline() + " pipeline has " + options.size() + " options; a Managed"
              + " Flink property group holds at most " + MAX_PROPERTIES + " properties");
    }
    List<String> s3Locations = new ArrayList<>();
    for (PipelineOptionsCommand.OptionDoc d : options) {
      if (S3_LOCATIONS.containsKey(d.name())) {
        s3Locations.add(d.name());
      }
    }
    ObjectNode root = NODES.objectNode();
    root.put("AWSTemplateFormatVersion", "2010-09-09");
    root.put("Description", pipeline.description());

    ObjectNode parameters = root.putObject("Parameters");
    string(
        parameters,
        "ApplicationName",
        "augur-" + pipeline.pipeline(),
        "Name of the Managed Flink application.");
    string(parameters, "CodeBucket", null, "S3 bucket holding the bundle (runners/target/augur-bundled.jar).");
    string(parameters, "CodeKey", "augur-bundled.jar", "Key of the bundle in the bucket.");
    string(
        parameters,
        "CodeObjectVersion",
        "",
        "Version of the bundle's object, for a versioned bucket: a new version deploys a new"
            + " bundle under the same key. Empty for the latest.");
    string(
        parameters,
        "ServiceExecutionRoleArn",
        "",
        "IAM role the application runs as: it reads the bundle and the source (Kinesis or"
            + " Kafka), reads and writes the locations its options name, and writes its logs to"
            + " the log group this stack creates. Empty to have the stack create a role allowed"
            + " just what the options given need.");
    number(parameters, "Parallelism", 2, "Parallelism of the application (one KPU per parallel task).")
        .put("MinValue", 1);
    string(parameters, "AutoScalingEnabled", "false", "Whether the service scales the parallelism with the load.")
        .putArray("AllowedValues").add("true").add("false");
    list(parameters, "SubnetIds", "Subnets to run in, for a source inside a VPC (Amazon MSK, Kafka). Empty for none.");
    list(parameters, "SecurityGroupIds", "Security groups of those subnets.");
    number(parameters, "LogRetentionDays", 30, "Days the application's logs are kept.");
    list(
        parameters,
        "KmsKeyArns",
        "Customer-managed KMS keys that encrypt what the application reads or writes (the Kinesis"
            + " stream, the S3 buckets, the webhook's secret), for the created role to use. Empty"
            + " for none; AWS-managed keys need no grant.");
    for (PipelineOptionsCommand.OptionDoc d : options) {
      StringBuilder text = new StringBuilder(d.description());
      String serviceDefault = SERVICE_DEFAULTS.get(d.name());
      if (required(d)) {
        text.append(" Required.");
      } else if (serviceDefault != null) {
        text.append(" Default here ").append(serviceDefault).append("; empty for the command line's, ")
            .append(d.defaultValue()).append('.');
      } else if (d.defaultValue() != null && !d.defaultValue().isEmpty()) {
        text.append(" Empty for the default, ").append(d.defaultValue()).append('.');
      }
      ObjectNode o =
          string(
              parameters,
              d.name(),
              required(d) ? null : serviceDefault != null ? serviceDefault : "",
              text.toString());
      if (d.type() == Boolean.class || d.type() == boolean.class) {
        o.putArray("AllowedValues").add("").add("true").add("false");
      }
      Class<? extends Enum<?>> choices = StreamConfig.CHOICES.get(d.name());
      if (choices != null) {
        // The pipeline reads any letter case, but the role's conditions compare exact text.
        ArrayNode allowed = o.putArray("AllowedValues").add("");
        for (Enum<?> c : choices.getEnumConstants()) {
          allowed.add(c.name());
        }
      }
      if (S3_LOCATIONS.containsKey(d.name())) {
        // The application has no lasting local disk: every location is in S3. The role's
        // resources add "/*" to the prefixes; a replay's input is a pattern.
        boolean prefix = !S3_FILES.contains(d.name());
        o.put(
            "AllowedPattern",
            (required(d) ? "" : "^$|") + (prefix ? "^s3://[^/]+(/.*[^/])?$" : "^s3://[^/]+/.+$"));
        o.put(
            "ConstraintDescription",
            prefix
                ? "an s3:// location without a trailing slash"
                : d.name().equals("replayInput")
                    ? "an s3:// pattern of the files to replay"
                    : "an s3:// object");
      }
    }

    // How the console groups the parameters.
    ArrayNode parameterGroups =
        root.putObject("Metadata")
            .putObject("AWS::CloudFormation::Interface")
            .putArray("ParameterGroups");
    ObjectNode app = parameterGroups.addObject();
    app.putObject("Label").put("default", "Application");
    ArrayNode appNames = app.putArray("Parameters");
    parameters.fieldNames().forEachRemaining(name -> {
      if (Character.isUpperCase(name.charAt(0))) {
        appNames.add(name);
      }
    });
    ObjectNode augur = parameterGroups.addObject();
    augur
        .putObject("Label")
        .put("default", "Augur options (bin/augur " + pipeline.pipeline() + " --help)");
    ArrayNode names = augur.putArray("Parameters");
    options.forEach(d -> names.add(d.name()));

    ObjectNode conditions = root.putObject("Conditions");
    conditions.set("CreateRole", equals(ref("ServiceExecutionRoleArn"), text("")));
    conditions.set("HasCodeObjectVersion", notEmpty(ref("CodeObjectVersion")));
    conditions.set("HasVpc", notEmpty(join(ref("SubnetIds"))));
    conditions.set("HasKmsKeys", notEmpty(join(ref("KmsKeyArns"))));
    for (PipelineOptionsCommand.OptionDoc d : options) {
      if (!required(d)) {
        conditions.set(condition(d.name()), notEmpty(ref(d.name())));
      }
    }
    for (String location : s3Locations) {
      conditions.set(s3Condition(location), startsWithS3(location));
    }
    if (has(options, "metricSink")) {
      conditions.set("UsesCloudWatch", equals(ref("metricSink"), text("CLOUDWATCH")));
    }
    if (has(options, "prometheusSigV4")) {
      conditions.set("SignsPrometheus", equals(ref("prometheusSigV4"), text("true")));
    }
    if (has(options, "webhookSecret")) {
      conditions.set(WEBHOOK_SECRET_IN_SECRETS_MANAGER, startsWith("webhookSecret", "arn:"));
    }

    ObjectNode resources = root.putObject("Resources");
    ObjectNode application = resources.putObject("Application");
    application.put("Type", "AWS::KinesisAnalyticsV2::Application");
    ObjectNode props = application.putObject("Properties");
    props.set("ApplicationName", ref("ApplicationName"));
    props.put("ApplicationDescription", "Augur " + pipeline.pipeline() + " pipeline");
    props.put("RuntimeEnvironment", RUNTIME);
    props.set(
        "ServiceExecutionRole",
        fnIf("CreateRole", getAtt("ExecutionRole", "Arn"), ref("ServiceExecutionRoleArn")));
    ObjectNode config = props.putObject("ApplicationConfiguration");
    ObjectNode code = config.putObject("ApplicationCodeConfiguration");
    ObjectNode s3 = code.putObject("CodeContent").putObject("S3ContentLocation");
    s3.set("BucketARN", sub("arn:${AWS::Partition}:s3:::${CodeBucket}"));
    s3.set("FileKey", ref("CodeKey"));
    s3.set("ObjectVersion", ifSet("HasCodeObjectVersion", ref("CodeObjectVersion")));
    code.put("CodeContentType", "ZIPFILE");
    ObjectNode flink = config.putObject("FlinkApplicationConfiguration");
    ObjectNode parallelism = flink.putObject("ParallelismConfiguration");
    parallelism.put("ConfigurationType", "CUSTOM");
    parallelism.set("Parallelism", ref("Parallelism"));
    parallelism.put("ParallelismPerKPU", 1);
    parallelism.set("AutoScalingEnabled", ref("AutoScalingEnabled"));
    flink.putObject("CheckpointConfiguration").put("ConfigurationType", "DEFAULT");
    ObjectNode monitoring = flink.putObject("MonitoringConfiguration");
    monitoring.put("ConfigurationType", "CUSTOM");
    monitoring.put("LogLevel", "INFO");
    monitoring.put("MetricsLevel", "APPLICATION");
    config.putObject("ApplicationSnapshotConfiguration").put("SnapshotsEnabled", true);
    ObjectNode vpc = NODES.objectNode();
    vpc.set("SubnetIds", ref("SubnetIds"));
    vpc.set("SecurityGroupIds", ref("SecurityGroupIds"));
    config.set("VpcConfigurations", ifSet("HasVpc", NODES.arrayNode().add(vpc)));
    ObjectNode group =
        config.putObject("EnvironmentProperties").putArray("PropertyGroups").addObject();
    group.put("PropertyGroupId", PROPERTY_GROUP);
    ObjectNode map = group.putObject("PropertyMap");
    map.put("pipeline", pipeline.pipeline());
    for (PipelineOptionsCommand.OptionDoc d : options) {
      map.set(d.name(), required(d) ? ref(d.name()) : ifSet(condition(d.name()), ref(d.name())));
    }

    ObjectNode logGroup = resources.putObject("LogGroup");
    logGroup.put("Type", "AWS::Logs::LogGroup");
    ObjectNode logGroupProps = logGroup.putObject("Properties");
    logGroupProps.set("LogGroupName", sub("/aws/kinesis-analytics/${ApplicationName}"));
    logGroupProps.set("RetentionInDays", ref("LogRetentionDays"));
    ObjectNode logStream = resources.putObject("LogStream");
    logStream.put("Type", "AWS::Logs::LogStream");
    ObjectNode logStreamProps = logStream.putObject("Properties");
    logStreamProps.set("LogGroupName", ref("LogGroup"));
    logStreamProps.put("LogStreamName", "application");
    ObjectNode logging = resources.putObject("Logging");
    logging.put("Type", "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption");
    ObjectNode loggingProps = logging.putObject("Properties");
    loggingProps.set("ApplicationName", ref("Application"));
    loggingProps
        .putObject("CloudWatchLoggingOption")
        .set(
            "LogStreamARN",
            sub(
                "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroup}"
                    + ":log-stream:${LogStream}"));

    resources.set("ExecutionRole", executionRole(pipeline.pipeline(), options, s3Locations));

    ObjectNode outputs = root.putObject("Outputs");
    outputs.putObject("ApplicationName").set("Value", ref("Application"));
    outputs.putObject("LogGroupName").set("Value", ref("LogGroup"));
    outputs
        .putObject("ServiceExecutionRoleArn")
        .set(
            "Value",
            fnIf("CreateRole", getAtt("ExecutionRole", "Arn"), ref("ServiceExecutionRoleArn")));
    // Readable, indented by one space and without a space before each colon: CloudFormation
    // takes a template body of at most 51,200 bytes from the command line.
    DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
    return new ObjectMapper()
            .writer(
                new DefaultPrettyPrinter()
                    .withoutSpacesInObjectEntries()
                    .withObjectIndenter(oneSpace))
            .writeValueAsString(root)
        + "\n";
  }

  /**
   * The role the stack creates when no {@code ServiceExecutionRoleArn} is given: Managed Flink may
   * assume it for this account, and it allows what the application does with the options given
   * and nothing else. Reading the bundle and writing the log stream always; the customer-managed
   * KMS keys named in {@code KmsKeyArns}; reading the Kinesis
   * stream (by enhanced fan-out with a consumer); reading and writing the {@code s3://} locations
   * the options name (forecasts and a replay read; the stream's outputs and dead letters, and the
   * archive, written); CloudWatch metrics in the configured namespace; publishing to the SNS
   * topic; starting and updating incidents of the response plan; and the network interfaces of a
   * VPC. Statements for options the pipeline does not have are left out.
   */
  private static ObjectNode executionRole(
      String pipeline, List<PipelineOptionsCommand.OptionDoc> options, List<String> s3Locations) {
    ObjectNode role = NODES.objectNode();
    role.put("Type", "AWS::IAM::Role");
    role.put("Condition", "CreateRole");
    ObjectNode props = role.putObject("Properties");
    props.set("Description", sub("Runs the Managed Flink application ${ApplicationName} (Augur)"));
    ObjectNode trust = props.putObject("AssumeRolePolicyDocument");
    trust.put("Version", "2012-10-17");
    ObjectNode assume = trust.putArray("Statement").addObject();
    assume.put("Effect", "Allow");
    assume.putObject("Principal").put("Service", "kinesisanalytics.amazonaws.com");
    assume.put("Action", "sts:AssumeRole");
    assume
        .putObject("Condition")
        .putObject("StringEquals")
        .set("aws:SourceAccount", ref("AWS::AccountId"));

    ArrayNode statements = NODES.arrayNode();
    statements.add(
        statement(
            "ReadBundle",
            List.of("s3:GetObject", "s3:GetObjectVersion"),
            sub("arn:${AWS::Partition}:s3:::${CodeBucket}/${CodeKey}")));
    statements.add(
        statement(
            "FindLogGroups",
            List.of("logs:DescribeLogGroups"),
            sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")));
    statements.add(
        statement(
            "WriteLogs",
            List.of("logs:DescribeLogStreams", "logs:PutLogEvents"),
            sub(
                "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroup}"
                    + ":log-stream:*")));
    if (has(options, "kinesisStream")) {
      statements.add(
          fnIf(
              "HasKinesisStream",
              statement(
                  "ReadKinesisStream",
                  List.of(
                      "kinesis:DescribeStreamSummary",
                      "kinesis:GetRecords",
                      "kinesis:GetShardIterator",
                      "kinesis:ListShards"),
                  sub(
                      "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}"
                          + ":stream/${kinesisStream}")),
              ref("AWS::NoValue")));
      statements.add(
          fnIf(
              "HasKinesisConsumerArn",
              statement(
                  "ReadKinesisFanOut",
                  List.of("kinesis:SubscribeToShard"),
                  ref("kinesisConsumerArn")),
              ref("AWS::NoValue")));
    }
    for (String location : s3Locations) {
      boolean writes = S3_LOCATIONS.get(location);
      String sid = (writes ? "Write" : "Read") + capitalised(location);
      statements.add(
          fnIf(
              s3Condition(location),
              statement(
                  sid + "Objects",
                  writes
                      ? List.of(
                          "s3:AbortMultipartUpload",
                          "s3:DeleteObject",
                          "s3:GetObject",
                          "s3:PutObject")
                      : List.of("s3:GetObject"),
                  join(
                      NODES.arrayNode()
                          .add(sub("arn:${AWS::Partition}:s3:::"))
                          .add(s3Path(location))
                          // A prefix's objects; a replay's pattern ends in its own wildcard.
                          .add(S3_FILES.contains(location) ? "*" : "/*"))),
              ref("AWS::NoValue")));
      statements.add(
          fnIf(
              s3Condition(location),
              statement(
                  sid + "Listing",
                  List.of("s3:ListBucket"),
                  join(
                      NODES.arrayNode()
                          .add(sub("arn:${AWS::Partition}:s3:::"))
                          .add(select(0, split("/", s3Path(location)))))),
              ref("AWS::NoValue")));
    }
    if (has(options, "metricSink")) {
      statements.add(fnIf("UsesCloudWatch", metrics(options), ref("AWS::NoValue")));
    }
    if (has(options, "prometheusSigV4")) {
      // Amazon Managed Service for Prometheus: the account's workspaces, in any region.
      statements.add(
          fnIf(
              "SignsPrometheus",
              statement(
                  "WritePrometheus",
                  List.of("aps:RemoteWrite"),
                  sub("arn:${AWS::Partition}:aps:*:${AWS::AccountId}:workspace/*")),
              ref("AWS::NoValue")));
    }
    if (has(options, "snsTopicArn")) {
      statements.add(
          fnIf(
              "HasSnsTopicArn",
              statement("PublishIncidents", List.of("sns:Publish"), ref("snsTopicArn")),
              ref("AWS::NoValue")));
    }
    if (has(options, "responsePlanArn")) {
      statements.add(
          fnIf(
              "HasResponsePlanArn",
              statement(
                  "StartIncidents", List.of("ssm-incidents:StartIncident"), ref("responsePlanArn")),
              ref("AWS::NoValue")));
      statements.add(
          fnIf(
              "HasResponsePlanArn",
              statement(
                  "UpdateIncidents",
                  List.of("ssm-incidents:UpdateIncidentRecord"),
                  join(
                      NODES.arrayNode()
                          .add(
                              sub(
                                  "arn:${AWS::Partition}:ssm-incidents::${AWS::AccountId}"
                                      + ":incident-record/"))
                          .add(select(1, split(":response-plan/", ref("responsePlanArn"))))
                          .add("/*"))),
              ref("AWS::NoValue")));
      // A run without the state of an earlier one finds the incidents that run opened among the
      // open records; ListIncidentRecords takes no resource but "*".
      statements.add(
          fnIf(
              "HasResponsePlanArn",
              statement("FindOpenIncidents", List.of("ssm-incidents:ListIncidentRecords"), text("*")),
              ref("AWS::NoValue")));
    }
    if (has(options, "webhookSecret")) {
      // The secret's full ARN ends in six random characters; a partial ARN (the name without
      // them) is what users often copy, and is matched by the second resource.
      statements.add(
          fnIf(
              WEBHOOK_SECRET_IN_SECRETS_MANAGER,
              statement(
                  "ReadWebhookSecret",
                  List.of("secretsmanager:GetSecretValue"),
                  NODES.arrayNode()
                      .add(ref("webhookSecret"))
                      .add(join(NODES.arrayNode().add(ref("webhookSecret")).add("-??????")))),
              ref("AWS::NoValue")));
    }
    // Reading a KMS-encrypted stream, object or secret needs Decrypt; writing an object to a
    // bucket encrypted with the key needs GenerateDataKey.
    statements.add(
        fnIf(
            "HasKmsKeys",
            statement("UseKmsKeys", List.of("kms:Decrypt", "kms:GenerateDataKey"), ref("KmsKeyArns")),
            ref("AWS::NoValue")));
    statements.add(
        fnIf(
            "HasVpc",
            statement(
                "RunInVpc",
                List.of(
                    "ec2:CreateNetworkInterface",
                    "ec2:CreateNetworkInterfacePermission",
                    "ec2:DeleteNetworkInterface",
                    "ec2:DescribeDhcpOptions",
                    "ec2:DescribeNetworkInterfaces",
                    "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSubnets",
                    "ec2:DescribeVpcs"),
                text("*")),
            ref("AWS::NoValue")));
    ObjectNode policy = props.putArray("Policies").addObject();
    policy.put("PolicyName", "augur-" + pipeline);
    ObjectNode document = policy.putObject("PolicyDocument");
    document.put("Version", "2012-10-17");
    document.set("Statement", statements);
    return role;
  }

  /** CloudWatch metrics, in the namespace the options give or its default. */
  private static ObjectNode metrics(List<PipelineOptionsCommand.OptionDoc> options) {
    ObjectNode metrics = statement("PutMetrics", List.of("cloudwatch:PutMetricData"), text("*"));
    metrics
        .putObject("Condition")
        .putObject("StringEquals")
        .set(
            "cloudwatch:namespace",
            fnIf(
                "HasMetricsNamespace",
                ref("metricsNamespace"),
                text(defaultOf(options, "metricsNamespace"))));
    return metrics;
  }

  private static boolean has(List<PipelineOptionsCommand.OptionDoc> options, String name) {
    return options.stream().anyMatch(d -> d.name().equals(name));
  }

  private static String s3Condition(String option) {
    return capitalised(option) + "InS3";
  }

  /** True when the option's value starts with {@code s3://}. */
  private static ObjectNode startsWithS3(String option) {
    return startsWith(option, "s3://");
  }

  /** True when the option's value starts with {@code prefix}. */
  private static ObjectNode startsWith(String option, String prefix) {
    ObjectNode and = NODES.objectNode();
    and.putArray("Fn::And")
        .add(notEmpty(ref(option)))
        .add(equals(select(0, split(prefix, ref(option))), text("")));
    return and;
  }

  /** The option's {@code s3://} location without the scheme: {@code bucket/prefix}. */
  private static ObjectNode s3Path(String option) {
    return select(1, split("s3://", ref(option)));
  }

  /** The condition that {@code --webhookSecret} names a Secrets Manager secret (an ARN). */
  private static final String WEBHOOK_SECRET_IN_SECRETS_MANAGER = "WebhookSecretInSecretsManager";

  private static ObjectNode statement(String sid, List<String> actions, JsonNode resource) {
    ObjectNode s = NODES.objectNode();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    s.set("Resource", resource);
    return s;
  }

  private static String defaultOf(List<PipelineOptionsCommand.OptionDoc> options, String name) {
    return options.stream()
        .filter(d -> d.name().equals(name))
        .map(PipelineOptionsCommand.OptionDoc::defaultValue)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("the streaming pipeline has no option " + name));
  }

  /** Whether the template requires a value of the option: the pipeline does, or the service. */
  private static boolean required(PipelineOptionsCommand.OptionDoc d) {
    return d.required() || REQUIRED_ON_THE_SERVICE.contains(d.name());
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** The condition that option {@code name} was given: {@code Has} and the name capitalised. */
  private static String condition(String name) {
    return "Has" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static ObjectNode string(ObjectNode parameters, String name, String defaultValue, String description) {
    ObjectNode p = parameters.putObject(name);
    p.put("Type", "String");
    if (defaultValue != null) {
      p.put("Default", defaultValue);
    }
    p.put("Description", description);
    return p;
  }

  private static ObjectNode number(ObjectNode parameters, String name, int defaultValue, String description) {
    ObjectNode p = parameters.putObject(name);
    p.put("Type", "Number");
    p.put("Default", defaultValue);
    p.put("Description", description);
    return p;
  }

  private static void list(ObjectNode parameters, String name, String description) {
    ObjectNode p = parameters.putObject(name);
    p.put("Type", "CommaDelimitedList");
    p.put("Default", "");
    p.put("Description", description);
  }

  private static ObjectNode ref(String name) {
    return NODES.objectNode().put("Ref", name);
  }

  private static ObjectNode sub(String text) {
    return NODES.objectNode().put("Fn::Sub", text);
  }

  private static ObjectNode join(JsonNode list) {
    ObjectNode join = NODES.objectNode();
    join.putArray("Fn::Join").add("").add(list);
    return join;
  }

  private static ObjectNode notEmpty(JsonNode value) {
    ObjectNode not = NODES.objectNode();
    not.putArray("Fn::Not").add(equals(value, text("")));
    return not;
  }

  private static ObjectNode equals(JsonNode a, JsonNode b) {
    ObjectNode equals = NODES.objectNode();
    equals.putArray("Fn::Equals").add(a).add(b);
    return equals;
  }

  private static ObjectNode select(int index, JsonNode list) {
    ObjectNode select = NODES.objectNode();
    select.putArray("Fn::Select").add(String.valueOf(index)).add(list);
    return select;
  }

  private static ObjectNode split(String delimiter, JsonNode value) {
    ObjectNode split = NODES.objectNode();
    split.putArray("Fn::Split").add(delimiter).add(value);
    return split;
  }

  private static ObjectNode getAtt(String resource, String attribute) {
    ObjectNode getAtt = NODES.objectNode();
    getAtt.putArray("Fn::GetAtt").add(resource).add(attribute);
    return getAtt;
  }

  private static JsonNode text(String value) {
    return NODES.textNode(value);
  }

  /** {@code value} when {@code condition} holds, else no property at all. */
  private static ObjectNode ifSet(String condition, JsonNode value) {
    return fnIf(condition, value, ref("AWS::NoValue"));
  }

  private static ObjectNode fnIf(String condition, JsonNode then, JsonNode otherwise) {
    ObjectNode node = NODES.objectNode();
    node.putArray("Fn::If").add(condition).add(then).add(otherwise);
    return node;
  }
}
