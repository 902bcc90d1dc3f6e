package dev.augur.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings for {@link ForecastTrainer}: which lag features to build, the XGBoost parameters, the
 * nominal interval coverage, the forecast horizon and how much of the end of each history is kept
 * for interval calibration and for the holdout evaluation. Immutable; build one with
 * {@link #builder()}. Window counts of 0 mean "derive from the window size" (see the getters).
 * Every setting is checked when {@link Builder#build()} runs and a bad one is named in the error.
 */
public final class ForecastConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Sentinel for {@link Builder#holdoutWindows(int)}: choose the holdout size automatically. */
  public static final int AUTO = -1;

  private final ModelScope scope;
  private final int recentLags;
  private final int seasonalNeighbours;
  private final int seasonalWeeks;
  private final int seasonalDays;
  private final double coverage;
  private final double[] quantiles;
  private final int horizonWindows;
  private final int calibrationWindows;
  private final int holdoutWindows;
  private final int origins;
  private final int rounds;
  private final int maxDepth;
  private final double eta;
  private final double minChildWeight;
  private final double subsample;
  private final double colsampleByTree;
  private final double lambda;
  private final int maxTrainingRows;
  private final int threads;
  private final long seed;
  private final boolean refitAfterCalibration;
  private final boolean widenPerSeries;
  private final String bandBaseline;

  private ForecastConfig(Builder b) {
    this.scope = b.scope;
    this.recentLags = b.recentLags;
    this.seasonalNeighbours = b.seasonalNeighbours;
    this.seasonalWeeks = b.seasonalWeeks;
    this.seasonalDays = b.seasonalDays;
    this.coverage = b.coverage;
    this.quantiles =
        b.quantiles != null
            ? b.quantiles.clone()
            : new double[] {tidy((1 - b.coverage) / 2), 0.5, tidy(1 - (1 - b.coverage) / 2)};
    this.horizonWindows = b.horizonWindows;
    this.calibrationWindows = b.calibrationWindows;
    this.holdoutWindows = b.holdoutWindows;
    this.origins = b.origins;
    this.rounds = b.rounds;
    this.maxDepth = b.maxDepth;
    this.eta = b.eta;
    this.minChildWeight = b.minChildWeight;
    this.subsample = b.subsample;
    this.colsampleByTree = b.colsampleByTree;
    this.lambda = b.lambda;
    this.maxTrainingRows = b.maxTrainingRows;
    this.threads = b.threads;
    this.seed = b.seed;
    this.refitAfterCalibration = b.refitAfterCalibration;
    this.widenPerSeries = b.widenPerSeries;
    this.bandBaseline = b.bandBaseline;
  }

  /** Rounds away binary noise such as 0.04999999999999999 (to 12 decimals). */
  private static double tidy(double v) {
    return Math.round(v * 1e12) / 1e12;
  }

  public static ForecastConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.scope = scope;
    b.recentLags = recentLags;
    b.seasonalNeighbours = seasonalNeighbours;
    b.seasonalWeeks = seasonalWeeks;
    b.seasonalDays = seasonalDays;
    b.coverage = coverage;
    b.quantiles = quantiles.clone();
    b.horizonWindows = horizonWindows;
    b.calibrationWindows = calibrationWindows;
    b.holdoutWindows = holdoutWindows;
    b.origins = origins;
    b.rounds = rounds;
    b.maxDepth = maxDepth;
    b.eta = eta;
    b.minChildWeight = minChildWeight;
    b.subsample = subsample;
    b.colsampleByTree = colsampleByTree;
    b.lambda = lambda;
    b.maxTrainingRows = maxTrainingRows;
    b.threads = threads;
    b.seed = seed;
    b.refitAfterCalibration = refitAfterCalibration;
    b.widenPerSeries = widenPerSeries;
    b.bandBaseline = bandBaseline;
    return b;
  }

  public ModelScope scope() {
    return scope;
  }

  /** Lags 1..recentLags windows back. */
  public int recentLags() {
    return recentLags;
  }

  /** Neighbours on each side of the daily and weekly seasonal lags. */
  public int seasonalNeighbours() {
    return seasonalNeighbours;
  }

  /** Past weeks averaged for the same-window-of-the-week mean. */
  public int seasonalWeeks() {
    return seasonalWeeks;
  }

  /** Past days averaged for the same-window-of-the-day mean. */
  public int seasonalDays() {
    return seasonalDays;
  }

  /** Nominal coverage of the prediction intervals, for example 0.90. */
  public double coverage() {
    return coverage;
  }

  /** The quantiles the model learns, ascending, including 0.5; the outer two bound the band. */
  public double[] quantiles() {
    return quantiles.clone();
  }

  /** Forecast horizon in windows; 0 means one day of windows (at least 1). */
  public int horizonWindows() {
    return horizonWindows;
  }

  /** Windows at the end of the training span used to calibrate intervals; 0 means automatic. */
  public int calibrationWindows() {
    return calibrationWindows;
  }

  /** Windows at the end of the data held out for evaluation; 0 means none, {@link #AUTO}. */
  public int holdoutWindows() {
    return holdoutWindows;
  }

  /** Forecast origins per series used for calibration and for the holdout evaluation. */
  public int origins() {
    return origins;
  }

  public int rounds() {
    return rounds;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public double eta() {
    return eta;
  }

  public double minChildWeight() {
    return minChildWeight;
  }

  public double subsample() {
    return subsample;
  }

  public double colsampleByTree() {
    return colsampleByTree;
  }

  public double lambda() {
    return lambda;
  }

  /** Training rows above this number are subsampled uniformly at random (seeded). */
  public int maxTrainingRows() {
    return maxTrainingRows;
  }

  public int threads() {
    return threads;
  }

  public long seed() {
    return seed;
  }

  /** Whether the model is refit on all data after calibration (keeping the calibration). */
  public boolean refitAfterCalibration() {
    return refitAfterCalibration;
  }

  /**
   * Whether each series gets a widening of its own band (see {@link IntervalCalibration}): fewer
   * false incidents from series the pooled band fits worst, and coverage above nominal.
   */
  public boolean widenPerSeries() {
    return widenPerSeries;
  }

  /**
   * What the band's quantiles other than the median start from (see {@link BandBaseline}): {@code
   * auto} (the same window's mean over the last days, else over the last weeks, else the last
   * value), {@code day_median} (the same window's median over the last days), a feature name, or
   * {@code none} (one intercept each).
   */
  public String bandBaseline() {
    return bandBaseline;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ForecastConfig)) {
      return false;
    }
    ForecastConfig c = (ForecastConfig) o;
    return scope == c.scope
        && recentLags == c.recentLags
        && seasonalNeighbours == c.seasonalNeighbours
        && seasonalWeeks == c.seasonalWeeks
        && seasonalDays == c.seasonalDays
        && coverage == c.coverage
        && Arrays.equals(quantiles, c.quantiles)
        && horizonWindows == c.horizonWindows
        && calibrationWindows == c.calibrationWindows
        && holdoutWindows == c.holdoutWindows
        && origins == c.origins
        && rounds == c.rounds
        && maxDepth == c.maxDepth
        && eta == c.eta
        && minChildWeight == c.minChildWeight
        && subsample == c.subsample
        && colsampleByTree == c.colsampleByTree
        && lambda == c.lambda
        && maxTrainingRows == c.maxTrainingRows
        && threads == c.threads
        && seed == c.seed
        && refitAfterCalibration == c.refitAfterCalibration
        && widenPerSeries == c.widenPerSeries
        && bandBaseline.equals(c.bandBaseline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, recentLags, coverage, Arrays.hashCode(quantiles), rounds, seed);
  }

  @Override
  public String toString() {
    return "ForecastConfig{scope=" + scope + ", recentLags=" + recentLags
        + ", seasonalNeighbours=" + seasonalNeighbours + ", seasonalWeeks=" + seasonalWeeks
        + ", seasonalDays=" + seasonalDays + ", coverage=" + coverage
        + ", quantiles=" + Arrays.toString(quantiles) + ", horizonWindows=" + horizonWindows
        + ", calibrationWindows=" + calibrationWindows + ", holdoutWindows=" + holdoutWindows
        + ", origins=" + origins + ", rounds=" + rounds + ", maxDepth=" + maxDepth + ", eta=" + eta
        + ", minChildWeight=" + minChildWeight + ", subsample=" + subsample
        + ", colsampleByTree=" + colsampleByTree + ", lambda=" + lambda
        + ", maxTrainingRows=" + maxTrainingRows + ", threads=" + threads + ", seed=" + seed
        + ", refitAfterCalibration=" + refitAfterCalibration
        + ", widenPerSeries=" + widenPerSeries
        + ", bandBaseline=" + bandBaseline + "}";
  }

  /** Builder with the defaults documented on each setter. */
  public static final class Builder {
    private ModelScope scope = ModelScope.GLOBAL;
    private int recentLags = 6;
    private int seasonalNeighbours = 1;
    private int seasonalWeeks = 4;
    private int seasonalDays = 7;
    private double coverage = 0.90;
    private double[] quantiles;
    private int horizonWindows = 0;
    private int calibrationWindows = 0;
    private int holdoutWindows = AUTO;
    private int origins = 48;
    private int rounds = 200;
    private int maxDepth = 6;
    private double eta = 0.07;
    private double minChildWeight = 1;
    private double subsample = 0.8;
    private double colsampleByTree = 0.8;
    private double lambda = 1;
    private int maxTrainingRows = 50_000;
    private int threads = 1;
    private long seed = 7;
    private boolean refitAfterCalibration = true;
    private boolean widenPerSeries = false;
    private String bandBaseline = "auto";

    private Builder() {}

    /** Default {@link ModelScope#GLOBAL}. */
    public Builder scope(ModelScope v) {
      scope = Objects.requireNonNull(v, "scope");
      return this;
    }

    /** Default 6. */
    public Builder recentLags(int v) {
      recentLags = v;
      return this;
    }

    /** Default 1. */
    public Builder seasonalNeighbours(int v) {
      seasonalNeighbours = v;
      return this;
    }

    /** Default 4. */
    public Builder seasonalWeeks(int v) {
      seasonalWeeks = v;
      return this;
    }

    /** Default 7. */
    public Builder seasonalDays(int v) {
      seasonalDays = v;
      return this;
    }

    /** Default 0.90; also sets the quantiles to the matching central band unless set explicitly. */
    public Builder coverage(double v) {
      coverage = v;
      return this;
    }

    /** Default {@code (1-coverage)/2, 0.5, 1-(1-coverage)/2}. */
    public Builder quantiles(double... v) {
      quantiles = v.clone();
      return this;
    }

    /** Default 0: one day of windows. */
    public Builder horizonWindows(int v) {
      horizonWindows = v;
      return this;
    }

    /** Default 0: automatic (see {@link ForecastTrainer}). */
    public Builder calibrationWindows(int v) {
      calibrationWindows = v;
      return this;
    }

    /** Default {@link ForecastConfig#AUTO}; 0 skips the holdout evaluation. */
    public Builder holdoutWindows(int v) {
      holdoutWindows = v;
      return this;
    }

    /** Default 48. */
    public Builder origins(int v) {
      origins = v;
      return this;
    }

    /**
     * Default 200. With {@link #eta} 0.07 this measured better than 120 rounds at 0.12 on the
     * nyc_taxi walk-forward at every step from 30 minutes to 2.5 hours and on a day-ahead
     * holdout, for about 1.7 times the boosting time.
     */
    public Builder rounds(int v) {
      rounds = v;
      return this;
    }

    /** Default 6. */
    public Builder maxDepth(int v) {
      maxDepth = v;
      return this;
    }

    /** Default 0.07 (see {@link #rounds}). */
    public Builder eta(double v) {
      eta = v;
      return this;
    }

    /** Default 1. */
    public Builder minChildWeight(double v) {
      minChildWeight = v;
      return this;
    }

    /** Default 0.8. */
    public Builder subsample(double v) {
      subsample = v;
      return this;
    }

    /** Default 0.8. */
    public Builder colsampleByTree(double v) {
      colsampleByTree = v;
      return this;
    }

    /** Default 1. */
    public Builder lambda(double v) {
      lambda = v;
      return this;
    }

    /** Default 50000. */
    public Builder maxTrainingRows(int v) {
      maxTrainingRows = v;
      return this;
    }

    /**
     * XGBoost threads; default 1. On machines whose cores are shared with other processes,
     * XGBoost's OpenMP threads busy-wait for each other and 2 threads measured 4 to 7 times
     * slower than 1; raise this only on dedicated cores.
     */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /** Default 7. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Default true. */
    public Builder refitAfterCalibration(boolean v) {
      refitAfterCalibration = v;
      return this;
    }

    /** Default false; see {@link ForecastConfig#widenPerSeries()}. */
    public Builder widenPerSeries(boolean v) {
      widenPerSeries = v;
      return this;
    }

    /** Default {@code auto}; see {@link ForecastConfig#bandBaseline()}. */
    public Builder bandBaseline(String v) {
      bandBaseline = Objects.requireNonNull(v, "bandBaseline");
      return this;
    }

    public ForecastConfig build() {
      positive("recentLags", recentLags);
      notNegative("seasonalNeighbours", seasonalNeighbours);
      positive("seasonalWeeks", seasonalWeeks);
      positive("seasonalDays", seasonalDays);
      if (!(coverage > 0 && coverage < 1)) {
        throw new IllegalArgumentException("coverage must lie in (0, 1): " + coverage);
      }
      if (quantiles != null) {
        checkQuantiles(quantiles);
      }
      notNegative("horizonWindows", horizonWindows);
      notNegative("calibrationWindows", calibrationWindows);
      if (holdoutWindows < 0 && holdoutWindows != AUTO) {
        throw new IllegalArgumentException(
            "holdoutWindows must be >= 0 or AUTO (-1): " + holdoutWindows);
      }
      if (origins < 2) {
        throw new IllegalArgumentException("origins must be at least 2: " + origins);
      }
      positive("rounds", rounds);
      positive("maxDepth", maxDepth);
      if (!(eta > 0 && eta <= 1)) {
        throw new IllegalArgumentException("eta must lie in (0, 1]: " + eta);
      }
      if (!(minChildWeight >= 0)) {
        throw new IllegalArgumentException("minChildWeight must be >= 0: " + minChildWeight);
      }
      if (!(subsample > 0 && subsample <= 1)) {
        throw new IllegalArgumentException("subsample must lie in (0, 1]: " + subsample);
      }
      if (!(colsampleByTree > 0 && colsampleByTree <= 1)) {
        throw new IllegalArgumentException(
            "colsampleByTree must lie in (0, 1]: " + colsampleByTree);
      }
      if (!(lambda >= 0)) {
        throw new IllegalArgumentException("lambda must be >= 0: " + lambda);
      }
      if (maxTrainingRows < 100) {
        throw new IllegalArgumentException("maxTrainingRows must be at least 100: "
            + maxTrainingRows);
      }
      positive("threads", threads);
      if (bandBaseline.isBlank()) {
        throw new IllegalArgumentException(
            "bandBaseline must be auto, none, day_median or a feature name");
      }
      return new ForecastConfig(this);
    }

    private static void checkQuantiles(double[] q) {
      if (q.length < 3) {
        throw new IllegalArgumentException(
            "quantiles need a lower bound, 0.5 and an upper bound: " + Arrays.toString(q));
      }
      boolean median = false;
      for (int i = 0; i < q.length; i++) {
        if (!(q[i] > 0 && q[i] < 1)) {
          throw new IllegalArgumentException("quantiles must lie in (0, 1): " + Arrays.toString(q));
        }
        if (i > 0 && !(q[i] > q[i - 1])) {
          throw new IllegalArgumentException(
              "quantiles must be strictly ascending: " + Arrays.toString(q));
        }
        median |= q[i] == 0.5;
      }
      if (!median) {
        throw new IllegalArgumentException("quantiles must include 0.5: " + Arrays.toString(q));
      }
      if (q[0] == 0.5 || q[q.length - 1] == 0.5) {
        throw new IllegalArgumentException(
            "quantiles need values below and above 0.5: " + Arrays.toString(q));
      }
    }

    private static void positive(String name, int v) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
    }

    private static void notNegative(String name, int v) {
      if (v < 0) {
        throw new IllegalArgumentException(name + " must be >= 0: " + v);
      }
    }
  }
}
