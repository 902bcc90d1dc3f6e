package dev.augur.transforms.records;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of a step that refuses some of its input: what it produced, and the dead letters of
 * what it refused. Subclasses name the first ({@code ParsedEvents.events()}, {@code
 * WindowedStats.stats()}).
 */
public abstract class WithDeadLetters<T> implements POutput {
  private final TupleTag<T> mainTag;
  private final PCollection<T> main;
  private final TupleTag<DeadLetter> deadLettersTag;
  private final PCollection<DeadLetter> deadLetters;

  protected WithDeadLetters(
      TupleTag<T> mainTag,
      PCollection<T> main,
      TupleTag<DeadLetter> deadLettersTag,
      PCollection<DeadLetter> deadLetters) {
    this.mainTag = mainTag;
    this.main = main;
    this.deadLettersTag = deadLettersTag;
    this.deadLetters = deadLetters;
  }

  /** What the step produced. */
  protected PCollection<T> main() {
    return main;
  }

  /** What the step refused, each with its payload and the reason. */
  public PCollection<DeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return main.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(mainTag, main, deadLettersTag, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
