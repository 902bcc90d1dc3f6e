package dev.augur.transforms.forecast;

import dev.augur.models.ForecastConfig;
import dev.augur.models.ForecastTrainer;
import dev.augur.models.ModelScope;
import dev.augur.models.SeriesHistory;
import dev.augur.models.Statistic;
import dev.augur.models.TrainedModel;
import dev.augur.transforms.records.ModelRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one XGBoost quantile model per target statistic over all series ({@link
 * ModelScope#GLOBAL}), or one per statistic and series ({@link ModelScope#PER_SERIES}).
 *
 * <p>Input: one gap-free {@link SeriesHistory} per series. Output: one {@link ModelRecord} per
 * model, carrying the booster bytes, its metadata and its holdout evaluation. Models train in
 * parallel across statistics (and series, per series); a series too short to train a per-series
 * model is reported in the log and counted, and gets no forecast.
 */
public class TrainModels extends PTransform<PCollection<SeriesHistory>, PCollection<ModelRecord>> {
  private final List<Statistic> targets;
  private final ForecastConfig config;
  private final String modelVersion;

  public TrainModels(List<Statistic> targets, ForecastConfig config, String modelVersion) {
    this.targets = new ArrayList<>(targets);
    this.config = config;
    this.modelVersion = modelVersion;
  }

  @Override
  public PCollection<ModelRecord> expand(PCollection<SeriesHistory> histories) {
    return histories
        .apply("KeyByModel", ParDo.of(new KeyByModelFn(targets, config.scope())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SeriesHistory.class)))
        // All histories one model learns from meet on one worker.
        .apply("GroupByModel", GroupByKey.create())
        .apply("Train", ParDo.of(new TrainFn(config, modelVersion)));
  }

  static final class KeyByModelFn extends DoFn<SeriesHistory, KV<String, SeriesHistory>> {
    private final List<Statistic> targets;
    private final ModelScope scope;

    KeyByModelFn(List<Statistic> targets, ModelScope scope) {
      this.targets = targets;
      this.scope = scope;
    }

    @ProcessElement
    public void process(@Element SeriesHistory h, OutputReceiver<KV<String, SeriesHistory>> out) {
      String modelScope = scope == ModelScope.GLOBAL ? ModelRecord.GLOBAL : h.seriesKey();
      for (Statistic s : targets) {
        out.output(KV.of(ModelRecord.key(s.id(), modelScope), h));
      }
    }
  }

  static final class TrainFn extends DoFn<KV<String, Iterable<SeriesHistory>>, ModelRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainModels.class);
    private final Counter trained = Metrics.counter(TrainModels.class, "models_trained");
    private final Counter seriesSeen = Metrics.counter(TrainModels.class, "series_trained");
    private final Counter untrainable = Metrics.counter(TrainModels.class, "models_untrainable");
    private final ForecastConfig config;
    private final String modelVersion;

    TrainFn(ForecastConfig config, String modelVersion) {
      this.config = config;
      this.modelVersion = modelVersion;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<SeriesHistory>> group, OutputReceiver<ModelRecord> out) {
      String[] key = group.getKey().split("\\|", 2);
      Statistic statistic = Statistic.parse(key[0]);
      List<SeriesHistory> histories = new ArrayList<>();
      group.getValue().forEach(histories::add);
      // Grouping order differs between runs and runners; training on a fixed order keeps models reproducible.
      histories.sort(Comparator.comparing(SeriesHistory::seriesKey));
      long started = System.nanoTime();
      TrainedModel model;
      try {
        model = ForecastTrainer.train(statistic, histories, config);
      } catch (IllegalArgumentException e) {
        // Too little history for this model: say so, and forecast nothing rather than noise.
        LOG.warn("no {} model for {}: {}", statistic.id(), key[1], e.getMessage());
        untrainable.inc();
        return;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info(
          "trained {} model for {} on {} series in {} s; {}",
          statistic.id(),
          key[1].equals(ModelRecord.GLOBAL) ? "all series" : key[1],
          histories.size(),
          String.format("%.1f", seconds),
          model.evaluation().map(Object::toString).orElse("not evaluated (short history)"));
      trained.inc();
      seriesSeen.inc(histories.size());
      out.output(
          ModelRecord.create(
              statistic.id(), key[1], modelVersion, model.toUbj(), model.metadataJson()));
    }
  }
}
