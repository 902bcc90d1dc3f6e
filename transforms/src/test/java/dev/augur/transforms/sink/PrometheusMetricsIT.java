package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link MetricsSink#PROMETHEUS} against a real Prometheus (Debian's, run with {@code
 * --web.enable-remote-write-receiver} by {@code bin/augur test}, which sets {@code
 * AUGUR_TEST_PROMETHEUS_URL}): writes comparisons and reads the samples back with PromQL.
 */
public class PrometheusMetricsIT {
  private static final String PROMETHEUS = System.getenv("AUGUR_TEST_PROMETHEUS_URL");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @BeforeClass
  public static void needsPrometheus() {
    Assume.assumeTrue(
        "AUGUR_TEST_PROMETHEUS_URL is not set: run bin/augur test, which starts Prometheus",
        PROMETHEUS != null && !PROMETHEUS.isBlank());
  }

  /** The values of {@code metric} for {@code run}'s series at {@code time}, by statistic. */
  private static Map<String, Double> query(String metric, String run, Instant time) throws Exception {
    String promql = metric + "{run=\"" + run + "\"}";
    URI uri =
        URI.create(
            PROMETHEUS + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + time.getMillis() / 1000.0);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(response.body(), 200, response.statusCode());
    Map<String, Double> values = new TreeMap<>();
    for (JsonNode r : JSON.readTree(response.body()).path("data").path("result")) {
      values.put(r.path("metric").path("statistic").asText(), r.path("value").get(1).asDouble());
    }
    return values;
  }

  @Test
  public void comparisonsBecomeTheSamplesTheyDescribeAndACorrectionPrometheusRefusesIsADeadLetter()
      throws Exception {
    String run = UUID.randomUUID().toString();
    String series = "run=" + run + ",service.name=checkout";
    Instant start = new Instant(Instant.now().minus(Duration.standardMinutes(30)).getMillis() / 60_000 * 60_000);
    Instant end = start.plus(Duration.standardMinutes(15));
    Comparison above =
        Comparison.create(series, "count", start, end, 171.0, 120.0, 98.0, 141.0, 2.5,
            Comparison.Direction.ABOVE, "v1");
    Comparison noForecast =
        Comparison.create(series, "sum", start, end, 40.0, null, null, null, null,
            Comparison.Direction.NO_FORECAST, null);
    MetricsConfig config =
        MetricsConfig.builder().setRemoteWriteUrl(PROMETHEUS + "/api/v1/write").build();
    // The start check's empty write request is taken.
    assertNull(config.remoteWriteProblemHere());
    SinkResult result =
        p.apply("First", Create.of(above, noForecast)).apply("Write", MetricsSink.PROMETHEUS.write(config));
    PAssert.that(result.deadLetters()).empty();
    p.run().waitUntilFinish();

    // Prometheus answers a query with the last sample up to five minutes before its time.
    Instant at = start.plus(Duration.standardSeconds(30));
    assertEquals(Map.of("count", 171.0, "sum", 40.0), query("augur_actual", run, at));
    assertEquals(Map.of("count", 120.0), query("augur_expected", run, at));
    assertEquals(Map.of("count", 98.0), query("augur_lower", run, at));
    assertEquals(Map.of("count", 141.0), query("augur_upper", run, at));
    assertEquals(Map.of("count", 2.5), query("augur_deviation_score", run, at));
    assertEquals(Map.of("sum", 1.0), query("augur_no_forecast", run, at));
    // The dimension service.name is the label service_name.
    assertEquals(
        Map.of("count", 171.0),
        query("augur_actual", run + "\",service_name=\"checkout\",statistic=\"count", at));

    // A late correction of the same window with another count: Prometheus keeps the sample it
    // has and refuses the new one, which becomes a dead letter with its reason; the other
    // comparison of the same request, a new window, is written.
    Comparison corrected =
        Comparison.create(series, "count", start, end, 175.0, 120.0, 98.0, 141.0, 2.7,
            Comparison.Direction.ABOVE, "v1");
    Comparison next =
        Comparison.create(series, "count", end, end.plus(Duration.standardMinutes(15)), 118.0, 121.0,
            99.0, 142.0, -0.1, Comparison.Direction.WITHIN, "v1");
    Pipeline second = Pipeline.create(TestPipeline.testingPipelineOptions());
    SinkResult again =
        second.apply("Second", Create.of(corrected, next)).apply("Write", MetricsSink.PROMETHEUS.write(config));
    PAssert.that(
            again
                .deadLetters()
                .apply(
                    "Reasons",
                    MapElements.into(TypeDescriptors.strings())
                        .via((DeadLetter d) -> d.getStep() + " " + d.getPayload().contains("175") + " " + d.getError())))
        .satisfies(
            reasons -> {
              int n = 0;
              for (String r : reasons) {
                n++;
                assertTrue(r, r.startsWith("metrics true Prometheus refused the samples: HTTP 400"));
              }
              assertEquals(1, n);
              return null;
            });
    second.run().waitUntilFinish();
    assertEquals(Map.of("count", 171.0, "sum", 40.0), query("augur_actual", run, at));
    assertEquals(
        Map.of("count", 118.0), query("augur_actual", run, end.plus(Duration.standardSeconds(30))));
  }
}
