package dev.augur.transforms.stats;

import dev.augur.transforms.records.WindowStats;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Adds an empty window (count 0, sum 0, other statistics null) for every fixed window of a series in
 * which nothing happened, so that "no events" is seen as a value rather than as silence.
 *
 * <p>Input: the {@link WindowStats} of windows of {@code size}, each timestamped inside its window
 * (as {@link AggregateWindows} outputs them). Output: the same plus the empty windows, each
 * timestamped at its window's last millisecond and windowed into {@code FixedWindows.of(size)}.
 *
 * <ul>
 *   <li>Bounded input: per series, every missing window between the first and the last observed
 *       window is added ({@link WindowGaps}). Nothing is added before the first or after the last.
 *   <li>Unbounded input: per series, a stateful DoFn walks the windows in event time. When the
 *       watermark passes the end of a window for which nothing arrived, it emits an empty window,
 *       for up to {@code idleHorizon} after the end of the series' last window with data; then it
 *       stops until data arrives again (a series that went away is not padded forever). A gap
 *       longer than the horizon therefore keeps its tail unfilled, unlike in bounded mode. A window
 *       arriving after its slot was already emitted (a late pane upstream: {@link AggregateWindows}
 *       emits a corrected result for each late event) is passed through unchanged; a second result
 *       of a window still waiting for its slot replaces it if it has more events (accumulating
 *       panes only grow), so one result goes out on time. Both are counted as {@value
 *       #LATE_COUNTER}. No window is padded that starts after the {@link EventTimeHorizon} (default
 *       {@link EventTimeHorizon#UNLIMITED}): when the watermark jumps to the end of time at the end
 *       of a replay or on a drain, the walk stops at the horizon instead of inventing a day of
 *       silence; data that comes after that restarts it, as after the idle horizon.
 *   <li>Unbounded input with {@link #withExpectedSeries expected series}: a series that is
 *       expected but has sent nothing since the stream started is padded too, from the first
 *       window in which the stream was live and the series was expected, for up to {@code
 *       idleHorizon}, as if its last data had been just before. The stream is live at a window
 *       with data (any series') next to another with data: one lone window is not enough, since
 *       a job restarted from committed offsets may first read one event hours late, and padding
 *       from its window made every silent series an outage of those hours. So in a stream whose
 *       windows come in order, silent series are padded from its second window (the first, on a
 *       fresh start, holds only part of its events anyway). Expected series are looked
 *       up once per new window with data: those of a new version of the set, then those whose
 *       expectation begins later in the same version. A series that already had data is not
 *       affected. Each series padded so is counted as {@value #SEEDED_COUNTER}.
 * </ul>
 */
public final class FillWindowGaps
    extends PTransform<PCollection<WindowStats>, PCollection<WindowStats>> {
  public static final String METRICS_NAMESPACE = "FillWindowGaps";
  public static final String FILLED_COUNTER = "empty_windows_filled";
  public static final String LATE_COUNTER = "late_windows_passed_through";
  public static final String SEEDED_COUNTER = "silent_expected_series_padded";

  private final Duration size;
  private final Duration idleHorizon;
  private final EventTimeHorizon horizon;
  private final @Nullable PCollectionView<? extends ExpectedSeries> expected;

  private FillWindowGaps(
      Duration size,
      Duration idleHorizon,
      EventTimeHorizon horizon,
      @Nullable PCollectionView<? extends ExpectedSeries> expected) {
    if (!size.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("window size must be positive, got " + size);
    }
    if (idleHorizon.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("idle horizon must not be negative, got " + idleHorizon);
    }
    if (horizon == null) {
      throw new IllegalArgumentException("event-time horizon must not be null");
    }
    this.size = size;
    this.idleHorizon = idleHorizon;
    this.horizon = horizon;
    this.expected = expected;
  }

  /**
   * Fills gaps between windows of {@code size}; for unbounded input, empty windows are emitted up
   * to {@code idleHorizon} after a series' last window with data.
   */
  public static FillWindowGaps of(Duration size, Duration idleHorizon) {
    return new FillWindowGaps(size, idleHorizon, EventTimeHorizon.UNLIMITED, null);
  }

  /** For unbounded input: pad no window that starts after {@code horizon}. */
  public FillWindowGaps withHorizon(EventTimeHorizon horizon) {
    return new FillWindowGaps(size, idleHorizon, horizon, expected);
  }

  /**
   * For unbounded input: also pad the series in {@code expected} (a side input in the global
   * window) that send nothing at all; see the class comment. Bounded input ignores it: there, a
   * series' windows run from its first data to its last.
   */
  public FillWindowGaps withExpectedSeries(PCollectionView<? extends ExpectedSeries> expected) {
    if (expected == null) {
      throw new IllegalArgumentException("expected series view must not be null");
    }
    return new FillWindowGaps(size, idleHorizon, horizon, expected);
  }

  @Override
  public PCollection<WindowStats> expand(PCollection<WindowStats> stats) {
    Coder<WindowStats> statsCoder = stats.getCoder();
    PCollection<KV<String, WindowStats>> keyed =
        stats
            .apply(
                "BySeries",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(WindowStats.class)))
                    .via((WindowStats s) -> KV.of(s.getSeries(), s)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), statsCoder));
    PCollection<WindowStats> filled =
        stats.isBounded() == PCollection.IsBounded.BOUNDED
            ? fillBounded(keyed)
            : withSeeds(
                    // Timers must outlive single windows, so the walk runs in the global window.
                    keyed.apply(
                        "GlobalWindow", Window.<KV<String, WindowStats>>into(new GlobalWindows())),
                    statsCoder)
                .apply(
                    "FillAsWatermarkPasses",
                    ParDo.of(new FillUnboundedFn(size, idleHorizon, horizon, statsCoder)));
    return filled
        .setCoder(statsCoder)
        .apply("IntoFixedWindows", Window.into(FixedWindows.of(size)));
  }

  /**
   * Adds an empty window of each expected series that should start its walk (a seed); the walk
   * ignores seeds of series it already knows. The seeds are derived from the windows themselves,
   * with no grouping between, so they keep the windows' windowing and trigger and can be
   * flattened with them.
   */
  private PCollection<KV<String, WindowStats>> withSeeds(
      PCollection<KV<String, WindowStats>> windows, Coder<WindowStats> statsCoder) {
    if (expected == null) {
      return windows;
    }
    PCollection<KV<String, WindowStats>> seeds =
        windows
            .apply(
                "WindowStarts",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.longs()))
                    .via((KV<String, WindowStats> w) -> KV.of(0, w.getValue().getWindowStart().getMillis())))
            .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
            .apply("SeedExpectedSeries", ParDo.of(new SeedFn(size, expected)).withSideInputs(expected))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), statsCoder));
    return PCollectionList.of(windows).and(seeds).apply("WithSeeds", Flatten.pCollections());
  }

  private PCollection<WindowStats> fillBounded(PCollection<KV<String, WindowStats>> keyed) {
    return keyed
        // EARLIEST keeps the group's timestamp at its first window, so all windows can be output
        // at their own (later) timestamps.
        .apply(
            "GlobalWindow",
            Window.<KV<String, WindowStats>>into(new GlobalWindows())
                .withTimestampCombiner(TimestampCombiner.EARLIEST))
        .apply("GroupBySeries", GroupByKey.create())
        .apply("FillBetweenFirstAndLast", ParDo.of(new FillBoundedFn(size)));
  }

  private static Instant lastMillisecond(WindowStats w) {
    return w.getWindowEnd().minus(Duration.millis(1));
  }

  private static final class FillBoundedFn
      extends DoFn<KV<String, Iterable<WindowStats>>, WindowStats> {
    private static final Counter FILLED = Metrics.counter(METRICS_NAMESPACE, FILLED_COUNTER);
    private final Duration size;

    FillBoundedFn(Duration size) {
      this.size = size;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<WindowStats>> series, OutputReceiver<WindowStats> out) {
      for (WindowStats w : WindowGaps.fill(series.getValue(), size)) {
        if (w.getCount() == 0) {
          FILLED.inc();
        }
        out.outputWithTimestamp(w, lastMillisecond(w));
      }
    }
  }

  /**
   * On one key, so it sees every window start once: on the first window with data right after the
   * newest one seen, emits a seed (an empty window) for each expected series not yet seeded in the
   * current version of the set; on a window right before the oldest seen (the stream's first
   * windows out of order), a seed for each series expected in it, which moves a walk that has
   * emitted nothing yet back to it. A window with data whose neighbours had none seeds nothing.
   * State: the newest and oldest window starts seen, the version seeded and the window start up to
   * which its series were seeded.
   */
  private static final class SeedFn extends DoFn<KV<Integer, Long>, KV<String, WindowStats>> {
    private final Duration size;
    private final PCollectionView<? extends ExpectedSeries> expected;

    @StateId("newest")
    private final StateSpec<ValueState<Long>> newestSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("version")
    private final StateSpec<ValueState<String>> versionSpec = StateSpecs.value(StringUtf8Coder.of());

    @StateId("seededUpTo")
    private final StateSpec<ValueState<Instant>> seededUpToSpec = StateSpecs.value(InstantCoder.of());

    @StateId("oldest")
    private final StateSpec<ValueState<Long>> oldestSpec = StateSpecs.value(VarLongCoder.of());

    SeedFn(Duration size, PCollectionView<? extends ExpectedSeries> expected) {
      this.size = size;
      this.expected = expected;
    }

    @ProcessElement
    public void process(
        ProcessContext c,
        @StateId("newest") ValueState<Long> newest,
        @StateId("version") ValueState<String> seededVersion,
        @StateId("seededUpTo") ValueState<Instant> seededUpTo,
        @StateId("oldest") ValueState<Long> oldest) {
      long startMillis = c.element().getValue();
      Long seen = newest.read();
      Long first = oldest.read();
      boolean newer = seen == null || startMillis > seen;
      // A window older than any seen so far: the stream's first results came out of order (a
      // replay catching up emits several windows at once), and its series start there.
      boolean older = first != null && startMillis < first;
      if (!newer && !older) {
        return;
      }
      if (newer) {
        newest.write(startMillis);
      }
      if (first == null || older) {
        oldest.write(startMillis);
      }
      // The stream is live at a window with data next to another window with data. A lone
      // window is not enough: a job restarted from its committed offsets may read one event
      // hours late first, and seeding there made every silent series an outage since then.
      boolean live =
          newer
              ? seen != null && startMillis - size.getMillis() == seen
              : startMillis + size.getMillis() == first;
      if (!live) {
        return;
      }
      ExpectedSeries set = c.sideInput(expected);
      String version = set.version();
      if (version == null) {
        return;
      }
      Instant start = new Instant(startMillis);
      Instant end = start.plus(size);
      Instant after = newer && version.equals(seededVersion.read()) ? seededUpTo.read() : null;
      for (String series : set.expectedIn(start, end, after)) {
        c.outputWithTimestamp(KV.of(series, WindowStats.empty(series, start, end)), end.minus(Duration.millis(1)));
      }
      if (newer) {
        seededVersion.write(version);
        seededUpTo.write(start);
      }
    }
  }

  /**
   * Per series: buffers arriving windows and, window by window as the watermark passes each end,
   * emits the buffered window or an empty one. State: the start of the window the timer is armed
   * for, the end of the last emitted window, the end of the last emitted window with data, and the
   * buffered windows by start.
   */
  private static final class FillUnboundedFn extends DoFn<KV<String, WindowStats>, WindowStats> {
    private static final Counter FILLED = Metrics.counter(METRICS_NAMESPACE, FILLED_COUNTER);
    private static final Counter LATE = Metrics.counter(METRICS_NAMESPACE, LATE_COUNTER);
    private static final Counter SEEDED = Metrics.counter(METRICS_NAMESPACE, SEEDED_COUNTER);

    private final Duration size;
    private final Duration idleHorizon;
    private final EventTimeHorizon horizon;

    @StateId("armedFor")
    private final StateSpec<ValueState<Instant>> armedForSpec = StateSpecs.value(InstantCoder.of());

    @StateId("emittedUpTo")
    private final StateSpec<ValueState<Instant>> emittedUpToSpec =
        StateSpecs.value(InstantCoder.of());

    @StateId("lastDataEnd")
    private final StateSpec<ValueState<Instant>> lastDataEndSpec =
        StateSpecs.value(InstantCoder.of());

    @StateId("pending")
    private final StateSpec<MapState<Long, WindowStats>> pendingSpec;

    @TimerId("walk")
    private final TimerSpec walkSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    FillUnboundedFn(
        Duration size, Duration idleHorizon, EventTimeHorizon horizon, Coder<WindowStats> statsCoder) {
      this.size = size;
      this.idleHorizon = idleHorizon;
      this.horizon = horizon;
      this.pendingSpec = StateSpecs.map(VarLongCoder.of(), statsCoder);
    }

    @ProcessElement
    public void process(
        @Element KV<String, WindowStats> element,
        @StateId("armedFor") ValueState<Instant> armedFor,
        @StateId("emittedUpTo") ValueState<Instant> emittedUpTo,
        @StateId("pending") MapState<Long, WindowStats> pending,
        @TimerId("walk") Timer walk,
        OutputReceiver<WindowStats> out) {
      WindowStats w = element.getValue();
      Instant emitted = emittedUpTo.read();
      Instant armed = armedFor.read();
      if (w.getCount() == 0) {
        // A seed (windows with data have events): it only starts the walk of a series not yet
        // emitted, or moves that walk back to an earlier window; it waits for its slot like data,
        // and real data for the window replaces it.
        long seedStart = w.getWindowStart().getMillis();
        if (emitted == null
            && (armed == null || w.getWindowStart().isBefore(armed))
            && pending.get(seedStart).read() == null) {
          // Seeds of later windows go: the series' silence is counted from the earliest.
          for (Map.Entry<Long, WindowStats> later : pending.entries().read()) {
            if (later.getValue().getCount() == 0) {
              pending.remove(later.getKey());
            }
          }
          pending.put(seedStart, w);
          arm(walk, armedFor, w.getWindowStart());
        }
        return;
      }
      long start = w.getWindowStart().getMillis();
      // A window whose slot was already emitted is a late or repeated pane upstream: pass it on
      // rather than drop it.
      if (emitted != null && w.getWindowStart().isBefore(emitted)) {
        LATE.inc();
        out.output(w);
        return;
      }
      WindowStats waiting = pending.get(start).read();
      if (waiting != null && waiting.getCount() == 0) {
        // The seed of this window: the data takes its place.
        pending.put(start, w);
        return;
      }
      if (waiting != null) {
        // Still waiting for its slot: keep the later of the two accumulating panes (more events),
        // so only the corrected result goes out.
        LATE.inc();
        if (w.getCount() > waiting.getCount()) {
          pending.put(start, w);
        }
        return;
      }
      pending.put(start, w);
      // Start walking (first window, or data after an idle stop), or step back to a window that
      // arrived after a later one.
      if (armed == null || w.getWindowStart().isBefore(armed)) {
        arm(walk, armedFor, w.getWindowStart());
      }
    }

    @OnTimer("walk")
    public void onWalk(
        @Key String series,
        @StateId("armedFor") ValueState<Instant> armedFor,
        @StateId("emittedUpTo") ValueState<Instant> emittedUpTo,
        @StateId("lastDataEnd") ValueState<Instant> lastDataEnd,
        @StateId("pending") MapState<Long, WindowStats> pending,
        @TimerId("walk") Timer walk,
        OutputReceiver<WindowStats> out) {
      Instant start = armedFor.read();
      Instant end = start.plus(size);
      WindowStats data = pending.get(start.getMillis()).read();
      // Every walk starts at a window with data, so this is only null before the first emission.
      Instant dataEnd = lastDataEnd.read() == null ? end : lastDataEnd.read();
      boolean beyondHorizon = false;
      if (data != null) {
        if (data.getCount() == 0) {
          // A seed that no data replaced.
          FILLED.inc();
          if (lastDataEnd.read() == null) {
            SEEDED.inc();
          }
        }
        pending.remove(start.getMillis());
        out.outputWithTimestamp(data, lastMillisecond(data));
        dataEnd = end;
        lastDataEnd.write(end);
        emittedUpTo.write(end);
      } else if (start.isAfter(horizon.latest())) {
        // The watermark passed a window that has not begun in event time (end of input, drain):
        // nothing happened in it, so nothing is said about it.
        beyondHorizon = true;
      } else {
        FILLED.inc();
        out.outputWithTimestamp(WindowStats.empty(series, start, end), end.minus(Duration.millis(1)));
        emittedUpTo.write(end);
      }

      Instant nextEnd = end.plus(size);
      if (!beyondHorizon && !nextEnd.isAfter(dataEnd.plus(idleHorizon))) {
        arm(walk, armedFor, end);
        return;
      }
      // Past the idle horizon or the event-time horizon: jump to the next buffered window, if
      // any, else stop.
      Long nextData = null;
      for (Long s : pending.keys().read()) {
        nextData = nextData == null ? s : Math.min(nextData, s);
      }
      if (nextData != null) {
        arm(walk, armedFor, new Instant(nextData));
      } else {
        armedFor.clear();
      }
    }

    /** Fires when the watermark passes the end of the window at {@code start}. */
    private void arm(Timer walk, ValueState<Instant> armedFor, Instant start) {
      Instant end = start.plus(size);
      armedFor.write(start);
      // Hold the output watermark at the window's last millisecond, where its output goes.
      walk.withOutputTimestamp(end.minus(Duration.millis(1))).set(end);
    }
  }
}
