package dev.augur.transforms.parse;

import org.joda.time.Duration;

/** Durations in the short form Augur's options take them: {@code 90s}, {@code 15m}, {@code 1h}, {@code 1d}. */
public final class ShortDuration {
  private ShortDuration() {}

  /** The shortest text an option reads back as {@code d} to the second: 15m, 1h, 1d, 90s. */
  public static String format(Duration d) {
    long s = d.getStandardSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
