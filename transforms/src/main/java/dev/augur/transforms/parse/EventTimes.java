package dev.augur.transforms.parse;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Parses event timestamps: ISO-8601 date-times with an offset or zone ({@code
 * 2024-05-01T10:00:00Z}, {@code 2024-05-01T12:00:00.250+02:00}), date-times without one taken as
 * UTC ({@code 2024-05-01T10:00:00}, and with a space, {@code 2024-05-01 10:00:00} as in NAB files),
 * or a number since the epoch: milliseconds, written as an integer, or seconds, with or without a
 * fraction. A number below {@value #SECONDS_BELOW} (in milliseconds, before March 1973; in seconds,
 * before the year 5138) is read as seconds: epoch seconds are as common as milliseconds, and read
 * as milliseconds they put every event in January 1970. Precision beyond milliseconds is dropped.
 * Times outside the range Beam can window are rejected.
 */
public final class EventTimes {
  private static final Pattern EPOCH_MILLIS = Pattern.compile("[+-]?\\d{1,19}");
  private static final Pattern EPOCH_SECONDS_FRACTION = Pattern.compile("[+-]?\\d{1,11}\\.\\d+");

  /** Numbers since the epoch below this (in absolute value) are seconds; from it on, milliseconds. */
  public static final long SECONDS_BELOW = 100_000_000_000L;
  private static final Pattern SPACE_SEPARATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");

  private EventTimes() {}

  /** The instant written in {@code text}; the exception message says what is wrong. */
  public static Instant parse(String text) throws InvalidEventException {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new InvalidEventException("timestamp is empty");
    }
    if (EPOCH_MILLIS.matcher(s).matches()) {
      try {
        return fromEpoch(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new InvalidEventException("timestamp '" + text + "' is out of range");
      }
    }
    if (EPOCH_SECONDS_FRACTION.matcher(s).matches()) {
      return fromEpoch(Double.parseDouble(s));
    }
    String iso = SPACE_SEPARATED.matcher(s).matches() ? s.replaceFirst(" ", "T") : s;
    long millis;
    try {
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
      java.time.Instant instant =
          t instanceof ZonedDateTime
              ? ((ZonedDateTime) t).toInstant()
              : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
      millis = instant.toEpochMilli();
    } catch (DateTimeException e) {
      throw new InvalidEventException(
          "unparseable timestamp '"
              + text
              + "': expected ISO-8601 such as 2024-05-01T10:00:00Z or 2024-05-01 10:00:00 (UTC),"
              + " or epoch milliseconds or seconds");
    } catch (ArithmeticException e) {
      throw new InvalidEventException("timestamp '" + text + "' is out of range");
    }
    return fromEpochMillis(millis);
  }

  /**
   * The instant an integer since the epoch names: seconds below {@link #SECONDS_BELOW}, else
   * milliseconds.
   */
  public static Instant fromEpoch(long number) throws InvalidEventException {
    if (Math.abs(number) < SECONDS_BELOW) {
      return fromEpochMillis(number * 1000);
    }
    return fromEpochMillis(number);
  }

  /**
   * The instant a number since the epoch names: seconds, with their fraction, below {@link
   * #SECONDS_BELOW}; from it on milliseconds, which must be whole.
   */
  public static Instant fromEpoch(double number) throws InvalidEventException {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new InvalidEventException("timestamp " + number + " is not a time");
    }
    if (Math.abs(number) < SECONDS_BELOW) {
      return fromEpochMillis(Math.round(number * 1000));
    }
    if (number != Math.rint(number) || Math.abs(number) > 1L << 53) {
      throw new InvalidEventException(
          "unparseable timestamp " + java.math.BigDecimal.valueOf(number).toPlainString()
              + ": epoch milliseconds must be an integer");
    }
    return fromEpochMillis((long) number);
  }

  /** The instant at {@code millis} since the epoch, if Beam can window it. */
  public static Instant fromEpochMillis(long millis) throws InvalidEventException {
    Instant t = new Instant(millis);
    if (t.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
        || !t.isBefore(GlobalWindow.INSTANCE.maxTimestamp())) {
      throw new InvalidEventException("timestamp " + millis + " ms is out of range");
    }
    return t;
  }
}
