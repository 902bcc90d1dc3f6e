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
 * The Managed Flink template checked by independent tools. Its application, as CloudFormation
 * would create it, sent by the AWS command line: the command line checks the request against the
 * service's own API model (every name, type and length) before it sends it, and moto_server
 * ({@code AUGUR_TEST_MOTO_ENDPOINT}, set by {@code bin/augur test}) creates the application, whose
 * description must hold the template's runtime and property group. The execution role it creates,
 * put to moto's IAM, which checks the policies' grammar. And the whole template, and the archive's,
 * through cfn-lint.
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
            "streamOutput", "s3://augur-forecasts/augur-stream",
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

    aws(endpoint, "kinesisanalyticsv2", "create-application", "--cli-input-json", "file://" + file);
    JsonNode detail =
        JSON.readTree(
                aws(
                    endpoint,
                    "kinesisanalyticsv2",
                    "describe-application",
                    "--application-name",
                    "augur-template-it"))
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
    expected.put("streamOutput", "s3://augur-forecasts/augur-stream");
    expected.put("window", "15m");
    assertEquals("only the options given, nothing empty", expected, group.get("PropertyMap"));
  }

  /**
   * The role the stack creates when given none, with every option that widens it set: moto's IAM
   * checks each policy document's grammar (effects, actions, ARNs) as IAM does, and rejects a
   * malformed one.
   */
  @Test
  public void theCreatedRolesPoliciesAreValidIamDocuments() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Map<String, String> given = ManagedFlinkTemplateTest.optionsThatWidenTheRole();
    given.put("replayInput", "s3://augur-events/2024/*.jsonl.gz");
    JsonNode role = new CloudFormationTemplate(ManagedFlinkTemplateTest.TEMPLATE, given).resource("ExecutionRole");
    String roleName = "augur-template-it-" + System.nanoTime();
    aws(
        endpoint,
        "iam",
        "create-role",
        "--role-name",
        roleName,
        "--assume-role-policy-document",
        JSON.writeValueAsString(role.at("/Properties/AssumeRolePolicyDocument")));
    JsonNode policy = role.at("/Properties/Policies/0");
    assertEquals(
        "every statement applies",
        ManagedFlinkTemplateTest.TEMPLATE
            .at("/Resources/ExecutionRole/Properties/Policies/0/PolicyDocument/Statement")
            .size(),
        policy.at("/PolicyDocument/Statement").size());
    aws(
        endpoint,
        "iam",
        "put-role-policy",
        "--role-name",
        roleName,
        "--policy-name",
        policy.get("PolicyName").asText(),
        "--policy-document",
        JSON.writeValueAsString(policy.get("PolicyDocument")));
    JsonNode stored =
        JSON.readTree(
            aws(endpoint, "iam", "get-role-policy", "--role-name", roleName, "--policy-name",
                policy.get("PolicyName").asText()));
    assertEquals(policy.get("PolicyDocument"), stored.get("PolicyDocument"));
  }

  /**
   * cfn-lint (installed with moto's server) checks the template against CloudFormation's resource
   * specifications: property names and types, intrinsic functions and where they may be used,
   * references, and every IAM action's name.
   */
  @Test
  public void cfnLintFindsNothingInTheTemplates() throws Exception {
    Path stream = AugurProcess.home().resolve("templates/managed-flink-stream.json");
    Path archive = AugurProcess.home().resolve("templates/managed-flink-archive.json");
    run(
        List.of("cfn-lint", stream.toString(), archive.toString()),
        "cfn-lint is not installed (it comes with pip install 'moto[server]')");
  }

  /** Runs {@code aws <service> <args>} against the endpoint; fails on a bad exit. */
  private static String aws(String endpoint, String service, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "aws", "--endpoint-url", endpoint, "--region", CloudFormationTemplate.REGION,
                service));
    command.addAll(List.of(args));
    return run(command, "the aws command line is not installed");
  }

  /**
   * Runs {@code command} with moto's credentials and returns its output; skips the test when the
   * program is missing ({@code notInstalled} says which), fails on a bad exit.
   */
  private static String run(List<String> command, String notInstalled)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      assumeTrue(notInstalled, false);
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
