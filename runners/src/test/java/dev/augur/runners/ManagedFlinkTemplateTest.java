package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.pipelines.config.ArchiveConfig;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.runners.ManagedFlinkMain.PipelineKind;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.Test;

/**
 * The CloudFormation template for Managed Flink ({@code templates/managed-flink-stream.json}) gives
 * the application a property group that this entry point reads into valid streaming options. The
 * template's parameters are resolved as CloudFormation would ({@code Ref} to a parameter's value
 * or default) and the group is handed to {@link ManagedFlinkMain}.
 */
public class ManagedFlinkTemplateTest {
  static final JsonNode TEMPLATE =
      CloudFormationTemplate.read(Paths.get("..", "templates", "managed-flink-stream.json"));

  static final JsonNode ARCHIVE_TEMPLATE =
      CloudFormationTemplate.read(Paths.get("..", "templates", "managed-flink-archive.json"));

  /** The streaming application's property groups for the given parameter values. */
  private static Map<String, Properties> propertyGroups(Map<String, String> given) {
    return propertyGroups(TEMPLATE, given);
  }

  /** The application's property groups for the given parameter values (defaults elsewhere). */
  private static Map<String, Properties> propertyGroups(JsonNode template, Map<String, String> given) {
    CloudFormationTemplate resolver = new CloudFormationTemplate(template, given);
    Map<String, Properties> groups = new HashMap<>();
    JsonNode application = template.at("/Resources/Application/Properties");
    for (JsonNode group : application.at("/ApplicationConfiguration/EnvironmentProperties/PropertyGroups")) {
      Properties properties = new Properties();
      Iterator<Map.Entry<String, JsonNode>> entries = group.get("PropertyMap").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> e = entries.next();
        JsonNode value = resolver.resolve(e.getValue());
        if (value == null) {
          continue; // AWS::NoValue: no property at all
        }
        // The service takes 1 to 2,048 characters per value.
        assertTrue(e.getKey() + " is empty", !value.asText().isEmpty());
        assertTrue(e.getKey() + " is too long", value.asText().length() <= 2048);
        properties.setProperty(e.getKey(), value.asText());
      }
      assertTrue("at most 50 properties in a group", properties.size() <= 50);
      groups.put(group.get("PropertyGroupId").asText(), properties);
    }
    return groups;
  }

  private static StreamConfig streamConfig(List<String> args) {
    PipelineOptionsFactory.register(StreamOptions.class);
    StreamOptions options =
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
            .withValidation()
            .as(StreamOptions.class);
    return StreamConfig.from(options);
  }

  @Test
  public void aKinesisSourceAndTheForecastsGiveAValidStreamingPipeline() {
    Map<String, Properties> groups =
        propertyGroups(
            Map.of(
                "forecasts", "s3://bucket/augur",
                "source", "KINESIS",
                "kinesisStream", "events",
                "streamOutput", "s3://bucket/augur-stream"));
    assertEquals(PipelineKind.STREAM, ManagedFlinkMain.pipelineKind(groups));
    List<String> args = ManagedFlinkMain.beamArgs(groups);
    // Every empty parameter is left out, so the pipeline's own defaults apply.
    assertEquals(
        List.of(
            "--forecasts=s3://bucket/augur",
            "--kinesisStream=events",
            "--source=KINESIS",
            "--streamOutput=s3://bucket/augur-stream",
            "--runner=FlinkRunner"),
        args);
    StreamConfig config = streamConfig(args);
    assertEquals("s3://bucket/augur", config.forecasts());
  }

  @Test
  public void chosenParametersReachThePipeline() {
    Map<String, Properties> groups =
        propertyGroups(
            Map.of(
                "forecasts", "s3://bucket/augur",
                "source", "KAFKA",
                "kafkaBootstrapServers", "broker-1:9092",
                "kafkaTopics", "events",
                "streamOutput", "s3://bucket/augur-stream",
                "window", "15m"));
    List<String> args = ManagedFlinkMain.beamArgs(groups);
    assertThat(args, hasItem("--source=KAFKA"));
    assertThat(args, hasItem("--kafkaBootstrapServers=broker-1:9092"));
    assertThat(args, hasItem("--window=15m"));
    assertEquals(15, streamConfig(args).window().getStandardMinutes());
  }

  @Test
  public void everyOptionIsAParameterAndAProperty() {
    everyOptionIsAParameterAndAProperty(TEMPLATE, StreamOptions.class, "stream");
    everyOptionIsAParameterAndAProperty(ARCHIVE_TEMPLATE, ArchiveOptions.class, "archive");
  }

  private static void everyOptionIsAParameterAndAProperty(
      JsonNode template, Class<?> options, String pipeline) {
    JsonNode parameters = template.get("Parameters");
    JsonNode augur =
        template
            .at("/Resources/Application/Properties/ApplicationConfiguration/EnvironmentProperties/PropertyGroups")
            .get(0);
    assertEquals(ManagedFlinkMain.PROPERTY_GROUP, augur.get("PropertyGroupId").asText());
    JsonNode map = augur.get("PropertyMap");
    List<String> missing = new ArrayList<>();
    for (java.lang.reflect.Method m : options.getMethods()) {
      if (m.getDeclaringClass().getPackageName().startsWith("dev.augur")
          && m.getName().startsWith("get")
          && m.getParameterCount() == 0) {
        String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        if (!parameters.has(name) || !map.has(name)) {
          missing.add(name);
        }
      }
    }
    assertEquals(pipeline, List.of(), missing);
    assertEquals(pipeline, map.get(ManagedFlinkMain.PIPELINE).asText());
  }

  @Test
  public void theRuntimeIsTheFlinkVersionOfTheBundlesRunner() {
    String[] version = EnvironmentInformation.getVersion().split("\\.");
    assertEquals(
        "FLINK-" + version[0] + "_" + version[1],
        TEMPLATE.at("/Resources/Application/Properties/RuntimeEnvironment").asText());
  }

  @Test
  public void theVpcAndTheBundlesVersionAreSetOnlyWhenGiven() {
    CloudFormationTemplate none = new CloudFormationTemplate(TEMPLATE, Map.of());
    JsonNode config = TEMPLATE.at("/Resources/Application/Properties/ApplicationConfiguration");
    assertEquals(null, none.resolve(config.get("VpcConfigurations")));
    assertEquals(
        null, none.resolve(config.at("/ApplicationCodeConfiguration/CodeContent/S3ContentLocation/ObjectVersion")));
    CloudFormationTemplate vpc =
        new CloudFormationTemplate(
            TEMPLATE, Map.of("SubnetIds", "subnet-1,subnet-2", "SecurityGroupIds", "sg-1"));
    JsonNode subnets = vpc.resolve(config.get("VpcConfigurations")).get(0).get("SubnetIds");
    assertEquals(2, subnets.size());
  }

  /** The created role's policy statements by {@code Sid}, for the given parameter values. */
  static Map<String, JsonNode> executionRoleStatements(Map<String, String> given) {
    return executionRoleStatements(TEMPLATE, given);
  }

  static Map<String, JsonNode> executionRoleStatements(JsonNode template, Map<String, String> given) {
    JsonNode role = new CloudFormationTemplate(template, given).resource("ExecutionRole");
    assertTrue("the stack creates a role", role != null);
    Map<String, JsonNode> bySid = new LinkedHashMap<>();
    for (JsonNode s : role.at("/Properties/Policies/0/PolicyDocument/Statement")) {
      assertEquals(s.toString(), "Allow", s.get("Effect").asText());
      assertTrue("Sid " + s.get("Sid") + " once", bySid.put(s.get("Sid").asText(), s) == null);
    }
    return bySid;
  }

  private static List<String> actions(JsonNode statement) {
    return texts(statement.get("Action"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(a -> texts.add(a.asText()));
    return texts;
  }

  @Test
  public void givenARoleTheStackCreatesNone() {
    String arn = "arn:aws:iam::123456789012:role/platform-augur";
    CloudFormationTemplate template =
        new CloudFormationTemplate(
            TEMPLATE, Map.of(
                "ServiceExecutionRoleArn", arn,
                "CodeBucket", "code",
                "forecasts", "s3://b/f",
                "streamOutput", "s3://b/augur-stream"));
    assertEquals(null, template.resource("ExecutionRole"));
    assertEquals(
        arn, template.resource("Application").at("/Properties/ServiceExecutionRole").asText());
    assertEquals(arn, template.resolve(TEMPLATE.at("/Outputs/ServiceExecutionRoleArn/Value")).asText());
  }

  @Test
  public void withDefaultOptionsTheCreatedRoleReadsTheBundleAndTheForecastsAndWritesLogs() {
    Map<String, String> given =
        Map.of("CodeBucket", "code", "forecasts", "s3://fc/augur/prod", "streamOutput", "s3://out/augur-stream");
    CloudFormationTemplate template = new CloudFormationTemplate(TEMPLATE, given);
    assertEquals(
        "the application runs as the created role",
        "arn:aws:iam::123456789012:role/ExecutionRole",
        template.resource("Application").at("/Properties/ServiceExecutionRole").asText());
    JsonNode trust = template.resource("ExecutionRole").at("/Properties/AssumeRolePolicyDocument/Statement/0");
    assertEquals("kinesisanalytics.amazonaws.com", trust.at("/Principal/Service").asText());
    assertEquals("123456789012", trust.at("/Condition/StringEquals/aws:SourceAccount").asText());

    Map<String, JsonNode> s = executionRoleStatements(given);
    // The default sinks write files under streamOutput, in S3.
    assertEquals(
        List.of(
            "ReadBundle",
            "FindLogGroups",
            "WriteLogs",
            "ReadForecastsObjects",
            "ReadForecastsListing",
            "WriteStreamOutputObjects",
            "WriteStreamOutputListing"),
        new ArrayList<>(s.keySet()));
    assertEquals("arn:aws:s3:::code/augur-bundled.jar", s.get("ReadBundle").get("Resource").asText());
    assertEquals(
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesis-analytics/augur-stream:log-stream:*",
        s.get("WriteLogs").get("Resource").asText());
    assertEquals(List.of("s3:GetObject"), actions(s.get("ReadForecastsObjects")));
    assertEquals("arn:aws:s3:::fc/augur/prod/*", s.get("ReadForecastsObjects").get("Resource").asText());
    assertEquals("arn:aws:s3:::fc", s.get("ReadForecastsListing").get("Resource").asText());
  }

  /** Parameter values that give the created role every statement but the replay's. */
  static Map<String, String> optionsThatWidenTheRole() {
    Map<String, String> given = new HashMap<>();
    given.put("CodeBucket", "code");
    given.put("forecasts", "s3://fc/augur");
    given.put("source", "KINESIS");
    given.put("kinesisStream", "events");
    given.put("kinesisConsumerArn", "arn:aws:kinesis:us-east-1:123456789012:stream/events/consumer/augur:1");
    given.put("streamOutput", "s3://out/augur-stream");
    given.put("metricSink", "CLOUDWATCH");
    given.put("metricsNamespace", "Checkout");
    given.put("incidentSink", "SSM_INCIDENTS");
    given.put("responsePlanArn", "arn:aws:ssm-incidents::123456789012:response-plan/checkout");
    given.put("snsTopicArn", "arn:aws:sns:us-east-1:123456789012:incidents");
    given.put("webhookSecret", "arn:aws:secretsmanager:us-east-1:123456789012:secret:augur/pagerduty");
    // Not a consistent application (a Kafka client file with Kinesis, a Prometheus signer with
    // CloudWatch): every option that widens the role, at once.
    given.put("kafkaClientConfig", "s3://conf/kafka/client.properties");
    given.put("prometheusSigV4", "true");
    given.put("SubnetIds", "subnet-1");
    given.put("SecurityGroupIds", "sg-1");
    given.put(
        "KmsKeyArns",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab,"
            + "arn:aws:kms:us-east-1:123456789012:key/0987dcba-09fe-87dc-65ba-ab0987654321");
    return given;
  }

  @Test
  public void theCreatedRoleAllowsWhatTheGivenSourceAndSinksNeed() {
    Map<String, String> given = optionsThatWidenTheRole();
    Map<String, JsonNode> s = executionRoleStatements(given);
    assertEquals(
        "arn:aws:kinesis:us-east-1:123456789012:stream/events",
        s.get("ReadKinesisStream").get("Resource").asText());
    assertThat(actions(s.get("ReadKinesisStream")), hasItem("kinesis:GetRecords"));
    assertEquals(given.get("kinesisConsumerArn"), s.get("ReadKinesisFanOut").get("Resource").asText());
    assertThat(actions(s.get("ReadKinesisFanOut")), hasItem("kinesis:SubscribeToShard"));
    assertEquals("arn:aws:s3:::out/augur-stream/*", s.get("WriteStreamOutputObjects").get("Resource").asText());
    assertThat(actions(s.get("WriteStreamOutputObjects")), hasItem("s3:PutObject"));
    assertThat(actions(s.get("WriteStreamOutputObjects")), hasItem("s3:DeleteObject"));
    assertEquals("arn:aws:s3:::out", s.get("WriteStreamOutputListing").get("Resource").asText());
    assertEquals(
        "Checkout", s.get("PutMetrics").at("/Condition/StringEquals/cloudwatch:namespace").asText());
    assertEquals(given.get("snsTopicArn"), s.get("PublishIncidents").get("Resource").asText());
    assertEquals(
        "arn:aws:s3:::conf/kafka/client.properties*",
        s.get("ReadKafkaClientConfigObjects").get("Resource").asText());
    assertEquals(List.of("s3:GetObject"), actions(s.get("ReadKafkaClientConfigObjects")));
    assertEquals("arn:aws:aps:*:123456789012:workspace/*", s.get("WritePrometheus").get("Resource").asText());
    assertThat(actions(s.get("WritePrometheus")), hasItem("aps:RemoteWrite"));
    assertEquals(given.get("responsePlanArn"), s.get("StartIncidents").get("Resource").asText());
    assertEquals(
        "arn:aws:ssm-incidents::123456789012:incident-record/checkout/*",
        s.get("UpdateIncidents").get("Resource").asText());
    assertEquals(List.of("ssm-incidents:ListIncidentRecords"), actions(s.get("FindOpenIncidents")));
    assertEquals("*", s.get("FindOpenIncidents").get("Resource").asText());
    assertEquals(List.of("secretsmanager:GetSecretValue"), actions(s.get("ReadWebhookSecret")));
    assertEquals(
        List.of(given.get("webhookSecret"), given.get("webhookSecret") + "-??????"),
        texts(s.get("ReadWebhookSecret").get("Resource")));
    assertThat(actions(s.get("RunInVpc")), hasItem("ec2:CreateNetworkInterface"));
    assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), actions(s.get("UseKmsKeys")));
    assertEquals(
        List.of(given.get("KmsKeyArns").split(",")), texts(s.get("UseKmsKeys").get("Resource")));
    assertTrue("no replay in S3", !s.containsKey("ReadReplayInputObjects"));

    given.put("webhookSecret", "env:PAGERDUTY_ROUTING_KEY");
    assertTrue("a secret outside Secrets Manager needs no statement",
        !executionRoleStatements(given).containsKey("ReadWebhookSecret"));
    given.remove("metricsNamespace");
    assertEquals(
        "the option's default namespace",
        "Augur",
        executionRoleStatements(given)
            .get("PutMetrics")
            .at("/Condition/StringEquals/cloudwatch:namespace")
            .asText());
  }

  /** CloudFormation takes a template body of at most 51,200 bytes without an S3 bucket. */
  @Test
  public void theTemplatesDeployFromTheCommandLineWithoutABucket() throws Exception {
    for (String file : List.of("managed-flink-stream.json", "managed-flink-archive.json")) {
      long bytes = Files.size(Paths.get("..", "templates", file));
      assertTrue(file + ": " + bytes + " bytes", bytes <= 51_200);
    }
  }

  @Test
  public void theArchiveTemplateGivesAValidArchivePipeline() {
    Map<String, Properties> groups =
        propertyGroups(
            ARCHIVE_TEMPLATE,
            Map.of(
                "CodeBucket", "code",
                "archive", "s3://bucket/archive",
                "source", "KINESIS",
                "kinesisStream", "events",
                "addFields", "region=eu-west-1"));
    assertEquals(PipelineKind.ARCHIVE, ManagedFlinkMain.pipelineKind(groups));
    List<String> args = ManagedFlinkMain.beamArgs(groups);
    assertEquals(
        List.of(
            "--addFields=region=eu-west-1",
            "--archive=s3://bucket/archive",
            "--kinesisStream=events",
            "--source=KINESIS",
            "--runner=FlinkRunner"),
        args);
    PipelineOptionsFactory.register(ArchiveOptions.class);
    ArchiveConfig config =
        ArchiveConfig.from(
            PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
                .withValidation()
                .as(ArchiveOptions.class));
    assertEquals("s3://bucket/archive/events", config.events());
    assertEquals(Map.of("region", "eu-west-1"), config.fields());
  }

  @Test
  public void theArchivesRoleWritesTheArchiveAndNothingOfTheStreams() {
    Map<String, JsonNode> s =
        executionRoleStatements(
            ARCHIVE_TEMPLATE,
            Map.of(
                "CodeBucket", "code",
                "archive", "s3://bucket/archive",
                "source", "KINESIS",
                "kinesisStream", "events"));
    assertEquals(
        List.of(
            "ReadBundle",
            "FindLogGroups",
            "WriteLogs",
            "ReadKinesisStream",
            "WriteArchiveObjects",
            "WriteArchiveListing"),
        new ArrayList<>(s.keySet()));
    assertEquals("arn:aws:s3:::bucket/archive/*", s.get("WriteArchiveObjects").get("Resource").asText());
    assertThat(actions(s.get("WriteArchiveObjects")), hasItem("s3:PutObject"));
    assertEquals("arn:aws:s3:::bucket", s.get("WriteArchiveListing").get("Resource").asText());
    assertTrue(
        "no statement for options the archive does not have",
        !ARCHIVE_TEMPLATE.toString().contains("cloudwatch:PutMetricData")
            && !ARCHIVE_TEMPLATE.toString().contains("sns:Publish"));
  }

  /**
   * The role's conditions compare option values as text, so a parameter naming one of a fixed set
   * of values takes exactly those (the pipeline would also read other letter cases), and a prefix
   * the role extends with "/*" takes no trailing slash.
   */
  @Test
  public void parametersTakeOnlyValuesTheRoleUnderstands() {
    for (JsonNode template : List.of(TEMPLATE, ARCHIVE_TEMPLATE)) {
      JsonNode parameters = template.get("Parameters");
      StreamConfig.CHOICES.forEach(
          (option, type) -> {
            if (parameters.has(option)) {
              List<String> allowed = new ArrayList<>();
              parameters.get(option).get("AllowedValues").forEach(v -> allowed.add(v.asText()));
              List<String> expected = new ArrayList<>(List.of(""));
              for (Enum<?> c : type.getEnumConstants()) {
                expected.add(c.name());
              }
              assertEquals(option, expected, allowed);
            }
          });
      for (String prefix : List.of("forecasts", "streamOutput", "archive")) {
        if (parameters.has(prefix)) {
          String pattern = parameters.get(prefix).get("AllowedPattern").asText();
          assertTrue(prefix, "s3://bucket/augur".matches(pattern));
          assertTrue(prefix, "s3://bucket".matches(pattern));
          assertTrue(prefix, !"s3://bucket/augur/".matches(pattern));
          // The application has no lasting local disk.
          assertTrue(prefix, !"/tmp/augur".matches(pattern));
          assertTrue(prefix, !"augur-stream".matches(pattern));
          assertTrue(prefix + " is required", !parameters.get(prefix).has("Default"));
        }
      }
      if (parameters.has("replayInput")) {
        String pattern = parameters.get("replayInput").get("AllowedPattern").asText();
        assertTrue("".matches(pattern));
        assertTrue("s3://bucket/events/*.jsonl.gz".matches(pattern));
        assertTrue(!"/data/events/*.jsonl.gz".matches(pattern));
      }
      // A live stream unless told otherwise: the command line's default, a replay, would need
      // files.
      assertEquals("KINESIS", parameters.get("source").get("Default").asText());
    }
    assertTrue(TEMPLATE.get("Parameters").get("metricSink").toString().contains("CLOUDWATCH"));
  }
}
