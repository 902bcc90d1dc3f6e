package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Turns a comparison into its EMF records, or a dead letter when its series cannot be one. */
final class ToEmfFn extends DoFn<Comparison, String> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, WriteMetrics.DEAD_LETTER_COUNTER);

  private final String namespace;
  private final TupleTag<String> records;
  private final TupleTag<DeadLetter> deadLetters;

  ToEmfFn(String namespace, TupleTag<String> records, TupleTag<DeadLetter> deadLetters) {
    this.namespace = namespace;
    this.records = records;
    this.deadLetters = deadLetters;
  }

  @ProcessElement
  public void process(@Element Comparison c, MultiOutputReceiver out) {
    MetricPoints points;
    try {
      points = MetricPoints.of(c);
    } catch (IllegalArgumentException e) {
      out.get(deadLetters)
          .output(
              SinkFiles.deadLetter(
                  SinkJson.comparison(c), e.getMessage(), WriteMetrics.STEP, DEAD_LETTERED));
      return;
    }
    for (String record : EmfRecords.of(namespace, points)) {
      out.get(records).output(record);
    }
  }
}
