package dev.augur.transforms.sink;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes each comparison as metrics to a {@link MetricsSink}: {@code Actual}, {@code Expected},
 * {@code Lower}, {@code Upper} and {@code DeviationScore} where present, and {@code NoForecast =
 * 1} for windows without a forecast; dimensions are the series key's plus {@code Statistic}; the
 * timestamp is the window start, so replaying the same comparisons writes the same datapoints
 * (CloudWatch keeps them as repeated samples of one timestamp and dimension set, which statistics
 * such as Maximum and Average read the same). A window corrected by late events ({@code
 * AggregateWindows} emits it again, with all its events) is written again at the same timestamp:
 * in files as another line, in a later pane's file of its flush window; in CloudWatch as another sample, so
 * {@code SampleCount} above 1 marks a corrected window and, for Actual of count and sum, which
 * only grow, {@code Maximum} reads the corrected value.
 *
 * <p>Works on bounded and unbounded input. What cannot be written after retries (and a series
 * whose key cannot be a dimension set) comes out as dead letters with step {@value #STEP},
 * counted in {@value #DEAD_LETTER_COUNTER} (namespace {@value #METRICS_NAMESPACE}).
 *
 * <pre>{@code
 * SinkResult written = comparisons.apply(MetricsSink.CLOUDWATCH.write(
 *     MetricsConfig.builder().setNamespace("Augur").setRegion("eu-west-1").build()));
 * written.deadLetters().apply(new WriteDeadLetters("s3://bucket/dead-letters/metrics"));
 * }</pre>
 */
public final class WriteMetrics extends PTransform<PCollection<Comparison>, SinkResult> {
  /** The {@link DeadLetter#getStep()} of what could not be written. */
  public static final String STEP = "metrics";

  public static final String METRICS_NAMESPACE = "WriteMetrics";
  public static final String DEAD_LETTER_COUNTER = "metrics_dead_lettered";

  private final MetricsSink sink;
  private final MetricsConfig config;

  /**
   * Use {@link MetricsSink#write(MetricsConfig)}.
   *
   * @throws IllegalArgumentException naming the setting the sink needs and lacks
   */
  WriteMetrics(MetricsSink sink, MetricsConfig config) {
    sink.check(config);
    this.sink = sink;
    this.config = config;
  }

  @Override
  public SinkResult expand(PCollection<Comparison> comparisons) {
    PCollection<DeadLetter> deadLetters = sink.expand(comparisons, config);
    return new SinkResult(SinkFiles.global(deadLetters));
  }
}
