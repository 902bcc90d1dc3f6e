package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
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
    if (lines.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      write(lines.apply("FlushEvery", FlushedFiles.<String>every(flushEvery)), directory, prefix, true);
    } else {
      write(lines, directory, prefix, false);
    }
  }

  /**
   * The write itself: for unbounded input one file per pane of its (flushing) windowing, for
   * bounded input one set of shards, or a single file when {@code oneFile}.
   */
  private static void write(
      PCollection<String> lines, String directory, String prefix, boolean oneFile) {
    String dir = directory.endsWith("/") ? directory : directory + "/";
    if (lines.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      lines.apply(
          "WriteFiles",
          FileIO.<String>write()
              .via(TextIO.sink())
              .to(dir)
              .withNaming(FlushedFiles.naming(FlushedFiles.runToken(), prefix, ".jsonl"))
              .withNumShards(1));
    } else {
      TextIO.Write write = TextIO.write().to(dir + prefix).withSuffix(".jsonl");
      lines.apply("WriteFiles", oneFile ? write.withNumShards(1) : write);
    }
  }

  /**
   * As {@link #writeLines}, for records few enough to gather on one worker per flush (incident
   * events): each file holds its records' lines in {@code order}, in one file per flush (or one
   * file for bounded input), so a reader of a file sees, say, an incident open before it resolves.
   */
  static <T> void writeOrderedLines(
      PCollection<T> records,
      SerializableFunction<T, String> line,
      SerializableComparator<T> order,
      String directory,
      String prefix,
      Duration flushEvery) {
    PCollection<T> flushed =
        records.isBounded() == PCollection.IsBounded.UNBOUNDED
            ? records.apply("FlushEvery", FlushedFiles.<T>every(flushEvery)) : records;
    PCollection<String> files =
        flushed
            .apply("OneGroup", WithKeys.of(0))
            .apply("GatherFlush", GroupByKey.create())
            .apply(
                "InOrder",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<Integer, Iterable<T>> flush) -> {
                          List<T> sorted = new ArrayList<>();
                          flush.getValue().forEach(sorted::add);
                          sorted.sort(order);
                          StringJoiner text = new StringJoiner("\n");
                          sorted.forEach(r -> text.add(line.apply(r)));
                          return text.toString(); // the sink ends it with the last newline
                        }));
    if (files.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      // The file write groups once more. After the gathering above, its trigger would continue as
      // synchronized processing time, which the DirectRunner can hold back behind a live source's
      // backlog (a live stream fed while it ran wrote no incident file for minutes). Each gathered
      // flush is written as soon as it comes, in a file of its own unless several come at once
      // (each then keeps its own order within the file).
      files =
          files.apply(
              "FilePerFlush",
              Window.<String>into(new GlobalWindows())
                  .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                  .withAllowedLateness(Duration.ZERO)
                  .discardingFiredPanes());
    }
    write(files, directory, prefix, true);
  }

  /** A comparator a pipeline can carry. */
  interface SerializableComparator<T> extends Comparator<T>, Serializable {}

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

  /** A record a sink could not deliver: counted, logged ({@link FailureLog}) and dead-lettered. */
  static DeadLetter deadLetter(String payload, String error, String step, Counter counter) {
    counter.inc();
    FailureLog.record(step, error);
    return DeadLetter.create(payload, error, step, null, Instant.now());
  }

  /** The dead letters of a sink that cannot fail per record: none. */
  static PCollection<DeadLetter> none(org.apache.beam.sdk.Pipeline pipeline) {
    return pipeline.apply("NoDeadLetters", Create.empty(TypeDescriptor.of(DeadLetter.class)));
  }
}
