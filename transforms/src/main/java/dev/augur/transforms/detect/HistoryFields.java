package dev.augur.transforms.detect;

import dev.augur.transforms.parse.EventFormat;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Whether a forecast version can be compared with a stream: the field names the stream reads its
 * events with against those the version's history was read with (as its manifest records them).
 * The stream checks the version it starts with; {@link LoadForecasts} checks every later one the
 * same way, so a version trained on other fields is not loaded behind the stream's back.
 *
 * <p>Other series fields refuse the version: series keys are made of them, so no key would match
 * a forecast's. Another timestamp or value field refuses it when the stream's is the default
 * (left in place, it was most likely forgotten: with another timestamp field every event is
 * dead-lettered, with another value field every event is only counted, no mean or sum compared
 * and every sum a drop to 0); given on purpose, as when history was exported under other names
 * than the live stream's, it is a warning.
 */
public final class HistoryFields {
  private HistoryFields() {}

  /** One field the version's history was read with under another name. */
  public record Mismatch(String option, String problem, boolean refused) {
    /** The problem with the option named, as the stream's start-up check words it. */
    public String message() {
      return "--" + option + " " + problem;
    }
  }

  /**
   * The mismatches between {@code stream} and {@code history} (none when the version does not say
   * what its history was read with, as for CSV input).
   */
  public static List<Mismatch> check(EventFormat stream, @Nullable EventFormat history,
      String version) {
    List<Mismatch> out = new ArrayList<>();
    if (history == null) {
      return out;
    }
    String trained = "forecast version " + version + " was trained on events whose ";
    if (!history.seriesFields().equals(stream.seriesFields())) {
      String fields = String.join(",", history.seriesFields());
      out.add(new Mismatch("seriesFields",
          "is '" + String.join(",", stream.seriesFields()) + "', but " + trained
              + "series fields are '" + fields + "' (series keys follow their order); give"
              + " --seriesFields=" + fields, true));
    }
    String[][] fields = {
      {"timestampField", "timestamp", stream.timestampField(), history.timestampField(),
        EventFormat.DEFAULT_TIMESTAMP_FIELD},
      {"valueField", "value", stream.valueField(), history.valueField(),
        EventFormat.DEFAULT_VALUE_FIELD},
    };
    for (String[] f : fields) {
      if (f[2].equals(f[3])) {
        continue;
      }
      String mismatch = "is '" + f[2] + "', but " + trained + f[1] + " field is '" + f[3] + "'";
      boolean forgotten = f[2].equals(f[4]);
      out.add(new Mismatch(f[0],
          forgotten
              ? mismatch + "; give --" + f[0] + "=" + f[3] + " (a default left in place)"
              : mismatch + ": compared as the same quantity, as asked",
          forgotten));
    }
    return out;
  }
}
