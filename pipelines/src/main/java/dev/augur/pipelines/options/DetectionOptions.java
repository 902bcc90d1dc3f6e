package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** Which published forecasts the stream compares against; when they alarm is in the mixin. */
public interface DetectionOptions extends AlarmOptions {
  @Description(
      "Output location of the batch pipeline (local directory or s3://bucket/prefix): its "
          + "manifest.json names the forecast version to compare against.")
  @Validation.Required
  String getForecasts();

  void setForecasts(String value);

  @Description(
      "How often to look for a newer forecast version, such as 5m; 0 loads it once. A file replay"
          + " (--source=FILE) always loads it once, so the job ends with the replay.")
  @Default.String("5m")
  String getForecastRefresh();

  void setForecastRefresh(String value);
}
