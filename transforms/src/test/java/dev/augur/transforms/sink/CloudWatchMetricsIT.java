package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.Comparison;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * {@link MetricsSink#CLOUDWATCH} against moto_server through the real SDK: writes comparisons,
 * reads the datapoints back with {@code GetMetricStatistics}. Run by {@code bin/augur test}, or
 * with {@code moto_server -H 127.0.0.1 -p 5000} and {@code
 * AUGUR_TEST_MOTO_ENDPOINT=http://127.0.0.1:5000}.
 */
public class CloudWatchMetricsIT {
  private static final String ENDPOINT = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @BeforeClass
  public static void needsMoto() {
    Assume.assumeTrue(
        "AUGUR_TEST_MOTO_ENDPOINT is not set: start moto_server (bin/augur test does)",
        ENDPOINT != null);
  }

  @Test
  public void comparisonsBecomeTheDatapointsTheyDescribe() {
    String namespace = "AugurIT/" + UUID.randomUUID();
    // Recent whole minutes: CloudWatch keeps datapoints up to two weeks old.
    Instant start =
        Instant.now().minus(Duration.standardMinutes(30)).withMillis(
            Instant.now().minus(Duration.standardMinutes(30)).getMillis() / 60_000 * 60_000);
    Instant next = start.plus(Duration.standardMinutes(1));
    Comparison above =
        Comparison.create("service=checkout", "count", start, next, 171.0, 120.0, 98.0, 141.0,
            2.5, Comparison.Direction.ABOVE, "v1");
    Comparison noForecast =
        Comparison.create("service=checkout", "count", next, next.plus(Duration.standardMinutes(1)),
            40.0, null, null, null, null, Comparison.Direction.NO_FORECAST, null);

    SinkResult result =
        p.apply(Create.of(above, noForecast))
            .apply(
                MetricsSink.CLOUDWATCH.write(
                    MetricsConfig.builder()
                        .setNamespace(namespace)
                        .setRegion("us-east-1")
                        .setEndpoint(ENDPOINT)
                        .build()));
    PAssert.that(result.deadLetters()).empty();
    p.run().waitUntilFinish();

    try (CloudWatchClient cw =
        CloudWatchClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(ENDPOINT))
            .build()) {
      Map<String, Map<Long, Double>> maxima = new HashMap<>();
      for (String metric :
          List.of("Actual", "Expected", "Lower", "Upper", "DeviationScore", "NoForecast")) {
        List<Datapoint> points =
            cw.getMetricStatistics(
                    GetMetricStatisticsRequest.builder()
                        .namespace(namespace)
                        .metricName(metric)
                        .dimensions(
                            Dimension.builder().name("service").value("checkout").build(),
                            Dimension.builder().name("Statistic").value("count").build())
                        .startTime(java.time.Instant.ofEpochMilli(start.getMillis() - 60_000))
                        .endTime(java.time.Instant.ofEpochMilli(start.getMillis() + 180_000))
                        .period(60)
                        .statistics(Statistic.MAXIMUM)
                        .build())
                .datapoints();
        Map<Long, Double> byMinute = new HashMap<>();
        for (Datapoint d : points) {
          byMinute.put(d.timestamp().toEpochMilli(), d.maximum());
        }
        maxima.put(metric, byMinute);
      }
      long t0 = start.getMillis();
      long t1 = next.getMillis();
      assertEquals(
          Map.of(
              "Actual", Map.of(t0, 171.0, t1, 40.0),
              "Expected", Map.of(t0, 120.0),
              "Lower", Map.of(t0, 98.0),
              "Upper", Map.of(t0, 141.0),
              "DeviationScore", Map.of(t0, 2.5),
              "NoForecast", Map.of(t1, 1.0)),
          maxima);
    }
  }
}
