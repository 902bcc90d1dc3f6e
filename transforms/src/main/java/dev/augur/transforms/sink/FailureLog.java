package dev.augur.transforms.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the job's log that a sink dead-lettered a record: on a cluster the log is where an
 * operator looks first, and an incident that could not be paged must not show only in a counter.
 * At most one line per step every {@value #EVERY_MILLIS} ms, naming how many more failed since
 * the last line, so a metrics service that is down does not flood the log.
 */
final class FailureLog {
  static final long EVERY_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
  /** One throttle for the whole worker. */
  private static final FailureLog SHARED = new FailureLog();

  /** Per step: {time of the last line, failures since it}. */
  private final Map<String, long[]> steps = new ConcurrentHashMap<>();

  static void record(String step, String error) {
    String line = SHARED.line(step, error, System.currentTimeMillis());
    if (line != null) {
      LOG.warn(line);
    }
  }

  /** The line to log for a failure at {@code nowMillis}, or null when one was logged lately. */
  @Nullable String line(String step, String error, long nowMillis) {
    long[] s = steps.computeIfAbsent(step, k -> new long[] {Long.MIN_VALUE, 0});
    long unlogged;
    synchronized (s) {
      if (s[0] != Long.MIN_VALUE && nowMillis - s[0] < EVERY_MILLIS) {
        s[1]++;
        return null;
      }
      unlogged = s[1];
      s[0] = nowMillis;
      s[1] = 0;
    }
    return step + ": a record went to the dead letters: " + error
        + (unlogged == 0 ? "" : " (and " + unlogged + " more since the last such line)");
  }
}
