package dev.augur.pipelines.config;

import dev.augur.transforms.parse.ShortDuration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/** Parses the short durations of Augur's options: {@code 90s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 2w}, or ISO-8601 {@code PT5M}. */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d|w)");

  private DurationText() {}

  /** The shortest text {@link #parse} reads back as {@code d} to the second: 15m, 1h, 1d, 90s. */
  public static String format(Duration d) {
    return ShortDuration.format(d);
  }

  /**
   * The duration {@code text} of option {@code option}.
   *
   * @throws InvalidOptionException naming the option when the text is not a positive duration
   */
  public static Duration parse(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidOptionException(option, "is empty; give a duration such as 5m, 1h or 1d");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          d = Duration.millis(n);
          break;
        case "s":
          d = Duration.standardSeconds(n);
          break;
        case "m":
        case "min":
          d = Duration.standardMinutes(n);
          break;
        case "h":
          d = Duration.standardHours(n);
          break;
        case "d":
          d = Duration.standardDays(n);
          break;
        default:
          d = Duration.standardDays(7 * n);
      }
    } else {
      try {
        d = Duration.millis(java.time.Duration.parse(text.trim().toUpperCase(Locale.ROOT)).toMillis());
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidOptionException(
            option, "'" + text + "' is not a duration; use forms such as 30s, 5m, 1h, 1d or PT5M");
      }
    }
    if (d.getMillis() <= 0) {
      throw new InvalidOptionException(option, "must be positive, got '" + text + "'");
    }
    return d;
  }
}
