package dev.augur.transforms.forecast;

import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Forecast;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.joda.time.Instant;

/**
 * The Parquet form of a {@link Forecast}: the fields of {@link ForecastJson} with the same names,
 * the four instants as {@code TIMESTAMP_MILLIS} (UTC) and the dimensions as a map, so that Athena,
 * Spark or DuckDB query a forecast version in place, for example
 *
 * <pre>{@code
 * CREATE EXTERNAL TABLE augur_forecasts (series string, dimensions map<string,string>,
 *   statistic string, window_start timestamp, window_end timestamp, expected double,
 *   lower double, upper double, model_version string, trained_at timestamp,
 *   valid_until timestamp)
 * STORED AS PARQUET LOCATION 's3://bucket/augur/forecasts/20240501T000000Z/';
 * }</pre>
 */
public final class ForecastParquet {
  private static final Schema TIMESTAMP =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

  /** The Avro schema the Parquet files are written with. */
  public static final Schema SCHEMA =
      SchemaBuilder.record("Forecast")
          .namespace("dev.augur")
          .fields()
          .requiredString("series")
          .name("dimensions").type().map().values().stringType().noDefault()
          .requiredString("statistic")
          .name("window_start").type(TIMESTAMP).noDefault()
          .name("window_end").type(TIMESTAMP).noDefault()
          .requiredDouble("expected")
          .requiredDouble("lower")
          .requiredDouble("upper")
          .requiredString("model_version")
          .name("trained_at").type(TIMESTAMP).noDefault()
          .name("valid_until").type(TIMESTAMP).noDefault()
          .endRecord();

  private ForecastParquet() {}

  public static GenericRecord toRecord(Forecast f) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("series", f.getSeries());
    r.put("dimensions", new LinkedHashMap<>(SeriesKey.parse(f.getSeries())));
    r.put("statistic", f.getStatistic());
    r.put("window_start", f.getWindowStart().getMillis());
    r.put("window_end", f.getWindowEnd().getMillis());
    r.put("expected", f.getExpected());
    r.put("lower", f.getLower());
    r.put("upper", f.getUpper());
    r.put("model_version", f.getModelVersion());
    r.put("trained_at", f.getTrainedAt().getMillis());
    r.put("valid_until", f.getValidUntil().getMillis());
    return r;
  }

  /** The inverse of {@link #toRecord}, for readers and tests. */
  public static Forecast fromRecord(GenericRecord r) {
    return Forecast.create(
        r.get("series").toString(),
        r.get("statistic").toString(),
        new Instant((long) r.get("window_start")),
        new Instant((long) r.get("window_end")),
        (double) r.get("expected"),
        (double) r.get("lower"),
        (double) r.get("upper"),
        r.get("model_version").toString(),
        new Instant((long) r.get("trained_at")),
        new Instant((long) r.get("valid_until")));
  }

  /** The dimensions map of a record, with Avro's UTF-8 values as strings. */
  public static Map<String, String> dimensions(GenericRecord r) {
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<?, ?>) r.get("dimensions")).forEach((k, v) -> out.put(k.toString(), v.toString()));
    return out;
  }
}
