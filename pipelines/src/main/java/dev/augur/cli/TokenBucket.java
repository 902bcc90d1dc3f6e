package dev.augur.cli;

/**
 * Paces a producer at a steady rate: tokens refill continuously at {@code ratePerSecond} up to a
 * burst of one second's worth, and {@link #acquire()} waits for one. Time and waiting come from a
 * {@link Ticker}, so tests run without sleeping. Not thread-safe.
 */
final class TokenBucket {
  /** Monotonic nanoseconds and a way to wait. */
  interface Ticker {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
  }

  static final Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };

  private final double ratePerNano;
  private final double capacity;
  private final Ticker ticker;
  private double tokens;
  private long last;

  /** A bucket that starts empty, so the first second is paced like every other. */
  TokenBucket(double ratePerSecond, Ticker ticker) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = Math.max(1, ratePerSecond);
    this.ticker = ticker;
    this.last = ticker.nanoTime();
  }

  /** Waits until a token is available and takes it. */
  void acquire() throws InterruptedException {
    refill();
    while (tokens < 1) {
      ticker.sleepNanos((long) Math.ceil((1 - tokens) / ratePerNano));
      refill();
    }
    tokens -= 1;
  }

  private void refill() {
    long now = ticker.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
