package dev.augur.evaluation.nab;

import dev.augur.evaluation.nab.NabCorpus.TimeWindow;
import dev.augur.evaluation.nab.NabScorer.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link AugurNabDetector} over a NAB corpus: reads every data file, scores each row from the
 * rows before it only, writes the results files and, when labels are given, scores the results with
 * {@link NabScorer} under the three profiles. Labels never reach the detector, so the anomaly scores
 * are the same with and without them.
 */
public final class NabEvaluation {
  private NabEvaluation() {}

  /**
   * What a run produced.
   *
   * @param files results files written (or read), one per data file
   * @param rows rows scored
   * @param windows labelled windows (0 without labels)
   * @param scores the score per profile; empty without labels
   */
  public record Outcome(
      List<Path> files, long rows, int windows, Map<NabProfile, NabScorer.Result> scores) {}

  /**
   * Detects anomalies in every {@code *.csv} under {@code dataDir} and writes the results under
   * {@code out/detector}; {@code labels} (the {@code combined_windows.json} file) may be null.
   */
  public static Outcome run(Path dataDir, Path labels, Path out, String detector) throws IOException {
    return evaluate(dataDir, labels, out, detector, true);
  }

  /**
   * Scores the results files another run, or another detector, left under {@code out/detector}
   * (for instance a NAB checkout's {@code results/} with the detector {@code ARTime}) against
   * {@code labels}, with the same scorer and the same threshold optimisation as {@link #run}; writes
   * nothing.
   */
  public static Outcome score(Path dataDir, Path labels, Path out, String detector) throws IOException {
    if (labels == null) {
      throw new IllegalArgumentException("scoring results files needs --labels");
    }
    return evaluate(dataDir, labels, out, detector, false);
  }

  private static Outcome evaluate(Path dataDir, Path labels, Path out, String detector, boolean detect)
      throws IOException {
    List<NabCorpus.Series> corpus = NabCorpus.read(dataDir);
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("--data " + dataDir + " holds no *.csv file");
    }
    Map<String, List<TimeWindow>> windowsByFile = labels == null ? Map.of() : NabCorpus.readLabels(labels);
    List<Path> files = new ArrayList<>();
    List<NabScorer.Series> scored = new ArrayList<>();
    long rows = 0;
    int windowCount = 0;
    for (NabCorpus.Series s : corpus) {
      double[] scores =
          detect
              ? AugurNabDetector.scoreAll(s.epochSeconds(), s.values())
              : NabCorpus.readResults(out, detector, s);
      List<Window> windows = List.of();
      if (labels != null) {
        List<TimeWindow> w = windowsByFile.get(s.path());
        if (w == null) {
          throw new IllegalArgumentException(
              "--labels " + labels + " has no entry for " + s.path() + missingEntryHint(s.path(), windowsByFile));
        }
        windows = NabCorpus.windowRows(s, w);
      }
      files.add(
          detect
              ? NabCorpus.writeResults(out, detector, s, scores, windows)
              : NabCorpus.resultsPath(out, detector, s));
      scored.add(new NabScorer.Series(s.path(), scores, windows));
      rows += s.rows();
      windowCount += windows.size();
    }
    Map<NabProfile, NabScorer.Result> results = new EnumMap<>(NabProfile.class);
    if (labels != null) {
      for (NabProfile p : NabProfile.values()) {
        results.put(p, NabScorer.score(scored, p));
      }
    }
    return new Outcome(List.copyOf(files), rows, windowCount, results);
  }

  /**
   * Why a file has no labels, when the labels name it under another directory: their keys are
   * {@code <category>/<name>.csv} relative to {@code --data}.
   */
  static String missingEntryHint(String path, Map<String, List<TimeWindow>> windowsByFile) {
    for (String key : windowsByFile.keySet()) {
      if (key.endsWith("/" + path)) {
        return "; the labels name it " + key + ": give --data the directory that holds "
            + key.substring(0, key.length() - path.length() - 1) + "/";
      }
    }
    return "; the labels' keys are <category>/<name>.csv relative to --data";
  }
}
