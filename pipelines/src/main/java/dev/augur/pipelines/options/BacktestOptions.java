package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of the walk-forward backtest: the batch pipeline's input, window and model options, the
 * stream's alarm options, and when to train first and how often to retrain.
 */
public interface BacktestOptions
    extends EventInputOptions, WindowOptions, ModelOptions, AlarmOptions {
  @Description(
      "Output location (local directory or s3://bucket/prefix) for comparisons/, incidents/, "
          + "dead-letters/, evaluation.json and, by default, report.html.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description(
      "History before the first retraining: the first models train on it and its windows are "
          + "not compared. A duration (14d) or a number of windows; it must hold a training span of "
          + "twice --horizon (at least 64 windows, and a day and 50 windows), then a calibration "
          + "span of at least twice --horizon: 4d for 15-minute windows and a one-day horizon.")
  @Default.String("14d")
  String getTrainSpan();

  void setTrainSpan(String value);

  @Description(
      "How often the models are retrained on the windows before the retraining time, as the "
          + "batch pipeline would be rerun: a duration (1d) or a number of windows, at most "
          + "--horizon.")
  @Default.String("1d")
  String getRetrainEvery();

  void setRetrainEvery(String value);

  @Description(
      "Labelled anomalies, JSON lines as bin/augur generate writes them (a local file or an "
          + "s3:// object the job can read), used only to score the incidents; empty for none. (Not --labels: on Dataflow that names the"
          + " job's labels.)")
  @Default.String("")
  String getAnomalyLabels();

  void setAnomalyLabels(String value);

  @Description(
      "HTML report of the backtest (a local file or s3:// object): every series' actual values "
          + "against the forecast band, incidents and labels. Empty writes report.html under "
          + "--output; 'none' writes no report.")
  @Default.String("")
  String getReport();

  void setReport(String value);
}
