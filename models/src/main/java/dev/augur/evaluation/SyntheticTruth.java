package dev.augur.evaluation;

import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scores forecasts of generated series against what the generator really produced: actual window
 * statistics over the forecast span (and the week before it, for the seasonal naive baseline),
 * leaving out windows that overlap an injected anomaly.
 */
public final class SyntheticTruth {
  private static final long WEEK_MILLIS = 7L * 24 * 3600 * 1000;

  private SyntheticTruth() {}

  /** Scores {@code forecasts} of windows in {@code [fromMillis, toMillis)}. */
  public static Map<Statistic, ForecastEvaluation.Result> score(
      SyntheticGenerator generator,
      long fromMillis,
      long toMillis,
      long windowMillis,
      Collection<ForecastEvaluation.Predicted> forecasts) {
    ReferenceWindowStats actual =
        new ReferenceWindowStats(fromMillis - WEEK_MILLIS, toMillis, windowMillis);
    for (Iterator<SyntheticEvent> it = generator.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      actual.add(e.seriesKey(), e.timestampMillis(), e.hasValue() ? e.value() : Double.NaN);
    }
    Map<String, SeriesHistory> actuals = actual.histories();
    List<ForecastEvaluation.Excluded> excluded = new ArrayList<>();
    for (AnomalyLabel l : generator.labels()) {
      excluded.add(new ForecastEvaluation.Excluded(l.series(), l.startMillis(), l.endMillis()));
    }
    List<ForecastEvaluation.Predicted> inSpan = new ArrayList<>();
    for (ForecastEvaluation.Predicted p : forecasts) {
      if (p.windowStartMillis() >= fromMillis && p.windowEndMillis() <= toMillis) {
        inSpan.add(p);
      }
    }
    return ForecastEvaluation.evaluate(inSpan, actuals, excluded);
  }
}
