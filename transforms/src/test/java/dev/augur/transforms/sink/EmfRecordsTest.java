package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Comparison;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joda.time.Instant;
import org.junit.Test;

public class EmfRecordsTest {
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant END = Instant.parse("2024-05-01T10:15:00Z");

  private static Comparison comparison(String series, Double actual, Double expected,
      Double lower, Double upper, Double score, Comparison.Direction direction) {
    return Comparison.create(series, "count", START, END, actual, expected, lower, upper, score,
        direction, expected == null ? null : "v1");
  }

  @Test
  public void aComparisonIsOneRecordNamingItsDimensionsAndMetrics() {
    Comparison c = comparison("region=eu-west-1,service=checkout", 171.0, 120.5, 98.0, 141.0,
        2.5, Comparison.Direction.ABOVE);
    assertEquals(
        List.of("{\"_aws\":{\"Timestamp\":1714557600000,\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"Augur\",\"Dimensions\":[[\"region\",\"service\",\"Statistic\"]],"
            + "\"Metrics\":[{\"Name\":\"Actual\",\"Unit\":\"None\"},"
            + "{\"Name\":\"Expected\",\"Unit\":\"None\"},{\"Name\":\"Lower\",\"Unit\":\"None\"},"
            + "{\"Name\":\"Upper\",\"Unit\":\"None\"},"
            + "{\"Name\":\"DeviationScore\",\"Unit\":\"None\"}]}]},"
            + "\"region\":\"eu-west-1\",\"service\":\"checkout\",\"Statistic\":\"count\","
            + "\"Actual\":171.0,\"Expected\":120.5,\"Lower\":98.0,\"Upper\":141.0,"
            + "\"DeviationScore\":2.5}"),
        EmfRecords.of("Augur", MetricPoints.of(c)));
  }

  @Test
  public void aWindowWithoutForecastHasItsActualAndNoForecastOnly() {
    Comparison c = comparison("service=checkout", 7.0, null, null, null, null,
        Comparison.Direction.NO_FORECAST);
    JsonNode record = only(EmfRecords.of("Augur", MetricPoints.of(c)));
    assertValid(record);
    assertEquals(Set.of("_aws", "service", "Statistic", "Actual", "NoForecast"), fields(record));
    assertEquals(1.0, record.get("NoForecast").asDouble(), 0.0);
  }

  @Test
  public void nonFiniteAndMissingValuesAreNoMetrics() {
    Comparison c = comparison("service=checkout", null, 5.0, Double.NaN, 6.0,
        Double.POSITIVE_INFINITY, Comparison.Direction.NO_ACTUAL);
    JsonNode record = only(EmfRecords.of("Augur", MetricPoints.of(c)));
    assertValid(record);
    assertEquals(Set.of("_aws", "service", "Statistic", "Expected", "Upper"), fields(record));
  }

  @Test
  public void twentyNineSeriesDimensionsAreTheMostARecordTakes() {
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < 29; i++) {
      dims.put("d" + i, "v" + i);
    }
    Comparison ok = comparison(SeriesKey.of(dims), 1.0, 1.0, 0.0, 2.0, 0.0,
        Comparison.Direction.WITHIN);
    assertValid(only(EmfRecords.of("Augur", MetricPoints.of(ok))));

    dims.put("d29", "v29");
    Comparison tooMany = comparison(SeriesKey.of(dims), 1.0, 1.0, 0.0, 2.0, 0.0,
        Comparison.Direction.WITHIN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetricPoints.of(tooMany));
    assertThat(e.getMessage(), containsString("30 dimensions"));
  }

  @Test
  public void seriesDimensionsMustNotTakeReservedNames() {
    for (String name : List.of("Statistic", "Actual", "NoForecast", "_aws")) {
      Comparison c = comparison(name + "=x", 1.0, null, null, null, null,
          Comparison.Direction.NO_FORECAST);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> MetricPoints.of(c));
      assertThat(e.getMessage(), containsString("reserved dimension name '" + name + "'"));
    }
  }

  private static JsonNode only(List<String> records) {
    assertEquals(1, records.size());
    try {
      return SinkJson.MAPPER.readTree(records.get(0));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Set<String> fields(JsonNode n) {
    Set<String> out = new HashSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The specification's rules for a record's metadata and the members it refers to. */
  private static void assertValid(JsonNode record) {
    JsonNode aws = record.get("_aws");
    assertTrue("Timestamp is epoch millis", aws.get("Timestamp").isIntegralNumber());
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertTrue(directives.isArray());
    for (JsonNode d : directives) {
      String ns = d.get("Namespace").asText();
      assertTrue(!ns.isEmpty() && ns.length() <= 255);
      for (JsonNode set : d.get("Dimensions")) {
        assertThat(set.size(), lessThanOrEqualTo(30));
        for (JsonNode name : set) {
          assertTrue("dimension " + name + " is a root string",
              record.get(name.asText()) != null && record.get(name.asText()).isTextual());
        }
      }
      assertThat(d.get("Metrics").size(), lessThanOrEqualTo(EmfRecords.MAX_METRICS));
      for (JsonNode m : d.get("Metrics")) {
        String name = m.get("Name").asText();
        assertTrue("metric " + name + " is a root number", record.get(name).isNumber());
      }
    }
  }
}
