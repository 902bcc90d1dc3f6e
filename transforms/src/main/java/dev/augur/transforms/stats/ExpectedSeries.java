package dev.augur.transforms.stats;

import java.io.Serializable;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The series a stream expects to hear from, read by {@link FillWindowGaps} as a side input: a
 * series in it that sends nothing at all is padded with empty windows like one that went quiet,
 * rather than never seen. The streaming pipeline's published forecast is one (a series with a
 * forecast for a window is expected in it).
 *
 * <p>Without it, a series that is already down when the stream starts (a fresh deployment, a
 * restart without saved state) never gets a window, so its outage is never compared.
 */
public interface ExpectedSeries extends Serializable {
  /**
   * Names this set; it changes whenever the set may have changed (a new forecast version). Null
   * while there is none: nothing is expected.
   */
  @Nullable String version();

  /**
   * The series expected in the window {@code [start, end)} whose expectation began after {@code
   * after} (exclusive; null for any time) and no later than {@code start}. A forecast's
   * expectation of a series begins at its first forecast window.
   */
  List<String> expectedIn(Instant start, Instant end, @Nullable Instant after);
}
