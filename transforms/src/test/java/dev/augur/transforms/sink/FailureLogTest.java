package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.Test;

public class FailureLogTest {
  @Test
  public void oneLinePerStepAndIntervalNamingTheFailuresInBetween() {
    FailureLog log = new FailureLog(FailureLog.EVERY_MILLIS, () -> 0L, line -> {});
    assertEquals(
        "PublishIncidents: a record went to the dead letters: HTTP 404 NotFound: Topic does not exist",
        log.line("PublishIncidents", "HTTP 404 NotFound: Topic does not exist", 1_000));
    // Another step is not held back by the first.
    assertEquals(
        "WriteMetrics: a record went to the dead letters: timeout",
        log.line("WriteMetrics", "timeout", 1_001));
    assertNull(log.line("PublishIncidents", "again", 2_000));
    assertNull(log.line("PublishIncidents", "again", 1_000 + FailureLog.EVERY_MILLIS - 1));
    assertEquals(
        "PublishIncidents: a record went to the dead letters: later (and 2 more since the last such"
            + " line)",
        log.line("PublishIncidents", "later", 1_000 + FailureLog.EVERY_MILLIS));
    assertEquals(
        "PublishIncidents: a record went to the dead letters: much later",
        log.line("PublishIncidents", "much later", 100_000));
  }

  @Test
  public void recordsHeldBackAreToldAfterAnIntervalEvenWhenNoneFollows() {
    FailureLog log = new FailureLog(FailureLog.EVERY_MILLIS, () -> 0L, line -> {});
    log.line("parse", "unparseable JSON", 1_000);
    assertNull(log.line("parse", "missing timestamp field 'ts'", 2_000));
    assertNull(log.line("parse", "missing series field 'service'", 3_000));
    // Not yet an interval since the last line.
    assertEquals(List.of(), log.heldBack(1_000 + FailureLog.EVERY_MILLIS - 1));
    assertEquals(
        List.of("parse: 2 more records went to the dead letters since the last such line; the"
            + " last: missing series field 'service'"),
        log.heldBack(1_000 + FailureLog.EVERY_MILLIS));
    // Told once; the next record after an interval gets a line of its own again.
    assertEquals(List.of(), log.heldBack(100_000));
    assertEquals(
        "parse: a record went to the dead letters: late", log.line("parse", "late", 100_000));
  }

  @Test
  public void theBackgroundThreadTellsWhatWasHeldBackThenStops() throws InterruptedException {
    List<String> logged = new CopyOnWriteArrayList<>();
    FailureLog log = new FailureLog(200, System::currentTimeMillis, logged::add);
    assertFalse(log.flushing());
    log.failed("parse", "unparseable JSON");
    // The first record of a step is told at once and starts no thread.
    assertFalse(log.flushing());
    log.failed("parse", "missing timestamp field 'ts'");
    log.failed("parse", "missing series field 'service'");
    assertTrue(log.flushing());

    awaitTrue(() -> logged.size() == 2);
    assertEquals("parse: a record went to the dead letters: unparseable JSON", logged.get(0));
    assertEquals(
        "parse: 2 more records went to the dead letters since the last such line; the last:"
            + " missing series field 'service'",
        logged.get(1));
    // Nothing is held back any more: the thread ends instead of running for the worker's life.
    awaitTrue(() -> !log.flushing());

    // A later burst starts it again.
    log.failed("archive", "a");
    log.failed("archive", "b");
    assertTrue(log.flushing());
    awaitTrue(() -> logged.size() == 4 && !log.flushing());
    assertEquals(
        "archive: 1 more record went to the dead letters since the last such line; the last: b",
        logged.get(3));
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 30 s");
      }
      Thread.sleep(10);
    }
  }
}
