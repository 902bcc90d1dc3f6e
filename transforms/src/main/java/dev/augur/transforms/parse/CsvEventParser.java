package dev.augur.transforms.parse;

import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Event;
import java.util.Map;
import org.joda.time.Instant;

/**
 * Turns lines {@code timestamp,value} of one NAB-style CSV file into {@link Event}s of one series.
 *
 * <p>The file names the series: {@code machine_temperature.csv} holds series {@code
 * series=machine_temperature}. Timestamps are {@code YYYY-MM-DD HH:MM:SS} in UTC (any form {@link
 * EventTimes} reads is accepted); values are decimal numbers. Fields may be wrapped in double
 * quotes. A first line whose first field does not start with a digit is a header, see {@link
 * #isHeader}.
 */
public final class CsvEventParser {
  private final String series;

  /** A parser for the file whose name without extensions is {@code seriesName}. */
  public CsvEventParser(String seriesName) {
    if (seriesName.isEmpty()) {
      throw new IllegalArgumentException("CSV series name must not be empty");
    }
    this.series = SeriesKey.of(Map.of("series", seriesName));
  }

  /** The canonical key of the series this parser's events belong to. */
  public String series() {
    return series;
  }

  /** Whether the first line of a file is a header such as {@code timestamp,value}. */
  public static boolean isHeader(String firstLine) {
    String first = unquote(firstLine.split(",", -1)[0].trim());
    return first.isEmpty() || !Character.isDigit(first.charAt(0));
  }

  public Event parse(String line) throws InvalidEventException {
    String[] fields = line.split(",", -1);
    if (fields.length != 2) {
      throw new InvalidEventException(
          "expected 2 comma-separated fields timestamp,value, got " + fields.length);
    }
    Instant time = EventTimes.parse(unquote(fields[0].trim()));
    String value = unquote(fields[1].trim());
    if (value.isEmpty()) {
      throw new InvalidEventException("value is empty");
    }
    return Event.create(series, time, Numbers.parseFinite(value, "value"));
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
