package dev.augur.transforms.stats;

import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WindowStats;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Computes the {@link WindowStats} of every series in fixed event-time windows of {@code size},
 * with Beam SQL, and fills windows without events with empty statistics ({@link FillWindowGaps}).
 * The same composite serves the batch pipeline (history) and the streaming pipeline (live events).
 *
 * <p>Input: {@link Event}s timestamped with their event time (as {@code ParseEvents} outputs them).
 * Output: one {@link WindowStats} per series and window, timestamped at the window's last
 * millisecond and windowed into {@code FixedWindows.of(size)}, so downstream steps can window or
 * join with them. An event exactly at a window's end belongs to the next window.
 *
 * <p>The SQL over the rows {@code (series, event_time, value)}: {@code COUNT(*)} counts all
 * events, count-only events (null value) included; {@code COUNT(value)}, {@code SUM}, {@code MIN}
 * and {@code MAX} cover values only, and keep full double precision. Not used, because Beam SQL
 * 2.62 rounds them to 10 significant digits: {@code AVG} (the mean is {@code SUM / COUNT(value)}
 * instead) and {@code VAR_SAMP} (see {@link SampleStddevFn}, registered as {@value
 * SampleStddevFn#SQL_NAME}, for the standard deviation). Unbounded input uses SQL's default
 * trigger: one on-time result per window, late events dropped and counted by the runner.
 *
 * <pre>{@code
 * PCollection<WindowStats> stats = events.apply(AggregateWindows.of(Duration.standardMinutes(5)));
 * }</pre>
 */
public final class AggregateWindows extends PTransform<PCollection<Event>, PCollection<WindowStats>> {
  /** How long the streaming gap fill keeps emitting empty windows for a silent series. */
  public static final Duration DEFAULT_IDLE_HORIZON = Duration.standardDays(1);

  static final Schema EVENT_ROW =
      Schema.builder()
          .addStringField("series")
          .addDateTimeField("event_time")
          .addNullableField("value", Schema.FieldType.DOUBLE)
          .build();

  private final Duration size;
  private final Duration idleHorizon;

  private AggregateWindows(Duration size, Duration idleHorizon) {
    if (!size.isLongerThan(Duration.ZERO) || size.getMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "window size must be a positive whole number of seconds, got " + size);
    }
    this.size = size;
    this.idleHorizon = idleHorizon;
  }

  /** Statistics per fixed window of {@code size} (a positive whole number of seconds). */
  public static AggregateWindows of(Duration size) {
    return new AggregateWindows(size, DEFAULT_IDLE_HORIZON);
  }

  /**
   * For unbounded input: emit empty windows for at most {@code idleHorizon} after a series' last
   * window with events (default {@link #DEFAULT_IDLE_HORIZON}); see {@link FillWindowGaps}.
   */
  public AggregateWindows withIdleHorizon(Duration idleHorizon) {
    return new AggregateWindows(size, idleHorizon);
  }

  /** The SQL query for windows of {@code size}. */
  static String query(Duration size) {
    long seconds = size.getStandardSeconds();
    // Calcite's default leading precision of SECOND is 2 digits; give it as many as needed.
    String interval =
        String.format(
            "INTERVAL '%d' SECOND(%d)", seconds, Math.max(2, Long.toString(seconds).length()));
    return "SELECT series,\n"
        + "  TUMBLE_START(event_time, " + interval + ") AS window_start,\n"
        + "  COUNT(*) AS event_count,\n"
        + "  COUNT(`value`) AS value_count,\n"
        + "  SUM(`value`) AS value_sum,\n"
        + "  MIN(`value`) AS value_min,\n"
        + "  MAX(`value`) AS value_max,\n"
        + "  " + SampleStddevFn.SQL_NAME + "(`value`) AS value_stddev\n"
        + "FROM PCOLLECTION\n"
        + "GROUP BY series, TUMBLE(event_time, " + interval + ")";
  }

  @Override
  public PCollection<WindowStats> expand(PCollection<Event> events) {
    return events
        .apply(
            "ToRows",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (Event e) ->
                        Row.withSchema(EVENT_ROW)
                            .addValues(e.getSeries(), e.getEventTime(), e.getValue())
                            .build()))
        .setRowSchema(EVENT_ROW)
        .apply(
            "WindowStatsSql",
            SqlTransform.query(query(size)).registerUdaf(SampleStddevFn.SQL_NAME, new SampleStddevFn()))
        .apply("ToWindowStats", ParDo.of(new ToWindowStatsFn(size)))
        .apply("FillGaps", FillWindowGaps.of(size, idleHorizon));
  }

  /** Builds the record from one SQL result row; derives the mean and nulls undefined statistics. */
  private static final class ToWindowStatsFn extends DoFn<Row, WindowStats> {
    private final Duration size;

    ToWindowStatsFn(Duration size) {
      this.size = size;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<WindowStats> out) {
      Instant start = row.getDateTime("window_start").toInstant();
      long values = row.getInt64("value_count");
      Double sum = row.getDouble("value_sum");
      Double stddev = row.getDouble("value_stddev");
      WindowStats stats =
          WindowStats.create(
              row.getString("series"),
              start,
              start.plus(size),
              row.getInt64("event_count"),
              values == 0 ? 0.0 : sum,
              values == 0 ? null : sum / values,
              values < 2 || stddev == null || stddev.isNaN() ? null : stddev,
              values == 0 ? null : row.getDouble("value_min"),
              values == 0 ? null : row.getDouble("value_max"));
      out.outputWithTimestamp(stats, stats.getWindowEnd().minus(Duration.millis(1)));
    }
  }
}
