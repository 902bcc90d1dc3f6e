package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;

/**
 * Sends the comparisons of a bundle to a metrics service through a sender that batches them
 * ({@link #add}), flushing at the end of the bundle ({@link #flush}); what could not be written
 * becomes dead letters. Expects input in the global window.
 */
abstract class SendMetricsFn extends DoFn<Comparison, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(WriteMetrics.METRICS_NAMESPACE, WriteMetrics.DEAD_LETTER_COUNTER);

  private transient Instant latest;

  /** Queues a comparison, sending when a request is full; what failed, if anything. */
  abstract List<MetricDataSender.Failure> add(Comparison c) throws InterruptedException;

  /** Sends what is queued; what failed, if anything. */
  abstract List<MetricDataSender.Failure> flush() throws InterruptedException;

  @StartBundle
  public void startBundle() {
    latest = null;
  }

  @ProcessElement
  public void process(
      @Element Comparison c, @Timestamp Instant timestamp, OutputReceiver<DeadLetter> out)
      throws InterruptedException {
    latest = latest == null || timestamp.isAfter(latest) ? timestamp : latest;
    for (MetricDataSender.Failure f : add(c)) {
      out.output(deadLetter(f));
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws InterruptedException {
    for (MetricDataSender.Failure f : flush()) {
      context.output(deadLetter(f), latest, GlobalWindow.INSTANCE);
    }
  }

  private static DeadLetter deadLetter(MetricDataSender.Failure f) {
    return SinkFiles.deadLetter(f.payload(), f.error(), WriteMetrics.STEP, DEAD_LETTERED);
  }
}
