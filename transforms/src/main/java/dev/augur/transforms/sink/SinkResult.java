package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of {@link WriteMetrics} and {@link PublishIncidents}: what could not be delivered,
 * as dead letters in the global window, ready to be flattened with other steps' dead letters and
 * written with {@link WriteDeadLetters}.
 */
public final class SinkResult implements POutput {
  private final TupleTag<DeadLetter> deadLettersTag = new TupleTag<>();
  private final PCollection<DeadLetter> deadLetters;

  SinkResult(PCollection<DeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** Records that exhausted their retries or were rejected, each with its payload and error. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return deadLetters.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(deadLettersTag, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
