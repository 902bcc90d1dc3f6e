package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class TokenBucketTest {
  /** A ticker whose sleeps move its time on at once. */
  private static final class FakeTicker implements TokenBucket.Ticker {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @Test
  public void pacesAtTheRateFromAnEmptyStart() throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(10, ticker);
    long start = ticker.now;
    for (int i = 0; i < 20; i++) {
      bucket.acquire();
    }
    assertEquals(2.0, (ticker.now - start) / 1e9, 1e-6);
  }

  @Test
  public void burstsAtMostOneSecondAfterAPause() throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(5, ticker);
    ticker.now += 60_000_000_000L;
    long resumed = ticker.now;
    // Five tokens saved up (one second's worth), then one every 200 ms.
    for (int i = 0; i < 5; i++) {
      bucket.acquire();
    }
    assertEquals(resumed, ticker.now);
    bucket.acquire();
    bucket.acquire();
    assertEquals(0.4, (ticker.now - resumed) / 1e9, 1e-6);
  }

  @Test
  public void aRateBelowOnePerSecondStillPaces() throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    TokenBucket bucket = new TokenBucket(0.5, ticker);
    long start = ticker.now;
    bucket.acquire();
    bucket.acquire();
    assertEquals(4.0, (ticker.now - start) / 1e9, 1e-6);
  }

  @Test
  public void rejectsANonPositiveRate() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, new FakeTicker()));
  }
}
