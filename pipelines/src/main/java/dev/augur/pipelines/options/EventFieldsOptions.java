package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How a JSON event names its time, value and series. */
public interface EventFieldsOptions extends PipelineOptions {
  @Description("JSON field holding the event time: ISO-8601 text, or epoch milliseconds or seconds (numbers below 10^11 are seconds).")
  @Default.String("ts")
  String getTimestampField();

  void setTimestampField(String value);

  @Description("JSON field holding the numeric value; an event without it is counted only.")
  @Default.String("value")
  String getValueField();

  void setValueField(String value);

  @Description("Comma-separated JSON fields whose values identify a series, in key order.")
  @Default.String("region,service")
  String getSeriesFields();

  void setSeriesFields(String value);
}
