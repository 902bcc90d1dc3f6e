package dev.augur.transforms.detect;

import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.AlarmReference;
import dev.augur.transforms.alarm.AlarmState;
import dev.augur.transforms.alarm.AlarmStateMachine;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.IncidentEventCounters;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Opens, updates and resolves incidents from comparisons: per series and statistic, feeds the
 * comparisons in window order to an {@link AlarmStateMachine} and emits the {@link IncidentEvent}s
 * it returns. The result equals {@link AlarmReference#run} over the same comparisons, on bounded
 * and unbounded input alike, except for comparisons dropped as late (below).
 *
 * <p>Input: comparisons of any windowing, each timestamped within its window (as {@code
 * CompareWithForecast} outputs them, at the window's last millisecond); the windows of one series
 * and statistic tile a grid. Output: incident events in the global window, each timestamped at the
 * last millisecond of the window that caused it (or later, if its comparison was timestamped
 * later), which the transform holds the watermark for, so they are on time downstream.
 *
 * <p>How: a stateful DoFn keyed by series and statistic buffers comparisons in a {@link MapState}
 * by window start and walks them with one event-time timer, armed for the earliest buffered window
 * and firing when the watermark passes its last millisecond. Once the watermark is there, no
 * on-time comparison of an earlier window can still arrive, so comparisons arriving out of order
 * are processed in order. After a window, the walk looks up the next window on the grid directly
 * and scans the buffer only after a gap, so a bounded run (a backtest, where every timer fires at
 * the end) costs one lookup per window. {@code MapState} is used rather than {@code
 * OrderedListState}, which not every runner supports, and rather than a {@code BagState}, which
 * would have to be read whole at every step; {@code MapState}, {@code ValueState} and event-time
 * timers in the global window work on the Direct, Flink and Dataflow runners, batch and streaming.
 *
 * <p>Late data: a comparison whose window is not after the last window already processed for its
 * key (it arrived after the watermark passed a later window, or it repeats one) is dropped and
 * counted as {@value #LATE_COUNTER}; processing it would break window order and make a replay
 * differ. A comparison behind the watermark but after the last processed window is still processed
 * in order. A second comparison of a window still buffered is dropped and counted as {@value
 * #REPEATED_COUNTER}.
 *
 * <p>Corrected results: for each event arriving within the allowed lateness, {@code
 * AggregateWindows} emits the window again with its corrected statistics, and {@code
 * CompareWithForecast} compares it again. The alarm judges every window once, by the first
 * comparison of it that it processes (normally the on-time one): a correction of a window already
 * processed counts as late, one arriving while the first still waits as repeated, and neither is
 * counted towards M of N a second time. Incidents already published are never taken back; the
 * corrected values reach the metrics.
 *
 * <p>Usage: {@code comparisons.apply(DetectIncidents.of(AlarmConfig.builder()...build()))}.
 * Counters {@value #OPENED_COUNTER}, {@value #UPDATED_COUNTER} and {@value #RESOLVED_COUNTER} under
 * {@value #METRICS_NAMESPACE} count the events by type, per statistic.
 */
public final class DetectIncidents
    extends PTransform<PCollection<Comparison>, PCollection<IncidentEvent>> {
  public static final String METRICS_NAMESPACE = "DetectIncidents";
  // Per statistic, before the statistics of a series share an incident ({@link GroupIncidents}):
  // what incidents were published is counted by {@link
  // dev.augur.transforms.sink.PublishIncidents}.
  public static final String OPENED_COUNTER = "statistic_incidents_opened";
  public static final String UPDATED_COUNTER = "statistic_incidents_updated";
  public static final String RESOLVED_COUNTER = "statistic_incidents_resolved";
  public static final String LATE_COUNTER = "late_comparisons_dropped";
  public static final String REPEATED_COUNTER = "repeated_comparisons_dropped";

  private final AlarmConfig config;

  private DetectIncidents(AlarmConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must be set");
    }
    this.config = config;
  }

  /** Detects incidents with {@code config}. */
  public static DetectIncidents of(AlarmConfig config) {
    return new DetectIncidents(config);
  }

  /** Detects incidents with {@link AlarmConfig#defaults()}. */
  public static DetectIncidents withDefaults() {
    return of(AlarmConfig.defaults());
  }

  @Override
  public PCollection<IncidentEvent> expand(PCollection<Comparison> comparisons) {
    Coder<Comparison> comparisonCoder = comparisons.getCoder();
    Coder<IncidentEvent> eventCoder;
    try {
      eventCoder =
          comparisons.getPipeline().getSchemaRegistry().getSchemaCoder(IncidentEvent.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("IncidentEvent has a schema", e);
    }
    return comparisons
        .apply(
            "BySeriesAndStatistic",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(Comparison.class)))
                .via((Comparison c) -> KV.of(key(c), c)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), comparisonCoder))
        // The alarm state and its timer outlive any one window, so they live in the global window.
        .apply("GlobalWindow", Window.<KV<String, Comparison>>into(new GlobalWindows()))
        .apply(
            "AdvanceInWindowOrder",
            ParDo.of(new DetectFn(new AlarmStateMachine(config), comparisonCoder)))
        .setCoder(eventCoder);
  }

  /** Unambiguous whatever characters the series and statistic hold. */
  private static String key(Comparison c) {
    return c.getSeries().length() + ":" + c.getSeries() + "|" + c.getStatistic();
  }

  /**
   * State: the alarm state, the buffered comparisons by window start, and the start of the window
   * the timer is armed for (the earliest buffered one).
   */
  private static final class DetectFn extends DoFn<KV<String, Comparison>, IncidentEvent> {
    private static final IncidentEventCounters EVENTS =
        new IncidentEventCounters(METRICS_NAMESPACE, OPENED_COUNTER, UPDATED_COUNTER, RESOLVED_COUNTER);
    private static final Counter LATE = Metrics.counter(METRICS_NAMESPACE, LATE_COUNTER);
    private static final Counter REPEATED = Metrics.counter(METRICS_NAMESPACE, REPEATED_COUNTER);

    private final AlarmStateMachine machine;

    @StateId("alarm")
    private final StateSpec<ValueState<AlarmState>> alarmSpec =
        StateSpecs.value(AlarmStateCoder.of());

    @StateId("pending")
    private final StateSpec<MapState<Long, Comparison>> pendingSpec;

    @StateId("armedFor")
    private final StateSpec<ValueState<Long>> armedForSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("next")
    private final TimerSpec nextSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    DetectFn(AlarmStateMachine machine, Coder<Comparison> comparisonCoder) {
      this.machine = machine;
      this.pendingSpec = StateSpecs.map(VarLongCoder.of(), comparisonCoder);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Comparison> element,
        @Timestamp Instant timestamp,
        @StateId("alarm") ValueState<AlarmState> alarm,
        @StateId("pending") MapState<Long, Comparison> pending,
        @StateId("armedFor") ValueState<Long> armedFor,
        @TimerId("next") Timer next) {
      Comparison c = element.getValue();
      AlarmState state = alarm.read();
      if (state != null && !state.accepts(c)) {
        LATE.inc();
        return;
      }
      long start = c.getWindowStart().getMillis();
      if (pending.get(start).read() != null) {
        REPEATED.inc();
        return;
      }
      pending.put(start, c);
      Long armed = armedFor.read();
      if (armed == null || start < armed) {
        arm(next, armedFor, c, timestamp);
      }
    }

    @OnTimer("next")
    public void onNext(
        @Timestamp Instant hold,
        @StateId("alarm") ValueState<AlarmState> alarm,
        @StateId("pending") MapState<Long, Comparison> pending,
        @StateId("armedFor") ValueState<Long> armedFor,
        @TimerId("next") Timer next,
        OutputReceiver<IncidentEvent> out) {
      Long armed = armedFor.read();
      Comparison c = armed == null ? null : pending.get(armed).read();
      Long after = null;
      if (c != null) {
        pending.remove(armed);
        AlarmState state = alarm.read();
        if (state == null) {
          state = AlarmState.initial();
        }
        // Only off-grid windows (overlapping the one just armed) can fall behind here.
        if (state.accepts(c)) {
          for (IncidentEvent e : machine.advance(state, c)) {
            count(e);
            out.outputWithTimestamp(e, hold);
          }
          alarm.write(state);
        } else {
          LATE.inc();
        }
        after = c.getWindowEnd().getMillis();
      }
      // The next window on the grid, if buffered; after a gap, the earliest buffered one.
      Comparison following = after == null ? null : pending.get(after).read();
      if (following == null) {
        Long earliest = null;
        for (Long start : pending.keys().read()) {
          earliest = earliest == null ? start : Math.min(earliest, start);
        }
        following = earliest == null ? null : pending.get(earliest).read();
      }
      if (following != null) {
        arm(next, armedFor, following, hold);
      } else {
        armedFor.clear();
      }
    }

    /**
     * Fires when the watermark passes the last millisecond of {@code c}'s window (or {@code
     * notBefore}, if later), holding the output watermark there, where its events go. From then on
     * only comparisons of this window or later ones can arrive on time.
     */
    private static void arm(
        Timer next, ValueState<Long> armedFor, Comparison c, Instant notBefore) {
      armedFor.write(c.getWindowStart().getMillis());
      Instant lastMilli = c.getWindowEnd().minus(Duration.millis(1));
      Instant at = lastMilli.isBefore(notBefore) ? notBefore : lastMilli;
      next.withOutputTimestamp(at).set(at);
    }

    private static void count(IncidentEvent e) {
      EVENTS.count(e);
    }
  }
}
