package dev.augur.evaluation.nab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Scoring results files another detector wrote ({@link NabEvaluation#score}): a 100-row file whose
 * probationary period is its first 15 rows and whose one window is rows 40–59.
 */
public class NabEvaluationTest {
  private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime START = LocalDateTime.of(2015, 3, 1, 0, 0);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path data;
  private Path labels;
  private Path out;

  private void corpus() throws Exception {
    data = tmp.newFolder("data").toPath();
    Files.createDirectories(data.resolve("cat"));
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 100; i++) {
      csv.append(ROW_TIME.format(START.plusMinutes(5L * i))).append(',').append(i % 7).append('\n');
    }
    Files.writeString(data.resolve("cat/s.csv"), csv, StandardCharsets.UTF_8);
    labels = tmp.newFile("combined_windows.json").toPath();
    Files.writeString(
        labels,
        "{\"cat/s.csv\": [[\"" + ROW_TIME.format(START.plusMinutes(5 * 40)) + ".000000\", \""
            + ROW_TIME.format(START.plusMinutes(5 * 59)) + ".000000\"]]}");
    out = tmp.newFolder("results").toPath();
  }

  /** A results file of the detector {@code det} scoring 1 at the given rows and 0 elsewhere. */
  private void results(String det, int... alarms) throws Exception {
    NabCorpus.Series s = NabCorpus.read(data).get(0);
    double[] scores = new double[s.rows()];
    for (int row : alarms) {
      scores[row] = 1.0;
    }
    NabCorpus.writeResults(out, det, s, scores, java.util.List.of());
  }

  private double standard(String det) throws Exception {
    return NabEvaluation.score(data, labels, out, det).scores().get(NabProfile.STANDARD).normalized();
  }

  @Test
  public void scoresAnotherDetectorsResultsAsTheBenchmarkDoes() throws Exception {
    corpus();
    results("perfect", 40);
    results("silent");
    results("late", 59);
    results("noisy", 20, 40);
    assertEquals(100.0, standard("perfect"), 1e-9);
    assertEquals(0.0, standard("silent"), 1e-9);
    // The window's last row: y = −1/20, worth S(−0.05) / S(−1) of a detection.
    double last = NabScorer.scaledSigmoid(-1.0 / 20) / NabScorer.scaledSigmoid(-1.0);
    assertEquals(100 * (last + 1) / 2, standard("late"), 1e-9);
    // A false positive before the window costs A_FP = 0.11; raw 0.89 between null −1 and perfect 1.
    assertEquals(100 * (0.89 + 1) / 2, standard("noisy"), 1e-9);
  }

  @Test
  public void scoringNeedsLabelsAndEveryFilesResults() throws Exception {
    corpus();
    assertEquals(
        "scoring results files needs --labels",
        assertThrows(IllegalArgumentException.class, () -> NabEvaluation.score(data, null, out, "perfect"))
            .getMessage());
    String missing =
        assertThrows(IllegalArgumentException.class, () -> NabEvaluation.score(data, labels, out, "absent"))
            .getMessage();
    assertTrue(missing, missing.startsWith("no results file " + out.resolve("absent/cat/absent_s.csv")));
  }
}
