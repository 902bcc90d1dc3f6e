package dev.augur.transforms.forecast;

import dev.augur.models.ForecastPoint;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.models.TrainedModel;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.ModelRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts the next {@code horizon} windows of every series and target statistic, recursively,
 * with the models of {@link TrainModels} (a per-series model where there is one, else the global
 * model). Each forecast is valid until the end of its series' last forecast window.
 */
public class ForecastSeries extends PTransform<PCollection<SeriesHistory>, PCollection<Forecast>> {
  /**
   * Counts the series and statistics left without a forecast because the series had no value of
   * the statistic in the week or so before the forecast (a mean or standard deviation of a series
   * that sent nothing there).
   */
  public static final String SILENT_COUNTER = "statistics_silent_not_forecast";

  private final PCollection<ModelRecord> models;
  private final List<Statistic> targets;
  private final int horizon;

  public ForecastSeries(PCollection<ModelRecord> models, List<Statistic> targets, int horizon) {
    if (horizon <= 0) {
      throw new IllegalArgumentException("horizon must be at least one window, got " + horizon);
    }
    this.models = models;
    this.targets = new ArrayList<>(targets);
    this.horizon = horizon;
  }

  @Override
  public PCollection<Forecast> expand(PCollection<SeriesHistory> histories) {
    PCollectionView<Map<String, ModelRecord>> view =
        models
            .apply("KeyModels", WithKeys.<String, ModelRecord>of(m -> m.key()).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), models.getCoder()))
            .apply("ModelsAsMap", View.asMap());
    return histories.apply(
        "Forecast", ParDo.of(new ForecastFn(view, targets, horizon)).withSideInputs(view));
  }

  static final class ForecastFn extends DoFn<SeriesHistory, Forecast> {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastSeries.class);
    private final Counter written = Metrics.counter(ForecastSeries.class, "forecasts_made");
    private final Counter withoutModel =
        Metrics.counter(ForecastSeries.class, "series_without_model");
    private final Counter silent = Metrics.counter(ForecastSeries.class, SILENT_COUNTER);
    private final PCollectionView<Map<String, ModelRecord>> view;
    private final List<Statistic> targets;
    private final int horizon;
    // Boosters are native objects: load each model once per DoFn instance, not per element.
    private transient Map<String, TrainedModel> loaded;

    ForecastFn(PCollectionView<Map<String, ModelRecord>> view, List<Statistic> targets, int horizon) {
      this.view = view;
      this.targets = targets;
      this.horizon = horizon;
    }

    @Setup
    public void setup() {
      loaded = new HashMap<>();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      SeriesHistory h = c.element();
      Map<String, ModelRecord> models = c.sideInput(view);
      for (Statistic s : targets) {
        ModelRecord record = models.get(ModelRecord.key(s.id(), h.seriesKey()));
        if (record == null) {
          record = models.get(ModelRecord.key(s.id(), ModelRecord.GLOBAL));
        }
        if (record == null) {
          withoutModel.inc();
          continue;
        }
        TrainedModel model = load(record);
        List<ForecastPoint> points = model.forecast(h, horizon);
        if (points.isEmpty()) {
          LOG.info(
              "no {} forecast for {}: it has no {} value in the windows its scale is read from,"
                  + " the week or so before the forecast",
              s.id(), h.seriesKey(), s.id());
          silent.inc();
          continue;
        }
        Instant validUntil = new Instant(points.get(points.size() - 1).windowEndMillis());
        Instant trainedAt = new Instant(model.trainedAt().toEpochMilli());
        for (ForecastPoint p : points) {
          c.output(
              Forecast.create(
                  h.seriesKey(),
                  s.id(),
                  new Instant(p.windowStartMillis()),
                  new Instant(p.windowEndMillis()),
                  p.expected(),
                  p.lower(),
                  p.upper(),
                  record.getModelVersion(),
                  trainedAt,
                  validUntil));
        }
        written.inc(points.size());
      }
    }

    private TrainedModel load(ModelRecord r) {
      return loaded.computeIfAbsent(
          r.getModelVersion() + "/" + r.key(),
          k -> TrainedModel.load(r.getBooster(), r.getMetadataJson()));
    }

    @Teardown
    public void teardown() {
      if (loaded != null) {
        loaded.values().forEach(TrainedModel::close);
        loaded.clear();
      }
    }
  }
}
