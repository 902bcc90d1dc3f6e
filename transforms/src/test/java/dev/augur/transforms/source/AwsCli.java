package dev.augur.transforms.source;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS command line against a local endpoint, with test credentials: an independent client to
 * set up and feed the Kinesis streams the source integration tests read.
 */
final class AwsCli {
  static final String REGION = "us-east-1";

  private final String endpoint;
  private final boolean v2;

  private AwsCli(String endpoint, boolean v2) {
    this.endpoint = endpoint;
    this.v2 = v2;
  }

  /**
   * The command line against the endpoint that environment variable {@code variable} names (set by
   * {@code bin/augur test} when it starts {@code service}); the calling test is skipped without
   * that endpoint or without an {@code aws} command.
   */
  static AwsCli fromEnvironment(String variable, String service) throws InterruptedException {
    String endpoint = System.getenv(variable);
    assumeTrue(
        variable + " is not set; run bin/augur test to start " + service,
        endpoint != null && !endpoint.isBlank());
    AwsCli cli = against(endpoint);
    assumeTrue("the aws command line is not installed", cli != null);
    return cli;
  }

  /** Gives a pipeline the test credentials the local stand-ins accept. */
  static void useTestCredentials(PipelineOptions options) {
    options.as(AwsOptions.class).setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  String endpoint() {
    return endpoint;
  }

  /** The command line against {@code endpoint}, or null when no {@code aws} command is installed. */
  static AwsCli against(String endpoint) throws InterruptedException {
    try {
      return new AwsCli(endpoint, run(List.of("aws", "--version")).startsWith("aws-cli/2"));
    } catch (IOException e) {
      return null;
    }
  }

  /** Runs {@code aws kinesis <args>}, returning its output; fails on a bad exit. */
  String kinesis(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", REGION, "kinesis"));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Puts one record; returns the CLI's answer (JSON with its ShardId and SequenceNumber). */
  String putRecord(String stream, String partitionKey, String data)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "put-record", "--stream-name", stream, "--partition-key", partitionKey,
                "--data", data));
    if (v2) {
      // Version 2 takes blobs as base64 unless told otherwise; version 1 sends the text as is.
      args.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
    }
    return kinesis(args.toArray(new String[0]));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.putIfAbsent("AWS_ACCESS_KEY_ID", "testing");
    env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_DEFAULT_REGION", REGION);
    env.put("AWS_PAGER", "");
    Process process = pb.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(command + " exited with " + process.exitValue() + ": " + text);
    }
    return text.trim();
  }
}
