package dev.augur.synthetic;

/**
 * One anomaly placed on a series: its minute range relative to the start (whole minutes, so it
 * covers whole rate segments), its effect on rate and values, and its public label.
 */
final class PlannedAnomaly {
  final int startMinute;
  final int endMinute;
  final double rateFactor;
  final double valueFactor;
  final double sigmaFactor;
  final boolean zeroValues;
  final AnomalyLabel label;

  PlannedAnomaly(
      int startMinute,
      int endMinute,
      double rateFactor,
      double valueFactor,
      double sigmaFactor,
      boolean zeroValues,
      AnomalyLabel label) {
    this.startMinute = startMinute;
    this.endMinute = endMinute;
    this.rateFactor = rateFactor;
    this.valueFactor = valueFactor;
    this.sigmaFactor = sigmaFactor;
    this.zeroValues = zeroValues;
    this.label = label;
  }
}
