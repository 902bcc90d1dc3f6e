package dev.augur.transforms.sink;

import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;
import org.joda.time.Duration;

/**
 * Bounded retries with exponential backoff and full jitter: attempt {@code n} (from 1) that fails
 * retryably waits a random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} before the
 * next, and after {@code maxAttempts} attempts the last failure is thrown.
 */
final class Backoff implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One attempt of the retried call. */
  interface Attempt<T> {
    T call() throws Exception;
  }

  /** Whether a failure is worth another attempt. */
  interface Retryable {
    boolean test(Exception e);
  }

  /** Waits between attempts; tests replace it to record the delays. */
  interface Sleeper extends Serializable {
    void sleep(long millis) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;

  Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    this(maxAttempts, baseDelay, maxDelay, Thread::sleep);
  }

  Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.sleeper = sleeper;
  }

  int maxAttempts() {
    return maxAttempts;
  }

  <T> T call(Attempt<T> attempt, Retryable retryable) throws Exception {
    for (int n = 1; ; n++) {
      try {
        return attempt.call();
      } catch (Exception e) {
        if (n >= maxAttempts || !retryable.test(e)) {
          throw e;
        }
        sleeper.sleep(delayMillis(n));
      }
    }
  }

  private long delayMillis(int attempt) {
    long cap = maxDelay.getMillis();
    long exp = baseDelay.getMillis() << Math.min(attempt - 1, 30);
    long bound = Math.min(cap, exp < 0 ? cap : exp);
    return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
  }
}
