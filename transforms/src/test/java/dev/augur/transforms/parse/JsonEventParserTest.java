package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Event;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;

public class JsonEventParserTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
  private static final String KEY = "region=eu-west-1,service=checkout";

  private final JsonEventParser parser =
      new JsonEventParser(EventFormat.withSeriesFields(List.of("region", "service")));

  private String error(String line) {
    return assertThrows(InvalidEventException.class, () -> parser.parse(line)).getMessage();
  }

  @Test
  public void parsesValueEvents() throws Exception {
    assertEquals(
        Event.create(KEY, T, 12.5),
        parser.parse(
            "{\"ts\":\"2024-05-01T10:00:00Z\",\"region\":\"eu-west-1\",\"service\":\"checkout\",\"value\":12.5,\"extra\":[1]}"));
    assertEquals(
        Event.create(KEY, T, -3.0),
        parser.parse(
            "{\"ts\":" + T.getMillis() + ",\"service\":\"checkout\",\"region\":\"eu-west-1\",\"value\":\"-3\"}"));
    assertEquals(
        Event.create(KEY, T, 1000.0),
        parser.parse(
            "{\"ts\":\"" + T.getMillis() + "\",\"region\":\"eu-west-1\",\"service\":\"checkout\",\"value\":1e3}"));
  }

  @Test
  public void missingOrNullValueMakesACountEvent() throws Exception {
    assertEquals(
        Event.count(KEY, T),
        parser.parse("{\"ts\":\"2024-05-01 10:00:00\",\"region\":\"eu-west-1\",\"service\":\"checkout\"}"));
    assertEquals(
        Event.count(KEY, T),
        parser.parse(
            "{\"ts\":\"2024-05-01T10:00:00Z\",\"region\":\"eu-west-1\",\"service\":\"checkout\",\"value\":null}"));
  }

  @Test
  public void seriesFieldsMayBeNumbersOrBooleans() throws Exception {
    JsonEventParser p = new JsonEventParser(EventFormat.of("time", "v", List.of("shard", "canary")));
    assertEquals(
        Event.create("shard=7,canary=true", T, 1.0),
        p.parse("{\"time\":\"2024-05-01T10:00:00Z\",\"shard\":7,\"canary\":true,\"v\":1}"));
  }

  @Test
  public void seriesValuesWithSeparatorsAreEncoded() throws Exception {
    Event e =
        parser.parse("{\"ts\":\"2024-05-01T10:00:00Z\",\"region\":\"a,b\",\"service\":\"x=y\"}");
    assertEquals("region=a%2Cb,service=x%3Dy", e.getSeries());
  }

  @Test
  public void unparseableJson() {
    assertTrue(error("{\"ts\": ").startsWith("unparseable JSON: "));
    assertTrue(error("not json").startsWith("unparseable JSON: "));
    assertTrue(error("{\"ts\":1} {\"ts\":2}").startsWith("unparseable JSON: "));
    assertTrue(error("{\"ts\":1,\"ts\":2}").startsWith("unparseable JSON: "));
  }

  @Test
  public void notAnObject() {
    assertEquals("expected a JSON object, got an array", error("[1,2]"));
    assertEquals("expected a JSON object, got a number (42)", error("42"));
    assertEquals("empty record, expected a JSON object", error("   "));
  }

  @Test
  public void missingTimestamp() {
    assertEquals(
        "missing timestamp field 'ts'", error("{\"region\":\"eu\",\"service\":\"s\",\"value\":1}"));
    assertEquals(
        "missing timestamp field 'ts'",
        error("{\"ts\":null,\"region\":\"eu\",\"service\":\"s\",\"value\":1}"));
  }

  @Test
  public void unparseableTimestamp() {
    assertEquals(
        "timestamp field 'ts': unparseable timestamp 'yesterday': expected ISO-8601 such as"
            + " 2024-05-01T10:00:00Z or 2024-05-01 10:00:00 (UTC), or epoch milliseconds or seconds",
        error("{\"ts\":\"yesterday\",\"region\":\"eu\",\"service\":\"s\"}"));
    assertEquals(
        "timestamp field 'ts': unparseable timestamp 1714557665500.5: epoch milliseconds must be an"
            + " integer",
        error("{\"ts\":1714557665500.5,\"region\":\"eu\",\"service\":\"s\"}"));
    assertEquals(
        "timestamp field 'ts': expected ISO-8601 text or epoch milliseconds or seconds, got a boolean (true)",
        error("{\"ts\":true,\"region\":\"eu\",\"service\":\"s\"}"));
    assertEquals(
        "timestamp field 'ts': timestamp 99999999999999999999 is out of range",
        error("{\"ts\":99999999999999999999,\"region\":\"eu\",\"service\":\"s\"}"));
  }

  @Test
  public void nonNumericValue() {
    assertEquals(
        "value field 'value' is not a number: 'high'",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":\"high\"}"));
    assertEquals(
        "value field 'value' is not a number: got a boolean (true)",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":true}"));
    assertEquals(
        "value field 'value' is not a number: got an object",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":{\"v\":1}}"));
    // Java's own number syntax is not JSON's.
    assertEquals(
        "value field 'value' is not a number: '0x10'",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":\"0x10\"}"));
  }

  @Test
  public void nonFiniteValue() {
    assertEquals(
        "value field 'value' is not finite: NaN",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":NaN}"));
    assertEquals(
        "value field 'value' is not finite: -Infinity",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":\"-Infinity\"}"));
    assertEquals(
        "value field 'value' is not finite: Infinity",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":\"s\",\"value\":1e400}"));
  }

  @Test
  public void missingSeriesField() {
    assertEquals(
        "missing series field 'service'", error("{\"ts\":0,\"region\":\"eu\",\"value\":1}"));
    assertEquals(
        "missing series field 'region'",
        error("{\"ts\":0,\"region\":null,\"service\":\"s\",\"value\":1}"));
    assertEquals(
        "series field 'region' is empty",
        error("{\"ts\":0,\"region\":\"\",\"service\":\"s\",\"value\":1}"));
  }

  @Test
  public void nonScalarSeriesField() {
    assertEquals(
        "series field 'region' must be a string, number or boolean, got an object",
        error("{\"ts\":0,\"region\":{\"name\":\"eu\"},\"service\":\"s\"}"));
    assertEquals(
        "series field 'service' must be a string, number or boolean, got an array",
        error("{\"ts\":0,\"region\":\"eu\",\"service\":[\"s\"]}"));
  }
}
