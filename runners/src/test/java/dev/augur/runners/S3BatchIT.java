package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.forecast.ForecastJson;
import dev.augur.transforms.forecast.ForecastParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The batch command reading history from and writing forecasts (JSON lines and Parquet) to S3,
 * against moto_server on
 * 127.0.0.1 ({@code AUGUR_TEST_MOTO_ENDPOINT}, set by {@code bin/augur test}).
 */
public class S3BatchIT {
  private static final String BUCKET = "augur-it";

  /**
   * A live stream whose forecasts bucket does not exist fails at start naming --forecasts: it
   * used to warn that no manifest was there yet and run on, never comparing a window.
   */
  @Test
  public void aStreamWhoseForecastsBucketDoesNotExistFailsAtStart() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = Paths.get("target/it/s3-no-bucket").toAbsolutePath();
    AugurProcess run =
        AugurProcess.run(
            work,
            Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"),
            "stream",
            "--source=KAFKA",
            "--kafkaBootstrapServers=127.0.0.1:9",
            "--kafkaTopics=events",
            "--forecasts=s3://augur-no-such-bucket/augur",
            "--window=15m",
            "--streamOutput=" + work.resolve("out"),
            "--awsRegion=us-east-1",
            "--endpoint=" + endpoint,
            "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory");
    assertEquals(AugurProcess.tail(run.stderr), 2, run.exitCode);
    assertThat(run.stderr, containsString("--forecasts cannot be listed"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  public void batchReadsAndWritesS3() throws Exception {
    String endpoint = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
    assumeTrue("AUGUR_TEST_MOTO_ENDPOINT is not set: run through bin/augur test", endpoint != null);
    Path work = Paths.get("target/it/s3").toAbsolutePath();
    SmallHistory.writeTo(work.resolve("events"));

    try (S3Client s3 = MotoS3.client(endpoint)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      try (Stream<Path> files = Files.list(work.resolve("events"))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          s3.putObject(b -> b.bucket(BUCKET).key("history/" + f.getFileName()), RequestBody.fromFile(f));
        }
      }
      // A bad line among good ones must reach the dead letters on S3, with its reason.
      s3.putObject(b -> b.bucket(BUCKET).key("history/bad.jsonl"), RequestBody.fromString("{\"ts\":\"yesterday\",\"region\":\"x\",\"service\":\"y\"}\n"));

      AugurProcess run =
          AugurProcess.run(
                  work.resolve("run"),
                  Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"),
                  "batch",
                  "--input=s3://" + BUCKET + "/history/*",
                  "--output=s3://" + BUCKET + "/augur",
                  "--window=1h",
                  "--horizon=6h",
                  "--modelVersion=it-s3",
                  "--writeParquet",
                  "--awsRegion=us-east-1",
                  "--endpoint=" + endpoint,
                  "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory")
              .assertSucceeded();
      assertThat(run.stdout, containsString("forecast version it-s3"));

      JsonNode manifest =
          new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("augur/manifest.json")).asUtf8String());
      assertEquals("it-s3", manifest.get("model_version").asText());
      assertEquals(SmallHistory.SERIES * 4 * 6, manifest.get("forecast_count").asInt());

      assertEquals("[\"jsonl\",\"parquet\"]", manifest.get("forecast_formats").toString());

      ListObjectsV2Response forecasts = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("augur/forecasts/it-s3/"));
      Set<String> fromJson = new HashSet<>();
      Set<String> fromParquet = new HashSet<>();
      Path downloads = Files.createDirectories(work.resolve("downloads"));
      for (S3Object o : forecasts.contents()) {
        if (o.key().endsWith(".jsonl")) {
          s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asUtf8String().lines()
              .map(ForecastJson::fromJson).map(Object::toString).forEach(fromJson::add);
        } else if (o.key().endsWith(".parquet")) {
          // Read back with parquet-avro itself, not with the Beam IO that wrote it.
          Path local = downloads.resolve(Paths.get(o.key()).getFileName().toString());
          Files.write(local, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray());
          try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                  HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(local.toUri()), new Configuration()))
              .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
              fromParquet.add(ForecastParquet.fromRecord(r).toString());
            }
          }
        }
      }
      assertEquals(SmallHistory.SERIES * 4 * 6, fromJson.size());
      assertEquals(fromJson, fromParquet);
      assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("augur/models/it-s3/count.ubj")).keyCount() == 1);

      StringBuilder deadLetters = new StringBuilder();
      for (S3Object o : s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("augur/dead-letters/it-s3/")).contents()) {
        deadLetters.append(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asUtf8String());
      }
      JsonNode dead = new ObjectMapper().readTree(deadLetters.toString().trim());
      assertEquals("{\"ts\":\"yesterday\",\"region\":\"x\",\"service\":\"y\"}", dead.get("payload").asText());
      assertEquals("parse", dead.get("step").asText());
      assertThat(dead.get("error").asText(), containsString("yesterday"));

      // The versions on S3 are listed, and one is published again (a rollback) in place.
      Map<String, String> credentials =
          Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
      String[] s3Options = {
        "--awsRegion=us-east-1",
        "--endpoint=" + endpoint,
        "--s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory"
      };
      AugurProcess listed =
          AugurProcess.run(work.resolve("versions"), credentials,
                  concat(new String[] {"versions", "--forecasts=s3://" + BUCKET + "/augur"}, s3Options))
              .assertSucceeded();
      assertThat(listed.stdout, containsString("* it-s3  1h windows  count,mean,stddev,sum  "
          + SmallHistory.SERIES * 4 * 6 + " forecasts"));
      // An earlier version beside it, as an earlier run would have left it: its manifest and a
      // forecast file.
      ObjectNode earlier = (ObjectNode) manifest.deepCopy();
      earlier.put("model_version", "it-s3-earlier");
      earlier.put("created_at", "2020-01-01T00:00:00Z");
      s3.putObject(b -> b.bucket(BUCKET).key("augur/manifests/it-s3-earlier.json"),
          RequestBody.fromString(earlier.toString()));
      S3Object forecastFile = forecasts.contents().get(0);
      s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey(forecastFile.key())
          .destinationBucket(BUCKET)
          .destinationKey(forecastFile.key().replace("/it-s3/", "/it-s3-earlier/")));
      AugurProcess both =
          AugurProcess.run(work.resolve("versions-both"), credentials,
                  concat(new String[] {"versions", "--forecasts=s3://" + BUCKET + "/augur"}, s3Options))
              .assertSucceeded();
      assertTrue(both.stdout, both.stdout.indexOf("  it-s3-earlier  ") < both.stdout.indexOf("* it-s3  "));
      AugurProcess rolledBack =
          AugurProcess.run(work.resolve("publish"), credentials,
                  concat(new String[] {"versions", "--forecasts=s3://" + BUCKET + "/augur",
                      "--publish=it-s3-earlier"}, s3Options))
              .assertSucceeded();
      assertThat(rolledBack.stdout, containsString("Published version it-s3-earlier under s3://"
          + BUCKET + "/augur in place of it-s3"));
      JsonNode republished =
          new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("augur/manifest.json")).asUtf8String());
      assertEquals("it-s3-earlier", republished.get("model_version").asText());
      assertTrue(republished.hasNonNull("published_at"));
    }
  }
}
