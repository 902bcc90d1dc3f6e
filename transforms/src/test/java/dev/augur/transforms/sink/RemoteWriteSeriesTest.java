package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.records.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.Test;

/** A comparison as Prometheus remote-write series, and the request's wire format. */
public class RemoteWriteSeriesTest {
  private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

  static Comparison comparison(String series, String statistic, Instant start, Double actual) {
    return Comparison.create(
        series, statistic, start, start.plus(900_000), actual, 10.0, 8.0, 12.0, Double.NaN,
        Comparison.Direction.WITHIN, "v1");
  }

  @Test
  public void oneSeriesPerFiniteValueLabelledByDimensionsAndStatistic() {
    List<RemoteWriteSeries.Series> series =
        RemoteWriteSeries.of(comparison("region=eu-west-1,service.name=api", "count", START, 11.0));
    List<String> names = new ArrayList<>();
    for (RemoteWriteSeries.Series s : series) {
      names.add(s.labels().get("__name__"));
      assertEquals(START.getMillis(), s.timestampMillis());
      assertEquals(
          Map.of("region", "eu-west-1", "service_name", "api", "statistic", "count", "__name__", s.labels().get("__name__")),
          s.labels());
    }
    // The score is NaN here: no sample, as for CloudWatch.
    assertEquals(List.of("augur_actual", "augur_expected", "augur_lower", "augur_upper"), names);
    assertEquals(11.0, series.get(0).value(), 0);

    List<RemoteWriteSeries.Series> none =
        RemoteWriteSeries.of(
            Comparison.create(
                "region=eu", "sum", START, START.plus(900_000), 3.0, null, null, null, null,
                Comparison.Direction.NO_FORECAST, null));
    assertEquals("augur_no_forecast", none.get(1).labels().get("__name__"));
    assertEquals(1.0, none.get(1).value(), 0);
  }

  @Test
  public void dimensionNamesBecomeLabelNamesByPrometheusRules() {
    assertEquals("service_name", RemoteWriteSeries.labelName("service.name"));
    assertEquals("_2xx", RemoteWriteSeries.labelName("2xx"));
    assertEquals("r_gion", RemoteWriteSeries.labelName("région"));
    assertEquals("augur_deviation_score", RemoteWriteSeries.metricName("DeviationScore"));
  }

  @Test
  public void dimensionsThatCannotBeLabelsAreRefusedSayingWhy() {
    assertThat(
        assertThrows(IllegalArgumentException.class,
                () -> RemoteWriteSeries.of(comparison("a.b=1,a_b=2", "count", START, 1.0)))
            .getMessage(),
        containsString("two dimensions that are both label 'a_b'"));
    assertThat(
        assertThrows(IllegalArgumentException.class,
                () -> RemoteWriteSeries.of(comparison("statistic=x", "count", START, 1.0)))
            .getMessage(),
        containsString("label name 'statistic' is reserved"));
  }

  /** The request decodes, with protobuf's own parser, to the series in time order. */
  @Test
  public void theRequestIsASnappyWriteRequestInTimeOrder() throws Exception {
    List<RemoteWriteSeries.Series> series = new ArrayList<>();
    series.addAll(RemoteWriteSeries.of(comparison("region=eu", "count", START.plus(900_000), 5.5)));
    series.addAll(RemoteWriteSeries.of(comparison("region=eu", "count", START, 4.25)));
    List<RemoteWriteDecoding.Decoded> decoded =
        RemoteWriteDecoding.decode(RemoteWriteSeries.request(series));
    assertEquals(8, decoded.size());
    RemoteWriteDecoding.Decoded first = decoded.get(0);
    assertEquals(
        List.of(
            Map.entry("__name__", "augur_actual"),
            Map.entry("region", "eu"),
            Map.entry("statistic", "count")),
        first.labels());
    assertEquals(4.25, first.samples().get(0)[0], 0);
    assertEquals(START.getMillis(), (long) first.samples().get(0)[1]);
    assertEquals(5.5, decoded.get(4).samples().get(0)[0], 0);
    assertEquals(START.plus(900_000).getMillis(), (long) decoded.get(4).samples().get(0)[1]);
  }
}
