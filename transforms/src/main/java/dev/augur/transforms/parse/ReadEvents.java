package dev.augur.transforms.parse;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Reads event files matching a pattern (a local path or glob, or {@code s3://bucket/prefix/*}) and
 * parses them into {@link Event}s and {@link DeadLetter}s, choosing the format per file:
 *
 * <ul>
 *   <li>{@code *.csv}: NAB-style {@code timestamp,value} lines of the series {@code
 *       series=<file name without .csv>}, first line skipped when it is a header (see {@link
 *       CsvEventParser});
 *   <li>{@code *.parquet}: the archive's Parquet files ({@code bin/augur archive
 *       --archiveFormat=PARQUET}), whose {@code event} column holds the JSON lines, parsed as
 *       below;
 *   <li>anything else ({@code .json}, {@code .jsonl}, ...): JSON lines parsed by {@link
 *       JsonEventParser} with the given {@link EventFormat}.
 * </ul>
 *
 * <p>Compressed files ({@code .gz}, {@code .bz2}, {@code .zst}, ...) are decompressed and their
 * format chosen by the name without the compression suffix ({@code a.csv.gz} is CSV). Blank lines
 * carry no record and are skipped (counted as {@value #BLANK_LINE_COUNTER}); every other line
 * becomes an event or a dead letter whose source is the file. Each file is read whole by one
 * worker, so parallelism comes from the number of files.
 *
 * <p>A pattern that matches no file fails the pipeline with a message naming the pattern ({@link
 * EmptyMatchTreatment#DISALLOW}): a typo in an input path must not yield an empty history.
 */
public final class ReadEvents extends PTransform<PBegin, ParsedEvents> {
  public static final String BLANK_LINE_COUNTER = "blank_lines_skipped";

  private final String filepattern;
  private final EventFormat jsonFormat;
  private final @Nullable Instant notAfter;

  private ReadEvents(String filepattern, EventFormat jsonFormat, @Nullable Instant notAfter) {
    this.filepattern = filepattern;
    this.jsonFormat = jsonFormat;
    this.notAfter = notAfter;
  }

  /** Reads files matching {@code filepattern}; JSON files are parsed with {@code jsonFormat}. */
  public static ReadEvents from(String filepattern, EventFormat jsonFormat) {
    if (filepattern == null || filepattern.isBlank()) {
      throw new IllegalArgumentException("input file pattern must not be blank");
    }
    return new ReadEvents(filepattern, jsonFormat, null);
  }

  /**
   * Dead-letters events dated after {@code latest}, an hour after the run started (the message
   * says so): history read at a given time holds no later event, and one such event (a producer's clock running ahead, a timestamp in the wrong unit)
   * would end every series' history at its time, padded with empty windows up to it.
   */
  public ReadEvents refusingEventsAfter(Instant latest) {
    return new ReadEvents(filepattern, jsonFormat, latest);
  }

  @Override
  public ParsedEvents expand(PBegin input) {
    TupleTag<Event> events = new TupleTag<Event>() {};
    TupleTag<DeadLetter> deadLetters = new TupleTag<DeadLetter>() {};
    PCollectionTuple out =
        input
            .apply(
                "Match",
                FileIO.match()
                    .filepattern(filepattern)
                    .withEmptyMatchTreatment(EmptyMatchTreatment.DISALLOW))
            .apply("Open", FileIO.readMatches().withCompression(Compression.AUTO))
            .apply(
                "ParseLines",
                ParDo.of(new ParseFileFn(jsonFormat, notAfter, events, deadLetters))
                    .withOutputTags(events, TupleTagList.of(deadLetters)));
    return ParsedEvents.of(out, events, deadLetters);
  }

  /** The file name without a compression suffix: {@code a.csv.gz} becomes {@code a.csv}. */
  static String withoutCompressionSuffix(String filename) {
    if (Compression.detect(filename) == Compression.UNCOMPRESSED) {
      return filename;
    }
    int dot = filename.lastIndexOf('.');
    return dot > 0 ? filename.substring(0, dot) : filename;
  }

  /** Whether a file holds Parquet records of archived events ({@code *.parquet}). */
  public static boolean isParquet(String filename) {
    return filename.toLowerCase(Locale.ROOT).endsWith(".parquet");
  }

  /**
   * Whether {@code pattern} names CSV files ({@code *.csv}, compressed or not), whose events carry
   * no JSON fields: the file names the series.
   */
  public static boolean namesCsv(String pattern) {
    return csvSeriesName(pattern) != null;
  }

  /** The series name of a CSV file, or null if the file holds JSON lines. */
  static String csvSeriesName(String filename) {
    String name = withoutCompressionSuffix(filename);
    if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return name.substring(0, name.length() - ".csv".length());
    }
    return null;
  }

  private static final class ParseFileFn extends DoFn<FileIO.ReadableFile, Event> {
    private static final Counter BLANK_LINES =
        Metrics.counter(ParseEvents.METRICS_NAMESPACE, BLANK_LINE_COUNTER);

    private final EventFormat jsonFormat;
    private final @Nullable Instant notAfter;
    private final ParseEvents.Outputs outputs;
    private transient JsonEventParser jsonParser;

    ParseFileFn(EventFormat jsonFormat, @Nullable Instant notAfter, TupleTag<Event> events,
        TupleTag<DeadLetter> deadLetters) {
      this.jsonFormat = jsonFormat;
      this.notAfter = notAfter;
      this.outputs = new ParseEvents.Outputs(events, deadLetters);
    }

    @Setup
    public void setup() {
      jsonParser = new JsonEventParser(jsonFormat);
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
        throws IOException {
      String source = file.getMetadata().resourceId().toString();
      if (isParquet(file.getMetadata().resourceId().getFilename())) {
        ParquetLines.read(
            file,
            new ParquetLines.Receiver() {
              @Override
              public void line(String line) {
                parse(line, source, out);
              }

              @Override
              public void withoutLine(String record) {
                outputs.deadLetter(
                    record,
                    "a Parquet record without an \"" + ParquetLines.COLUMN + "\" column (bin/augur"
                        + " archive --archiveFormat=PARQUET writes it)",
                    source,
                    out);
              }
            });
        return;
      }
      String seriesName = csvSeriesName(file.getMetadata().resourceId().getFilename());
      CsvEventParser csv = seriesName == null ? null : new CsvEventParser(seriesName);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(file.open()), StandardCharsets.UTF_8))) {
        boolean first = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (first && line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          if (line.isBlank()) {
            BLANK_LINES.inc();
            continue;
          }
          boolean header = first && csv != null && CsvEventParser.isHeader(line);
          first = false;
          if (header) {
            continue;
          }
          if (csv == null) {
            parse(line, source, out);
            continue;
          }
          try {
            emit(csv.parse(line), line, source, out);
          } catch (InvalidEventException e) {
            outputs.deadLetter(line, e.getMessage(), source, out);
          }
        }
      }
    }

    private void parse(String line, String source, MultiOutputReceiver out) {
      try {
        emit(jsonParser.parse(line), line, source, out);
      } catch (InvalidEventException e) {
        outputs.deadLetter(line, e.getMessage(), source, out);
      }
    }

    private void emit(Event event, String line, String source, MultiOutputReceiver out) {
      if (notAfter != null && event.getEventTime().isAfter(notAfter)) {
        outputs.deadLetter(
            line,
            "event time " + event.getEventTime() + " is after " + notAfter
                + ", the latest this history can hold (an hour after the run started): a"
                + " producer's clock ahead, or a wrong timestamp",
            source,
            out);
        return;
      }
      outputs.event(event, out);
    }
  }
}
