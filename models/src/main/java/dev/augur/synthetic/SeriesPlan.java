package dev.augur.synthetic;

import java.util.List;

/**
 * Everything fixed about one series before any event is drawn: identity, normal behaviour and the
 * planned anomalies. Knows the piecewise-constant event rate of each minute segment, which both the
 * event stream and the expected event count use.
 */
final class SeriesPlan {
  static final long SEGMENT_MS = 60_000L;

  final SeriesIdentity identity;
  final SeriesProfile profile;
  final List<PlannedAnomaly> anomalies;

  SeriesPlan(SeriesIdentity identity, SeriesProfile profile, List<PlannedAnomaly> anomalies) {
    this.identity = identity;
    this.profile = profile;
    this.anomalies = List.copyOf(anomalies);
  }

  static SeriesPlan of(GeneratorConfig config, SeriesIdentity identity) {
    SeriesProfile profile = SeriesProfile.of(config, identity);
    return new SeriesPlan(identity, profile, AnomalyPlanner.plan(config, identity, profile));
  }

  /** Normal event rate per millisecond in minute segment {@code segment}, taken at its middle. */
  double normalRatePerMs(long segment) {
    return profile.ratePerMs(segment * SEGMENT_MS + SEGMENT_MS / 2.0);
  }

  /** Expected number of events in {@code [0, durationMs)} after the start, anomalies included. */
  double expectedEvents(long durationMs) {
    double sum = 0;
    int next = 0;
    for (long segment = 0; segment * SEGMENT_MS < durationMs; segment++) {
      while (next < anomalies.size() && anomalies.get(next).endMinute <= segment) {
        next++;
      }
      double rate = normalRatePerMs(segment);
      if (next < anomalies.size() && anomalies.get(next).startMinute <= segment) {
        rate *= anomalies.get(next).rateFactor;
      }
      long length = Math.min(SEGMENT_MS, durationMs - segment * SEGMENT_MS);
      sum += rate * length;
    }
    return sum;
  }
}
