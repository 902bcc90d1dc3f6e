package dev.augur.transforms.source;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Bounds on a stream read, for tests and one-off runs: stop after a number of records or a read
 * time, whichever comes first. {@link #NONE} reads forever.
 */
public final class ReadLimits implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final ReadLimits NONE = new ReadLimits(Long.MAX_VALUE, null);

  private final long maxNumRecords;
  private final @Nullable Duration maxReadTime;

  private ReadLimits(long maxNumRecords, @Nullable Duration maxReadTime) {
    this.maxNumRecords = maxNumRecords;
    this.maxReadTime = maxReadTime;
  }

  /** At most {@code maxNumRecords} records, read for at most {@code maxReadTime}. */
  public static ReadLimits of(long maxNumRecords, Duration maxReadTime) {
    if (maxNumRecords < 1) {
      throw new IllegalArgumentException("maxNumRecords must be positive, got " + maxNumRecords);
    }
    ConfigChecks.requirePositive(maxReadTime, "maxReadTime");
    return new ReadLimits(maxNumRecords, maxReadTime);
  }

  public boolean bounded() {
    return maxReadTime != null;
  }

  public long maxNumRecords() {
    return maxNumRecords;
  }

  public @Nullable Duration maxReadTime() {
    return maxReadTime;
  }

  @Override
  public String toString() {
    return bounded() ? "at most " + maxNumRecords + " records in " + maxReadTime : "unbounded";
  }
}
