package dev.augur.models;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of a model on the last windows of its data, measured during training by a model that
 * had not seen them: recursive forecasts of the full horizon from several origins per series,
 * compared with what happened. Reports WAPE, MASE against a seasonal naive baseline (weekly when a
 * week of history precedes every origin, else daily, else the last value; see {@link #baseline()}),
 * the interval coverage overall and per step, and how many windows were compared. The intervals
 * are those the trainer ships, calibrated by the holdout's forecasts, but cross-fitted (see {@link
 * ForecastTrainer}) so the coverage is measured out of sample. The holdout has
 * no labels and is rarely clean: its coverage counts spikes, dips and outages too, so it is also
 * given over the ordinary windows, those the calibration's own anomaly cut keeps (see {@link
 * IntervalCalibration#leaveOutAnomalies}), which is the figure to hold against the nominal one.
 * A global model's evaluation also names the series whose ordinary windows its bands covered least
 * ({@link #leastCovered()}): pooled coverage can be nominal while a few series' bands are far too
 * narrow, and a stream pages falsely on those.
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
  private final long ordinaryWindows;
  private final double ordinaryCoverage;
  private final double nominalCoverage;
  private final double[] coverageByStep;
  private final List<SeriesCoverage> leastCovered;

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
      long ordinaryWindows,
      double ordinaryCoverage,
      double nominalCoverage,
      double[] coverageByStep,
      List<SeriesCoverage> leastCovered) {
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
    this.ordinaryWindows = ordinaryWindows;
    this.ordinaryCoverage = ordinaryCoverage;
    this.nominalCoverage = nominalCoverage;
    this.coverageByStep = coverageByStep.clone();
    this.leastCovered = List.copyOf(leastCovered);
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

  /**
   * Forecast windows compared that the anomaly cut took for ordinary; 0 in metadata written before
   * it was measured.
   */
  public long ordinaryWindows() {
    return ordinaryWindows;
  }

  /**
   * Share of the {@link #ordinaryWindows()} inside the prediction interval; NaN when none (or in
   * metadata written before it was measured).
   */
  public double ordinaryCoverage() {
    return ordinaryCoverage;
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

  /**
   * The series whose ordinary windows the bands covered least, lowest first (see {@link
   * SeriesCoverage#leastCovered}); each window counted once per origin that forecast it. None for
   * a model of one series, or in metadata written before it was measured.
   */
  public List<SeriesCoverage> leastCovered() {
    return leastCovered;
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
            + " (nominal %.2f, steps 1..%d range %.4f..%.4f; %.4f over %d ordinary windows)"
            + " windows=%d series=%d origins=%d",
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
        ordinaryCoverage,
        ordinaryWindows,
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
    private long ordinaryInside;
    private long ordinaryCount;
    /** Per series, its ordinary windows and those covered. */
    private final Map<String, long[]> ordinaryBySeries = new TreeMap<>();

    Accumulator(int horizon) {
      this.horizon = horizon;
      absErr = new double[horizon];
      absBase = new double[horizon];
      absActual = new double[horizon];
      inside = new long[horizon];
      count = new long[horizon];
    }

    /**
     * Adds one forecast window, {@code ordinary} unless the anomaly cut left it out; skipped when
     * the actual or baseline value is missing.
     */
    void add(String series, int step, double actual, ForecastPoint p, double baseline,
        boolean ordinary) {
      if (Double.isNaN(actual) || Double.isNaN(baseline)) {
        return;
      }
      int h = step - 1;
      absErr[h] += Math.abs(actual - p.expected());
      absBase[h] += Math.abs(actual - baseline);
      absActual[h] += Math.abs(actual);
      boolean covered = p.covers(actual);
      inside[h] += covered ? 1 : 0;
      count[h]++;
      if (ordinary) {
        ordinaryInside += covered ? 1 : 0;
        ordinaryCount++;
        long[] n = ordinaryBySeries.computeIfAbsent(series, k -> new long[2]);
        n[0]++;
        n[1] += covered ? 1 : 0;
      }
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
          ordinaryCount,
          ordinaryCount > 0 ? (double) ordinaryInside / ordinaryCount : Double.NaN,
          nominalCoverage,
          byStep,
          SeriesCoverage.leastCovered(ordinaryBySeries));
    }
  }
}
