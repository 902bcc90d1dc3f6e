package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What to train and forecast: target statistics, horizon, model scope, where the band starts and
 * interval coverage;
 * shared by the batch pipeline and the backtest.
 */
public interface ModelOptions extends PipelineOptions {
  @Description("Statistics to forecast, comma-separated: count, sum, mean, stddev, min, max.")
  @Default.String("count,mean,stddev,sum")
  String getTargets();

  void setTargets(String value);

  @Description(
      "How far ahead each training forecasts, a duration (1d, 12h) or a number of windows (288):"
          + " the batch from the last window of its history, the backtest from each retraining.")
  @Default.String("1d")
  String getHorizon();

  void setHorizon(String value);

  @Description(
      "GLOBAL trains one model per statistic over all series (scaled per series); PER_SERIES "
          + "trains one per series and statistic.")
  @Default.String("GLOBAL")
  String getModelScope();

  void setModelScope(String value);

  @Description(
      "Where the prediction band's quantiles start before their trees: AUTO, the same window's mean"
          + " over the last days (else over the last weeks, else the last value); DAY_MEDIAN, its"
          + " median over the last days, which one anomalous day cannot lift into the next days'"
          + " band (fewer false incidents the day after a spike; on sparse series its standard"
          + " deviation's band covered more than nominal); NONE, one intercept per quantile.")
  @Default.String("AUTO")
  String getBandBaseline();

  void setBandBaseline(String value);

  @Description(
      "Widen the band of each series of a global model by the factor its own calibration windows"
          + " needed (from 1 to 3; no band narrowed): the pooled band fits quiet series worst, and"
          + " they page falsely. On generated backtests it cut false incidents by about half, with"
          + " --minScore=1.65 keeping the anomalies found; coverage then runs above nominal"
          + " (91-93 % for 0.9).")
  @Default.Boolean(false)
  Boolean getWidenPerSeries();

  void setWidenPerSeries(Boolean value);

  @Description("Nominal coverage of the prediction interval, between 0.5 and 0.999.")
  @Default.Double(0.9)
  Double getIntervalCoverage();

  void setIntervalCoverage(Double value);
}
