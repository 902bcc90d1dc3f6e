package dev.augur.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Event-level detection quality: which labelled anomalies an incident found, which incidents were
 * false alarms, and how long detection took. An incident matches a label of the same series when
 * it opened between the label's start and its end plus {@code grace} (detection needs a few
 * windows of evidence, so an incident opened just after a short anomaly still found it). Labels
 * are used only here, never by detection.
 */
public final class DetectionScore {
  private DetectionScore() {}

  /** A labelled anomaly, {@code [startMillis, endMillis)}. */
  public record Label(String series, long startMillis, long endMillis, String kind) {}

  /** An incident as opened by the detector: its series and the time it opened. */
  public record Detection(String series, long openedAtMillis) {}

  /**
   * The figures, the labels that were missed, and for each detected label (in label order) the
   * time from its start to the first incident that found it.
   */
  public record Result(
      int labels, int detectedLabels, int incidents, int truePositiveIncidents,
      double meanTimeToDetectMillis, List<Label> missed, List<Long> delaysMillis) {
    /** The median of {@link #delaysMillis}; NaN when nothing was detected. */
    public double medianTimeToDetectMillis() {
      if (delaysMillis.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = new ArrayList<>(delaysMillis);
      sorted.sort(null);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    public double recall() {
      return labels == 0 ? Double.NaN : (double) detectedLabels / labels;
    }

    public double precision() {
      return incidents == 0 ? Double.NaN : (double) truePositiveIncidents / incidents;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      // A figure with nothing to measure (no anomaly, no incident) reads "–", not NaN.
      return String.format(
          Locale.ROOT,
          "recall %s (%d of %d anomalies), precision %s (%d of %d incidents), F1 %s, "
              + "mean time to detect %s",
          figure("%.1f%%", 100 * recall()), detectedLabels, labels,
          figure("%.1f%%", 100 * precision()), truePositiveIncidents, incidents,
          figure("%.3f", f1()), figure("%.0f min", meanTimeToDetectMillis / 60_000));
    }

    private static String figure(String format, double value) {
      return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, format, value);
    }
  }

  public static Result score(Collection<Label> labels, Collection<Detection> incidents, long graceMillis) {
    int detected = 0;
    double delaySum = 0;
    List<Label> missed = new ArrayList<>();
    List<Long> delays = new ArrayList<>();
    for (Label l : labels) {
      long first = Long.MAX_VALUE;
      for (Detection d : incidents) {
        if (matches(l, d, graceMillis)) {
          first = Math.min(first, d.openedAtMillis());
        }
      }
      if (first == Long.MAX_VALUE) {
        missed.add(l);
      } else {
        detected++;
        delaySum += first - l.startMillis();
        delays.add(first - l.startMillis());
      }
    }
    int truePositive = 0;
    for (Detection d : incidents) {
      for (Label l : labels) {
        if (matches(l, d, graceMillis)) {
          truePositive++;
          break;
        }
      }
    }
    return new Result(
        labels.size(), detected, incidents.size(), truePositive,
        detected == 0 ? Double.NaN : delaySum / detected, missed, List.copyOf(delays));
  }

  static boolean matches(Label l, Detection d, long graceMillis) {
    return l.series().equals(d.series())
        && d.openedAtMillis() > l.startMillis()
        && d.openedAtMillis() <= l.endMillis() + graceMillis;
  }
}
