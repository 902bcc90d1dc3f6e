package dev.augur.transforms.parse;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Parses JSON lines (one event object per element, e.g. Kinesis or Kafka records) into {@link
 * Event}s following an {@link EventFormat}; see {@link JsonEventParser} for what is accepted.
 *
 * <p>Each event is output with its event time as element timestamp, so windowing downstream is in
 * event time. A record that cannot be parsed becomes a {@link DeadLetter} with step {@value #STEP},
 * its original text and the reason; nothing is dropped. Both outcomes are counted in the metrics
 * {@value #PARSED_COUNTER} and {@value #DEAD_LETTER_COUNTER} (namespace {@code ParseEvents}).
 *
 * <pre>{@code
 * ParsedEvents parsed = lines.apply(ParseEvents.of(format).withSource("kinesis:augur-events"));
 * parsed.events() ...; parsed.deadLetters() ...;
 * }</pre>
 */
public final class ParseEvents extends PTransform<PCollection<String>, ParsedEvents> {
  /** The {@link DeadLetter#getStep()} of records rejected here. */
  public static final String STEP = "parse";

  public static final String METRICS_NAMESPACE = "ParseEvents";
  public static final String PARSED_COUNTER = "events_parsed";
  public static final String DEAD_LETTER_COUNTER = "events_dead_lettered";

  private final EventFormat format;
  private final @Nullable String source;

  private ParseEvents(EventFormat format, @Nullable String source) {
    this.format = format;
    this.source = source;
  }

  public static ParseEvents of(EventFormat format) {
    return new ParseEvents(format, null);
  }

  /** Names the stream the lines come from; it is recorded in dead letters. */
  public ParseEvents withSource(String source) {
    return new ParseEvents(format, source);
  }

  @Override
  public ParsedEvents expand(PCollection<String> lines) {
    TupleTag<Event> events = new TupleTag<Event>() {};
    TupleTag<DeadLetter> deadLetters = new TupleTag<DeadLetter>() {};
    PCollectionTuple out =
        lines.apply(
            "ParseJson",
            ParDo.of(new ParseJsonFn(format, source, events, deadLetters))
                .withOutputTags(events, TupleTagList.of(deadLetters)));
    return ParsedEvents.of(out, events, deadLetters);
  }

  /** Sends a parsed event or a dead letter to its output, counting either. */
  static final class Outputs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Counter PARSED = Metrics.counter(METRICS_NAMESPACE, PARSED_COUNTER);
    private static final Counter DEAD_LETTERED =
        Metrics.counter(METRICS_NAMESPACE, DEAD_LETTER_COUNTER);

    private final TupleTag<Event> events;
    private final TupleTag<DeadLetter> deadLetters;

    Outputs(TupleTag<Event> events, TupleTag<DeadLetter> deadLetters) {
      this.events = events;
      this.deadLetters = deadLetters;
    }

    void event(Event event, DoFn.MultiOutputReceiver out) {
      out.get(events).outputWithTimestamp(event, event.getEventTime());
      PARSED.inc();
    }

    void deadLetter(
        String payload, String error, @Nullable String source, DoFn.MultiOutputReceiver out) {
      out.get(deadLetters).output(DeadLetter.create(payload, error, STEP, source, Instant.now()));
      DEAD_LETTERED.inc();
    }
  }

  private static final class ParseJsonFn extends DoFn<String, Event> {
    private final EventFormat format;
    private final @Nullable String source;
    private final Outputs outputs;
    private transient JsonEventParser parser;

    ParseJsonFn(
        EventFormat format,
        @Nullable String source,
        TupleTag<Event> events,
        TupleTag<DeadLetter> deadLetters) {
      this.format = format;
      this.source = source;
      this.outputs = new Outputs(events, deadLetters);
    }

    @Setup
    public void setup() {
      parser = new JsonEventParser(format);
    }

    @ProcessElement
    public void process(@Element String line, MultiOutputReceiver out) {
      try {
        outputs.event(parser.parse(line), out);
      } catch (InvalidEventException e) {
        outputs.deadLetter(line, e.getMessage(), source, out);
      }
    }

    /**
     * Stream records arrive timestamped with their arrival time, and events are re-timestamped
     * with their (earlier) event time. Whether an event is then late is decided by the source's
     * watermark and the windowing downstream, which counts what it drops.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
