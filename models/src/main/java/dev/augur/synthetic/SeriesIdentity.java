package dev.augur.synthetic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.models.SeriesKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity of one series, shared by all of its events: dimensions, canonical key and the
 * pre-encoded JSON tail ({@code ,"region":"eu-west-1","service":"checkout"}) of its event lines.
 */
final class SeriesIdentity {
  private static final ObjectMapper JSON = new ObjectMapper();

  final int index;
  final Map<String, String> dimensions;
  final String key;
  final String jsonTail;

  SeriesIdentity(int index, Map<String, String> dimensions) {
    this.index = index;
    this.dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    this.key = SeriesKey.of(this.dimensions);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : this.dimensions.entrySet()) {
      sb.append(',').append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    this.jsonTail = sb.append('}').toString();
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a string as JSON", e);
    }
  }
}
