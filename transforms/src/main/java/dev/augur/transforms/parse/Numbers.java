package dev.augur.transforms.parse;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Strict decimal parsing of event values written as text. */
final class Numbers {
  private static final Set<String> NON_FINITE =
      Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

  private Numbers() {}

  /**
   * The finite value of a decimal number such as {@code 12}, {@code -0.5} or {@code 1e3}; anything
   * else (hex, Java suffixes, words) is rejected, NaN and infinities with their own message.
   */
  static double parseFinite(String text, String what) throws InvalidEventException {
    String s = text.trim();
    if (NON_FINITE.contains(s.toLowerCase(Locale.ROOT))) {
      throw new InvalidEventException(what + " is not finite: " + text);
    }
    double v;
    try {
      v = new BigDecimal(s).doubleValue();
    } catch (NumberFormatException e) {
      throw new InvalidEventException(what + " is not a number: '" + text + "'");
    }
    return requireFinite(v, what);
  }

  static double requireFinite(double v, String what) throws InvalidEventException {
    if (!Double.isFinite(v)) {
      throw new InvalidEventException(what + " is not finite: " + v);
    }
    return v;
  }
}
