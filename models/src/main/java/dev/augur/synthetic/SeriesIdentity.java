package dev.augur.synthetic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.augur.models.SeriesKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of one series, shared by all of its events: dimensions, canonical key and the
 * pre-encoded JSON tail ({@code ,"region":"eu-west-1","service":"checkout"}) of its event lines.
 */
final class SeriesIdentity {
  final int index;
  final Map<String, String> dimensions;
  final String key;
  private String jsonTail;

  SeriesIdentity(int index, Map<String, String> dimensions) {
    this.index = index;
    this.dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    this.key = SeriesKey.of(this.dimensions);
  }

  /** The dimension fields of an event line and its closing brace, encoded on first use. */
  String jsonTail() {
    String tail = jsonTail;
    if (tail == null) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : dimensions.entrySet()) {
        sb.append(",\"");
        JsonStringEncoder.getInstance().quoteAsString(e.getKey(), sb);
        sb.append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(e.getValue(), sb);
        sb.append('"');
      }
      tail = sb.append('}').toString();
      jsonTail = tail;
    }
    return tail;
  }
}
