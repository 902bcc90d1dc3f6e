package dev.augur.evaluation.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scores anomaly scores against labelled windows by the rules of the Numenta Anomaly Benchmark
 * (NAB v1.1): rows of the probationary period ({@link #probationaryLength}) never count; per window
 * only the earliest detection counts, worth {@code A_TP × S(y) / S(−1)} with the scaled sigmoid
 * {@link #scaledSigmoid S}; a detection outside windows costs {@code A_FP} before the first window
 * and {@code A_FP × S(y')} after one (y' = rows past its end / (its width − 1)); a window without
 * detection costs {@code A_FN}. One threshold for all series is chosen to maximise the total raw
 * score (rows with {@code score >= threshold} are detections), searched over the distinct score
 * values in one sorted sweep; the raw score is normalised between the null detector (never fires)
 * and the perfect one (fires at each window's first row), both scored by the same rules. As in
 * NAB's scorer, a window lying wholly in the probationary period does not count at all.
 *
 * <p>Plain Java; windows are given as row indices, see {@link NabCorpus} for reading them from
 * NAB's labels file.
 */
public final class NabScorer {
  /** Share of the rows in the probationary period. */
  public static final double PROBATIONARY_PERCENT = 0.15;

  /** Upper bound on the probationary period, in rows. */
  public static final int MAX_PROBATIONARY_ROWS = 750;

  private NabScorer() {}

  /** A window of rows {@code [first, last]}, both inclusive. */
  public record Window(int first, int last) {
    public Window {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("need 0 <= first <= last, got [" + first + ", " + last + "]");
      }
    }

    /** Rows in the window. */
    public int width() {
      return last - first + 1;
    }
  }

  /**
   * One scored series: its anomaly scores, one per row, and its labelled windows in row order,
   * not overlapping.
   */
  public record Series(String name, double[] scores, List<Window> windows) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(scores, "scores");
      windows = List.copyOf(windows);
      int previousLast = -1;
      for (Window w : windows) {
        if (w.first() <= previousLast || w.last() >= scores.length) {
          throw new IllegalArgumentException(
              name + ": windows must be ordered, disjoint and within the " + scores.length
                  + " rows, got " + windows);
        }
        previousLast = w.last();
      }
    }
  }

  /**
   * The score of one profile.
   *
   * @param threshold the optimised threshold; {@code +Infinity} when no detection is best
   * @param raw the total raw score at that threshold
   * @param nullRaw the raw score of the detector that never fires
   * @param perfectRaw the raw score of the detector that fires at every window's first scored row
   */
  public record Result(
      NabProfile profile, double threshold, double raw, double nullRaw, double perfectRaw) {
    /** {@code 100 × (raw − null) / (perfect − null)}; 0 without windows. */
    public double normalized() {
      double span = perfectRaw - nullRaw;
      return span == 0 ? 0.0 : 100.0 * (raw - nullRaw) / span;
    }
  }

  /** {@code min(floor(0.15 × rows), 750)}: the rows at the start of a series that never count. */
  public static int probationaryLength(int rows) {
    return (int) Math.min(Math.floor(PROBATIONARY_PERCENT * rows), MAX_PROBATIONARY_ROWS);
  }

  /**
   * {@code S(y) = 2 / (1 + e^(5y)) − 1}, and −1 from {@code y = 3} on (NAB's scorer cuts off at
   * {@code y >= 3}; S(3) itself differs from −1 by 6e-7).
   */
  public static double scaledSigmoid(double y) {
    return y >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }

  /** Scores {@code series} under {@code profile} with one threshold optimised over all of them. */
  public static Result score(List<Series> series, NabProfile profile) {
    double[] optimised = optimise(series, profile);
    List<Series> nulls = new ArrayList<>();
    List<Series> perfects = new ArrayList<>();
    for (Series s : series) {
      double[] perfect = new double[s.scores().length];
      int probation = probationaryLength(s.scores().length);
      for (Window w : s.windows()) {
        if (w.last() >= probation) {
          perfect[Math.max(w.first(), probation)] = 1.0;
        }
      }
      nulls.add(new Series(s.name(), new double[s.scores().length], s.windows()));
      perfects.add(new Series(s.name(), perfect, s.windows()));
    }
    return new Result(
        profile, optimised[0], optimised[1], optimise(nulls, profile)[1], optimise(perfects, profile)[1]);
  }

  /** Scores {@code series} under {@code threshold}, without optimising it. */
  public static double rawScore(List<Series> series, NabProfile profile, double threshold) {
    List<Row> rows = rows(series, profile);
    double total = 0;
    double[] best = initialWindowScores(series, profile);
    for (Row r : rows) {
      if (r.score >= threshold) {
        if (r.window < 0) {
          total += r.value;
        } else {
          best[r.window] = Math.max(best[r.window], r.value);
        }
      }
    }
    return total + Arrays.stream(best).sum();
  }

  /** {threshold, raw}: the best threshold found by sweeping the distinct scores downwards. */
  private static double[] optimise(List<Series> series, NabProfile profile) {
    List<Row> rows = rows(series, profile);
    rows.sort((a, b) -> Double.compare(b.score, a.score));
    double[] best = initialWindowScores(series, profile);
    double total = Arrays.stream(best).sum();
    double bestTotal = total;
    double bestThreshold = Double.POSITIVE_INFINITY;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.window < 0) {
        total += r.value;
      } else if (r.value > best[r.window]) {
        total += r.value - best[r.window];
        best[r.window] = r.value;
      }
      boolean lastOfScore = i + 1 == rows.size() || rows.get(i + 1).score != r.score;
      // Strictly better only, so ties keep the higher threshold (fewer detections).
      if (lastOfScore && total > bestTotal) {
        bestTotal = total;
        bestThreshold = r.score;
      }
    }
    return new double[] {bestThreshold, bestTotal};
  }

  /**
   * −A_FN for every window with a row after the probationary period; 0 for the others, which NAB
   * does not count at all.
   */
  private static double[] initialWindowScores(List<Series> series, NabProfile profile) {
    int windows = series.stream().mapToInt(s -> s.windows().size()).sum();
    double[] best = new double[windows];
    int k = 0;
    for (Series s : series) {
      int probation = probationaryLength(s.scores().length);
      for (Window w : s.windows()) {
        best[k++] = w.last() >= probation ? -profile.falseNegative() : 0.0;
      }
    }
    return best;
  }

  /** A scored row: its anomaly score, the window it counts for (−1 for none) and its worth. */
  private record Row(double score, int window, double value) {}

  /** The rows after the probationary period, with what each is worth if it is a detection. */
  private static List<Row> rows(List<Series> series, NabProfile profile) {
    List<Row> rows = new ArrayList<>();
    double maxTruePositive = scaledSigmoid(-1.0);
    int windowBase = 0;
    for (Series s : series) {
      double[] scores = s.scores();
      int probation = probationaryLength(scores.length);
      List<Window> windows = s.windows();
      int next = 0; // index of the first window not yet ended
      for (int i = 0; i < scores.length; i++) {
        while (next < windows.size() && windows.get(next).last() < i) {
          next++;
        }
        if (i < probation) {
          continue;
        }
        if (!(scores[i] >= 0 && scores[i] <= 1)) {
          throw new IllegalArgumentException(
              s.name() + ": anomaly score at row " + i + " is " + scores[i] + ", not in [0, 1]");
        }
        Window current = next < windows.size() ? windows.get(next) : null;
        if (current != null && current.first() <= i) {
          double y = -(current.last() - i + 1) / (double) current.width();
          rows.add(new Row(scores[i], windowBase + next,
              profile.truePositive() * scaledSigmoid(y) / maxTruePositive));
        } else if (next == 0) {
          rows.add(new Row(scores[i], -1, -profile.falsePositive()));
        } else {
          Window previous = windows.get(next - 1);
          double y = (i - previous.last()) / (double) Math.max(1, previous.width() - 1);
          rows.add(new Row(scores[i], -1, profile.falsePositive() * scaledSigmoid(y)));
        }
      }
      windowBase += windows.size();
    }
    return rows;
  }
}
