package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import org.junit.Test;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How a command's failures read: one line for what the user can fix, a stack trace otherwise. */
public class AugurErrorsTest {
  private static String handle(Exception e, int[] status) {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine().getSubcommands().get("batch");
    cli.setErr(new PrintWriter(err, true));
    status[0] = new Augur.Errors().handleExecutionException(e, cli, null);
    return err.toString();
  }

  @Test
  public void aServerThatDoesNotAnswerIsOneLineNamingWhatToCheck() {
    int[] status = new int[1];
    String said =
        handle(
            new RuntimeException(
                "Pipeline execution failed",
                new IOException("submit", new ConnectException("Connection refused"))),
            status);
    assertEquals(1, status[0]);
    assertThat(said, containsString("augur batch failed: cannot connect (ConnectException: Connection refused)"));
    assertThat(said, containsString("--flinkMaster"));
    assertThat(said, not(containsString("\tat ")));
  }

  @Test
  public void aBucketAddressedByHostNameOnAPrivateEndpointNamesThePathStyleFactory() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("versions", "--forecasts=s3://augur-fc/prod", "--awsRegion=us-east-1",
        "--endpoint=http://s3.invalid:1", "--awsCredentialsProvider="
            + "{\"@type\": \"StaticCredentialsProvider\", \"accessKeyId\": \"x\","
            + " \"secretAccessKey\": \"y\"}");
    assertEquals(err.toString(), 1, status);
    assertThat(err.toString(), containsString("S3 addressed the bucket as the host augur-fc.s3.invalid"));
    assertThat(err.toString(), containsString(
        "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory"));
    // As the first failed lookup words it.
    assertThat(
        Augur.pathStyleHint("augur-fc.s3.invalid: Name or service not known",
            java.util.List.of("--endpoint=http://s3.invalid:1")),
        containsString("as the host augur-fc.s3.invalid,"));
    // Another unknown host is the address to check.
    assertEquals("", Augur.pathStyleHint("kafka.internal", java.util.List.of("--endpoint=http://localhost:1")));
  }

  /**
   * The batch lists its --input and --output before any work; a listing that failed because S3
   * named the bucket as a host gives the same advice (it used to end at "check that the bucket
   * exists").
   */
  @Test
  public void aBatchWhoseBucketCannotBeListedNamesThePathStyleFactoryToo() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("batch", "--input=s3://augur-in/events/*.jsonl",
        "--output=s3://augur-in/forecasts", "--awsRegion=us-east-1",
        "--endpoint=http://s3.invalid:1", "--awsCredentialsProvider="
            + "{\"@type\": \"StaticCredentialsProvider\", \"accessKeyId\": \"x\","
            + " \"secretAccessKey\": \"y\"}");
    assertEquals(err.toString(), 2, status);
    assertThat(err.toString(), containsString("augur batch: --output cannot be listed"));
    assertThat(err.toString(), containsString(
        "S3 addressed the bucket as the host augur-in.s3.invalid"));
  }

  /** A stream, bucket or topic that does not exist, or another region: the service's answer. */
  @Test
  public void aRequestAwsRefusedIsOneLineWithItsAnswer() {
    int[] status = new int[1];
    AwsServiceException refused =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .serviceName("Kinesis")
                    .errorCode("ResourceNotFoundException")
                    .errorMessage("Stream nosuch under account 123456789012 not found.")
                    .build())
            .build();
    String said =
        handle(new RuntimeException("Pipeline execution failed", new IllegalStateException(refused)), status);
    assertEquals(1, status[0]);
    assertThat(
        said,
        containsString(
            "augur batch failed: Kinesis refused a request (HTTP 400 ResourceNotFoundException:"
                + " Stream nosuch under account 123456789012 not found.); check the names given"));
    assertThat(said, not(containsString("\tat ")));
  }

  /** The SDK's message lists every provider it tried; the user needs to know what to give. */
  @Test
  public void missingCredentialsAreOneLineNamingWhatToGive() {
    int[] status = new int[1];
    SdkClientException none =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain"
                + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
                + " EnvironmentVariableCredentialsProvider()]) : [SystemPropertyCredentialsProvider():"
                + " Unable to load credentials from system settings.]");
    String said =
        handle(new RuntimeException("Pipeline execution failed", new IOException(none)), status);
    assertEquals(1, status[0]);
    assertThat(said, containsString("augur batch failed: no AWS credentials were found"));
    assertThat(said, containsString("AWS_ACCESS_KEY_ID"));
    assertThat(said, not(containsString("\tat ")));
  }

  /** Beam's "expected one element" for a pipeline option given twice names the option. */
  @Test
  public void aPipelineOptionGivenTwiceIsNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("stream", "--replayInput=/nowhere/*.jsonl", "--forecasts=/nowhere",
        "--awsRegion=eu-west-1", "--window=15m", "--awsRegion=us-west-2");
    assertEquals(2, status);
    assertThat(err.toString(), containsString("augur stream: --awsRegion is given more than once"));
    assertThat(err.toString(), containsString("give each once"));
  }

  @Test
  public void otherFailuresKeepTheirStackTrace() {
    int[] status = new int[1];
    String said = handle(new IllegalStateException("bug"), status);
    assertEquals(1, status[0]);
    assertThat(said, containsString("augur batch failed:"));
    assertThat(said, containsString("\tat "));
  }
}
