package dev.augur.synthetic;

import java.util.SplittableRandom;

/**
 * The normal behaviour of one series, drawn once from its own random stream: scale of the event
 * rate, value level, local time zone, daily and weekly seasonality, trend and noise. Without
 * anomalies, the event rate at time {@code t} is
 *
 * <pre>
 *   base * (1 + a * cos(2 pi (localHour - peakHour) / 24)) * weekend * (1 + trend * weeks)
 * </pre>
 *
 * with {@code weekend < 1} on local Saturdays and Sundays; the value level follows the same shape
 * with smaller amplitudes, multiplied by lognormal noise of mean 1.
 */
final class SeriesProfile {
  private static final double MINUTE_MS = 60_000.0;
  private static final double HOUR_MS = 3_600_000.0;
  private static final long DAY_MS = 86_400_000L;
  private static final double WEEK_MS = 7 * 86_400_000.0;

  final boolean countOnly;
  private final long startMillis;
  private final long utcOffsetMillis;
  private final double baseRatePerMs;
  private final double peakHour;
  private final double dailyRateAmplitude;
  private final double weekendRateFactor;
  private final double rateTrendPerWeek;
  private final double valueLevel;
  private final double dailyValueAmplitude;
  private final double weekendValueFactor;
  private final double valueTrendPerWeek;
  final double noiseSigma;

  private SeriesProfile(
      GeneratorConfig config, SeriesIdentity identity, boolean countOnly, SplittableRandom rng) {
    this.countOnly = countOnly;
    this.startMillis = config.start().toEpochMilli();
    Integer knownOffset = SeriesCatalog.knownUtcOffsetMinutes(identity.dimensions);
    int offsetMinutes = knownOffset != null ? knownOffset : 60 * (rng.nextInt(19) - 8);
    this.utcOffsetMillis = offsetMinutes * 60_000L;
    double scale = clamp(Math.exp(0.5 * rng.nextGaussian()), 0.3, 3.0);
    this.baseRatePerMs = config.eventsPerMinute() * scale / MINUTE_MS;
    this.peakHour = uniform(rng, 11, 16);
    this.dailyRateAmplitude = uniform(rng, 0.45, 0.7);
    this.weekendRateFactor = uniform(rng, 0.55, 0.8);
    this.rateTrendPerWeek = uniform(rng, -0.02, 0.05);
    this.valueLevel = clamp(100 * Math.exp(0.7 * rng.nextGaussian()), 5, 2000);
    this.dailyValueAmplitude = uniform(rng, 0.1, 0.3);
    this.weekendValueFactor = uniform(rng, 0.85, 1.1);
    this.valueTrendPerWeek = uniform(rng, -0.02, 0.04);
    this.noiseSigma = uniform(rng, 0.15, 0.35);
  }

  /** The profile of series {@code identity.index}; count-only series are spread evenly. */
  static SeriesProfile of(GeneratorConfig config, SeriesIdentity identity) {
    int i = identity.index;
    double f = config.countOnlyFraction();
    boolean countOnly = Math.floor((i + 1) * f) > Math.floor(i * f);
    return new SeriesProfile(
        config, identity, countOnly, Seeds.stream(config.seed(), i, Seeds.PROFILE));
  }

  /** Event rate per millisecond, without anomalies, at {@code offsetMs} after the start. */
  double ratePerMs(double offsetMs) {
    return baseRatePerMs
        * daily(offsetMs, dailyRateAmplitude)
        * (isWeekend(offsetMs) ? weekendRateFactor : 1.0)
        * trend(offsetMs, rateTrendPerWeek);
  }

  /** Mean value level, without noise or anomalies, at {@code offsetMs} after the start. */
  double valueLevel(double offsetMs) {
    return valueLevel
        * daily(offsetMs, dailyValueAmplitude)
        * (isWeekend(offsetMs) ? weekendValueFactor : 1.0)
        * trend(offsetMs, valueTrendPerWeek);
  }

  private double daily(double offsetMs, double amplitude) {
    double localMs = startMillis + utcOffsetMillis + offsetMs;
    double hour = (localMs - Math.floor(localMs / DAY_MS) * DAY_MS) / HOUR_MS;
    return 1 + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / 24);
  }

  private boolean isWeekend(double offsetMs) {
    long localMs = startMillis + utcOffsetMillis + (long) offsetMs;
    long epochDay = Math.floorDiv(localMs, DAY_MS);
    int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L); // 0 = Monday; 1970-01-01 was a Thursday
    return dayOfWeek >= 5;
  }

  private static double trend(double offsetMs, double perWeek) {
    return Math.max(0.2, 1 + perWeek * offsetMs / WEEK_MS);
  }

  private static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
