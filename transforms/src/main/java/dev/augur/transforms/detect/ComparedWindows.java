package dev.augur.transforms.detect;

import dev.augur.transforms.records.Comparison;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link CompareWithForecast}: the comparisons to write as metrics ({@link
 * #forMetrics()}) and every comparison, for the alarm state ({@link #all()}), which adds the empty
 * windows of series the loaded forecast version does not know.
 */
public final class ComparedWindows implements POutput {
  static final TupleTag<Comparison> WATCHED = new TupleTag<Comparison>("watched") {};
  static final TupleTag<Comparison> UNWATCHED = new TupleTag<Comparison>("unwatchedSilence") {};

  private static final TupleTag<Comparison> ALL = new TupleTag<Comparison>("all") {};

  private final PCollection<Comparison> watched;
  private final PCollection<Comparison> all;

  ComparedWindows(PCollection<Comparison> watched, PCollection<Comparison> unwatchedSilence) {
    this.watched = watched;
    this.all =
        PCollectionList.of(watched)
            .and(unwatchedSilence)
            .apply("AllComparisons", Flatten.pCollections());
  }

  /** The comparisons to write as metrics: every one but the silence of unknown series. */
  public PCollection<Comparison> forMetrics() {
    return watched;
  }

  /** Every comparison, one per window and statistic: what the alarm state takes. */
  public PCollection<Comparison> all() {
    return all;
  }

  @Override
  public Pipeline getPipeline() {
    return watched.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(WATCHED, watched, ALL, all);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
