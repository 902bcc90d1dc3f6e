package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Comparison;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

public class MetricDataBatchesTest {
  private static final String NS = "Augur/Test";
  private static final String OK =
      "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutMetricDataResponse>";

  private static MetricDatum datum(int i, String dimensionValue) {
    return MetricDatum.builder()
        .metricName("Actual")
        .dimensions(
            Dimension.builder().name("service").value(dimensionValue).build(),
            Dimension.builder().name("Statistic").value("count").build())
        .timestamp(java.time.Instant.ofEpochSecond(1_714_557_600L + i))
        .value(i + 0.5)
        .unit(StandardUnit.NONE)
        .build();
  }

  @Test
  public void aThousandDatumsMakeOneCallAndTheNextStartsAnother() {
    MetricDataBatches batches = new MetricDataBatches(NS);
    for (int i = 0; i < 1000; i++) {
      assertNull("datum " + i + " still fits", batches.add(datum(i, "checkout")));
    }
    List<MetricDatum> full = batches.add(datum(1000, "checkout"));
    assertEquals(1000, full.size());
    assertEquals(datum(0, "checkout"), full.get(0));
    assertEquals(List.of(datum(1000, "checkout")), batches.drain());
    assertTrue(batches.isEmpty());
  }

  /** Datums whose estimated sizes plus the base add up to exactly the 1 MB limit. */
  private static List<MetricDatum> exactlyOneMegabyte(int extraBytesInLast) {
    long base = MetricDataBatches.baseBytes(NS);
    MetricDatum big = datum(0, "x".repeat(1000));
    long size = MetricDataBatches.encodedSize(big);
    long emptyValueSize = MetricDataBatches.encodedSize(datum(0, ""));
    int k = (int) ((MetricDataBatches.MAX_REQUEST_BYTES - base) / size) - 1;
    long rest = MetricDataBatches.MAX_REQUEST_BYTES - base - k * size;
    List<MetricDatum> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(datum(i, "x".repeat(1000)));
    }
    out.add(datum(k, "y".repeat((int) (rest - emptyValueSize) + extraBytesInLast)));
    return out;
  }

  @Test
  public void datumsUpToExactlyOneMegabyteMakeOneCall() {
    List<MetricDatum> datums = exactlyOneMegabyte(0);
    long total = MetricDataBatches.baseBytes(NS);
    for (MetricDatum d : datums) {
      total += MetricDataBatches.encodedSize(d);
    }
    assertEquals(MetricDataBatches.MAX_REQUEST_BYTES, total);

    MetricDataBatches batches = new MetricDataBatches(NS);
    for (MetricDatum d : datums) {
      assertNull(batches.add(d));
    }
    // Full to the byte: the smallest further datum starts the next call.
    MetricDatum next = datum(9999, "z");
    assertEquals(datums, batches.add(next));
    assertEquals(List.of(next), batches.drain());
  }

  @Test
  public void oneByteOverOneMegabyteSplitsBeforeTheLastDatum() {
    List<MetricDatum> datums = exactlyOneMegabyte(1);
    MetricDataBatches batches = new MetricDataBatches(NS);
    for (MetricDatum d : datums.subList(0, datums.size() - 1)) {
      assertNull(batches.add(d));
    }
    MetricDatum last = datums.get(datums.size() - 1);
    assertEquals(datums.subList(0, datums.size() - 1), batches.add(last));
    assertEquals(List.of(last), batches.drain());
  }

  @Test
  public void theEstimateBoundsTheBodiesTheSdkSends() {
    CannedAws aws = new CannedAws(CannedAws.xml(200, OK));
    List<MetricDatum> small = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // Characters that percent-encode, several bytes each in UTF-8.
      small.add(datum(i, "café, zürich=ß/" + i));
    }
    List<MetricDatum> large = exactlyOneMegabyte(0);
    try (CloudWatchClient client = aws.client(CloudWatchClient.builder())) {
      for (List<MetricDatum> datums : List.of(small, large)) {
        client.putMetricData(
            PutMetricDataRequest.builder().namespace(NS).metricData(datums).build());
      }
    }
    List<CannedAws.Call> calls = aws.calls();
    assertEquals(2, calls.size());
    for (int c = 0; c < 2; c++) {
      List<MetricDatum> datums = c == 0 ? small : large;
      long estimate = MetricDataBatches.baseBytes(NS);
      for (MetricDatum d : datums) {
        estimate += MetricDataBatches.encodedSize(d);
      }
      String body = calls.get(c).body();
      assertThat(body, containsString("MetricData.member." + datums.size() + ".MetricName=Actual"));
      assertThat((long) body.length(), lessThanOrEqualTo(estimate));
    }
    assertThat(calls.get(1).body().length(), greaterThan(900_000));
  }

  private static Comparison comparison(int i) {
    Instant start = Instant.parse("2024-05-01T10:00:00Z").plus(Duration.standardMinutes(i));
    return Comparison.create(
        "service=checkout", "count", start, start.plus(Duration.standardMinutes(1)),
        10.0 + i, 9.0, 8.0, 11.0, 0.5, Comparison.Direction.WITHIN, "v1");
  }

  @Test
  public void theSenderPacksAThousandDatumsPerCallAndFlushesTheRest() {
    CannedAws aws = new CannedAws(CannedAws.xml(200, OK));
    MetricDataSender sender =
        new MetricDataSender(
            aws.client(CloudWatchClient.builder()), NS,
            new Backoff(3, Duration.ZERO, Duration.ZERO));
    // 201 comparisons of 5 values each: 1005 datums.
    for (int i = 0; i < 201; i++) {
      assertEquals(List.of(), sender.add(comparison(i)));
    }
    assertEquals(1, aws.calls().size());
    assertEquals(List.of(), sender.flush());
    List<CannedAws.Call> calls = aws.calls();
    assertEquals(2, calls.size());
    assertThat(calls.get(0).body(), containsString("MetricData.member.1000."));
    assertThat(calls.get(0).body(), not(containsString("MetricData.member.1001.")));
    assertThat(calls.get(1).body(), containsString("MetricData.member.5."));
    assertThat(calls.get(1).body(), not(containsString("MetricData.member.6.")));
    assertEquals(List.of(), sender.flush());
    assertEquals(2, aws.calls().size());
  }

  @Test
  public void throttledCallsAreRetriedUntilTheySucceed() {
    String throttled =
        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
            + "<Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    CannedAws aws =
        new CannedAws(CannedAws.xml(200, OK))
            .then(CannedAws.xml(400, throttled))
            .then(CannedAws.xml(503, "<ErrorResponse/>"));
    MetricDataSender sender =
        new MetricDataSender(
            aws.client(CloudWatchClient.builder()), NS,
            new Backoff(3, Duration.ZERO, Duration.ZERO));
    sender.add(comparison(0));
    assertEquals(List.of(), sender.flush());
    assertEquals(3, aws.calls().size());
  }

  @Test
  public void aRejectedCallComesBackWithItsDatumsAsJson() {
    String invalid =
        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code>"
            + "<Message>The timestamp is too old</Message></Error><RequestId>r</RequestId>"
            + "</ErrorResponse>";
    CannedAws aws = new CannedAws(CannedAws.xml(400, invalid));
    MetricDataSender sender =
        new MetricDataSender(
            aws.client(CloudWatchClient.builder()), NS,
            new Backoff(3, Duration.ZERO, Duration.ZERO));
    Comparison c =
        Comparison.create(
            "service=checkout", "count", Instant.parse("2024-05-01T10:00:00Z"),
            Instant.parse("2024-05-01T10:01:00Z"), 12.0, null, null, null, null,
            Comparison.Direction.NO_FORECAST, null);
    sender.add(c);
    List<MetricDataSender.Failure> failures = sender.flush();
    // Not transient: one call only.
    assertEquals(1, aws.calls().size());
    assertEquals(
        List.of(
            new MetricDataSender.Failure(
                "{\"Namespace\":\"Augur/Test\",\"MetricData\":["
                    + "{\"MetricName\":\"Actual\",\"Dimensions\":[{\"Name\":\"service\","
                    + "\"Value\":\"checkout\"},{\"Name\":\"Statistic\",\"Value\":\"count\"}],"
                    + "\"Timestamp\":\"2024-05-01T10:00:00Z\",\"Value\":12.0,\"Unit\":\"None\"},"
                    + "{\"MetricName\":\"NoForecast\",\"Dimensions\":[{\"Name\":\"service\","
                    + "\"Value\":\"checkout\"},{\"Name\":\"Statistic\",\"Value\":\"count\"}],"
                    + "\"Timestamp\":\"2024-05-01T10:00:00Z\",\"Value\":1.0,\"Unit\":\"None\"}]}",
                "PutMetricData of 2 datums failed: HTTP 400 InvalidParameterValue:"
                    + " The timestamp is too old")),
        failures);
  }
}
