package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Where history events come from; how they name time, value and series is in the mixin. */
public interface EventInputOptions extends EventFieldsOptions {
  @Description(
      "Events to read: a file, directory glob or s3:// pattern. JSON lines (.json, .jsonl, "
          + "optionally .gz), NAB-style CSV (timestamp,value; the file name is the series) or the "
          + "archive's Parquet files (.parquet).")
  @Validation.Required
  String getInput();

  void setInput(String value);
}
