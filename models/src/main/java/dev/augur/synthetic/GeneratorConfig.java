package dev.augur.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable, validated settings of a {@link SyntheticGenerator}. Build one with {@link
 * #builder()}; every setting has a default, and {@link Builder#build()} fails fast with an {@link
 * IllegalArgumentException} naming the offending field.
 *
 * <pre>{@code
 * GeneratorConfig config = GeneratorConfig.builder()
 *     .seed(7)
 *     .seriesCount(20)
 *     .start(Instant.parse("2024-05-01T00:00:00Z"))
 *     .duration(Duration.ofDays(14))
 *     .cleanPeriod(Duration.ofDays(12))     // anomalies only in the last two days
 *     .anomaliesPerSeriesPerDay(0.5)
 *     .build();
 * }</pre>
 *
 * <p>Anomalies are placed only in the anomaly span {@code [start + cleanPeriod, start + duration)},
 * so the clean period before it can be used for training.
 */
public final class GeneratorConfig {
  /** Default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Default number of series. */
  public static final int DEFAULT_SERIES_COUNT = 12;

  /** Default start, a Wednesday at midnight UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2024-05-01T00:00:00Z");

  /** Default generated time span. */
  public static final Duration DEFAULT_DURATION = Duration.ofDays(7);

  /** Default baseline event rate per series, before per-series scale and seasonality. */
  public static final double DEFAULT_EVENTS_PER_MINUTE = 10.0;

  /** Default anomaly rate: about one per series every two days of the anomaly span. */
  public static final double DEFAULT_ANOMALIES_PER_SERIES_PER_DAY = 0.5;

  /** Default shortest anomaly. */
  public static final Duration DEFAULT_MIN_ANOMALY_DURATION = Duration.ofMinutes(30);

  /** Default longest anomaly. */
  public static final Duration DEFAULT_MAX_ANOMALY_DURATION = Duration.ofMinutes(120);

  /** Default dimension fields. */
  public static final List<String> DEFAULT_DIMENSION_FIELDS = List.of("region", "service");

  private final long seed;
  private final int seriesCount;
  private final Instant start;
  private final Duration duration;
  private final double eventsPerMinute;
  private final Duration cleanPeriod;
  private final boolean anomaliesEnabled;
  private final double anomaliesPerSeriesPerDay;
  private final Set<AnomalyKind> anomalyKinds;
  private final Duration minAnomalyDuration;
  private final Duration maxAnomalyDuration;
  private final double countOnlyFraction;
  private final List<String> dimensionFields;
  private final Map<String, List<String>> dimensionValues;

  private GeneratorConfig(Builder b, Duration cleanPeriod) {
    this.seed = b.seed;
    this.seriesCount = b.seriesCount;
    this.start = b.start;
    this.duration = b.duration;
    this.eventsPerMinute = b.eventsPerMinute;
    this.cleanPeriod = cleanPeriod;
    this.anomaliesEnabled = b.anomaliesEnabled;
    this.anomaliesPerSeriesPerDay = b.anomaliesPerSeriesPerDay;
    this.anomalyKinds = Collections.unmodifiableSet(EnumSet.copyOf(b.anomalyKinds));
    this.minAnomalyDuration = b.minAnomalyDuration;
    this.maxAnomalyDuration = b.maxAnomalyDuration;
    this.countOnlyFraction = b.countOnlyFraction;
    this.dimensionFields = List.copyOf(b.dimensionFields);
    Map<String, List<String>> values = new LinkedHashMap<>();
    b.dimensionValues.forEach((k, v) -> values.put(k, List.copyOf(v)));
    this.dimensionValues = Collections.unmodifiableMap(values);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's settings, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.seriesCount = seriesCount;
    b.start = start;
    b.duration = duration;
    b.eventsPerMinute = eventsPerMinute;
    b.cleanPeriod = cleanPeriod;
    b.anomaliesEnabled = anomaliesEnabled;
    b.anomaliesPerSeriesPerDay = anomaliesPerSeriesPerDay;
    b.anomalyKinds = EnumSet.copyOf(anomalyKinds);
    b.minAnomalyDuration = minAnomalyDuration;
    b.maxAnomalyDuration = maxAnomalyDuration;
    b.countOnlyFraction = countOnlyFraction;
    b.dimensionFields = new ArrayList<>(dimensionFields);
    b.dimensionValues = new LinkedHashMap<>(dimensionValues);
    return b;
  }

  /** Seed of all randomness; equal configurations produce identical output. */
  public long seed() {
    return seed;
  }

  public int seriesCount() {
    return seriesCount;
  }

  /** Inclusive start of the generated events. */
  public Instant start() {
    return start;
  }

  public Duration duration() {
    return duration;
  }

  /** Exclusive end of the generated events, {@code start + duration}. */
  public Instant end() {
    return start.plus(duration);
  }

