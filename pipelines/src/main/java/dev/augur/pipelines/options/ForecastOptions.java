package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Where forecasts, models and the manifest are written; what is trained is in the mixin. */
public interface ForecastOptions extends ModelOptions {
  @Description(
      "Output location (local directory or s3://bucket/prefix) for forecasts, models, dead "
          + "letters and manifest.json.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description(
      "Version name of this forecast run; empty for one made from the current time, such as "
          + "20240501T100000Z. A version is written once: a run fails if the output already "
          + "holds forecasts of it.")
  @Default.String("")
  String getModelVersion();

  void setModelVersion(String value);

  @Description(
      "Also write the forecasts as Parquet (forecasts/<version>/forecasts-*.parquet) to query "
          + "with Athena, Spark or DuckDB; the JSON lines the stream reads are always written.")
  @Default.Boolean(false)
  Boolean getWriteParquet();

  void setWriteParquet(Boolean value);

  @Description("Where bad records go (JSON lines); empty for <output>/dead-letters.")
  @Default.String("")
  String getDeadLetters();

  void setDeadLetters(String value);
}
