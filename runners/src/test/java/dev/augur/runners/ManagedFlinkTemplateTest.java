package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.Test;

/**
 * The CloudFormation template for Managed Flink ({@code templates/managed-flink-stream.json}) gives
 * the application a property group that this entry point reads into valid streaming options. The
 * template's parameters are resolved as CloudFormation would ({@code Ref} to a parameter's value
 * or default) and the group is handed to {@link ManagedFlinkMain}.
 */
public class ManagedFlinkTemplateTest {
  private static final JsonNode TEMPLATE = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper()
          .readTree(Paths.get("..", "templates", "managed-flink-stream.json").toFile());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The application's property groups for the given parameter values (defaults elsewhere). */
  private static Map<String, Properties> propertyGroups(Map<String, String> given) {
    JsonNode parameters = TEMPLATE.get("Parameters");
    Map<String, Properties> groups = new HashMap<>();
    JsonNode application = TEMPLATE.at("/Resources/Application/Properties");
    for (JsonNode group : application.at("/ApplicationConfiguration/EnvironmentProperties/PropertyGroups")) {
      Properties properties = new Properties();
      Iterator<Map.Entry<String, JsonNode>> entries = group.get("PropertyMap").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> e = entries.next();
        JsonNode v = e.getValue();
        String value;
        if (v.isTextual()) {
          value = v.asText();
        } else {
          String parameter = v.get("Ref").asText();
          assertTrue(parameter + " is a parameter", parameters.has(parameter));
          JsonNode p = parameters.get(parameter);
          value = given.containsKey(parameter) ? given.get(parameter) : p.path("Default").asText(null);
          assertTrue(parameter + " needs a value: it has no default", value != null);
        }
        properties.setProperty(e.getKey(), value);
      }
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
    List<String> args = ManagedFlinkMain.beamArgs(groups, PipelineKind.STREAM);
    // Every empty parameter is left out, so the pipeline's own defaults apply.
    assertEquals(
        List.of(
            "--forecasts=s3://bucket/augur",
            "--kinesisStream=events",
            "--source=KINESIS",
            "--runner=FlinkRunner",
            "--streaming=true"),
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
    List<String> args = ManagedFlinkMain.beamArgs(groups, PipelineKind.STREAM);
    assertThat(args, hasItem("--source=KAFKA"));
    assertThat(args, hasItem("--kafkaBootstrapServers=broker-1:9092"));
    assertThat(args, hasItem("--window=15m"));
    assertEquals(15, streamConfig(args).window().getStandardMinutes());
  }

  @Test
  public void everyStreamOptionIsAParameterAndAProperty() {
    JsonNode parameters = TEMPLATE.get("Parameters");
    Properties augur =
        propertyGroups(Map.of("forecasts", "s3://bucket/augur")).get(ManagedFlinkMain.PROPERTY_GROUP);
    List<String> missing = new ArrayList<>();
    for (java.lang.reflect.Method m : StreamOptions.class.getMethods()) {
      if (m.getDeclaringClass().getPackageName().startsWith("dev.augur")
          && m.getName().startsWith("get")
          && m.getParameterCount() == 0) {
        String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        if (!parameters.has(name) || !augur.containsKey(name)) {
          missing.add(name);
        }
      }
    }
    assertEquals(List.of(), missing);
    assertEquals("stream", augur.getProperty(ManagedFlinkMain.PIPELINE));
  }
}
