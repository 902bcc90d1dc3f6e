package dev.augur.transforms.backtest;

import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastPoint;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.ModelScope;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.models.TrainedModel;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.AlarmState;
import dev.augur.transforms.alarm.AlarmStateMachine;
import dev.augur.transforms.detect.CompareWithForecast;
import dev.augur.transforms.detect.ForecastIndex;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.IncidentEvent;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the history of one statistic walk-forward, as the batch and streaming pipelines would
 * have run in production: train at a cutoff {@code T} on the windows before {@code T} only,
 * forecast the next {@code retrainWindows} windows, compare each of them with what really
 * happened, feed the comparisons to the alarm state machine in window order, then move the cutoff
 * on by {@code retrainWindows} and train again.
 *
 * <p>Plain Java, and nothing of its own: models come from {@link ForecastTrainer} and {@link
 * TrainedModel#forecast} (global over all series, or per series, as the configuration's {@link
 * ModelScope} says), forecasts are indexed in a {@link ForecastIndex} valid until the next cutoff
 * and compared by {@link CompareWithForecast#compare}, and incidents come from one {@link
 * AlarmStateMachine} state per series carried across cutoffs.
 *
 * <p>No future leakage by construction: at cutoff {@code T} the trainer and the forecaster are
 * handed {@link SeriesHistory#head} copies that end before {@code T}; only the comparison, after
 * the fact, reads the windows from {@code T} on.
 *
 * <p>The first cutoff lies {@code trainWindows} windows after the earliest window of any series;
 * windows before it, and windows of spans where no model could be trained (too little history) or
 * of a series that had no window before the cutoff, are reported as {@link
 * Comparison.Direction#NO_FORECAST}, as the stream reports a window without a valid forecast. The
 * model version of a span is its cutoff, named as the batch pipeline names versions ({@code
 * 20240501T000000Z}).
 *
 * <pre>{@code
 * WalkForward.Summary s = WalkForward.run(Statistic.COUNT, histories, settings, sink);
 * }</pre>
 */
public final class WalkForward {
  private static final Logger LOG = LoggerFactory.getLogger(WalkForward.class);
  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private WalkForward() {}

  /**
   * What to train and how to alarm: {@code forecast} with its {@code horizonWindows} set to at
   * least {@code retrainWindows}; the first cutoff {@code trainWindows} windows into the history.
   */
  public record Settings(
      ForecastConfig forecast, int trainWindows, int retrainWindows, AlarmConfig alarm)
      implements Serializable {
    public Settings {
      if (forecast == null || alarm == null) {
        throw new IllegalArgumentException("forecast and alarm configurations are required");
      }
      if (trainWindows < 1) {
        throw new IllegalArgumentException("trainWindows must be at least 1, got " + trainWindows);
      }
      if (retrainWindows < 1) {
        throw new IllegalArgumentException(
            "retrainWindows must be at least 1, got " + retrainWindows);
      }
      if (forecast.horizonWindows() < retrainWindows) {
        throw new IllegalArgumentException(
            "the forecast horizon ("
                + forecast.horizonWindows()
                + " windows) must cover the span between retrainings ("
                + retrainWindows
                + " windows)");
      }
    }
  }

  /**
   * One compared window: the comparison as the stream makes it, how the alarm state machine
   * counted it, and whether an incident of its series and statistic is open after it (with that
   * incident's dedupe key).
   */
  public record Window(
      Comparison comparison,
      AlarmStateMachine.Verdict verdict,
      boolean incidentOpen,
      @Nullable String incidentKey) {}

  /** Receives the windows of each series in window order, and the incident events they cause. */
  public interface Sink {
    void window(Window window);

    void incident(IncidentEvent event);
  }

  /** What one run did. */
  public record Summary(
      Statistic statistic,
      int cutoffs,
      int modelsTrained,
      int untrainedCutoffs,
      long windows,
      long windowsWithForecast,
      long incidentsOpened) {}

  /**
   * Walks {@code histories} (one per series, all of the same window size and aligned to one grid)
   * forward for {@code statistic}, handing every window and incident event to {@code sink}.
   */
  public static Summary run(
      Statistic statistic, List<SeriesHistory> histories, Settings settings, Sink sink) {
    if (histories.isEmpty()) {
      return new Summary(statistic, 0, 0, 0, 0, 0, 0);
    }
    List<SeriesHistory> sorted = new ArrayList<>(histories);
    // A fixed order keeps training reproducible whatever order the histories arrive in.
    sorted.sort(Comparator.comparing(SeriesHistory::seriesKey));
    long window = sorted.get(0).windowMillis();
    long first = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (SeriesHistory h : sorted) {
      if (h.windowMillis() != window) {
        throw new IllegalArgumentException(
            "all histories need the same window size: " + h.seriesKey() + " has "
                + h.windowMillis() + " ms, expected " + window + " ms");
      }
      if (Math.floorMod(h.startMillis() - sorted.get(0).startMillis(), window) != 0) {
        throw new IllegalArgumentException(h.seriesKey() + " is not on the windows' grid");
      }
      first = Math.min(first, h.startMillis());
      end = Math.max(end, h.windowStart(h.length()));
    }
    Run run = new Run(statistic, sorted, settings, sink);
    long firstCutoff = first + settings.trainWindows() * window;
    run.compare(Long.MIN_VALUE, Math.min(firstCutoff, end), ForecastIndex.EMPTY);
    int cutoffs = 0;
    for (long cutoff = firstCutoff; cutoff < end; cutoff += settings.retrainWindows() * window) {
      run.step(cutoff, Math.min(end, cutoff + settings.retrainWindows() * window));
      cutoffs++;
    }
    return new Summary(
        statistic, cutoffs, run.modelsTrained, run.untrainedCutoffs, run.windows,
        run.windowsWithForecast, run.opened);
  }

  /** The version name of the models trained at {@code cutoffMillis}, as the batch names versions. */
  public static String version(long cutoffMillis) {
    return VERSION.format(java.time.Instant.ofEpochMilli(cutoffMillis));
  }

  /** The state of one walk over one statistic. */
  private static final class Run {
    final Statistic statistic;
    final List<SeriesHistory> histories;
    final Settings settings;
    final Sink sink;
    final AlarmStateMachine machine;
    final Map<String, AlarmState> states = new HashMap<>();
    final Map<String, String> openIncident = new HashMap<>();
    int modelsTrained;
    int untrainedCutoffs;
    long windows;
    long windowsWithForecast;
    long opened;

    Run(Statistic statistic, List<SeriesHistory> histories, Settings settings, Sink sink) {
      this.statistic = statistic;
      this.histories = histories;
      this.settings = settings;
      this.sink = sink;
      this.machine = new AlarmStateMachine(settings.alarm());
    }

    /** Trains on the windows before {@code cutoff}, forecasts and compares up to {@code until}. */
    void step(long cutoff, long until) {
      String version = version(cutoff);
      Map<String, SeriesHistory> past = new LinkedHashMap<>();
      for (SeriesHistory h : histories) {
        long n = Math.min(h.length(), index(h, cutoff));
        if (n > 0) {
          past.put(h.seriesKey(), h.head((int) n));
        }
      }
      Map<String, TrainedModel> models = train(past, cutoff);
      try {
        int horizon = (int) ((until - cutoff) / histories.get(0).windowMillis());
        ForecastIndex.Builder index = ForecastIndex.builder(version, new Instant(until));
        for (Map.Entry<String, SeriesHistory> e : past.entrySet()) {
          if (e.getValue().length() < index(history(e.getKey()), cutoff)) {
            continue; // the series ended before the cutoff: nothing to forecast
          }
          TrainedModel model =
              models.get(settings.forecast().scope() == ModelScope.GLOBAL ? "" : e.getKey());
          if (model == null) {
            continue;
          }
          for (ForecastPoint p : model.forecast(e.getValue(), horizon)) {
            index.add(
                Forecast.create(
                    e.getKey(), statistic.id(), new Instant(p.windowStartMillis()),
                    new Instant(p.windowEndMillis()), p.expected(), p.lower(), p.upper(), version,
                    new Instant(cutoff), new Instant(until)));
          }
        }
        compare(cutoff, until, index.build(new Instant(cutoff)));
      } finally {
        models.values().forEach(TrainedModel::close);
      }
    }

    /** The models of one cutoff by series key ("" for the global one); empty when untrainable. */
    Map<String, TrainedModel> train(Map<String, SeriesHistory> past, long cutoff) {
      Map<String, TrainedModel> models = new HashMap<>();
      if (past.isEmpty()) {
        untrainedCutoffs++;
        return models;
      }
      if (settings.forecast().scope() == ModelScope.GLOBAL) {
        TrainedModel m = trainOrNull(new ArrayList<>(past.values()), "all series", cutoff);
        if (m != null) {
          models.put("", m);
        }
      } else {
        for (SeriesHistory h : past.values()) {
          TrainedModel m = trainOrNull(List.of(h), h.seriesKey(), cutoff);
          if (m != null) {
            models.put(h.seriesKey(), m);
          }
        }
      }
      if (models.isEmpty()) {
        untrainedCutoffs++;
      }
      return models;
    }

    @Nullable
    TrainedModel trainOrNull(List<SeriesHistory> past, String scope, long cutoff) {
      try {
        TrainedModel m = ForecastTrainer.train(statistic, past, settings.forecast());
        modelsTrained++;
        return m;
      } catch (IllegalArgumentException e) {
        // Too little history before this cutoff: as in production, no forecast rather than noise.
        LOG.warn(
            "no {} model for {} at {}: {}", statistic.id(), scope, version(cutoff), e.getMessage());
        return null;
      }
    }

    /** Compares and alarms every window starting in {@code [from, until)} of every series. */
    void compare(long from, long until, ForecastIndex index) {
      for (SeriesHistory h : histories) {
        double[] values = h.values(statistic);
        long lo = from == Long.MIN_VALUE ? 0 : Math.max(0, index(h, from));
        long hi = Math.min(h.length(), index(h, until));
        for (long i = lo; i < hi; i++) {
          Instant start = new Instant(h.windowStart((int) i));
          Instant stop = new Instant(h.windowStart((int) i + 1));
          Comparison c =
              CompareWithForecast.compare(
                  h.seriesKey(), statistic, start, stop, values[(int) i], index);
          advance(h.seriesKey(), c);
        }
      }
    }

    void advance(String series, Comparison c) {
      AlarmState state = states.computeIfAbsent(series, k -> AlarmState.initial());
      List<IncidentEvent> events = machine.advance(state, c);
      for (IncidentEvent e : events) {
        if (e.getType() == IncidentEvent.Type.OPENED) {
          openIncident.put(series, e.getDedupeKey());
          opened++;
        } else if (e.getType() == IncidentEvent.Type.RESOLVED) {
          openIncident.remove(series);
        }
      }
      windows++;
      if (c.getModelVersion() != null) {
        windowsWithForecast++;
      }
      sink.window(
          new Window(c, machine.classify(c), state.isOpen(), openIncident.get(series)));
      events.forEach(sink::incident);
    }

    SeriesHistory history(String series) {
      for (SeriesHistory h : histories) {
        if (h.seriesKey().equals(series)) {
          return h;
        }
      }
      throw new IllegalStateException("unknown series " + series);
    }

    /** The index in {@code h} of the window starting at {@code millis} (may lie outside it). */
    static long index(SeriesHistory h, long millis) {
      return Math.floorDiv(millis - h.startMillis(), h.windowMillis());
    }
  }
}