  /** Baseline events per minute of a series of scale 1 before seasonality, trend and anomalies. */
  public double eventsPerMinute() {
    return eventsPerMinute;
  }

  /** Length of the anomaly-free period at the start. */
  public Duration cleanPeriod() {
    return cleanPeriod;
  }

  /** Start of the anomaly span, {@code start + cleanPeriod}. */
  public Instant anomalyStart() {
    return start.plus(cleanPeriod);
  }

  /** False when no anomalies are injected at all. */
  public boolean anomaliesEnabled() {
    return anomaliesEnabled;
  }

  /** Mean number of anomalies per series per day of the anomaly span. */
  public double anomaliesPerSeriesPerDay() {
    return anomaliesPerSeriesPerDay;
  }

  public Set<AnomalyKind> anomalyKinds() {
    return anomalyKinds;
  }

  public Duration minAnomalyDuration() {
    return minAnomalyDuration;
  }

  public Duration maxAnomalyDuration() {
    return maxAnomalyDuration;
  }

  /**
   * The longest anomaly that fits an anomaly span of {@code span} at {@code perDay} anomalies per
   * series per day: each anomaly of a series gets a slot of the span, and needs twice its length
   * there to fit without overlap.
   */
  public static Duration longestAnomalyFitting(Duration span, double perDay) {
    return span.dividedBy(2L * AnomalyPlanner.maxAnomaliesPerSeries(perDay, span));
  }

  /** Fraction of series, spread evenly over the series indices, whose events carry no value. */
  public double countOnlyFraction() {
    return countOnlyFraction;
  }

  /** Names of the dimension fields, in key order. */
  public List<String> dimensionFields() {
    return dimensionFields;
  }

  /**
   * Explicit value lists per dimension field. Fields without an entry use built-in lists for {@code
   * region} and {@code service} and generated values ({@code <field>-1}, ...) otherwise; every list
   * is extended with generated values when there are more series than combinations.
   */
  public Map<String, List<String>> dimensionValues() {
    return dimensionValues;
  }

  /** Whether anomalies will actually be planned (enabled, a positive rate and some kinds). */
  boolean injectsAnomalies() {
    return anomaliesEnabled && anomaliesPerSeriesPerDay > 0 && !anomalyKinds.isEmpty();
  }

  @Override
  public String toString() {
    return "GeneratorConfig{seed="
        + seed
        + ", seriesCount="
        + seriesCount
        + ", start="
        + start
        + ", duration="
        + duration
        + ", eventsPerMinute="
        + eventsPerMinute
        + ", cleanPeriod="
        + cleanPeriod
        + ", anomaliesEnabled="
        + anomaliesEnabled
        + ", anomaliesPerSeriesPerDay="
        + anomaliesPerSeriesPerDay
        + ", anomalyKinds="
        + anomalyKinds
        + ", anomalyDuration=["
        + minAnomalyDuration
        + ", "
        + maxAnomalyDuration
        + "]"
        + ", countOnlyFraction="
        + countOnlyFraction
        + ", dimensionFields="
        + dimensionFields
        + ", dimensionValues="
        + dimensionValues
        + "}";
  }

  /** Mutable builder of a {@link GeneratorConfig}; see the class documentation for defaults. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private int seriesCount = DEFAULT_SERIES_COUNT;
    private Instant start = DEFAULT_START;
    private Duration duration = DEFAULT_DURATION;
    private double eventsPerMinute = DEFAULT_EVENTS_PER_MINUTE;
    private Duration cleanPeriod;
    private Instant anomalyStart;
    private boolean anomaliesEnabled = true;
    private double anomaliesPerSeriesPerDay = DEFAULT_ANOMALIES_PER_SERIES_PER_DAY;
    private Set<AnomalyKind> anomalyKinds = EnumSet.allOf(AnomalyKind.class);
    private Duration minAnomalyDuration = DEFAULT_MIN_ANOMALY_DURATION;
    private Duration maxAnomalyDuration = DEFAULT_MAX_ANOMALY_DURATION;
    private double countOnlyFraction = 0.0;
    private List<String> dimensionFields = new ArrayList<>(DEFAULT_DIMENSION_FIELDS);
    private Map<String, List<String>> dimensionValues = new LinkedHashMap<>();

    private Builder() {}

    /** Seed of all randomness. Default {@value GeneratorConfig#DEFAULT_SEED}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of series, at least 1. Default {@value GeneratorConfig#DEFAULT_SERIES_COUNT}. */
    public Builder seriesCount(int seriesCount) {
      this.seriesCount = seriesCount;
      return this;
    }

