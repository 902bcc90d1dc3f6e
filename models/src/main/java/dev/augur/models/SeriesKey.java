package dev.augur.models;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical text form of a series identity: its dimensions as {@code name=value} pairs in the
 * configured field order, joined by commas, for example {@code region=eu-west-1,service=checkout}.
 * Names and values are percent-encoded where they contain {@code %}, {@code ,} or {@code =}, so
 * every dimension map has exactly one key and {@link #parse} inverts {@link #of}.
 */
public final class SeriesKey {
  private SeriesKey() {}

  /** The key of a series with these dimensions, in the map's iteration order. */
  public static String of(Map<String, String> dimensions) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : dimensions.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return sb.toString();
  }

  /** The dimensions of a key made by {@link #of}, in order. */
  public static Map<String, String> parse(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (key.isEmpty()) {
      return out;
    }
    for (String pair : key.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a series key: " + key);
      }
      out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return Collections.unmodifiableMap(out);
  }

  private static String encode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf(',') < 0 && s.indexOf('=') < 0) {
      return s;
    }
    return s.replace("%", "%25").replace(",", "%2C").replace("=", "%3D");
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
