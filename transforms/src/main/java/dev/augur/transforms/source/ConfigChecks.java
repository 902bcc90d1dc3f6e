package dev.augur.transforms.source;

import org.joda.time.Duration;

/** Checks of configured durations, failing with a message that names the parameter. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void requirePositive(Duration d, String parameter) {
    if (d == null || !d.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException(parameter + " must be a positive duration, got " + d);
    }
  }

  static void requireNotNegative(Duration d, String parameter) {
    if (d == null || d.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(parameter + " must not be negative, got " + d);
    }
  }

  static String requireName(String name, String parameter) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(parameter + " must not be blank");
    }
    return name.trim();
  }
}
