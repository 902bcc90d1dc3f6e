package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.Event;
import org.joda.time.Instant;
import org.junit.Test;

public class CsvEventParserTest {
  private final CsvEventParser parser = new CsvEventParser("machine_temperature");

  private String error(String line) {
    return assertThrows(InvalidEventException.class, () -> parser.parse(line)).getMessage();
  }

  @Test
  public void parsesNabLines() throws Exception {
    assertEquals("series=machine_temperature", parser.series());
    assertEquals(
        Event.create("series=machine_temperature", Instant.parse("2013-12-02T21:15:00Z"), 73.967),
        parser.parse("2013-12-02 21:15:00,73.967"));
    assertEquals(
        Event.create("series=machine_temperature", Instant.parse("2013-12-02T21:15:00Z"), 104.0),
        parser.parse("\"2013-12-02 21:15:00\",\"104\""));
  }

  @Test
  public void recognisesHeaders() {
    assertTrue(CsvEventParser.isHeader("timestamp,value"));
    assertTrue(CsvEventParser.isHeader("\"timestamp\",\"value\""));
    assertFalse(CsvEventParser.isHeader("2013-12-02 21:15:00,73.967"));
    assertFalse(CsvEventParser.isHeader("1385997300000,73.967"));
  }

  @Test
  public void rejectsBadLines() {
    assertEquals("expected 2 comma-separated fields timestamp,value, got 3", error("a,b,c"));
    assertEquals("expected 2 comma-separated fields timestamp,value, got 1", error("2013-12-02 21:15:00"));
    assertEquals("value is empty", error("2013-12-02 21:15:00,"));
    assertEquals("value is not a number: 'warm'", error("2013-12-02 21:15:00,warm"));
    assertEquals("value is not finite: nan", error("2013-12-02 21:15:00,nan"));
    assertTrue(error("02/12/2013 21:15,1").startsWith("unparseable timestamp '02/12/2013 21:15'"));
  }
}
