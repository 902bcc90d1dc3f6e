package dev.augur.transforms.parse;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link ParseEvents} and {@link ReadEvents}: the parsed events, each timestamped
 * with its event time, and the records that could not be parsed.
 */
public final class ParsedEvents implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<Event> eventsTag;
  private final PCollection<Event> events;
  private final TupleTag<DeadLetter> deadLettersTag;
  private final PCollection<DeadLetter> deadLetters;

  private ParsedEvents(
      Pipeline pipeline,
      TupleTag<Event> eventsTag,
      PCollection<Event> events,
      TupleTag<DeadLetter> deadLettersTag,
      PCollection<DeadLetter> deadLetters) {
    this.pipeline = pipeline;
    this.eventsTag = eventsTag;
    this.events = events;
    this.deadLettersTag = deadLettersTag;
    this.deadLetters = deadLetters;
  }

  static ParsedEvents of(
      PCollectionTuple tuple, TupleTag<Event> eventsTag, TupleTag<DeadLetter> deadLettersTag) {
    return new ParsedEvents(
        tuple.getPipeline(),
        eventsTag,
        tuple.get(eventsTag),
        deadLettersTag,
        tuple.get(deadLettersTag));
  }

  /** Parsed events; element timestamps are the events' times. */
  public PCollection<Event> events() {
    return events;
  }

  /** Records that could not be parsed, with their original payload. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(eventsTag, events, deadLettersTag, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
