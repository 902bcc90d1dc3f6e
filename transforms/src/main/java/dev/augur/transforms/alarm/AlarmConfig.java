package dev.augur.transforms.alarm;

import java.io.Serializable;
import java.util.Objects;

/**
 * The immutable, validated settings of an {@link AlarmStateMachine}, and whether its incidents are
 * then merged per series ({@link #incidentScope()}, see {@link IncidentGrouping}). Build one with
 * {@link #builder()}; every setting has a default, and {@link Builder#build()} fails fast with an
 * {@link IllegalArgumentException} naming the offending field. All lengths are counted in windows
 * of the compared series.
 *
 * <pre>{@code
 * AlarmConfig config = AlarmConfig.builder()
 *     .datapointsToAlarm(3).evaluationPeriods(5)   // open when 3 of the last 5 windows breach
 *     .minRelativeDeviation(0.2)                   // and each is at least 20% off the forecast
 *     .resolveAfterNormalWindows(4)
 *     .build();
 * }</pre>
 *
 * <p>A window <em>breaches</em> when it is outside the prediction interval (direction ABOVE or
 * BELOW) and the deviation is material: {@code |score| >= minScore}, {@code |actual - expected| >=
 * minAbsoluteDeviation} and {@code |actual - expected| >= minRelativeDeviation * |expected|}. See
 * {@link AlarmStateMachine} for how breaches open, escalate and resolve incidents.
 */
