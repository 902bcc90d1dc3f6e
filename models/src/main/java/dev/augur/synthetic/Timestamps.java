package dev.augur.synthetic;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats epoch milliseconds as ISO-8601 UTC with exactly three fraction digits ({@code
 * 2024-05-01T10:00:03.120Z}), which {@link Instant#toString()} does not guarantee. The date part is
 * cached per day, which makes formatting of time-ordered events cheap. Not thread-safe.
 */
final class Timestamps {
  private static final long DAY_MS = 86_400_000L;

  private long cachedDay = Long.MIN_VALUE;
  private String cachedDatePrefix = "";

  /** Appends the timestamp of {@code epochMillis} to {@code sb}. */
  void append(StringBuilder sb, long epochMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MS);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDatePrefix = LocalDate.ofEpochDay(day) + "T";
    }
    int msOfDay = (int) (epochMillis - day * DAY_MS);
    int hours = msOfDay / 3_600_000;
    int minutes = msOfDay / 60_000 % 60;
    int seconds = msOfDay / 1000 % 60;
    int millis = msOfDay % 1000;
    sb.append(cachedDatePrefix);
    twoDigits(sb, hours).append(':');
    twoDigits(sb, minutes).append(':');
    twoDigits(sb, seconds).append('.');
    sb.append((char) ('0' + millis / 100))
        .append((char) ('0' + millis / 10 % 10))
        .append((char) ('0' + millis % 10))
        .append('Z');
  }

  /** The formatted timestamp of {@code epochMillis}. */
  static String format(long epochMillis) {
    StringBuilder sb = new StringBuilder(24);
    new Timestamps().append(sb, epochMillis);
    return sb.toString();
  }

  /**
   * Parses an ISO-8601 instant such as {@code 2024-05-01T10:00:03.123Z} into epoch millis. The
   * exact form written by {@link #append} takes a fast path; any other form {@link Instant#parse}
   * accepts works too.
   */
  static long parse(String text) {
    if (text.length() == 24
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(23) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int millis = digits(text, 20, 23);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 28
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60
          && millis >= 0) {
        long epochDay = daysFromCivil(year, month, day);
        return epochDay * DAY_MS + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
      }
    }
    return Instant.parse(text).toEpochMilli();
  }

  /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static StringBuilder twoDigits(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
