package dev.augur.transforms.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.models.SeriesKey;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.util.Map;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Sorts live events by {@link Lateness}: on-time and late events go on to the windowed
 * aggregation, events too late for it become dead letters. Runs in the global window, keyed by
 * {@link #shardOf shard}: a fixed number of groups of series.
 *
 * <p>It learns the watermark from one event-time timer per shard that walks {@link
 * Lateness#nextBoundary the boundaries} at which windows close or expire: when the timer for a
 * boundary fires, the watermark has passed it. While the walk runs, the knowledge is exact for
 * every window, and the timer's output hold keeps the watermark downstream at or before the next
 * boundary until the walk has passed it, so the aggregation never sees an accepted event as
 * expired. The walk starts with the shard's first event and stops {@code idleHorizon} after the
 * expiry of the last window with events of any of its series.
 *
 * <p>What the watermark has passed is the same for every series, so sharing a walk loses nothing
 * and gains twice: a series' first event (a new host, a producer back after a day) is judged
 * exactly while other series of its shard keep the walk going, and the timers cost {@value
 * #SHARDS} per boundary however many series there are. Only the first event of a shard whose walk
 * is not running (at the start, or after all its series were silent for the idle horizon) is
 * judged by what the shard knew before (nothing: on time) — see {@link AggregateWindows} for what
 * then protects it.
 *
 * <p>State: the latest boundary the watermark passed, the boundary the timer is armed for, and
 * the instant the walk may go on to.
 */
final class ScreenLatenessFn extends DoFn<KV<Integer, Event>, Event> {
  static final String STEP = "lateness";

  /** Groups of series that share a walk: enough to spread the screen over workers. */
  static final int SHARDS = 16;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Counter ON_TIME =
      Metrics.counter(AggregateWindows.METRICS_NAMESPACE, AggregateWindows.ON_TIME_COUNTER);
  private static final Counter LATE =
      Metrics.counter(AggregateWindows.METRICS_NAMESPACE, AggregateWindows.LATE_COUNTER);
  private static final Counter TOO_LATE =
      Metrics.counter(AggregateWindows.METRICS_NAMESPACE, AggregateWindows.TOO_LATE_COUNTER);

  private final Lateness lateness;
  private final Duration idleHorizon;
  private final EventFormat format;
  private final TupleTag<DeadLetter> deadLetters;

  @StateId("passed")
  private final StateSpec<ValueState<Instant>> passedSpec = StateSpecs.value(InstantCoder.of());

  @StateId("armedFor")
  private final StateSpec<ValueState<Instant>> armedForSpec = StateSpecs.value(InstantCoder.of());

  @StateId("walkUntil")
  private final StateSpec<ValueState<Instant>> walkUntilSpec = StateSpecs.value(InstantCoder.of());

  @TimerId("boundary")
  private final TimerSpec boundarySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  ScreenLatenessFn(
      Lateness lateness, Duration idleHorizon, EventFormat format, TupleTag<DeadLetter> deadLetters) {
    this.lateness = lateness;
    this.idleHorizon = idleHorizon;
    this.format = format;
    this.deadLetters = deadLetters;
  }

  @ProcessElement
  public void process(
      @Element KV<Integer, Event> element,
      @Timestamp Instant timestamp,
      @StateId("passed") ValueState<Instant> passedState,
      @StateId("armedFor") ValueState<Instant> armedFor,
      @StateId("walkUntil") ValueState<Instant> walkUntil,
      @TimerId("boundary") Timer boundary,
      MultiOutputReceiver out) {
    Event e = element.getValue();
    Instant passed = passedState.read();
    switch (lateness.classify(e.getEventTime(), passed)) {
      case TOO_LATE:
        TOO_LATE.inc();
        out.get(deadLetters)
            .output(
                DeadLetter.create(
                    payload(e, format),
                    lateness.tooLateReason(e.getEventTime(), passed),
                    STEP,
                    null,
                    Instant.now()));
        return;
      case LATE:
        LATE.inc();
        break;
      default:
        ON_TIME.inc();
        break;
    }
    out.get(AggregateWindows.SCREENED).output(e);

    Instant until = lateness.expires(e.getEventTime()).plus(idleHorizon);
    Instant before = walkUntil.read();
    if (before == null || until.isAfter(before)) {
      walkUntil.write(until);
    }
    if (armedFor.read() == null) {
      // Start (or restart) the walk at the first boundary not before this event, so the timer's
      // output hold is never before the element's timestamp.
      Instant from = timestamp.minus(Duration.millis(1));
      if (passed != null && passed.isAfter(from)) {
        from = passed;
      }
      arm(boundary, armedFor, lateness.nextBoundary(from));
    }
  }

  @OnTimer("boundary")
  public void onBoundary(
      @StateId("passed") ValueState<Instant> passedState,
      @StateId("armedFor") ValueState<Instant> armedFor,
      @StateId("walkUntil") ValueState<Instant> walkUntil,
      @TimerId("boundary") Timer boundary) {
    // The watermark has passed the boundary the timer was armed for.
    Instant at = armedFor.read();
    if (at == null) {
      return;
    }
    passedState.write(at);
    Instant next = lateness.nextBoundary(at);
    Instant until = walkUntil.read();
    if (until != null && !next.isAfter(until)) {
      arm(boundary, armedFor, next);
    } else {
      armedFor.clear();
    }
  }

  /** Fires once the watermark passes {@code at}, holding the output watermark there until then. */
  private static void arm(Timer boundary, ValueState<Instant> armedFor, Instant at) {
    armedFor.write(at);
    boundary.withOutputTimestamp(at).set(at);
  }

  /** The shard of {@code series}: the same on every worker and in every run. */
  static int shardOf(String series) {
    return Math.floorMod(series.hashCode(), SHARDS);
  }

  /** The event as a JSON line (the parsed event: the original line is not kept past parsing). */
  static String payload(Event e, EventFormat format) {
    ObjectNode node = MAPPER.createObjectNode();
    // The event as a line of its source would carry it, so that it can be sent again: the series'
    // fields, its time and its value under the format's names.
    Map<String, String> dimensions;
    try {
      dimensions = SeriesKey.parse(e.getSeries());
    } catch (IllegalArgumentException notAKey) {
      dimensions = Map.of("series", e.getSeries());
    }
    dimensions.forEach(node::put);
    node.put(format.timestampField(), e.getEventTime().toString());
    if (e.getValue() != null) {
      node.put(format.valueField(), e.getValue());
    }
    return node.toString();
  }

}
