package dev.augur.transforms.stats;

import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import dev.augur.transforms.records.WindowStats;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Computes the {@link WindowStats} of every series in fixed event-time windows of {@code size},
 * with Beam SQL, and fills windows without events with empty statistics ({@link FillWindowGaps}).
 * The same composite serves the batch pipeline (history) and the streaming pipeline (live events):
 * one SQL query defines the statistics for both.
 *
 * <p>Input: {@link Event}s timestamped with their event time (as {@code ParseEvents} outputs them).
 * Output ({@link WindowedStats}): one {@link WindowStats} per series and window, timestamped at the
 * window's last millisecond and windowed into {@code FixedWindows.of(size)}, so downstream steps can
 * window or join with them; and the events refused as too late, as dead letters. An event exactly
 * at a window's end belongs to the next window.
 *
 * <p>The SQL over the rows {@code (series, event_time, value)}: {@code COUNT(*)} counts all
 * events, count-only events (null value) included; {@code COUNT(value)}, {@code SUM}, {@code MIN}
 * and {@code MAX} cover values only, and keep full double precision. Not used, because Beam SQL
 * 2.62 rounds them to 10 significant digits: {@code AVG} (the mean is {@code SUM / COUNT(value)}
 * instead) and {@code VAR_SAMP} (see {@link SampleStddevFn}, registered as {@value
 * SampleStddevFn#SQL_NAME}, for the standard deviation).
 *
 * <h2>Unbounded input: lateness</h2>
 *
 * <ul>
 *   <li>Every window emits its result when the watermark passes its end (the on-time pane), and a
 *       corrected result each time an event arrives later, up to {@link #withAllowedLateness
 *       allowedLateness} after the window closed. Panes accumulate, so a corrected result carries
 *       the statistics of all the window's events, and supersedes the earlier one (its count is
 *       larger). Downstream steps see a window's result more than once; see {@code
 *       CompareWithForecast}, {@code DetectIncidents} and {@code WriteMetrics} for what each does.
 *   <li>Events arriving after that are refused before the aggregation and come out as dead letters
 *       (step {@value ScreenLatenessFn#STEP}) whose reason says how late they were, e.g. "arrived
 *       at least 7 minutes after its window [10:00, 10:15) closed; allowed lateness 5 minutes".
 *       The payload is the parsed event as JSON (series, time, value).
 *   <li>Every event is counted once under {@value #METRICS_NAMESPACE}: {@value #ON_TIME_COUNTER},
 *       {@value #LATE_COUNTER} (counted and corrected) or {@value #TOO_LATE_COUNTER} (dead-lettered).
 * </ul>
 *
 * <p>How: Beam SQL's {@code TUMBLE} re-assigns the rows to {@code FixedWindows} with {@code
 * Window.into}, which keeps the trigger, allowed lateness and accumulation mode it is given (checked
 * against the Beam 2.62 source of {@code BeamAggregationRel} and by the tests), so the Java side sets
 * them just before the SQL and the query stays the batch one. The runner itself would drop events
 * behind the lateness without telling anyone; so {@link ScreenLatenessFn}, a stateful DoFn per
 * shard of series with an event-time timer walking the window boundaries, decides first, exactly
 * by Beam's rules while the shard's walk runs. The aggregation keeps windows one window {@code
 * size} longer than the allowed lateness: this covers what the screen cannot judge exactly — the
 * first event of a shard, at the start or after {@code idleHorizon} in which none of its series
 * had events, which it accepts as on time — should such an event be late. Only one arriving later
 * still would be dropped by the runner (counted in the runner's own {@code droppedDueToLateness}).
 *
 * <p>Bounded input has no late data: the batch path is the SQL over the default windowing, and
 * the dead letters are empty.
 *
 * <pre>{@code
 * WindowedStats out = events.apply(
 *     AggregateWindows.of(Duration.standardMinutes(5)).withAllowedLateness(Duration.standardMinutes(2)));
 * PCollection<WindowStats> stats = out.stats();
 * }</pre>
 */
public final class AggregateWindows extends PTransform<PCollection<Event>, WindowedStats> {
  /** How long the streaming gap fill keeps emitting empty windows for a silent series. */
  public static final Duration DEFAULT_IDLE_HORIZON = Duration.standardDays(1);

  public static final String METRICS_NAMESPACE = "AggregateWindows";
  public static final String ON_TIME_COUNTER = "events_on_time";
  public static final String LATE_COUNTER = "events_late_accepted";
  public static final String TOO_LATE_COUNTER = "events_too_late";

  static final TupleTag<Event> SCREENED = new TupleTag<Event>() {};
  private static final TupleTag<DeadLetter> TOO_LATE = new TupleTag<DeadLetter>() {};

  static final Schema EVENT_ROW =
      Schema.builder()
          .addStringField("series")
          .addDateTimeField("event_time")
          .addNullableField("value", Schema.FieldType.DOUBLE)
          .build();

  private final Duration size;
  private final Duration idleHorizon;
  private final Duration allowedLateness;
  private final EventTimeHorizon horizon;
  private final @Nullable PCollectionView<? extends ExpectedSeries> expected;
  private final EventFormat format;

  private AggregateWindows(
      Duration size,
      Duration idleHorizon,
      Duration allowedLateness,
      EventTimeHorizon horizon,
      @Nullable PCollectionView<? extends ExpectedSeries> expected,
      EventFormat format) {
    if (!size.isLongerThan(Duration.ZERO) || size.getMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "window size must be a positive whole number of seconds, got " + size);
    }
    if (idleHorizon.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("idle horizon must not be negative, got " + idleHorizon);
    }
    if (allowedLateness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          "allowed lateness must not be negative, got " + allowedLateness);
    }
    if (horizon == null) {
      throw new IllegalArgumentException("event-time horizon must not be null");
    }
    this.size = size;
    this.idleHorizon = idleHorizon;
    this.allowedLateness = allowedLateness;
    this.horizon = horizon;
    this.expected = expected;
    this.format = format;
  }

  /**
   * Statistics per fixed window of {@code size} (a positive whole number of seconds); for
   * unbounded input without allowed lateness (see {@link #withAllowedLateness}).
   */
  public static AggregateWindows of(Duration size) {
    return new AggregateWindows(
        size, DEFAULT_IDLE_HORIZON, Duration.ZERO, EventTimeHorizon.UNLIMITED, null,
        EventFormat.defaults());
  }

  /**
   * The field names of the events' lines (timestamp, value, series fields), so that an event too
   * late for its window is dead-lettered as a line in that form, which can be sent again; by
   * default {@link EventFormat#defaults}.
   */
  public AggregateWindows withEventFormat(EventFormat format) {
    if (format == null) {
      throw new IllegalArgumentException("event format must not be null");
    }
    return new AggregateWindows(size, idleHorizon, allowedLateness, horizon, expected, format);
  }

  /**
   * For unbounded input: emit empty windows for at most {@code idleHorizon} after a series' last
   * window with data (default {@link #DEFAULT_IDLE_HORIZON}; see {@link FillWindowGaps}); the
   * lateness screen tracks a silent series as long.
   */
  public AggregateWindows withIdleHorizon(Duration idleHorizon) {
    return new AggregateWindows(size, idleHorizon, allowedLateness, horizon, expected, format);
  }

  /**
   * For unbounded input: accept events up to {@code allowedLateness} after their window closed
   * (the watermark passed its end), emitting a corrected result for the window each time; refuse
   * later ones as dead letters. Zero (the default) refuses every event behind the watermark.
   */
  public AggregateWindows withAllowedLateness(Duration allowedLateness) {
    return new AggregateWindows(size, idleHorizon, allowedLateness, horizon, expected, format);
  }

  /**
   * For unbounded input: pad silent series with empty windows only up to {@code horizon} (default
   * {@link EventTimeHorizon#UNLIMITED}), so the end of a replay or a drain is not read as silence;
   * see {@link EventTimeHorizon}.
   */
  public AggregateWindows withEventTimeHorizon(EventTimeHorizon horizon) {
    return new AggregateWindows(size, idleHorizon, allowedLateness, horizon, expected, format);
  }

  /**
   * For unbounded input: pad a series in {@code expected} that sends nothing at all, as if it had
   * gone quiet just before the stream's first window with data; see {@link
   * FillWindowGaps#withExpectedSeries}. The streaming pipeline passes its forecast, so a series
   * already down when the stream starts is still compared.
   */
  public AggregateWindows withExpectedSeries(PCollectionView<? extends ExpectedSeries> expected) {
    if (expected == null) {
      throw new IllegalArgumentException("expected series view must not be null");
    }
    return new AggregateWindows(size, idleHorizon, allowedLateness, horizon, expected, format);
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
  public WindowedStats expand(PCollection<Event> events) {
    if (events.isBounded() == PCollection.IsBounded.BOUNDED) {
      PCollection<DeadLetter> none =
          events
              .getPipeline()
              .apply("NoLateEvents", Create.empty(TypeDescriptor.of(DeadLetter.class)));
      return new WindowedStats(aggregate(events), none);
    }
    Coder<Event> eventCoder = events.getCoder();
    PCollectionTuple screened =
        events
            .apply(
                "ByScreenShard",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptor.of(Event.class)))
                    .via((Event e) -> KV.of(ScreenLatenessFn.shardOf(e.getSeries()), e)))
            .setCoder(KvCoder.of(VarIntCoder.of(), eventCoder))
            // The screen's timer walks across windows, so it lives in the global window.
            .apply("GlobalWindow", Window.<KV<Integer, Event>>into(new GlobalWindows()))
            .apply(
                "ScreenLateness",
                ParDo.of(new ScreenLatenessFn(Lateness.of(size, allowedLateness), idleHorizon, format, TOO_LATE))
                    .withOutputTags(SCREENED, TupleTagList.of(TOO_LATE)));
    PCollection<Event> accepted =
        screened
            .get(SCREENED)
            .setCoder(eventCoder)
            // On-time result at the watermark, a corrected (accumulated) one per late event; the
            // extra window of lateness is the margin described in the class comment. Never an
            // empty on-time pane: on the FlinkRunner (Beam 2.62, Flink 1.19) every window's result
            // was followed by a second on-time pane without events, which reads as a window in
            // which nothing happened; the gap fill makes the empty windows.
            .apply(
                "LateFirings",
                Window.<Event>into(FixedWindows.of(size))
                    .triggering(
                        AfterWatermark.pastEndOfWindow()
                            .withLateFirings(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(allowedLateness.plus(size))
                    .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
                    .accumulatingFiredPanes());
    PCollection<DeadLetter> tooLate = screened.get(TOO_LATE);
    try {
      tooLate.setCoder(events.getPipeline().getSchemaRegistry().getSchemaCoder(DeadLetter.class));
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("DeadLetter has a schema", e);
    }
    return new WindowedStats(aggregate(accepted), tooLate);
  }

  /** The SQL statistics of every window with events, then the gap fill. */
  private PCollection<WindowStats> aggregate(PCollection<Event> events) {
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
        .apply("FillGaps", fillGaps());
  }

  private FillWindowGaps fillGaps() {
    FillWindowGaps fill = FillWindowGaps.of(size, idleHorizon).withHorizon(horizon);
    return expected == null ? fill : fill.withExpectedSeries(expected);
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
