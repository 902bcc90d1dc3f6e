package dev.augur.transforms.backtest;

import dev.augur.models.ModelScope;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.alarm.IncidentScope;
import dev.augur.transforms.detect.GroupIncidents;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Runs {@link WalkForward} over the histories of {@link dev.augur.transforms.stats.BuildHistories}:
 * the histories of each statistic (and series, for per-series models) meet on one worker, as in
 * {@code TrainModels}, and the walk over them emits one JSON line per window and statistic under
 * {@link #WINDOWS} ({@link BacktestJson}) and one per incident event under {@link #INCIDENTS}
 * (the stream's {@link SinkJson#incident}). Statistics walk in parallel; with {@link
 * IncidentScope#SERIES} their incidents are then grouped per series as the stream groups them
 * ({@link GroupIncidents}), and the windows in a statistic's incident take the key of the series'
 * incident it is in ({@link IncidentGrouping#seriesKeys}).
 *
 * <pre>{@code
 * PCollectionTuple out = histories.apply(RunWalkForward.of(List.of(Statistic.COUNT), settings));
 * out.get(RunWalkForward.WINDOWS).apply(TextIO.write().to(...));
 * }</pre>
 */
public final class RunWalkForward extends PTransform<PCollection<SeriesHistory>, PCollectionTuple> {
  public static final TupleTag<String> WINDOWS = new TupleTag<String>() {};
  public static final TupleTag<String> INCIDENTS = new TupleTag<String>() {};
  /** The walk's incident events, one incident per series and statistic. */
  private static final TupleTag<IncidentEvent> STATISTIC_INCIDENTS =
      new TupleTag<IncidentEvent>() {};
  /**
   * With one incident per series, the lines of windows in a statistic's incident, keyed by series,
   * with that incident's key: their key becomes the series' incident's.
   */
  private static final TupleTag<KV<String, KV<String, String>>> LINES_IN_INCIDENTS =
      new TupleTag<KV<String, KV<String, String>>>() {};
  public static final String METRICS_NAMESPACE = "RunWalkForward";

  private final List<Statistic> statistics;
  private final WalkForward.Settings settings;

  private RunWalkForward(List<Statistic> statistics, WalkForward.Settings settings) {
    if (statistics == null || statistics.isEmpty()) {
      throw new IllegalArgumentException("statistics to backtest must not be empty");
    }
    this.statistics = List.copyOf(statistics);
    this.settings = settings;
  }

  public static RunWalkForward of(List<Statistic> statistics, WalkForward.Settings settings) {
    return new RunWalkForward(statistics, settings);
  }

  @Override
  public PCollectionTuple expand(PCollection<SeriesHistory> histories) {
    Coder<IncidentEvent> eventCoder;
    try {
      eventCoder = histories.getPipeline().getSchemaRegistry().getSchemaCoder(IncidentEvent.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("IncidentEvent has a schema", e);
    }
    PCollectionTuple out =
        histories
            .apply(
                "KeyByModel",
                ParDo.of(new KeyFn(statistics, settings.forecast().scope())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SeriesHistory.class)))
            // All histories one model learns from meet on one worker.
            .apply("GroupByModel", GroupByKey.create())
            .apply(
                "WalkForward",
                ParDo.of(new WalkFn(settings))
                    .withOutputTags(
                        WINDOWS, TupleTagList.of(STATISTIC_INCIDENTS).and(LINES_IN_INCIDENTS)));
    PCollection<String> windows = out.get(WINDOWS).setCoder(StringUtf8Coder.of());
    PCollection<IncidentEvent> statisticIncidents = out.get(STATISTIC_INCIDENTS).setCoder(eventCoder);
    PCollection<KV<String, KV<String, String>>> linesInIncidents =
        out.get(LINES_IN_INCIDENTS)
            .setCoder(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    if (settings.alarm().incidentScope() == IncidentScope.SERIES) {
      PCollection<String> renamed =
          KeyedPCollectionTuple.of(
                  SERIES_EVENTS,
                  statisticIncidents
                      .apply(
                          "KeyIncidentsBySeries",
                          WithKeys.of(IncidentEvent::getSeries)
                              .withKeyType(TypeDescriptors.strings()))
                      .setCoder(KvCoder.of(StringUtf8Coder.of(), eventCoder)))
              .and(SERIES_LINES, linesInIncidents)
              .apply("JoinLinesAndIncidents", CoGroupByKey.create())
              .apply("NameSeriesIncidents", ParDo.of(new NameSeriesIncidentFn()))
              .setCoder(StringUtf8Coder.of());
      windows =
          PCollectionList.of(windows).and(renamed).apply("AllWindows", Flatten.pCollections());
    }
    PCollection<String> lines =
        statisticIncidents
            .apply("IncidentScope", GroupIncidents.per(settings.alarm().incidentScope()))
            .apply(
                "IncidentsAsJson",
                MapElements.into(TypeDescriptors.strings()).via(SinkJson::incident))
            .setCoder(StringUtf8Coder.of());
    return PCollectionTuple.of(WINDOWS, windows).and(INCIDENTS, lines);
  }

  private static final TupleTag<IncidentEvent> SERIES_EVENTS = new TupleTag<>();
  private static final TupleTag<KV<String, String>> SERIES_LINES = new TupleTag<>();

  /** Gives each line of a series the key of the series' incident its statistic's incident is in. */
  private static final class NameSeriesIncidentFn extends DoFn<KV<String, CoGbkResult>, String> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> series, OutputReceiver<String> out) {
      List<IncidentEvent> events = new ArrayList<>();
      series.getValue().getAll(SERIES_EVENTS).forEach(events::add);
      Map<String, String> keys = IncidentGrouping.seriesKeys(events);
      for (KV<String, String> line : series.getValue().getAll(SERIES_LINES)) {
        String key = keys.getOrDefault(line.getKey(), line.getKey());
        out.output(
            key.equals(line.getKey())
                ? line.getValue()
                : BacktestJson.withIncident(line.getValue(), key));
      }
    }
  }


  private static final class KeyFn extends DoFn<SeriesHistory, KV<String, SeriesHistory>> {
    private final List<Statistic> statistics;
    private final ModelScope scope;

    KeyFn(List<Statistic> statistics, ModelScope scope) {
      this.statistics = statistics;
      this.scope = scope;
    }

    @ProcessElement
    public void process(@Element SeriesHistory h, OutputReceiver<KV<String, SeriesHistory>> out) {
      for (Statistic s : statistics) {
        out.output(KV.of(scope == ModelScope.GLOBAL ? s.id() : s.id() + "|" + h.seriesKey(), h));
      }
    }
  }

  private static final class WalkFn extends DoFn<KV<String, Iterable<SeriesHistory>>, String> {
    private final Counter windows = Metrics.counter(METRICS_NAMESPACE, "windows_replayed");
    private final Counter compared = Metrics.counter(METRICS_NAMESPACE, "windows_with_forecast");
    private final Counter models = Metrics.counter(METRICS_NAMESPACE, "models_trained");
    private final Counter untrained = Metrics.counter(METRICS_NAMESPACE, "cutoffs_without_model");
    private final Counter opened = Metrics.counter(METRICS_NAMESPACE, "statistic_incidents_opened");
    private final WalkForward.Settings settings;

    WalkFn(WalkForward.Settings settings) {
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<SeriesHistory>> group, MultiOutputReceiver out) {
      boolean seriesScope = settings.alarm().incidentScope() == IncidentScope.SERIES;
      Statistic statistic = Statistic.parse(group.getKey().split("\\|", 2)[0]);
      List<SeriesHistory> histories = new ArrayList<>();
      group.getValue().forEach(histories::add);
      WalkForward.Summary s =
          WalkForward.run(
              statistic,
              histories,
              settings,
              new WalkForward.Sink() {
                @Override
                public void window(WalkForward.Window w) {
                  String line = BacktestJson.window(w);
                  if (seriesScope && w.incidentKey() != null) {
                    out.get(LINES_IN_INCIDENTS)
                        .output(
                            KV.of(w.comparison().getSeries(), KV.of(w.incidentKey(), line)));
                  } else {
                    out.get(WINDOWS).output(line);
                  }
                }

                @Override
                public void incident(IncidentEvent e) {
                  out.get(STATISTIC_INCIDENTS).output(e);
                }
              });
      windows.inc(s.windows());
      compared.inc(s.windowsWithForecast());
      models.inc(s.modelsTrained());
      untrained.inc(s.untrainedCutoffs());
      opened.inc(s.incidentsOpened());
    }
  }
}
