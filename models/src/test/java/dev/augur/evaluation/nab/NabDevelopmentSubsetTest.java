package dev.augur.evaluation.nab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The detector's NAB score on the development subset ({@code ../shared/nab}), printed per profile
 * and held at the figure recorded in docs/status.md, so a change that loses detection shows here.
 * Skipped where the subset is absent.
 */
public class NabDevelopmentSubsetTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void scoresTheRecordedFigureOnTheDevelopmentSubset() throws Exception {
    Path nab = NabData.dir();
    assumeTrue("NAB development subset not found (set -Daugur.nab.dir or place it at "
        + "../shared/nab); skipping its score", nab != null);
    NabEvaluation.Outcome outcome =
        NabEvaluation.run(nab.resolve("data"), nab.resolve("labels/combined_windows.json"),
            tmp.getRoot().toPath(), "augur");
    for (NabProfile p : NabProfile.values()) {
      System.out.printf(Locale.ROOT, "NAB development subset, %s: %.1f (threshold %.3f)%n",
          p, outcome.scores().get(p).normalized(), outcome.scores().get(p).threshold());
    }
    assertEquals(9, outcome.files().size());
    assertEquals(20, outcome.windows());
    // 77.8 when recorded; deterministic, so a drop means the detection changed.
    double standard = outcome.scores().get(NabProfile.STANDARD).normalized();
    assertTrue("standard score " + standard, standard >= 77.5);
  }
}
