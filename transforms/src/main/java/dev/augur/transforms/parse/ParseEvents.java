package dev.augur.transforms.parse;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses JSON lines (one event object per element) into {@link
 * Event}s following an {@link EventFormat}; see {@link JsonEventParser} for what is accepted.
 *
 * <p>Each event is output with its event time as element timestamp, so windowing downstream is in
 * event time. A record that cannot be parsed becomes a {@link DeadLetter} with step {@value #STEP},
 * its original text and the reason; nothing is dropped. Both outcomes are counted in the metrics
 * {@value #PARSED_COUNTER} and {@value #DEAD_LETTER_COUNTER} (namespace {@code ParseEvents}).
 *
 * <pre>{@code
 * ParsedEvents parsed = lines.apply(ParseEvents.of(format).withSource("file:/data/events.jsonl"));
 * parsed.events() ...; parsed.deadLetters() ...;
 * }</pre>
 *
 * <p>Lines keyed by their own origins, as {@code ReadEventStream} reads Kinesis or Kafka records,
 * are parsed by {@link #fromOrigins()}; each dead letter then names its line's origin (a Kafka
 * offset, say):
 *
 * <pre>{@code
 * ParsedEvents parsed =
 *     pipeline.apply(ReadEventStream.from(source)).apply(ParseEvents.of(format).fromOrigins());
 * }</pre>
 */
public final class ParseEvents extends PTransform<PCollection<String>, ParsedEvents> {
  /** The {@link DeadLetter#getStep()} of records rejected here. */
  public static final String STEP = "parse";

  public static final String METRICS_NAMESPACE = "ParseEvents";
  public static final String PARSED_COUNTER = "events_parsed";
  public static final String DEAD_LETTER_COUNTER = "events_dead_lettered";
  /** Events parsed without a value: counted only. */
  public static final String WITHOUT_VALUE_COUNTER = "events_without_value";
  /** How many events without a value, and none with one, make {@link #expectingValues} warn. */
  public static final long NO_VALUE_WARN_AFTER = 200;

  private static final Logger LOG = LoggerFactory.getLogger(ParseEvents.class);

  private final EventFormat format;
  private final @Nullable String source;
  private final boolean expectingValues;

  private ParseEvents(EventFormat format, @Nullable String source, boolean expectingValues) {
    this.format = format;
    this.source = source;
    this.expectingValues = expectingValues;
  }

  public static ParseEvents of(EventFormat format) {
    return new ParseEvents(format, null, false);
  }

  /** Names the stream the lines come from; it is recorded in dead letters. */
  public ParseEvents withSource(String source) {
    return new ParseEvents(format, source, expectingValues);
  }

  /**
   * Says in the log, once per worker, when the first {@value #NO_VALUE_WARN_AFTER} events a worker
   * parses all lack the value field: for a job that compares sums or means, a misspelt {@code
   * --valueField} (an event without a value is counted only) makes every sum 0 and every mean
   * missing, and the job has no end at which to say so.
   */
  public ParseEvents expectingValues() {
    return new ParseEvents(format, source, true);
  }

  /**
   * The same parsing of lines keyed by their origins ({@code KV<origin, line>}); a dead letter's
   * source is its line's origin. {@link #withSource} is not used.
   */
  public FromOrigins fromOrigins() {
    return new FromOrigins(format, expectingValues);
  }

  /** {@link ParseEvents} of lines keyed by their origins; see {@link #fromOrigins()}. */
  public static final class FromOrigins
      extends PTransform<PCollection<KV<String, String>>, ParsedEvents> {
    private final EventFormat format;
    private final boolean expectingValues;

    private FromOrigins(EventFormat format, boolean expectingValues) {
      this.format = format;
      this.expectingValues = expectingValues;
    }

    @Override
    public ParsedEvents expand(PCollection<KV<String, String>> lines) {
      TupleTag<Event> events = new TupleTag<Event>() {};
      TupleTag<DeadLetter> deadLetters = new TupleTag<DeadLetter>() {};
      return parse(
          lines,
          new ParseOriginJsonFn(new LineParser(format, expectingValues, events, deadLetters)),
          events,
          deadLetters);
    }
  }

  /**
   * Why events without values are a problem, for the log and for run summaries: {@code which}
   * names the events, such as "the 1,000 events parsed".
   */
  public static String noValues(String which, String valueField) {
    return "none of " + which + " had the value field '" + valueField + "' (--valueField), so"
        + " each was counted only: sums read 0, and means and standard deviations are missing;"
        + " give --valueField the name the events use";
  }

  @Override
  public ParsedEvents expand(PCollection<String> lines) {
    TupleTag<Event> events = new TupleTag<Event>() {};
    TupleTag<DeadLetter> deadLetters = new TupleTag<DeadLetter>() {};
    return parse(
        lines,
        new ParseJsonFn(new LineParser(format, expectingValues, events, deadLetters), source),
        events,
        deadLetters);
  }

  private static <T> ParsedEvents parse(
      PCollection<T> lines,
      DoFn<T, Event> parseFn,
      TupleTag<Event> events,
      TupleTag<DeadLetter> deadLetters) {
    PCollectionTuple out =
        lines.apply(
            "ParseJson", ParDo.of(parseFn).withOutputTags(events, TupleTagList.of(deadLetters)));
    return ParsedEvents.of(out, events, deadLetters);
  }

  /**
   * Sends a parsed event or a dead letter to its output, counting either, and events without a
   * value; when told the value field, warns once per worker of events that all lack it (see
   * {@link #expectingValues}).
   */
  static final class Outputs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Counter PARSED = Metrics.counter(METRICS_NAMESPACE, PARSED_COUNTER);
    private static final Counter DEAD_LETTERED =
        Metrics.counter(METRICS_NAMESPACE, DEAD_LETTER_COUNTER);
    private static final Counter WITHOUT_VALUE =
        Metrics.counter(METRICS_NAMESPACE, WITHOUT_VALUE_COUNTER);
    /** This worker's watch on events without values. */
    private static final ValuelessEvents VALUELESS =
        new ValuelessEvents(NO_VALUE_WARN_AFTER, LOG::warn);

    private final TupleTag<Event> events;
    private final TupleTag<DeadLetter> deadLetters;
    private final @Nullable String expectedValueField;

    Outputs(TupleTag<Event> events, TupleTag<DeadLetter> deadLetters) {
      this(events, deadLetters, null);
    }

    /** {@code expectedValueField}: the field whose absence from every event is warned of. */
    Outputs(TupleTag<Event> events, TupleTag<DeadLetter> deadLetters,
        @Nullable String expectedValueField) {
      this.events = events;
      this.deadLetters = deadLetters;
      this.expectedValueField = expectedValueField;
    }

    void event(Event event, DoFn.MultiOutputReceiver out) {
      out.get(events).outputWithTimestamp(event, event.getEventTime());
      PARSED.inc();
      if (event.getValue() == null) {
        WITHOUT_VALUE.inc();
      }
      if (expectedValueField != null) {
        VALUELESS.parsed(event.getValue() != null, expectedValueField);
      }
    }

    void deadLetter(
        String payload, String error, @Nullable String source, DoFn.MultiOutputReceiver out) {
      out.get(deadLetters).output(DeadLetter.create(payload, error, STEP, source, Instant.now()));
      DEAD_LETTERED.inc();
    }
  }

  /**
   * Warns once when the first {@code warnAfter} events parsed all lacked the value field: the
   * runtime sign of a misspelt {@code --valueField}. One event with a value ends the watch.
   */
  static final class ValuelessEvents {
    private final long warnAfter;
    private final Consumer<String> out;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicLong withoutValue = new AtomicLong();

    ValuelessEvents(long warnAfter, Consumer<String> out) {
      this.warnAfter = warnAfter;
      this.out = out;
    }

    void parsed(boolean hadValue, String valueField) {
      if (done.get()) {
        return;
      }
      if (hadValue) {
        done.set(true);
      } else if (withoutValue.incrementAndGet() >= warnAfter && done.compareAndSet(false, true)) {
        out.accept(noValues(
            String.format(java.util.Locale.ROOT, "the first %,d events a worker parsed", warnAfter),
            valueField));
      }
    }
  }

  /** Parses one line, or dead-letters it naming {@code source}. */
  private static final class LineParser implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final EventFormat format;
    private final Outputs outputs;
    private transient JsonEventParser parser;

    LineParser(
        EventFormat format,
        boolean expectingValues,
        TupleTag<Event> events,
        TupleTag<DeadLetter> deadLetters) {
      this.format = format;
      this.outputs =
          new Outputs(events, deadLetters, expectingValues ? format.valueField() : null);
    }

    void setup() {
      parser = new JsonEventParser(format);
    }

    void parse(String line, @Nullable String source, DoFn.MultiOutputReceiver out) {
      try {
        outputs.event(parser.parse(line), out);
      } catch (InvalidEventException e) {
        outputs.deadLetter(line, e.getMessage(), source, out);
      }
    }
  }

  private static final class ParseJsonFn extends DoFn<String, Event> {
    private final LineParser parser;
    private final @Nullable String source;

    ParseJsonFn(LineParser parser, @Nullable String source) {
      this.parser = parser;
      this.source = source;
    }

    @Setup
    public void setup() {
      parser.setup();
    }

    @ProcessElement
    public void process(@Element String line, MultiOutputReceiver out) {
      parser.parse(line, source, out);
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return allowedSkew();
    }
  }

  private static final class ParseOriginJsonFn extends DoFn<KV<String, String>, Event> {
    private final LineParser parser;

    ParseOriginJsonFn(LineParser parser) {
      this.parser = parser;
    }

    @Setup
    public void setup() {
      parser.setup();
    }

    @ProcessElement
    public void process(@Element KV<String, String> line, MultiOutputReceiver out) {
      parser.parse(line.getValue(), line.getKey(), out);
    }

    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return allowedSkew();
    }
  }

  /**
   * Stream records arrive timestamped with their arrival time, and events are re-timestamped
   * with their (earlier) event time. Whether an event is then late is decided by the source's
   * watermark and the windowing downstream, which counts what it drops.
   */
  private static Duration allowedSkew() {
    return Duration.millis(Long.MAX_VALUE);
  }
}
