package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How late a live event may be for the windows of the streaming pipeline. */
public interface LatenessOptions extends PipelineOptions {
  /**
   * Five minutes by default: enough for producer retries and shard or partition hand-overs, which
   * delay events by seconds to minutes; it costs only keeping each series' window accumulators that
   * much longer, and never delays the on-time result, which goes out when the watermark passes the
   * window's end.
   */
  @Description("How long after its window closed an event still counts: the window's result is emitted again, corrected; later events are dead-lettered. 0 refuses every event behind the watermark. Such as 5m.")
  @Default.String("5m")
  String getAllowedLateness();

  void setAllowedLateness(String value);
}
