package dev.augur.transforms.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the job's log that a record went to the dead letters: on a cluster the log is where an
 * operator looks first, and an incident that could not be paged, or a producer's line no step
 * could read, must not show only in a counter. At most one line per step every {@value
 * #EVERY_MILLIS} ms; the records held back in between are told within the next interval, with
 * their count and the last one's reason, even when no record follows them, so a burst does not
 * end with its first line.
 *
 * <p>A background thread tells what was held back. It runs only while something is held back and
 * ends at its first look that finds nothing, so no thread outlives the failures: on a Flink
 * session cluster a thread left running would outlive a cancelled job and keep its classes loaded.
 */
final class FailureLog {
  static final long EVERY_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
  /** One throttle for the whole worker. */
  private static final FailureLog SHARED =
      new FailureLog(EVERY_MILLIS, System::currentTimeMillis, LOG::warn);

  private final long everyMillis;
  private final LongSupplier clock;
  private final Consumer<String> out;
  /** Per step: the time of its last line, and what was held back since. */
  private final Map<String, Step> steps = new ConcurrentHashMap<>();
  /** Tells what was held back; running only while something is. Guarded by {@code this}. */
  private @Nullable ScheduledExecutorService flusher;

  private static final class Step {
    long lastLine = Long.MIN_VALUE;
    long heldBack;
    @Nullable String lastHeldBack;
  }

  FailureLog(long everyMillis, LongSupplier clock, Consumer<String> out) {
    this.everyMillis = everyMillis;
    this.clock = clock;
    this.out = out;
  }

  static void record(String step, String error) {
    SHARED.failed(step, error);
  }

  /** Logs the failure now, or holds it back and makes sure it is told within an interval. */
  void failed(String step, String error) {
    String line = line(step, error, clock.getAsLong());
    if (line != null) {
      out.accept(line);
    } else {
      startFlusher();
    }
  }

  /** Whether the background thread is running (for tests). */
  synchronized boolean flushing() {
    return flusher != null;
  }

  private synchronized void startFlusher() {
    if (flusher != null) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "augur-failure-log");
              t.setDaemon(true);
              return t;
            });
    s.scheduleWithFixedDelay(this::flush, everyMillis / 2, everyMillis / 2, TimeUnit.MILLISECONDS);
    flusher = s;
  }

  private void flush() {
    try {
      heldBack(clock.getAsLong()).forEach(out);
    } catch (Throwable t) {
      // A task that throws is never run again; the next tick tries anew.
    }
    synchronized (this) {
      // A record held back after this check starts a new thread: startFlusher waits for this lock
      // and finds none running.
      if (flusher != null && !holdsBack()) {
        flusher.shutdown();
        flusher = null;
      }
    }
  }

  private boolean holdsBack() {
    for (Step s : steps.values()) {
      synchronized (s) {
        if (s.heldBack > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The line to log for a failure at {@code nowMillis}, or null when one was logged lately. */
  @Nullable String line(String step, String error, long nowMillis) {
    Step s = steps.computeIfAbsent(step, k -> new Step());
    long heldBack;
    synchronized (s) {
      if (s.lastLine != Long.MIN_VALUE && nowMillis - s.lastLine < everyMillis) {
        s.heldBack++;
        s.lastHeldBack = error;
        return null;
      }
      heldBack = s.heldBack;
      s.lastLine = nowMillis;
      s.heldBack = 0;
      s.lastHeldBack = null;
    }
    return step + ": a record went to the dead letters: " + error
        + (heldBack == 0 ? "" : " (and " + heldBack + " more since the last such line)");
  }

  /**
   * The lines telling, per step, the records held back for at least an interval at {@code
   * nowMillis} that no later line told; each step's count starts again.
   */
  List<String> heldBack(long nowMillis) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Step> e : new TreeMap<>(steps).entrySet()) {
      Step s = e.getValue();
      synchronized (s) {
        if (s.heldBack == 0 || nowMillis - s.lastLine < everyMillis) {
          continue;
        }
        lines.add(e.getKey() + ": " + s.heldBack + " more record" + (s.heldBack == 1 ? "" : "s")
            + " went to the dead letters since the last such line; the last: " + s.lastHeldBack);
        s.lastLine = nowMillis;
        s.heldBack = 0;
        s.lastHeldBack = null;
      }
    }
    return lines;
  }
}