public final class AlarmConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Largest evaluation range: the breach history is a 64-bit mask. */
  public static final int MAX_EVALUATION_PERIODS = 64;

  /** Largest evidence list an event may carry. */
  public static final int MAX_EVIDENCE_LIMIT = 1000;

  public static final int DEFAULT_DATAPOINTS_TO_ALARM = 3;
  public static final int DEFAULT_EVALUATION_PERIODS = 5;
  public static final double DEFAULT_MIN_ABSOLUTE_DEVIATION = 0.0;
  public static final double DEFAULT_MIN_RELATIVE_DEVIATION = 0.1;
  public static final double DEFAULT_MIN_SCORE = 1.0;
  public static final int DEFAULT_COOLDOWN_WINDOWS = 5;
  public static final double DEFAULT_ESCALATION_FACTOR = 2.0;
  public static final int DEFAULT_RESOLVE_AFTER_NORMAL_WINDOWS = 3;
  public static final int DEFAULT_RESOLVE_AFTER_NO_FORECAST_WINDOWS = 12;
  public static final MissingDataPolicy DEFAULT_MISSING_DATA = MissingDataPolicy.IGNORE;
  public static final double DEFAULT_MEDIUM_SCORE = 2.0;
  public static final double DEFAULT_HIGH_SCORE = 3.0;
  public static final double DEFAULT_CRITICAL_SCORE = 5.0;
  public static final int DEFAULT_PERSISTENT_WINDOWS = 12;
  public static final int DEFAULT_MAX_EVIDENCE = 10;
  public static final IncidentScope DEFAULT_INCIDENT_SCOPE = IncidentScope.SERIES;

  private final int datapointsToAlarm;
  private final int evaluationPeriods;
  private final double minAbsoluteDeviation;
  private final double minRelativeDeviation;
  private final double minScore;
  private final int cooldownWindows;
  private final double escalationFactor;
  private final int resolveAfterNormalWindows;
  private final int resolveAfterNoForecastWindows;
  private final MissingDataPolicy missingData;
  private final double mediumScore;
  private final double highScore;
  private final double criticalScore;
  private final int persistentWindows;
  private final int maxEvidence;
  private final IncidentScope incidentScope;
  private final boolean firstWindowPartial;

  private AlarmConfig(Builder b) {
    this.datapointsToAlarm = b.datapointsToAlarm;
    this.evaluationPeriods = b.evaluationPeriods;
    this.minAbsoluteDeviation = b.minAbsoluteDeviation;
    this.minRelativeDeviation = b.minRelativeDeviation;
    this.minScore = b.minScore;
    this.cooldownWindows = b.cooldownWindows;
    this.escalationFactor = b.escalationFactor;
    this.resolveAfterNormalWindows = b.resolveAfterNormalWindows;
    this.resolveAfterNoForecastWindows = b.resolveAfterNoForecastWindows;
    this.missingData = b.missingData;
    this.mediumScore = b.mediumScore;
    this.highScore = b.highScore;
    this.criticalScore = b.criticalScore;
    this.persistentWindows = b.persistentWindows;
    this.maxEvidence = b.maxEvidence;
    this.incidentScope = b.incidentScope;
    this.firstWindowPartial = b.firstWindowPartial;
  }

  /** The defaults: 3 of 5 windows, 10% minimum relative deviation, resolve after 3 normal ones. */
  public static AlarmConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's settings, to derive a variant. */
  public Builder toBuilder() {
    return new Builder()
        .datapointsToAlarm(datapointsToAlarm)
        .evaluationPeriods(evaluationPeriods)
        .minAbsoluteDeviation(minAbsoluteDeviation)
        .minRelativeDeviation(minRelativeDeviation)
        .minScore(minScore)
        .cooldownWindows(cooldownWindows)
        .escalationFactor(escalationFactor)
        .resolveAfterNormalWindows(resolveAfterNormalWindows)
        .resolveAfterNoForecastWindows(resolveAfterNoForecastWindows)
        .missingData(missingData)
        .severityScores(mediumScore, highScore, criticalScore)
        .persistentWindows(persistentWindows)
        .maxEvidence(maxEvidence)
        .incidentScope(incidentScope)
        .firstWindowPartial(firstWindowPartial);
  }

  /** M: breaching windows among the last {@link #evaluationPeriods()} needed to open. */
  public int datapointsToAlarm() {
    return datapointsToAlarm;
  }

  /** N: the windows looked back over, the current one included. */
  public int evaluationPeriods() {
    return evaluationPeriods;
  }

  /** Smallest |actual − expected| that breaches. */
  public double minAbsoluteDeviation() {
    return minAbsoluteDeviation;
  }

  /** Smallest |actual − expected| / |expected| that breaches. */
  public double minRelativeDeviation() {
    return minRelativeDeviation;
  }

  /** Smallest |score| (deviation in interval half-widths) that breaches. */
  public double minScore() {
    return minScore;
  }

  /** Windows after a resolving window during which no new incident opens on the same key. */
  public int cooldownWindows() {
    return cooldownWindows;
  }

  /**
   * An open incident is UPDATED when its sustained score grows to this many times the one last
   * reported (besides whenever its severity rises); {@code +Infinity} turns this rule off.
   */
  public double escalationFactor() {
    return escalationFactor;
  }

  /** K: consecutive normal windows that resolve an incident. */
  public int resolveAfterNormalWindows() {
    return resolveAfterNormalWindows;
  }

  /**
   * Consecutive windows without a forecast that resolve an incident as no longer assessable; 0
   * keeps it open however long the forecast is missing.
   */
  public int resolveAfterNoForecastWindows() {
    return resolveAfterNoForecastWindows;
  }

  /** How windows without an actual value count. */
  public MissingDataPolicy missingData() {
    return missingData;
  }

  /** Sustained |score| from which an incident is at least MEDIUM. */
  public double mediumScore() {
    return mediumScore;
  }

  /** Sustained |score| from which an incident is at least HIGH. */
  public double highScore() {
    return highScore;
  }

  /** Sustained |score| from which an incident is CRITICAL. */
  public double criticalScore() {
    return criticalScore;
  }

  /** Breaching windows after which severity rises one level; 0 turns this rule off. */
  public int persistentWindows() {
    return persistentWindows;
  }

  /** Most breaching windows an event carries as evidence (the latest ones). */
  public int maxEvidence() {
    return maxEvidence;
  }

  /** Whether the statistics of a series share one incident (see {@link IncidentGrouping}). */
  public IncidentScope incidentScope() {
    return incidentScope;
  }

  /**
   * Whether the first window of a series and statistic with no alarm state yet is taken as
   * partial, and judged neither breaching nor normal. A live source started mid-window (Kinesis or
   * Kafka from the latest record, a timestamp, or committed offsets without the job's state)
   * delivers only the window's later events, so its first window reads as a drop in count and
   * sum. A job restored from a checkpoint or savepoint has the state, and judges every window.
   */
  public boolean firstWindowPartial() {
    return firstWindowPartial;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AlarmConfig)) {
      return false;
    }
    AlarmConfig c = (AlarmConfig) o;
    return datapointsToAlarm == c.datapointsToAlarm
        && evaluationPeriods == c.evaluationPeriods
        && Double.compare(minAbsoluteDeviation, c.minAbsoluteDeviation) == 0
        && Double.compare(minRelativeDeviation, c.minRelativeDeviation) == 0
        && Double.compare(minScore, c.minScore) == 0
        && cooldownWindows == c.cooldownWindows
        && Double.compare(escalationFactor, c.escalationFactor) == 0
        && resolveAfterNormalWindows == c.resolveAfterNormalWindows
        && resolveAfterNoForecastWindows == c.resolveAfterNoForecastWindows
        && missingData == c.missingData
        && Double.compare(mediumScore, c.mediumScore) == 0
        && Double.compare(highScore, c.highScore) == 0
        && Double.compare(criticalScore, c.criticalScore) == 0
        && persistentWindows == c.persistentWindows
        && maxEvidence == c.maxEvidence
        && incidentScope == c.incidentScope
        && firstWindowPartial == c.firstWindowPartial;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        datapointsToAlarm,
        evaluationPeriods,
        minAbsoluteDeviation,
        minRelativeDeviation,
        minScore,
        cooldownWindows,
        escalationFactor,
        resolveAfterNormalWindows,
        resolveAfterNoForecastWindows,
        missingData,
        mediumScore,
        highScore,
        criticalScore,
        persistentWindows,
        maxEvidence,
        incidentScope,
        firstWindowPartial);
  }

  @Override
  public String toString() {
    return "AlarmConfig{"
        + datapointsToAlarm
        + " of "
        + evaluationPeriods
        + ", minAbsoluteDeviation="
        + minAbsoluteDeviation
        + ", minRelativeDeviation="
        + minRelativeDeviation
        + ", minScore="
        + minScore
        + ", cooldownWindows="
        + cooldownWindows
        + ", escalationFactor="
        + escalationFactor
        + ", resolveAfterNormalWindows="
        + resolveAfterNormalWindows
        + ", resolveAfterNoForecastWindows="
        + resolveAfterNoForecastWindows
        + ", missingData="
        + missingData
        + ", severityScores="
        + mediumScore
        + "/"
        + highScore
        + "/"
        + criticalScore
        + ", persistentWindows="
        + persistentWindows
        + ", maxEvidence="
        + maxEvidence
        + ", incidentScope="
        + incidentScope
        + ", firstWindowPartial="
        + firstWindowPartial
        + "}";
  }

  /** Builder of {@link AlarmConfig}; starts from the defaults. */
  public static final class Builder {
    private int datapointsToAlarm = DEFAULT_DATAPOINTS_TO_ALARM;
    private int evaluationPeriods = DEFAULT_EVALUATION_PERIODS;
    private double minAbsoluteDeviation = DEFAULT_MIN_ABSOLUTE_DEVIATION;
    private double minRelativeDeviation = DEFAULT_MIN_RELATIVE_DEVIATION;
    private double minScore = DEFAULT_MIN_SCORE;
    private int cooldownWindows = DEFAULT_COOLDOWN_WINDOWS;
    private double escalationFactor = DEFAULT_ESCALATION_FACTOR;
    private int resolveAfterNormalWindows = DEFAULT_RESOLVE_AFTER_NORMAL_WINDOWS;
    private int resolveAfterNoForecastWindows = DEFAULT_RESOLVE_AFTER_NO_FORECAST_WINDOWS;
    private MissingDataPolicy missingData = DEFAULT_MISSING_DATA;
    private double mediumScore = DEFAULT_MEDIUM_SCORE;
    private double highScore = DEFAULT_HIGH_SCORE;
    private double criticalScore = DEFAULT_CRITICAL_SCORE;
    private int persistentWindows = DEFAULT_PERSISTENT_WINDOWS;
    private boolean firstWindowPartial = false;
    private int maxEvidence = DEFAULT_MAX_EVIDENCE;
    private IncidentScope incidentScope = DEFAULT_INCIDENT_SCOPE;

    private Builder() {}

    public Builder datapointsToAlarm(int m) {
      this.datapointsToAlarm = m;
      return this;
    }

    public Builder evaluationPeriods(int n) {
      this.evaluationPeriods = n;
      return this;
    }

    public Builder minAbsoluteDeviation(double v) {
      this.minAbsoluteDeviation = v;
      return this;
    }

    public Builder minRelativeDeviation(double v) {
      this.minRelativeDeviation = v;
      return this;
    }

    public Builder minScore(double v) {
      this.minScore = v;
      return this;
    }

    public Builder cooldownWindows(int windows) {
      this.cooldownWindows = windows;
      return this;
    }

    public Builder escalationFactor(double factor) {
      this.escalationFactor = factor;
      return this;
    }

    public Builder resolveAfterNormalWindows(int k) {
      this.resolveAfterNormalWindows = k;
      return this;
    }

    public Builder resolveAfterNoForecastWindows(int windows) {
      this.resolveAfterNoForecastWindows = windows;
      return this;
    }

    public Builder missingData(MissingDataPolicy policy) {
      this.missingData = policy;
      return this;
    }

    /** Sustained |score| thresholds of MEDIUM, HIGH and CRITICAL severity. */
    public Builder severityScores(double medium, double high, double critical) {
      this.mediumScore = medium;
      this.highScore = high;
      this.criticalScore = critical;
      return this;
    }

    public Builder persistentWindows(int windows) {
      this.persistentWindows = windows;
      return this;
    }

    public Builder maxEvidence(int windows) {
      this.maxEvidence = windows;
      return this;
    }

    public Builder incidentScope(IncidentScope scope) {
      this.incidentScope = scope;
      return this;
    }

    /** Default false; see {@link AlarmConfig#firstWindowPartial()}. */
    public Builder firstWindowPartial(boolean partial) {
      this.firstWindowPartial = partial;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public AlarmConfig build() {
      if (evaluationPeriods < 1 || evaluationPeriods > MAX_EVALUATION_PERIODS) {
        throw invalid(
            "evaluationPeriods", "between 1 and " + MAX_EVALUATION_PERIODS, evaluationPeriods);
      }
      if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
        throw invalid(
            "datapointsToAlarm",
            "between 1 and --evaluationPeriods (" + evaluationPeriods + ")",
            datapointsToAlarm);
      }
      requireFiniteAtLeast("minAbsoluteDeviation", minAbsoluteDeviation, 0);
      requireFiniteAtLeast("minRelativeDeviation", minRelativeDeviation, 0);
      requireFiniteAtLeast("minScore", minScore, 1);
      if (cooldownWindows < 0) {
        throw invalid("cooldownWindows", "at least 0", cooldownWindows);
      }
      // NaN fails this comparison too.
      if (!(escalationFactor > 1)) {
        throw invalid(
            "escalationFactor", "greater than 1 (or Infinity to disable)", escalationFactor);
      }
      if (resolveAfterNormalWindows < 1) {
        throw invalid("resolveAfterNormalWindows", "at least 1", resolveAfterNormalWindows);
      }
      if (resolveAfterNoForecastWindows < 0) {
        throw invalid(
            "resolveAfterNoForecastWindows",
            "at least 0 (0 disables)",
            resolveAfterNoForecastWindows);
      }
      if (missingData == null) {
        throw new IllegalArgumentException("missingData must be set");
      }
      if (incidentScope == null) {
        throw new IllegalArgumentException("incidentScope must be set");
      }
      requireFiniteAtLeast("mediumScore", mediumScore, 1);
      if (!(highScore > mediumScore) || Double.isInfinite(highScore)) {
        throw invalid(
            "highScore", "finite and greater than mediumScore (" + mediumScore + ")", highScore);
      }
      if (!(criticalScore > highScore) || Double.isInfinite(criticalScore)) {
        throw invalid(
            "criticalScore",
            "finite and greater than highScore (" + highScore + ")",
            criticalScore);
      }
      if (persistentWindows < 0) {
        throw invalid("persistentWindows", "at least 0 (0 disables)", persistentWindows);
      }
      if (maxEvidence < datapointsToAlarm || maxEvidence > MAX_EVIDENCE_LIMIT) {
        throw invalid(
            "maxEvidence",
            "between datapointsToAlarm (" + datapointsToAlarm + ") and " + MAX_EVIDENCE_LIMIT,
            maxEvidence);
      }
      return new AlarmConfig(this);
    }

    private static void requireFiniteAtLeast(String field, double value, double min) {
      if (!(value >= min) || Double.isInfinite(value)) {
        throw invalid(field, "finite and at least " + min, value);
      }
    }

    private static IllegalArgumentException invalid(String field, String rule, Object value) {
      return new IllegalArgumentException(field + " must be " + rule + ", got " + value);
    }
  }
}
