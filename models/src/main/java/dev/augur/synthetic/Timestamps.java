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

  /** Parses an ISO-8601 instant such as {@code 2024-05-01T10:00:03.123Z} into epoch millis. */
  static long parse(String text) {
    return Instant.parse(text).toEpochMilli();
  }

  private static StringBuilder twoDigits(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
