package dev.augur.synthetic;

import java.util.SplittableRandom;

/**
 * Draws the events of one series in time order, holding only constant state. Arrivals form a
 * non-homogeneous Poisson process whose rate is constant within each minute segment: a unit
 * exponential "need" is consumed by the integrated rate segment after segment, which is exact for
 * piecewise-constant rates and costs one random draw per event. Values are the seasonal level times
 * lognormal noise of mean 1, changed by the anomaly covering the event, rounded to three decimals.
 */
final class SeriesStream {
  private final SeriesPlan plan;
  private final SplittableRandom rng;
  private final long startMillis;
  private final long durationMs;

  private long segment = -1;
  private double segmentEnd;
  private double rate;
  private PlannedAnomaly current;
  private int nextAnomaly;
  private double offsetMs;

  /** Millis of the event {@link #advance()} produced last; valid until it returns false. */
  long nextMillis;

  SeriesStream(GeneratorConfig config, SeriesPlan plan) {
    this.plan = plan;
    this.rng = Seeds.stream(config.seed(), plan.identity.index, Seeds.EVENTS);
    this.startMillis = config.start().toEpochMilli();
    this.durationMs = config.duration().toMillis();
    enterSegment(0);
  }

  int index() {
    return plan.identity.index;
  }

  /** Moves to the next arrival; false when the series has no more events before the end. */
  boolean advance() {
    double need = rng.nextExponential();
    while (true) {
      if (offsetMs >= durationMs) {
        return false;
      }
      double available = rate * (segmentEnd - offsetMs);
      if (need < available) {
        offsetMs += need / rate;
        long millis = (long) Math.floor(offsetMs);
        if (millis >= durationMs) {
          return false;
        }
        nextMillis = startMillis + millis;
        return true;
      }
      need -= available;
      offsetMs = segmentEnd;
      enterSegment(segment + 1);
    }
  }

  /** The event at {@link #nextMillis}, drawing its value. */
  SyntheticEvent event() {
    if (plan.profile.countOnly) {
      return new SyntheticEvent(nextMillis, plan.identity, false, Double.NaN);
    }
    return new SyntheticEvent(nextMillis, plan.identity, true, value());
  }

  private double value() {
    double sigma = plan.profile.noiseSigma;
    double level = plan.profile.valueLevel(offsetMs);
    if (current != null) {
      if (current.zeroValues) {
        return 0.0;
      }
      sigma *= current.sigmaFactor;
      level *= current.valueFactor;
    }
    double noise = Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
    return Math.round(level * noise * 1000) / 1000.0;
  }

  private void enterSegment(long s) {
    segment = s;
    segmentEnd = Math.min((s + 1) * SeriesPlan.SEGMENT_MS, durationMs);
    while (nextAnomaly < plan.anomalies.size() && plan.anomalies.get(nextAnomaly).endMinute <= s) {
      nextAnomaly++;
    }
    current = null;
    if (nextAnomaly < plan.anomalies.size() && plan.anomalies.get(nextAnomaly).startMinute <= s) {
      current = plan.anomalies.get(nextAnomaly);
    }
    rate = plan.normalRatePerMs(s) * (current != null ? current.rateFactor : 1.0);
  }
}
