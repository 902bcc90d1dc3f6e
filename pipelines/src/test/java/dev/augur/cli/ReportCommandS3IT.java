package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code augur report} reading a backtest's comparisons and incidents from S3 prefixes and writing
 * the page to S3, against moto_server ({@code AUGUR_TEST_MOTO_ENDPOINT}, set by {@code bin/augur
 * test}).
 */
public class ReportCommandS3IT {
  private static final String BUCKET = "augur-report-it";

  @Test
  public void readsAndWritesS3() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      Instant start = Instant.parse("2024-05-01T00:00:00Z");
      List<String> comparisons = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        boolean spike = i == 5;
        comparisons.add(
            SinkJson.comparison(
                Comparison.create(
                    "service=<checkout>", "count", start.plus(i * 900_000L),
                    start.plus((i + 1) * 900_000L), spike ? 170.0 : 100.0 + i, 100.0, 90.0, 110.0,
                    spike ? 6.0 : 0.1,
                    spike ? Comparison.Direction.ABOVE : Comparison.Direction.WITHIN, "v1")));
      }
      s3.putObject(b -> b.bucket(BUCKET).key("backtest/comparisons/part-0.jsonl"),
          RequestBody.fromString(String.join("\n", comparisons) + "\n"));
      s3.putObject(b -> b.bucket(BUCKET).key("backtest/incidents/part-0.jsonl"),
          RequestBody.fromString(SinkJson.incident(IncidentEvent.create(
              "k1", IncidentEvent.Type.OPENED, "service=<checkout>", "count",
              IncidentEvent.Severity.HIGH, start.plus(6 * 900_000L), start.plus(6 * 900_000L),
              "count above", List.of())) + "\n"));

      StringWriter err = new StringWriter();
      CommandLine cli = Augur.commandLine();
      cli.setErr(new PrintWriter(err));
      int status =
          cli.execute(
              "report",
              "--comparisons=s3://" + BUCKET + "/backtest/comparisons",
              "--incidents=s3://" + BUCKET + "/backtest/incidents/",
              "--output=s3://" + BUCKET + "/backtest/site/report.html",
              "--awsRegion=us-east-1",
              "--endpoint=" + endpoint,
              "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory");
      assertEquals(err.toString(), 0, status);

      String page =
          s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("backtest/site/report.html")).asUtf8String();
      assertThat(page, containsString("<svg class=\"chart\""));
      assertThat(page, containsString("<rect class=\"incident open\""));
      assertThat(page, containsString("service=&lt;checkout&gt;"));
      assertThat(page, containsString("comparisons: s3://" + BUCKET + "/backtest/comparisons"));
    }
  }
}
