package dev.augur.transforms.archive;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.InvalidEventException;
import dev.augur.transforms.parse.JsonEventParser;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.sink.FlushedFiles;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Archives a live stream of JSON event lines, each keyed by its origin as {@code ReadEventStream}
 * reads them (a dead letter names it), as gzip JSON-lines files partitioned by event time
 * (the Firehose step): {@code <directory>/dt=YYYY-MM-DD/hour=HH/events-*.jsonl.gz}, Hive-style
 * partitions that the batch pipeline reads back with {@code --input=<directory>/*}{@code
 * /*}{@code /*.jsonl.gz} and Athena or Beam SQL can prune by date; or, {@link
 * #inFormat}({@link ArchiveFormat#PARQUET}), as {@code events-*.parquet} files of {@link
 * EventParquet} records, which the batch pipeline reads back the same way.
 *
 * <p>Each line is read strictly as one JSON object, given the fields of {@link #withFields} that
 * it lacks (for example the region or environment of the producer, which the series fields may
 * name), then checked with the very parser the batch and streaming pipelines use: a line they
 * would refuse becomes a {@link DeadLetter} with step {@value #STEP} and the reason, and is not
 * archived. An accepted line is archived as it came, byte for byte, plus the added fields.
 *
 * <p>Files are written in the global window, flushed every {@code flushEvery} of processing time
 * (and when the input ends), with {@code shards} files per partition and flush: an event that
 * arrives late, however late, still goes to the partition of its own event time, in a later file;
 * nothing is dropped for lateness ({@link FlushedFiles}). File names carry a token of the pipeline
 * run, so a restarted job never overwrites the files of an earlier one; a job restored from a
 * snapshot writes again what it had read after the snapshot (at least once), so readers that need
 * each event once deduplicate.
 */
public final class ArchiveEvents
    extends PTransform<PCollection<KV<String, String>>, PCollection<DeadLetter>> {
  /** The {@link DeadLetter#getStep()} of lines refused here. */
  public static final String STEP = "archive";

  public static final String METRICS_NAMESPACE = "ArchiveEvents";
  public static final String ARCHIVED_COUNTER = "events_archived";
  public static final String DEAD_LETTER_COUNTER = "events_dead_lettered";

  private static final DateTimeFormatter PARTITION =
      DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

  private final EventFormat format;
  private final String directory;
  private final Duration flushEvery;
  private final int shards;
  private final Map<String, String> fields;
  private final ArchiveFormat fileFormat;
  private final ParquetCompression compression;

  private ArchiveEvents(
      EventFormat format,
      String directory,
      Duration flushEvery,
      int shards,
      Map<String, String> fields,
      ArchiveFormat fileFormat,
      ParquetCompression compression) {
    this.format = format;
    this.directory = directory;
    this.flushEvery = flushEvery;
    this.shards = shards;
    this.fields = fields;
    this.fileFormat = fileFormat;
    this.compression = compression;
  }

  /**
   * Archives events of {@code format} under {@code directory} (local or any Beam file system, such
   * as {@code s3://bucket/prefix}), flushing every {@code flushEvery} into {@code shards} files per
   * partition.
   */
  public static ArchiveEvents to(
      String directory, EventFormat format, Duration flushEvery, int shards) {
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException("archive directory must not be blank");
    }
    if (!flushEvery.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("flush interval must be positive, got " + flushEvery);
    }
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got " + shards);
    }
    String dir = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    return new ArchiveEvents(
        format,
        dir,
        flushEvery,
        shards,
        Map.of(),
        ArchiveFormat.JSON_LINES,
        ParquetCompression.SNAPPY);
  }

  /** Adds each of {@code fields} (name to text value) to the events that lack it. */
  public ArchiveEvents withFields(Map<String, String> fields) {
    return new ArchiveEvents(
        format,
        directory,
        flushEvery,
        shards,
        new LinkedHashMap<>(fields),
        fileFormat,
        compression);
  }

  /** Writes the files in {@code fileFormat} ({@link ArchiveFormat#JSON_LINES} by default). */
  public ArchiveEvents inFormat(ArchiveFormat fileFormat) {
    if (fileFormat == null) {
      throw new IllegalArgumentException("archive format must be set");
    }
    return new ArchiveEvents(
        format, directory, flushEvery, shards, fields, fileFormat, compression);
  }

  /** Compresses Parquet pages with {@code compression} ({@link ParquetCompression#SNAPPY} by default). */
  public ArchiveEvents withParquetCompression(ParquetCompression compression) {
    if (compression == null) {
      throw new IllegalArgumentException("Parquet compression must be set");
    }
    return new ArchiveEvents(
        format, directory, flushEvery, shards, fields, fileFormat, compression);
  }

  /** The partition of an event time: {@code dt=YYYY-MM-DD/hour=HH}, in UTC. */
  public static String partition(Instant eventTime) {
    return PARTITION.format(java.time.Instant.ofEpochMilli(eventTime.getMillis()));
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<KV<String, String>> lines) {
    TupleTag<DeadLetter> refused = new TupleTag<DeadLetter>() {};
    if (fileFormat == ArchiveFormat.PARQUET) {
      TupleTag<KV<String, GenericRecord>> accepted = new TupleTag<>() {};
      PCollectionTuple checked =
          check(lines, EventParquet::toRecord, AvroCoder.of(EventParquet.SCHEMA), accepted, refused);
      write(
          checked.get(accepted),
          FileIO.<String, KV<String, GenericRecord>>writeDynamic()
              .via(
                  Contextful.fn(KV::getValue),
                  ParquetIO.sink(EventParquet.SCHEMA).withCompressionCodec(compression.codec())),
          ArchiveFormat.PARQUET.suffix(),
          // Parquet compresses its pages itself.
          Compression.UNCOMPRESSED);
      return checked.get(refused);
    }
    TupleTag<KV<String, String>> accepted = new TupleTag<>() {};
    PCollectionTuple checked =
        check(lines, (event, line) -> line, StringUtf8Coder.of(), accepted, refused);
    write(
        checked.get(accepted),
        FileIO.<String, KV<String, String>>writeDynamic()
            .via(Contextful.fn(KV::getValue), TextIO.sink()),
        ArchiveFormat.JSON_LINES.suffix(),
        Compression.GZIP);
    return checked.get(refused);
  }

  /** The archived form of an accepted event: its line, or a record holding it. */
  private interface Archived<T> extends Serializable {
    T of(Event event, String line);
  }

  /** Enriches and checks the lines: accepted ones keyed by partition, refused ones dead letters. */
  private <T> PCollectionTuple check(
      PCollection<KV<String, String>> lines,
      Archived<T> archived,
      Coder<T> coder,
      TupleTag<KV<String, T>> accepted,
      TupleTag<DeadLetter> refused) {
    PCollectionTuple checked =
        lines.apply(
            "EnrichAndCheck",
            ParDo.of(new EnrichAndCheckFn<>(format, fields, archived, accepted, refused))
                .withOutputTags(accepted, TupleTagList.of(refused)));
    checked.get(accepted).setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
    return checked;
  }

  /** Flushes accepted events into files of their partitions. */
  private <T> void write(
      PCollection<KV<String, T>> accepted,
      FileIO.Write<String, KV<String, T>> files,
      String suffix,
      Compression compression) {
    String run = FlushedFiles.runToken();
    String base = directory;
    accepted
        .apply("FlushEvery", FlushedFiles.<KV<String, T>>every(flushEvery))
        .apply(
            "WritePartitions",
            files
                .by(KV::getKey)
                .withDestinationCoder(StringUtf8Coder.of())
                .withNaming(
                    partition ->
                        FileIO.Write.relativeFileNaming(
                            StaticValueProvider.of(base + "/" + partition),
                            FlushedFiles.naming(run, "events", suffix)))
                .withTempDirectory(base + "/.tmp")
                .withCompression(compression)
                .withNumShards(shards));
  }

  /** Adds the missing fields, checks the event and keys it by its event time's partition. */
  private static final class EnrichAndCheckFn<T> extends DoFn<KV<String, String>, KV<String, T>> {
    private static final Counter ARCHIVED = Metrics.counter(METRICS_NAMESPACE, ARCHIVED_COUNTER);
    private static final Counter DEAD_LETTERED =
        Metrics.counter(METRICS_NAMESPACE, DEAD_LETTER_COUNTER);

    private final EventFormat format;
    private final Map<String, String> fields;
    private final Archived<T> archived;
    private final TupleTag<KV<String, T>> accepted;
    private final TupleTag<DeadLetter> refused;
    private transient JsonEventParser parser;

    EnrichAndCheckFn(
        EventFormat format,
        Map<String, String> fields,
        Archived<T> archived,
        TupleTag<KV<String, T>> accepted,
        TupleTag<DeadLetter> refused) {
      this.format = format;
      this.fields = fields;
      this.archived = archived;
      this.accepted = accepted;
      this.refused = refused;
    }

    @Setup
    public void setup() {
      parser = new JsonEventParser(format);
    }

    @ProcessElement
    public void process(@Element KV<String, String> sourced, MultiOutputReceiver out) {
      String line = sourced.getValue();
      try {
        ObjectNode object = parser.readObject(line);
        String enriched = enrich(line, object);
        Event event = parser.parse(object);
        out.get(accepted)
            .output(KV.of(partition(event.getEventTime()), archived.of(event, enriched)));
        ARCHIVED.inc();
      } catch (InvalidEventException e) {
        out.get(refused)
            .output(DeadLetter.create(line, e.getMessage(), STEP, sourced.getKey(), Instant.now()));
        DEAD_LETTERED.inc();
      }
    }

    /**
     * {@code line} with the fields {@code event} (read strictly from it) lacks added to both: to
     * the object, which is then checked, and to the line's text, where they are appended so that
     * what came is kept byte for byte (number formats, key order). A field present but null or
     * empty is lacking too; it is filled in place, and the line written anew from the object. The
     * line holds one JSON object, so its last character is the closing brace.
     */
    private String enrich(String line, ObjectNode event) {
      StringBuilder added = new StringBuilder();
      boolean filledInPlace = false;
      for (Map.Entry<String, String> f : fields.entrySet()) {
        JsonNode value = event.get(f.getKey());
        if (value == null) {
          added.append(event.isEmpty() ? "" : ",");
          added.append(quoted(f.getKey())).append(':').append(quoted(f.getValue()));
          event.put(f.getKey(), f.getValue());
        } else if (value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
          event.put(f.getKey(), f.getValue());
          filledInPlace = true;
        }
      }
      if (filledInPlace) {
        // A field present but null or empty is filled where it stands: this line is written anew
        // from the object, keys in their order.
        return event.toString();
      }
      if (added.length() == 0) {
        return line;
      }
      int close = line.lastIndexOf('}');
      return line.substring(0, close) + added + line.substring(close);
    }

    private static String quoted(String text) {
      return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
  }
}
