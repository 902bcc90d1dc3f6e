package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where history events come from and how a JSON event names its time, value and series. */
public interface EventInputOptions extends PipelineOptions {
  @Description(
      "Events to read: a file, directory glob or s3:// pattern. JSON lines (.json, .jsonl, "
          + "optionally .gz) or NAB-style CSV (timestamp,value; the file name is the series).")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description("JSON field holding the event time: ISO-8601 text or epoch milliseconds.")
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
