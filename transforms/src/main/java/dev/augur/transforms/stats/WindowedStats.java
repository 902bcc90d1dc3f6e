package dev.augur.transforms.stats;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.WindowStats;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link AggregateWindows}: the statistics of every series and window, and the
 * events that arrived too late to be counted in them (always empty for bounded input).
 */
public final class WindowedStats implements POutput {
  private static final TupleTag<WindowStats> STATS = new TupleTag<>("stats");
  private static final TupleTag<DeadLetter> TOO_LATE = new TupleTag<>("tooLate");

  private final Pipeline pipeline;
  private final PCollection<WindowStats> stats;
  private final PCollection<DeadLetter> deadLetters;

  WindowedStats(PCollection<WindowStats> stats, PCollection<DeadLetter> deadLetters) {
    this.pipeline = stats.getPipeline();
    this.stats = stats;
    this.deadLetters = deadLetters;
  }

  /**
   * One result per series and window, windowed into the fixed windows; for unbounded input a
   * window that received late events also has corrected results (see {@link AggregateWindows}).
   */
  public PCollection<WindowStats> stats() {
    return stats;
  }

  /** Events that arrived after their window expired, with the reason; in the global window. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(STATS, stats, TOO_LATE, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
