package dev.augur.transforms.source;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** A source's lines as {@code line@timestamp}, to assert lines and event times together. */
final class TimestampedLines {
  private TimestampedLines() {}

  static PCollection<String> of(PCollection<String> lines) {
    return lines
        .apply("ReifyTimestamps", Reify.timestamps())
        .apply(
            "LineAtTimestamp",
            MapElements.into(TypeDescriptors.strings())
                .via(t -> t.getValue() + "@" + t.getTimestamp()));
  }
}
