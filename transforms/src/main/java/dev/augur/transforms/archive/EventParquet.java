package dev.augur.transforms.archive;

import dev.augur.models.SeriesKey;
import dev.augur.transforms.records.Event;
import java.util.LinkedHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The Parquet form of an archived event ({@link ArchiveFormat#PARQUET}): the event's line as it was
 * archived, which the batch pipeline reads back and parses as it parses JSON lines, and the parsed
 * event beside it as columns, so that Athena, Spark or DuckDB query the archive in place, for
 * example
 *
 * <pre>{@code
 * CREATE EXTERNAL TABLE augur_events (event_time timestamp, series string,
 *   dimensions map<string,string>, value double, event string)
 * PARTITIONED BY (dt string, hour string)
 * STORED AS PARQUET LOCATION 's3://bucket/augur-archive/events/';
 * }</pre>
 *
 * <p>{@code value} is null for an event that only counts.
 */
public final class EventParquet {
  /** The column holding the archived line. */
  public static final String EVENT = "event";

  private static final Schema TIMESTAMP =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

  /** The Avro schema the Parquet files are written with. */
  public static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .namespace("dev.augur")
          .fields()
          .name("event_time").type(TIMESTAMP).noDefault()
          .requiredString("series")
          .name("dimensions").type().map().values().stringType().noDefault()
          .optionalDouble("value")
          .requiredString(EVENT)
          .endRecord();

  private EventParquet() {}

  /** The record of {@code event}, parsed from {@code line}. */
  public static GenericRecord toRecord(Event event, String line) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("event_time", event.getEventTime().getMillis());
    r.put("series", event.getSeries());
    r.put("dimensions", new LinkedHashMap<>(SeriesKey.parse(event.getSeries())));
    r.put("value", event.getValue());
    r.put(EVENT, line);
    return r;
  }
}
