package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Which statistics are compared with their forecasts, and when a deviation becomes an incident:
 * the settings of the alarm state machine, shared by the stream and the backtest.
 */
public interface AlarmOptions extends PipelineOptions {
  @Description("Statistics to compare, comma-separated: count, sum, mean, stddev, min, max.")
  @Default.String("count,mean,stddev,sum")
  String getStatistics();

  void setStatistics(String value);

  @Description("Breaching windows among the last --evaluationPeriods that open an incident (M of N).")
  @Default.Integer(3)
  Integer getDatapointsToAlarm();

  void setDatapointsToAlarm(Integer value);

  @Description("Windows looked at when counting breaches (the N of M of N), at most 64.")
  @Default.Integer(5)
  Integer getEvaluationPeriods();

  void setEvaluationPeriods(Integer value);

  @Description("Smallest absolute deviation from the expected value that can breach.")
  @Default.Double(0)
  Double getMinAbsoluteDeviation();

  void setMinAbsoluteDeviation(Double value);

  @Description("Smallest deviation relative to the expected value that can breach (0.1 = 10%).")
  @Default.Double(0.1)
  Double getMinRelativeDeviation();

  void setMinRelativeDeviation(Double value);

  /*
   * 1.85: the smallest value, in steps of 0.05, whose incidents, one per series (the default
   * --incidentScope), were at least 90 % true on one generated backtest (50 series, 98 anomalies:
   * recall 92.9 %, precision 92.9 %), then checked on another seed it was not chosen on (30
   * series, 56 anomalies: recall 91.1 %, precision 89.5 %). See docs/benchmarks.md, "Choosing the
   * default deviation score".
   */
  @Description("Smallest deviation score that can breach, in interval half-widths (1 = the band's edge).")
  @Default.Double(1.85)
  Double getMinScore();

  void setMinScore(Double value);

  @Description("Consecutive normal windows that resolve an open incident.")
  @Default.Integer(3)
  Integer getResolveAfter();

  void setResolveAfter(Integer value);

  @Description("Windows after a resolve during which the same series and statistic cannot open again.")
  @Default.Integer(5)
  Integer getCooldownWindows();

  void setCooldownWindows(Integer value);

  @Description("How a window without a defined value (a mean without events) counts: IGNORE, NORMAL or BREACHING.")
  @Default.String("IGNORE")
  String getMissingData();

  void setMissingData(String value);

  @Description("What one incident covers: SERIES (the statistics of a series that deviate together share one incident, which resolves with the last of them) or STATISTIC (one incident per series and statistic).")
  @Default.String("SERIES")
  String getIncidentScope();

  void setIncidentScope(String value);
}
