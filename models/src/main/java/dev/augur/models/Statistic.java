package dev.augur.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A statistical description of one series over one window, as computed by the preparation step. */
public enum Statistic {
  COUNT,
  SUM,
  MEAN,
  STDDEV,
  MIN,
  MAX;

  /** The lower-case name used in options, file names and forecast records ({@code count}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name such as {@code "mean"} (case-insensitive). */
  public static Statistic parse(String name) {
    for (Statistic s : values()) {
      if (s.name().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown statistic '" + name + "'; expected one of count, sum, mean, stddev, min, max");
  }

  /** Parses a comma separated list such as {@code "count,mean,stddev,sum"}. */
  public static List<Statistic> parseList(String names) {
    List<Statistic> out = new ArrayList<>();
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        Statistic s = parse(n);
        if (!out.contains(s)) {
          out.add(s);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no statistic given");
    }
    return out;
  }
}
