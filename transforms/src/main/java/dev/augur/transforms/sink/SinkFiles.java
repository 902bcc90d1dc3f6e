package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** What the sinks share: writing JSON lines, and putting dead letters in the global window. */
final class SinkFiles {
  private SinkFiles() {}

  /**
   * Writes lines to {@code <directory>/<prefix>-*.jsonl}: one set of files for bounded input, and
   * for unbounded input a file per {@code flushEvery} of processing time ({@link FlushedFiles}),
   * whatever the lines' timestamps, so late lines (a corrected window, a late event's dead letter)
   * are written too.
   */
  static void writeLines(
      PCollection<String> lines, String directory, String prefix, Duration flushEvery) {
    String dir = directory.endsWith("/") ? directory : directory + "/";
    if (lines.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      lines
          .apply("FlushEvery", FlushedFiles.<String>every(flushEvery))
          .apply(
              "WriteFiles",
              FileIO.<String>write()
                  .via(TextIO.sink())
                  .to(dir)
                  .withNaming(FlushedFiles.naming(FlushedFiles.runToken(), prefix, ".jsonl"))
                  .withNumShards(1));
    } else {
      lines.apply("WriteFiles", TextIO.write().to(dir + prefix).withSuffix(".jsonl"));
    }
  }

  /**
   * Dead letters in the global window with the default trigger, whatever the windowing of the
   * records they came from, so they flatten with the other steps' dead letters.
   */
  static PCollection<DeadLetter> global(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        "GlobalDeadLetters",
        Window.<DeadLetter>into(new GlobalWindows())
            .triggering(DefaultTrigger.of())
            .withAllowedLateness(Duration.ZERO)
            .discardingFiredPanes());
  }

  static DeadLetter deadLetter(String payload, String error, String step, Counter counter) {
    counter.inc();
    return DeadLetter.create(payload, error, step, null, Instant.now());
  }

  /** The dead letters of a sink that cannot fail per record: none. */
  static PCollection<DeadLetter> none(org.apache.beam.sdk.Pipeline pipeline) {
    return pipeline.apply("NoDeadLetters", Create.empty(TypeDescriptor.of(DeadLetter.class)));
  }
}
