package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.pipelines.config.StreamConfig;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.runners.ManagedFlinkMain.PipelineKind;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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

  /** The application's property groups for the given parameter values (defaults elsewhere). */
  private static Map<String, Properties> propertyGroups(Map<String, String> given) {
    CloudFormationTemplate resolver = new CloudFormationTemplate(TEMPLATE, given);
    Map<String, Properties> groups = new HashMap<>();
    JsonNode application = TEMPLATE.at("/Resources/Application/Properties");
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
                "forecasts", "s3://bucket/augur", "source", "KINESIS", "kinesisStream", "events"));
    assertEquals(PipelineKind.STREAM, ManagedFlinkMain.pipelineKind(groups));
    List<String> args = ManagedFlinkMain.beamArgs(groups);
    // Every empty parameter is left out, so the pipeline's own defaults apply.
    assertEquals(
        List.of(
            "--forecasts=s3://bucket/augur",
            "--kinesisStream=events",
            "--source=KINESIS",
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
                "window", "15m"));
    List<String> args = ManagedFlinkMain.beamArgs(groups);
    assertThat(args, hasItem("--source=KAFKA"));
    assertThat(args, hasItem("--kafkaBootstrapServers=broker-1:9092"));
    assertThat(args, hasItem("--window=15m"));
    assertEquals(15, streamConfig(args).window().getStandardMinutes());
  }

  @Test
  public void everyStreamOptionIsAParameterAndAProperty() {
    JsonNode parameters = TEMPLATE.get("Parameters");
    JsonNode augur =
        TEMPLATE
            .at("/Resources/Application/Properties/ApplicationConfiguration/EnvironmentProperties/PropertyGroups")
            .get(0);
    assertEquals(ManagedFlinkMain.PROPERTY_GROUP, augur.get("PropertyGroupId").asText());
    JsonNode map = augur.get("PropertyMap");
    List<String> missing = new ArrayList<>();
    for (java.lang.reflect.Method m : StreamOptions.class.getMethods()) {
      if (m.getDeclaringClass().getPackageName().startsWith("dev.augur")
          && m.getName().startsWith("get")
          && m.getParameterCount() == 0) {
        String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        if (!parameters.has(name) || !map.has(name)) {
          missing.add(name);
        }
      }
    }
    assertEquals(List.of(), missing);
    assertEquals("stream", map.get(ManagedFlinkMain.PIPELINE).asText());
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
}
