package dev.augur.transforms.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * A stateful DoFn's buffer of elements it must apply in event-time order: each element waits in a
 * bag until the watermark passes its timestamp, when an event-time timer releases it with the
 * others that are due. Once the watermark is past a time, no on-time element of that time or
 * earlier can still arrive, so what is released together can be sorted and applied as a replay
 * would apply it. The timer holds the output watermark at the earliest waiting element, so what
 * the DoFn outputs when it fires is not late downstream.
 *
 * <p>State: the bag of waiting elements and the time the timer is set for; the DoFn declares
 * both, and an event-time timer, and passes them in.
 */
public final class EventTimeBuffer {
  private EventTimeBuffer() {}

  /** Buffers {@code value}, setting the timer earlier if it is due before the others. */
  public static <T> void add(
      BagState<TimestampedValue<T>> pending,
      ValueState<Instant> timerAt,
      Timer timer,
      T value,
      Instant timestamp) {
    pending.add(TimestampedValue.of(value, timestamp));
    Instant at = timerAt.read();
    if (at == null || timestamp.isBefore(at)) {
      set(timer, timerAt, timestamp);
    }
  }

  /**
   * Removes and returns the elements due at {@code now} (the firing timer's time), in no
   * particular order, and sets the timer for the earliest of those still waiting.
   */
  public static <T> List<T> release(
      BagState<TimestampedValue<T>> pending,
      ValueState<Instant> timerAt,
      Timer timer,
      Instant now) {
    List<T> due = new ArrayList<>();
    List<TimestampedValue<T>> later = new ArrayList<>();
    for (TimestampedValue<T> v : pending.read()) {
      if (v.getTimestamp().isAfter(now)) {
        later.add(v);
      } else {
        due.add(v.getValue());
      }
    }
    pending.clear();
    timerAt.clear();
    Instant next = null;
    for (TimestampedValue<T> v : later) {
      pending.add(v);
      next = next == null || v.getTimestamp().isBefore(next) ? v.getTimestamp() : next;
    }
    if (next != null) {
      set(timer, timerAt, next);
    }
    return due;
  }

  private static void set(Timer timer, ValueState<Instant> timerAt, Instant at) {
    timer.withOutputTimestamp(at).set(at);
    timerAt.write(at);
  }
}
