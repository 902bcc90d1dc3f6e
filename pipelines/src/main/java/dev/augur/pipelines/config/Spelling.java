package dev.augur.pipelines.config;

import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Whether a name someone gave is likely a misspelling of another, for "did you mean" advice. */
public final class Spelling {
  /** The distance up to 2, and -1 beyond. */
  private static final LevenshteinDistance TWO_EDITS = new LevenshteinDistance(2);

  private Spelling() {}

  /** At most two edits apart, ignoring case. */
  public static boolean closeTo(String a, String b) {
    return TWO_EDITS.apply(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) >= 0;
  }
}