    /** Start of the events, millisecond precision. Default 2024-05-01T00:00:00Z. */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Time span of the events, at least one minute. Default 7 days. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /**
     * Baseline event rate per series per minute, positive. Each series scales it by its own factor
     * (0.3 to 3) and by daily and weekly seasonality and trend. Default {@value
     * GeneratorConfig#DEFAULT_EVENTS_PER_MINUTE}.
     */
    public Builder eventsPerMinute(double eventsPerMinute) {
      this.eventsPerMinute = eventsPerMinute;
      return this;
    }

    /**
     * Anomaly-free period at the start; anomalies lie in {@code [start + cleanPeriod, end)}.
     * Default: {@code max(duration - 2 days, duration / 2)}, whole minutes. Exclusive with {@link
     * #anomalyStart(Instant)}.
     */
    public Builder cleanPeriod(Duration cleanPeriod) {
      this.cleanPeriod = cleanPeriod;
      return this;
    }

    /** Start of the anomaly span, as an instant; the alternative to {@link #cleanPeriod}. */
    public Builder anomalyStart(Instant anomalyStart) {
      this.anomalyStart = anomalyStart;
      return this;
    }

    /** Turns anomaly injection on or off. Default on. */
    public Builder anomaliesEnabled(boolean enabled) {
      this.anomaliesEnabled = enabled;
      return this;
    }

    /** Turns anomaly injection off: clean data, no labels. */
    public Builder noAnomalies() {
      return anomaliesEnabled(false);
    }

    /**
     * Mean anomalies per series per day of the anomaly span, at least 0. A series gets {@code
     * floor(x)} or {@code ceil(x)} anomalies, where {@code x} is this rate times the span in days,
     * with probability set by the fraction. Default {@value
     * GeneratorConfig#DEFAULT_ANOMALIES_PER_SERIES_PER_DAY}.
     */
    public Builder anomaliesPerSeriesPerDay(double rate) {
      this.anomaliesPerSeriesPerDay = rate;
      return this;
    }

    /**
     * Kinds to inject, drawn uniformly among those applicable to a series (see {@link
     * AnomalyKind#appliesToCountOnly()}); an empty collection injects none. Default all kinds.
     */
    public Builder anomalyKinds(Collection<AnomalyKind> kinds) {
      Objects.requireNonNull(kinds, "anomalyKinds");
      this.anomalyKinds =
          kinds.isEmpty() ? EnumSet.noneOf(AnomalyKind.class) : EnumSet.copyOf(kinds);
      return this;
    }

    /** Kinds to inject; see {@link #anomalyKinds(Collection)}. */
    public Builder anomalyKinds(AnomalyKind first, AnomalyKind... rest) {
      this.anomalyKinds = EnumSet.of(first, rest);
      return this;
    }

    /**
     * Range of anomaly durations, whole minutes, at least one minute. Default 30 to 120 minutes.
     */
    public Builder anomalyDuration(Duration min, Duration max) {
      this.minAnomalyDuration = min;
      this.maxAnomalyDuration = max;
      return this;
    }

    /** Fraction of series whose events carry no value, in [0, 1]. Default 0. */
    public Builder countOnlyFraction(double fraction) {
      this.countOnlyFraction = fraction;
      return this;
    }

    /** Dimension field names, distinct, non-blank, not {@code ts} or {@code value}. */
    public Builder dimensionFields(List<String> fields) {
      this.dimensionFields = new ArrayList<>(Objects.requireNonNull(fields, "dimensionFields"));
      return this;
    }

    /** Dimension field names; see {@link #dimensionFields(List)}. Default region, service. */
    public Builder dimensionFields(String... fields) {
      return dimensionFields(List.of(fields));
    }

