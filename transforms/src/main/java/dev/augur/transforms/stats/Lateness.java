package dev.augur.transforms.stats;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.joda.time.format.PeriodFormat;

/**
 * Where an event stands against the watermark, for fixed event-time windows of one size with an
 * allowed lateness. Plain Java; {@link AggregateWindows} uses it to screen live events before the
 * windowed aggregation.
 *
 * <p>The rules are Beam's own for a {@code FixedWindows} aggregation with the trigger {@link
 * AggregateWindows} sets: a window {@code [start, end)} <em>closes</em> (emits its on-time result)
 * when the watermark passes its last millisecond {@code end - 1ms}; it <em>expires</em> (the runner
 * would drop what still arrives) when the watermark passes {@code end - 1ms + allowedLateness}.
 * An event arriving before its window closed is {@link Verdict#ON_TIME}, after it closed but
 * before it expired {@link Verdict#LATE} (its window emits a corrected result), after it expired
 * {@link Verdict#TOO_LATE}.
 *
 * <p>What is known of the watermark is an instant it is known to have passed (a fired event-time
 * timer): {@link #nextBoundary} gives the next instant at which any window closes or expires, so
 * a timer walking these boundaries one after another knows the verdict of every event exactly.
 */
public final class Lateness implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How an event stands against the watermark. */
  public enum Verdict {
    ON_TIME,
    LATE,
    TOO_LATE
  }

  private final long size;
  private final long allowed;

  private Lateness(Duration size, Duration allowedLateness) {
    if (!size.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("window size must be positive, got " + size);
    }
    if (allowedLateness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "allowed lateness must not be negative, got " + allowedLateness);
    }
    this.size = size.getMillis();
    this.allowed = allowedLateness.getMillis();
  }

  /** Windows of {@code size} accepting events up to {@code allowedLateness} after they close. */
  public static Lateness of(Duration size, Duration allowedLateness) {
    return new Lateness(size, allowedLateness);
  }

  public Duration allowedLateness() {
    return Duration.millis(allowed);
  }

  /** The start of the window holding {@code t} (as {@code FixedWindows} without offset). */
  public Instant windowStart(Instant t) {
    return new Instant(start(t.getMillis()));
  }

  /** The last millisecond of the window holding {@code t}: the watermark passing it closes it. */
  public Instant closes(Instant t) {
    return new Instant(start(t.getMillis()) + size - 1);
  }

  /** When the window holding {@code t} expires: the watermark passing it drops late events. */
  public Instant expires(Instant t) {
    return new Instant(start(t.getMillis()) + size - 1 + allowed);
  }

  /**
   * The verdict for an event at {@code eventTime} when the watermark is known to have passed
   * {@code watermarkPassed} (null: nothing known yet, so the event counts as on time).
   */
  public Verdict classify(Instant eventTime, @Nullable Instant watermarkPassed) {
    if (watermarkPassed == null) {
      return Verdict.ON_TIME;
    }
    if (!expires(eventTime).isAfter(watermarkPassed)) {
      return Verdict.TOO_LATE;
    }
    return closes(eventTime).isAfter(watermarkPassed) ? Verdict.ON_TIME : Verdict.LATE;
  }

  /** The first instant after {@code after} at which some window closes or expires. */
  public Instant nextBoundary(Instant after) {
    long a = after.getMillis();
    // The smallest last millisecond after a is that of the window holding a + 1.
    long nextClose = start(a + 1) + size - 1;
    long nextExpiry = start(a - allowed + 1) + size - 1 + allowed;
    return new Instant(Math.min(nextClose, nextExpiry));
  }

  /**
   * Why an event at {@code eventTime} was refused when the watermark was known to have passed
   * {@code watermarkPassed}, such as "arrived at least 12 minutes after its window
   * [2024-05-01T10:00:00.000Z, 2024-05-01T10:05:00.000Z) closed; allowed lateness 5 minutes".
   */
  public String tooLateReason(Instant eventTime, Instant watermarkPassed) {
    long start = start(eventTime.getMillis());
    long end = start + size;
    // The watermark is after watermarkPassed, so at least one millisecond beyond it.
    Duration behind = Duration.millis(Math.max(0, watermarkPassed.getMillis() + 1 - end));
    return "arrived at least "
        + describe(behind)
        + " after its window ["
        + new Instant(start)
        + ", "
        + new Instant(end)
        + ") closed; allowed lateness "
        + describe(Duration.millis(allowed));
  }

  private long start(long t) {
    return t - Math.floorMod(t, size);
  }

  /** Such as "5 minutes" or "1 hour and 30 seconds"; "0 milliseconds" for zero. */
  static String describe(Duration d) {
    return PeriodFormat.getDefault().print(d.toPeriod().normalizedStandard());
  }
}
