package dev.augur.transforms.parse;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WithDeadLetters;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link ParseEvents} and {@link ReadEvents}: the parsed events, each timestamped
 * with its event time, and, as dead letters with their original payload, the records that could
 * not be parsed.
 */
public final class ParsedEvents extends WithDeadLetters<Event> {
  private ParsedEvents(
      TupleTag<Event> eventsTag,
      PCollection<Event> events,
      TupleTag<DeadLetter> deadLettersTag,
      PCollection<DeadLetter> deadLetters) {
    super(eventsTag, events, deadLettersTag, deadLetters);
  }

  static ParsedEvents of(
      PCollectionTuple tuple, TupleTag<Event> eventsTag, TupleTag<DeadLetter> deadLettersTag) {
    return new ParsedEvents(eventsTag, tuple.get(eventsTag), deadLettersTag, tuple.get(deadLettersTag));
  }

  /** Parsed events; element timestamps are the events' times. */
  public PCollection<Event> events() {
    return main();
  }
}
