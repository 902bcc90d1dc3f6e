package dev.augur.runners;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The Managed Flink template's application, as CloudFormation would create it, sent by the AWS
 * command line: the command line checks the request against the service's own API model (every
 * name, type and length) before it sends it, and moto_server ({@code AUGUR_TEST_MOTO_ENDPOINT},
 * set by {@code bin/augur test}) creates the application, whose description must hold the
 * template's runtime and property group.
 */
public class ManagedFlinkTemplateIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  public void theTemplatesApplicationIsAValidCreateApplicationRequest() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = Paths.get("target/it/managed-flink-template").toAbsolutePath();
    Files.createDirectories(work);
    Map<String, String> parameters =
        Map.of(
            "ApplicationName", "augur-template-it",
            "CodeBucket", "augur-code",
            "ServiceExecutionRoleArn", "arn:aws:iam::123456789012:role/augur",
            "SubnetIds", "subnet-0a1b2c3d,subnet-4e5f6a7b",
            "SecurityGroupIds", "sg-0a1b2c3d",
            "forecasts", "s3://augur-forecasts/augur",
            "source", "KINESIS",
            "kinesisStream", "events",
            "window", "15m");
    CloudFormationTemplate template =
        new CloudFormationTemplate(ManagedFlinkTemplateTest.TEMPLATE, parameters);
    // The resource's properties are the API's request, with the types CloudFormation converts to.
    JsonNode request =
        CloudFormationTemplate.typed(
            template.resolve(ManagedFlinkTemplateTest.TEMPLATE.at("/Resources/Application/Properties")),
            "PropertyMap");
    Path file = work.resolve("create-application.json");
    Files.writeString(file, JSON.writeValueAsString(request), StandardCharsets.UTF_8);

    aws(endpoint, "create-application", "--cli-input-json", "file://" + file);
    JsonNode detail =
        JSON.readTree(aws(endpoint, "describe-application", "--application-name", "augur-template-it"))
            .get("ApplicationDetail");

    assertEquals("FLINK-1_19", detail.get("RuntimeEnvironment").asText());
    JsonNode group =
        detail.at("/ApplicationConfigurationDescription/EnvironmentPropertyDescriptions/PropertyGroupDescriptions/0");
    assertEquals("Augur", group.get("PropertyGroupId").asText());
    ObjectNode expected = JSON.createObjectNode();
    expected.put("pipeline", "stream");
    expected.put("forecasts", "s3://augur-forecasts/augur");
    expected.put("source", "KINESIS");
    expected.put("kinesisStream", "events");
    expected.put("window", "15m");
    assertEquals("only the options given, nothing empty", expected, group.get("PropertyMap"));
  }

  /** Runs {@code aws kinesisanalyticsv2 <args>} against the endpoint; fails on a bad exit. */
  private static String aws(String endpoint, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "aws", "--endpoint-url", endpoint, "--region", CloudFormationTemplate.REGION,
                "kinesisanalyticsv2"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      assumeTrue("the aws command line is not installed", false);
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
