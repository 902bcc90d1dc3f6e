package dev.augur.transforms.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 */
final class FailureLog {
  static final long EVERY_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
  /** One throttle for the whole worker. */
  private static final FailureLog SHARED = new FailureLog();
  /** Tells what {@link #SHARED} held back; started with the first record held back. */
  private static volatile @Nullable ScheduledExecutorService flusher;

  /** Per step: the time of its last line, and what was held back since. */
  private final Map<String, Step> steps = new ConcurrentHashMap<>();

  private static final class Step {
    long lastLine = Long.MIN_VALUE;
    long heldBack;
    @Nullable String lastHeldBack;
  }

  static void record(String step, String error) {
    String line = SHARED.line(step, error, System.currentTimeMillis());
    if (line != null) {
      LOG.warn(line);
    } else {
      startFlusher();
    }
  }

  private static void startFlusher() {
    if (flusher != null) {
      return;
    }
    synchronized (FailureLog.class) {
      if (flusher == null) {
        ScheduledExecutorService s =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "augur-failure-log");
                  t.setDaemon(true);
                  return t;
                });
        s.scheduleWithFixedDelay(
            () -> {
              try {
                SHARED.heldBack(System.currentTimeMillis()).forEach(LOG::warn);
              } catch (Throwable t) {
                // A task that throws is never run again; the next tick tries anew.
              }
            },
            EVERY_MILLIS / 2, EVERY_MILLIS / 2, TimeUnit.MILLISECONDS);
        flusher = s;
      }
    }
  }

  /** The line to log for a failure at {@code nowMillis}, or null when one was logged lately. */
  @Nullable String line(String step, String error, long nowMillis) {
    Step s = steps.computeIfAbsent(step, k -> new Step());
    long heldBack;
    synchronized (s) {
      if (s.lastLine != Long.MIN_VALUE && nowMillis - s.lastLine < EVERY_MILLIS) {
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
        if (s.heldBack == 0 || nowMillis - s.lastLine < EVERY_MILLIS) {
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
