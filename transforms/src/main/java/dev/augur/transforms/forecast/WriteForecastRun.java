package dev.augur.transforms.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.ModelRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Writes one forecast run under an output location (a directory or {@code s3://} prefix):
 *
 * <pre>
 * forecasts/&lt;version&gt;/forecasts-*.jsonl   {@link ForecastJson} lines
 * forecasts/&lt;version&gt;/forecasts-*.parquet {@link ForecastParquet} rows, when asked for
 * models/&lt;version&gt;/&lt;statistic&gt;.ubj/.json  (per-series: models/&lt;version&gt;/&lt;statistic&gt;/&lt;series&gt;.*)
 * manifests/&lt;version&gt;.json                this run's manifest
 * manifest.json                           the manifest of the latest run with forecasts
 * </pre>
 *
 * <p>The manifests are written only after every forecast and model file is complete, so a reader
 * that follows {@code manifest.json} never sees a half-written version. A run without a forecast
 * (no model could be trained) keeps its own manifest but leaves {@code manifest.json} naming the
 * version before it.
 */
public class WriteForecastRun extends PTransform<PCollection<Forecast>, PDone> {
  private static final Logger LOG = LoggerFactory.getLogger(WriteForecastRun.class);

  private final PCollection<ModelRecord> models;
  private final RunInfo run;

  /**
   * What the manifest says about the run besides what the data carries; {@code eventFields}, the
   * JSON field names the history's events were read with, is null for CSV input (one series a
   * file, no fields).
   */
  public record RunInfo(
      String output,
      String modelVersion,
      long windowMillis,
      int horizonWindows,
      List<String> statistics,
      String modelScope,
      double intervalCoverage,
      String input,
      boolean parquet,
      @Nullable EventFormat eventFields)
      implements Serializable {}

  public WriteForecastRun(PCollection<ModelRecord> models, RunInfo run) {
    this.models = models;
    this.run = run;
  }

  /** The directory of one version's forecasts under {@code output}. */
  public static String forecastDir(String output, String version) {
    return join(output, "forecasts/" + version + "/");
  }

  public static String manifestPath(String output) {
    return join(output, "manifest.json");
  }

  /** Where the manifest of one version is kept: {@code <output>/manifests/<version>.json}. */
  public static String runManifestPath(String output, String modelVersion) {
    return join(output, "manifests/" + modelVersion + ".json");
  }

  static String join(String base, String child) {
    return base.endsWith("/") ? base + child : base + "/" + child;
  }

  @Override
  public PDone expand(PCollection<Forecast> forecasts) {
    WriteFilesResult<Void> written =
        forecasts
            .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(ForecastJson::toJson))
            .apply(
                "WriteForecasts",
                TextIO.write()
                    .to(forecastDir(run.output(), run.modelVersion()) + "forecasts")
                    .withSuffix(".jsonl")
                    .withOutputFilenames());

    PCollection<String> modelFiles =
        models.apply("WriteModels", ParDo.of(new WriteModelFn(run.output())));
    List<PCollection<?>> files = new ArrayList<>();
    files.add(written.getPerDestinationOutputFilenames());
    files.add(modelFiles);
    if (run.parquet()) {
      WriteFilesResult<Void> parquet =
          forecasts
              .apply(
                  "ToParquetRecords",
                  MapElements.into(TypeDescriptor.of(GenericRecord.class))
                      .via(ForecastParquet::toRecord))
              .setCoder(AvroCoder.of(ForecastParquet.SCHEMA))
              .apply(
                  "WriteParquet",
                  FileIO.<GenericRecord>write()
                      .via(ParquetIO.sink(ForecastParquet.SCHEMA))
                      .to(forecastDir(run.output(), run.modelVersion()))
                      .withPrefix("forecasts")
                      .withSuffix(".parquet"));
      files.add(parquet.getPerDestinationOutputFilenames());
    }

    PCollectionView<Summary> summary =
        forecasts
            .apply("Summarise", Combine.globally(new SummaryFn()))
            .setCoder(SerializableCoder.of(Summary.class))
            .apply("SummaryView", View.asSingleton());

    models
        .apply("ModelMetadata", MapElements.into(TypeDescriptors.strings()).via(WriteForecastRun::scopedMetadata))
        .apply("AllModels", Combine.globally(new ListFn()))
        .setCoder(SerializableCoder.of(ArrayListOfStrings.class))
        // The manifest goes last: only once every forecast and model file exists.
        .apply("AfterFiles", Wait.on(files.toArray(new PCollection<?>[0])))
        .apply("WriteManifest", ParDo.of(new WriteManifestFn(run, summary)).withSideInputs(summary));
    return PDone.in(forecasts.getPipeline());
  }

  /** Counts and time span of the forecasts written. */
  public static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    long forecasts;
    long firstWindowStart = Long.MAX_VALUE;
    long validUntil = Long.MIN_VALUE;

    @Override
    public boolean equals(Object o) {
      return o instanceof Summary
          && ((Summary) o).forecasts == forecasts
          && ((Summary) o).firstWindowStart == firstWindowStart
          && ((Summary) o).validUntil == validUntil;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(forecasts) * 31 + Long.hashCode(validUntil);
    }
  }

  static final class SummaryFn extends Combine.CombineFn<Forecast, Summary, Summary> {
    @Override
    public Summary createAccumulator() {
      return new Summary();
    }

    @Override
    public Summary addInput(Summary acc, Forecast f) {
      acc.forecasts++;
      acc.firstWindowStart = Math.min(acc.firstWindowStart, f.getWindowStart().getMillis());
      acc.validUntil = Math.max(acc.validUntil, f.getValidUntil().getMillis());
      return acc;
    }

    @Override
    public Summary mergeAccumulators(Iterable<Summary> accs) {
      Summary out = new Summary();
      for (Summary a : accs) {
        out.forecasts += a.forecasts;
        out.firstWindowStart = Math.min(out.firstWindowStart, a.firstWindowStart);
        out.validUntil = Math.max(out.validUntil, a.validUntil);
      }
      return out;
    }

    @Override
    public Summary extractOutput(Summary acc) {
      return acc;
    }
  }

  /** A serializable list type, so the combined metadata has a simple coder. */
  public static final class ArrayListOfStrings extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
  }

  static final class ListFn extends Combine.CombineFn<String, ArrayListOfStrings, ArrayListOfStrings> {
    @Override
    public ArrayListOfStrings createAccumulator() {
      return new ArrayListOfStrings();
    }

    @Override
    public ArrayListOfStrings addInput(ArrayListOfStrings acc, String s) {
      acc.add(s);
      return acc;
    }

    @Override
    public ArrayListOfStrings mergeAccumulators(Iterable<ArrayListOfStrings> accs) {
      ArrayListOfStrings out = new ArrayListOfStrings();
      accs.forEach(out::addAll);
      return out;
    }

    @Override
    public ArrayListOfStrings extractOutput(ArrayListOfStrings acc) {
      acc.sort(Comparator.naturalOrder());
      return acc;
    }
  }

  static final class WriteModelFn extends DoFn<ModelRecord, String> {
    private final Counter files = Metrics.counter(WriteForecastRun.class, "model_files_written");
    private final String output;

    WriteModelFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element ModelRecord m, OutputReceiver<String> out) throws IOException {
      String dir = join(output, "models/" + m.getModelVersion() + "/");
      String base =
          ModelRecord.GLOBAL.equals(m.getScope())
              ? dir + m.getStatistic()
              : dir + m.getStatistic() + "/" + fileSafe(m.getScope());
      write(base + ".ubj", m.getBooster());
      write(base + ".json", m.getMetadataJson().getBytes(StandardCharsets.UTF_8));
      files.inc(2);
      out.output(base + ".ubj");
    }
  }

  static final class WriteManifestFn extends DoFn<ArrayListOfStrings, Void> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RunInfo run;
    private final PCollectionView<Summary> summary;

    WriteManifestFn(RunInfo run, PCollectionView<Summary> summary) {
      this.run = run;
      this.summary = summary;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Summary s = c.sideInput(summary);
      ObjectNode m = MAPPER.createObjectNode();
      m.put("model_version", run.modelVersion());
      m.put("created_at", Instant.now().toString());
      m.put("input", run.input());
      m.put("window_seconds", run.windowMillis() / 1000);
      m.put("horizon_windows", run.horizonWindows());
      m.put("model_scope", run.modelScope());
      m.put("interval_coverage", run.intervalCoverage());
      ArrayNode formats = m.putArray("forecast_formats");
      formats.add("jsonl");
      if (run.parquet()) {
        formats.add("parquet");
      }
      if (run.eventFields() != null) {
        // A stream must read its events as the history was read: it checks these at start.
        ObjectNode fields = m.putObject("event_fields");
        fields.put("timestamp", run.eventFields().timestampField());
        fields.put("value", run.eventFields().valueField());
        ArrayNode series = fields.putArray("series");
        run.eventFields().seriesFields().forEach(series::add);
      }
      ArrayNode stats = m.putArray("statistics");
      run.statistics().forEach(stats::add);
      m.put("forecasts", "forecasts/" + run.modelVersion() + "/");
      m.put("models", "models/" + run.modelVersion() + "/");
      m.put("forecast_count", s.forecasts);
      if (s.forecasts > 0) {
        m.put("valid_from", new Instant(s.firstWindowStart).toString());
        m.put("valid_until", new Instant(s.validUntil).toString());
      }
      ArrayNode evaluations = m.putArray("models_trained");
      List<JsonNode> models = new ArrayList<>();
      for (String metadata : c.element()) {
        models.add(MAPPER.readTree(metadata));
      }
      // In the order of --targets, then by series: the models come in any order.
      models.sort(
          Comparator.<JsonNode>comparingInt(
                  meta -> {
                    int i = run.statistics().indexOf(meta.path("target").asText());
                    return i < 0 ? Integer.MAX_VALUE : i;
                  })
              .thenComparing(meta -> meta.path("target").asText())
              .thenComparing(meta -> meta.path("scope").asText()));
      for (JsonNode meta : models) {
        ObjectNode e = evaluations.addObject();
        e.set("statistic", meta.get("target"));
        if (!ModelRecord.GLOBAL.equals(meta.path("scope").asText())) {
          e.set("series", meta.get("scope"));
        }
        // Where the band started (a feature, day_median, or none), to tell versions apart.
        JsonNode band = meta.path("band_baseline");
        if (band.isObject()) {
          e.put("band_baseline", band.path("feature").asText());
        } else if (band.isNull()) {
          e.put("band_baseline", "none");
        }
        e.set("holdout", summary(meta.get("evaluation")));
      }
      byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
      write(runManifestPath(run.output(), run.modelVersion()), bytes);
      if (s.forecasts == 0) {
        // A run that trained no model (too little history) must not replace a usable version:
        // streams started later would load nothing.
        LOG.warn(
            "Version {} has no forecasts; {} still names the version before it",
            run.modelVersion(), manifestPath(run.output()));
        return;
      }
      // Written last: readers follow this file to the newest complete version.
      write(manifestPath(run.output()), bytes);
    }
  }

  /**
   * A model's holdout evaluation as the manifest holds it: without the coverage of each forecast
   * step, which stays in the model's own metadata. Streams re-read the manifest on every refresh,
   * and with a model per series those arrays made it megabytes.
   */
  static @Nullable JsonNode summary(@Nullable JsonNode evaluation) {
    if (evaluation == null || !evaluation.isObject()) {
      return evaluation;
    }
    ObjectNode copy = ((ObjectNode) evaluation).deepCopy();
    copy.remove("coverage_by_step");
    return copy;
  }

  /** The model's metadata with its scope added, for the manifest. */
  static String scopedMetadata(ModelRecord m) {
    try {
      ObjectNode meta = (ObjectNode) new ObjectMapper().readTree(m.getMetadataJson());
      meta.put("scope", m.getScope());
      return meta.toString();
    } catch (IOException e) {
      throw new IllegalStateException("model metadata is not JSON: " + e.getMessage(), e);
    }
  }

  static void write(String path, byte[] bytes) throws IOException {
    ResourceId id = FileSystems.matchNewResource(path, false);
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(id, "application/octet-stream"))) {
      os.write(bytes);
    }
  }

  static String fileSafe(String seriesKey) {
    StringBuilder sb = new StringBuilder();
    for (char ch : seriesKey.toCharArray()) {
      sb.append(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' ? ch : '_');
    }
    return sb + "-" + Integer.toHexString(seriesKey.hashCode());
  }
}
