package dev.augur.transforms.detect;

import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.parse.ShortDuration;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Whether a forecast version can be compared with a stream, from the version's manifest: its window
 * length against the stream's, and the field names the stream reads its events with against those
 * the version's history was read with. The stream checks the version it starts with; {@link
 * LoadForecasts} checks every later one the same way, so a version of another window length, or
 * trained on other fields, is not loaded behind the stream's back.
 *
 * <p>Another window length refuses the version: the stream's windows whose start matched a
 * forecast's would be compared with a forecast of a longer or shorter window (a 30-minute count
 * with an hour's), and the others with nothing. Other series fields refuse it: series keys are
 * made of them, so no key would match a forecast's. Another timestamp or value field refuses it
 * when the stream's is the default (left in place, it was most likely forgotten: with another
 * timestamp field every event is dead-lettered, with another value field every event is only
 * counted, no mean or sum compared and every sum a drop to 0); given on purpose, as when history
 * was exported under other names than the live stream's, it is a warning.
 */
public final class VersionCheck {
  private VersionCheck() {}

  /** One way the version does not fit the stream, and the option that would make it fit. */
  public record Mismatch(String option, String problem, boolean refused) {
    /** The problem with the option named, as the stream's start-up check words it. */
    public String message() {
      return "--" + option + " " + problem;
    }
  }

  /**
   * The ways the version {@code manifest} describes does not fit {@code stream}: none for the
   * window when the manifest does not record it, none for the fields when it does not say what
   * its history was read with (CSV input, or a version written before manifests recorded them).
   */
  public static List<Mismatch> check(StreamShape stream, ForecastManifest manifest) {
    List<Mismatch> out = new ArrayList<>();
    String version = manifest.modelVersion();
    Duration window = stream.window();
    long seconds = manifest.windowSeconds();
    if (seconds > 0 && seconds != window.getStandardSeconds()) {
      String theirs = ShortDuration.format(Duration.standardSeconds(seconds));
      out.add(new Mismatch("window",
          "is " + ShortDuration.format(window) + ", but forecast version " + version
              + " forecasts windows of " + theirs + ", which no window of this stream can be"
              + " compared with; give --window=" + theirs, true));
    }
    out.addAll(fields(stream.fields(), manifest.eventFields(), version));
    return out;
  }

  private static List<Mismatch> fields(EventFormat stream, @Nullable EventFormat history,
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
              : mismatch + ": compared as the same quantity, as given"
                  + (f[0].equals("valueField")
                      ? "; if '" + f[2] + "' is misspelt, every event will be counted without a"
                          + " value (each sum 0), which the log tells after the first "
                          + ParseEvents.NO_VALUE_WARN_AFTER + " events"
                      : "; if '" + f[2] + "' is misspelt, every event will be a dead letter"),
          forgotten));
    }
    return out;
  }
}
