package dev.augur.transforms.stats;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.WindowStats;
import dev.augur.transforms.records.WithDeadLetters;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link AggregateWindows}: the statistics of every series and window, and, as dead
 * letters in the global window, the events that arrived too late to be counted in them (always
 * empty for bounded input).
 */
public final class WindowedStats extends WithDeadLetters<WindowStats> {
  private static final TupleTag<WindowStats> STATS = new TupleTag<>("stats");
  private static final TupleTag<DeadLetter> TOO_LATE = new TupleTag<>("tooLate");

  WindowedStats(PCollection<WindowStats> stats, PCollection<DeadLetter> deadLetters) {
    super(STATS, stats, TOO_LATE, deadLetters);
  }

  /**
   * One result per series and window, windowed into the fixed windows; for unbounded input a
   * window that received late events also has corrected results (see {@link AggregateWindows}).
   */
  public PCollection<WindowStats> stats() {
    return main();
  }
}
