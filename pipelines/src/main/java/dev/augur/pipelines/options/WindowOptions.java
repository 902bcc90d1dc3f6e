package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The fixed event-time window over which statistics are computed and forecast. */
public interface WindowOptions extends PipelineOptions {
  @Description(
      "Window length, such as 1m, 5m, 30m, 1h (or ISO-8601 PT5M). It must divide a day evenly.")
  @Default.String("5m")
  String getWindow();

  void setWindow(String value);
}
