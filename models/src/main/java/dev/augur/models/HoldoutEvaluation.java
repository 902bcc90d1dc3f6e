package dev.augur.models;

import java.io.Serializable;
import java.util.Locale;

/**
 * Accuracy of a model on the last windows of its data, measured during training by a model that
 * had not seen them: recursive forecasts of the full horizon from several origins per series,
 * compared with what happened. Reports WAPE, MASE against a seasonal naive baseline (weekly when a
 * week of history precedes every origin, else daily, else the last value; see {@link #baseline()}),
 * the interval coverage overall and per step, and how many windows were compared.
 */
public final class HoldoutEvaluation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The seasonal naive forecast MASE is measured against. */
  public enum Baseline {
    WEEKLY,
    DAILY,
    LAST_VALUE
  }

  private final Statistic statistic;
  private final Baseline baseline;
  private final int series;
  private final int origins;
  private final int horizon;
  private final long windows;
  private final double wape;
  private final double mase;
  private final double baselineWape;
  private final double coverage;
  private final double nominalCoverage;
  private final double[] coverageByStep;

  HoldoutEvaluation(
      Statistic statistic,
      Baseline baseline,
      int series,
      int origins,
      int horizon,
      long windows,
      double wape,
      double mase,
      double baselineWape,
      double coverage,
      double nominalCoverage,
      double[] coverageByStep) {
    this.statistic = statistic;
    this.baseline = baseline;
    this.series = series;
    this.origins = origins;
    this.horizon = horizon;
    this.windows = windows;
    this.wape = wape;
    this.mase = mase;
    this.baselineWape = baselineWape;
    this.coverage = coverage;
    this.nominalCoverage = nominalCoverage;
    this.coverageByStep = coverageByStep.clone();
  }

  public Statistic statistic() {
    return statistic;
  }

  public Baseline baseline() {
    return baseline;
  }

  /** Series evaluated. */
  public int series() {
    return series;
  }

  /** Forecast origins per series. */
  public int origins() {
    return origins;
  }

  public int horizon() {
    return horizon;
  }

  /** Forecast windows compared with an observed value. */
  public long windows() {
    return windows;
  }

  public double wape() {
    return wape;
  }

  /** Mean absolute error relative to the {@link #baseline()} forecast's on the same windows. */
  public double mase() {
    return mase;
  }

  public double baselineWape() {
    return baselineWape;
  }

  /** Share of observed values inside the prediction interval, all steps together. */
  public double coverage() {
    return coverage;
  }

  public double nominalCoverage() {
    return nominalCoverage;
  }

  /** Coverage at step {@code step} (1-based). */
  public double coverageAtStep(int step) {
    return coverageByStep[step - 1];
  }

  double[] coverageByStep() {
    return coverageByStep.clone();
  }

  /** The lowest coverage of any step. */
  public double minStepCoverage() {
    double m = Double.POSITIVE_INFINITY;
    for (double c : coverageByStep) {
      m = Math.min(m, c);
    }
    return m;
  }

  /** The highest coverage of any step. */
  public double maxStepCoverage() {
    double m = Double.NEGATIVE_INFINITY;
    for (double c : coverageByStep) {
      m = Math.max(m, c);
    }
    return m;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "holdout %s: wape=%.4f mase=%.3f (vs %s seasonal naive, its wape=%.4f) coverage=%.4f"
            + " (nominal %.2f, steps 1..%d range %.4f..%.4f) windows=%d series=%d origins=%d",
        statistic.id(),
        wape,
        mase,
        baseline.name().toLowerCase(Locale.ROOT),
        baselineWape,
        coverage,
        nominalCoverage,
        horizon,
        minStepCoverage(),
        maxStepCoverage(),
        windows,
        series,
        origins);
  }

  /** Collects forecast/actual pairs step by step and summarises them. */
  static final class Accumulator {
    private final int horizon;
    private final double[] absErr;
    private final double[] absBase;
    private final double[] absActual;
    private final long[] inside;
    private final long[] count;

    Accumulator(int horizon) {
      this.horizon = horizon;
      absErr = new double[horizon];
      absBase = new double[horizon];
      absActual = new double[horizon];
      inside = new long[horizon];
      count = new long[horizon];
    }

    /** Adds one forecast window; skipped when the actual or baseline value is missing. */
    void add(int step, double actual, ForecastPoint p, double baseline) {
      if (Double.isNaN(actual) || Double.isNaN(baseline)) {
        return;
      }
      int h = step - 1;
      absErr[h] += Math.abs(actual - p.expected());
      absBase[h] += Math.abs(actual - baseline);
      absActual[h] += Math.abs(actual);
      inside[h] += p.covers(actual) ? 1 : 0;
      count[h]++;
    }

    HoldoutEvaluation build(Statistic statistic, Baseline baseline, int series, int origins,
        double nominalCoverage) {
      double err = 0;
      double base = 0;
      double act = 0;
      long in = 0;
      long n = 0;
      double[] byStep = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        err += absErr[h];
        base += absBase[h];
        act += absActual[h];
        in += inside[h];
        n += count[h];
        byStep[h] = count[h] > 0 ? (double) inside[h] / count[h] : Double.NaN;
      }
      return new HoldoutEvaluation(statistic, baseline, series, origins, horizon, n,
          act > 0 ? err / act : Double.NaN,
          base > 0 ? err / base : Double.NaN,
          act > 0 ? base / act : Double.NaN,
          n > 0 ? (double) in / n : Double.NaN,
          nominalCoverage,
          byStep);
    }
  }
}