    /** Explicit values of one dimension field (used in order, extended when needed). */
    public Builder dimensionValues(String field, List<String> values) {
      this.dimensionValues.put(
          Objects.requireNonNull(field, "field"), List.copyOf(Objects.requireNonNull(values)));
      return this;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public GeneratorConfig build() {
      require(seriesCount >= 1, "seriesCount", "must be >= 1, got " + seriesCount);
      require(start != null, "start", "must be set");
      require(
          start.getNano() % 1_000_000 == 0, "start", "must have millisecond precision: " + start);
      require(duration != null, "duration", "must be set");
      require(
          duration.compareTo(Duration.ofMinutes(1)) >= 0,
          "duration",
          "must be at least one minute, got " + duration);
      require(
          duration.getNano() % 1_000_000 == 0,
          "duration",
          "must have millisecond precision: " + duration);
      require(
          Double.isFinite(eventsPerMinute) && eventsPerMinute > 0,
          "eventsPerMinute",
          "must be positive and finite, got " + eventsPerMinute);
      require(
          Double.isFinite(anomaliesPerSeriesPerDay) && anomaliesPerSeriesPerDay >= 0,
          "anomaliesPerSeriesPerDay",
          "must be >= 0 and finite, got " + anomaliesPerSeriesPerDay);
      require(
          countOnlyFraction >= 0 && countOnlyFraction <= 1,
          "countOnlyFraction",
          "must be in [0, 1], got " + countOnlyFraction);
      validateAnomalyDurations();
      validateDimensions();
      Duration clean = resolveCleanPeriod();
      GeneratorConfig config = new GeneratorConfig(this, clean);
      validateAnomalyDensity(config);
      return config;
    }

    private void validateAnomalyDurations() {
      require(minAnomalyDuration != null, "minAnomalyDuration", "must be set");
      require(maxAnomalyDuration != null, "maxAnomalyDuration", "must be set");
      require(
          minAnomalyDuration.compareTo(Duration.ofMinutes(1)) >= 0
              && minAnomalyDuration.toSecondsPart() == 0
              && minAnomalyDuration.getNano() == 0,
          "minAnomalyDuration",
          "must be whole minutes, at least one, got " + minAnomalyDuration);
      require(
          maxAnomalyDuration.toSecondsPart() == 0 && maxAnomalyDuration.getNano() == 0,
          "maxAnomalyDuration",
          "must be whole minutes, got " + maxAnomalyDuration);
      require(
          maxAnomalyDuration.compareTo(minAnomalyDuration) >= 0,
          "maxAnomalyDuration",
          "must be >= minAnomalyDuration (" + minAnomalyDuration + "), got " + maxAnomalyDuration);
    }

    private void validateDimensions() {
      require(!dimensionFields.isEmpty(), "dimensionFields", "must name at least one field");
      Set<String> seen = new HashSet<>();
      for (String f : dimensionFields) {
        require(f != null && !f.isBlank(), "dimensionFields", "must not contain blank names");
        require(
            !f.equals("ts") && !f.equals("value"),
            "dimensionFields",
            "must not use the reserved name '" + f + "'");
        require(seen.add(f), "dimensionFields", "must be distinct, '" + f + "' repeats");
      }
      for (Map.Entry<String, List<String>> e : dimensionValues.entrySet()) {
        require(
            dimensionFields.contains(e.getKey()),
            "dimensionValues",
            "names field '" + e.getKey() + "' which is not in dimensionFields " + dimensionFields);
        require(
            !e.getValue().isEmpty(),
            "dimensionValues",
            "of '" + e.getKey() + "' must not be empty");
        Set<String> distinct = new HashSet<>();
        for (String v : e.getValue()) {
          require(
              v != null && distinct.add(v),
              "dimensionValues",
              "of '" + e.getKey() + "' must be distinct and non-null");
        }
      }
    }

    private Duration resolveCleanPeriod() {
      require(
          cleanPeriod == null || anomalyStart == null,
          "cleanPeriod",
          "and anomalyStart are exclusive; set one of them");
      Duration clean;
      if (anomalyStart != null) {
        clean = Duration.between(start, anomalyStart);
      } else if (cleanPeriod != null) {
        clean = cleanPeriod;
      } else {
        Duration lastTwoDays = duration.minus(Duration.ofDays(2));
        Duration half = duration.dividedBy(2);
        clean = lastTwoDays.compareTo(half) > 0 ? lastTwoDays : half;
        clean = Duration.ofMinutes(clean.toMinutes());
      }
      String field = anomalyStart != null ? "anomalyStart" : "cleanPeriod";
      require(!clean.isNegative(), field, "must not lie before start, got " + clean);
      require(
          clean.compareTo(duration) < 0,
          field,
          "must leave an anomaly span before the end (clean "
              + clean
              + ", duration "
              + duration
              + ")");
      require(clean.getNano() % 1_000_000 == 0, field, "must have millisecond precision");
      return clean;
    }

    private static void validateAnomalyDensity(GeneratorConfig c) {
      if (!c.injectsAnomalies()) {
        return;
      }
      Duration span = c.duration.minus(c.cleanPeriod);
      int most = AnomalyPlanner.maxAnomaliesPerSeries(c);
      Duration slot = span.dividedBy(most);
      Duration needed = c.maxAnomalyDuration.multipliedBy(2);
      require(
          c.maxAnomalyDuration.compareTo(longestAnomalyFitting(span, c.anomaliesPerSeriesPerDay)) <= 0,
          "anomaliesPerSeriesPerDay",
          "is too high for the anomaly span: "
              + most
              + " anomalies per series in "
              + span
              + " leave "
              + slot
              + " each, but each needs twice maxAnomalyDuration ("
              + needed
              + ") to fit without overlap; lower the rate, shorten maxAnomalyDuration or lengthen"
              + " the span");
    }

    private static void require(boolean ok, String field, String message) {
      if (!ok) {
        throw new IllegalArgumentException("GeneratorConfig." + field + " " + message);
      }
    }
  }
}
