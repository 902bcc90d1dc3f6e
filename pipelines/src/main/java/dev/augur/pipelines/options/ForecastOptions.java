package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** What to train and forecast, and where forecasts, models and the manifest are written. */
public interface ForecastOptions extends PipelineOptions {
  @Description(
      "Output location (local directory or s3://bucket/prefix) for forecasts, models, dead "
          + "letters and manifest.json.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Statistics to forecast, comma-separated: count, sum, mean, stddev, min, max.")
  @Default.String("count,mean,stddev,sum")
  String getTargets();

  void setTargets(String value);

  @Description(
      "How far ahead to forecast after the last window of history: a duration (1d, 12h) or a "
          + "number of windows (288).")
  @Default.String("1d")
  String getHorizon();

  void setHorizon(String value);

  @Description(
      "GLOBAL trains one model per statistic over all series (scaled per series); PER_SERIES "
          + "trains one per series and statistic.")
  @Default.String("GLOBAL")
  String getModelScope();

  void setModelScope(String value);

  @Description("Nominal coverage of the prediction interval, between 0.5 and 0.999.")
  @Default.Double(0.9)
  Double getIntervalCoverage();

  void setIntervalCoverage(Double value);

  @Description(
      "Version name of this forecast run; empty for one made from the current time, such as "
          + "20240501T100000Z.")
  @Default.String("")
  String getModelVersion();

  void setModelVersion(String value);

  @Description("Where bad records go (JSON lines); empty for <output>/dead-letters.")
  @Default.String("")
  String getDeadLetters();

  void setDeadLetters(String value);
}
