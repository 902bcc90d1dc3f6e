package dev.augur.transforms.forecast;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.Forecast;
import dev.augur.transforms.records.ModelRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** One forecast run written as JSON lines and, when asked, as Parquet with the same content. */
public class WriteForecastRunTest {
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();
  @Rule public final transient TestPipeline write = TestPipeline.create();
  @Rule public final transient TestPipeline read = TestPipeline.create();

  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant TRAINED = Instant.parse("2024-05-01T00:03:12.345Z");

  private static List<Forecast> forecasts() {
    List<Forecast> out = new ArrayList<>();
    for (String series : List.of("region=eu-west-1,service=checkout", "region=us-east-1,service=cart")) {
      for (String statistic : List.of("count", "mean")) {
        for (int h = 0; h < 4; h++) {
          Instant from = START.plus(Duration.standardMinutes(15L * h));
          double expected = 100 + 10 * h + (statistic.equals("mean") ? 0.125 : 0) + series.length();
          out.add(Forecast.create(series, statistic, from, from.plus(Duration.standardMinutes(15)),
              expected, expected - 7.5, expected + 8.25, "v1", TRAINED,
              START.plus(Duration.standardHours(1))));
        }
      }
    }
    return out;
  }

  private Path runWrite(boolean parquet) {
    Path out = tmp.getRoot().toPath().resolve(parquet ? "with-parquet" : "jsonl-only");
    PCollection<ModelRecord> models =
        write.apply("Models", Create.of(
            ModelRecord.create("mean", ModelRecord.GLOBAL, "v1", new byte[] {4},
                "{\"target\":\"mean\",\"band_baseline\":null,\"evaluation\":null}"),
            ModelRecord.create("count", ModelRecord.GLOBAL, "v1", new byte[] {1, 2, 3},
                "{\"target\":\"count\",\"band_baseline\":{\"feature\":\"day_median\","
                    + "\"median_start\":0.5},\"evaluation\":{\"wape\":0.25,\"coverage\":0.9,"
                    + "\"coverage_by_step\":[0.91,0.9,0.89,0.9]}}")));
    write
        .apply("Forecasts", Create.of(forecasts()))
        .apply(new WriteForecastRun(models, new WriteForecastRun.RunInfo(out.toString(), "v1",
            900_000L, 4, List.of("count", "mean"), "GLOBAL", 0.9, "events/*.jsonl", parquet,
            EventFormat.of("@timestamp", "latency_ms", List.of("svc", "dc")))));
    write.run().waitUntilFinish();
    return out;
  }

  @Test
  public void parquetHoldsTheSameForecastsAsTheJsonLines() throws IOException {
    Path out = runWrite(true);
    Path dir = out.resolve("forecasts/v1");
    List<Forecast> fromJson = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        Files.readAllLines(f, StandardCharsets.UTF_8).forEach(l -> fromJson.add(ForecastJson.fromJson(l)));
      }
    }
    assertEquals(forecasts().size(), fromJson.size());

    PCollection<GenericRecord> records =
        read.apply(ParquetIO.read(ForecastParquet.SCHEMA).from(dir + "/forecasts*.parquet"));
    PCollection<Forecast> fromParquet =
        records.apply("FromRecords", MapElements.into(TypeDescriptor.of(Forecast.class))
            .via(ForecastParquet::fromRecord));
    PAssert.that(fromParquet).containsInAnyOrder(fromJson);
    // The dimensions map, joined back in key order, is the series key it was parsed from.
    PAssert.that(records.apply("Dimensions",
            MapElements.into(TypeDescriptor.of(String.class))
                .via(r -> r.get("series") + " " + joined(ForecastParquet.dimensions(r)))))
        .satisfies(lines -> {
          int n = 0;
          for (String line : lines) {
            String[] parts = line.split(" ");
            assertEquals(parts[0], parts[1]);
            n++;
          }
          assertEquals(forecasts().size(), n);
          return null;
        });
    read.run().waitUntilFinish();

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("[\"jsonl\",\"parquet\"]", manifest.get("forecast_formats").toString());
    // The fields the history was read with, for a stream to check its own against.
    assertEquals(
        "{\"timestamp\":\"@timestamp\",\"value\":\"latency_ms\",\"series\":[\"svc\",\"dc\"]}",
        manifest.get("event_fields").toString());
    assertEquals(
        EventFormat.of("@timestamp", "latency_ms", List.of("svc", "dc")),
        ForecastManifest.read(out.toString()).eventFields());
    // In the order of the statistics, each model's figures without the coverage of each step,
    // which its own metadata keeps, and where its band started.
    assertEquals(
        "[{\"statistic\":\"count\",\"band_baseline\":\"day_median\",\"holdout\":{\"wape\":0.25,"
            + "\"coverage\":0.9}},{\"statistic\":\"mean\",\"band_baseline\":\"none\",\"holdout\":null}]",
        manifest.get("models_trained").toString());
  }

  private static String joined(Map<String, String> dimensions) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(dimensions).forEach((k, v) -> sb.append(sb.length() > 0 ? "," : "").append(k)
        .append('=').append(v));
    return sb.toString();
  }

  @Test
  public void aRunWithoutForecastsLeavesTheLatestManifestAsItWas() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("no-forecasts");
    Files.createDirectories(out);
    String previous = "{\"model_version\":\"v0\",\"window_seconds\":900,\"forecast_count\":8}";
    Files.writeString(out.resolve("manifest.json"), previous);
    PCollection<ModelRecord> models =
        write.apply("NoModels", Create.empty(org.apache.beam.sdk.values.TypeDescriptor.of(ModelRecord.class)));
    write
        .apply("NoForecasts", Create.empty(org.apache.beam.sdk.values.TypeDescriptor.of(Forecast.class)))
        .apply(new WriteForecastRun(models, new WriteForecastRun.RunInfo(out.toString(), "v1",
            900_000L, 4, List.of("count"), "GLOBAL", 0.9, "events/*.jsonl", false, null)));
    write.run().waitUntilFinish();

    assertEquals(previous, Files.readString(out.resolve("manifest.json")));
    JsonNode own = new ObjectMapper().readTree(out.resolve("manifests/v1.json").toFile());
    assertEquals("v1", own.get("model_version").asText());
    assertEquals(0, own.get("forecast_count").asLong());
    assertEquals(
        out.resolve("manifests/v1.json").toString(),
        WriteForecastRun.runManifestPath(out.toString(), "v1"));
  }

  @Test
  public void withoutParquetOnlyJsonLinesAreWritten() throws IOException {
    Path out = runWrite(false);
    try (Stream<Path> files = Files.list(out.resolve("forecasts/v1"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertFalse(names.toString(), names.isEmpty());
      assertTrue(names.toString(), names.stream().allMatch(n -> n.endsWith(".jsonl")));
    }
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("[\"jsonl\"]", manifest.get("forecast_formats").toString());
  }
}
