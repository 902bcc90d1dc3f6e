package dev.augur.transforms.detect;

import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.alarm.IncidentScope;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.state.EventTimeBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/**
 * One incident per series instead of one per series and statistic ({@link IncidentGrouping}), for
 * {@link IncidentScope#SERIES} (for {@link IncidentScope#STATISTIC} the events pass as they are):
 * applied to the events of {@link
 * DetectIncidents} or of a backtest's walk, per series, in {@link IncidentGrouping#ORDER}.
 *
 * <p>Bounded input (a backtest) is grouped by series and folded at once. Unbounded input is
 * buffered per series until the watermark passes an event's timestamp, then applied in order, so
 * the statistics' events of one window, which reach the series' key in any order, are applied in
 * the same order as on a replay; {@link DetectIncidents} holds the watermark at its events'
 * timestamps, so none of them is late here. Output: the series' events in the global window,
 * timestamped at the time they were applied (unbounded) or at the end of the global window
 * (bounded).
 */
public final class GroupIncidents
    extends PTransform<PCollection<IncidentEvent>, PCollection<IncidentEvent>> {
  private final IncidentScope scope;

  private GroupIncidents(IncidentScope scope) {
    if (scope == null) {
      throw new IllegalArgumentException("incident scope must be set");
    }
    this.scope = scope;
  }

  /** One incident per series. */
  public static GroupIncidents bySeries() {
    return new GroupIncidents(IncidentScope.SERIES);
  }

  /** The incidents of {@code scope}: per series grouped, per statistic passed on as they are. */
  public static GroupIncidents per(IncidentScope scope) {
    return new GroupIncidents(scope);
  }

  @Override
  public PCollection<IncidentEvent> expand(PCollection<IncidentEvent> events) {
    if (scope == IncidentScope.STATISTIC) {
      return events;
    }
    Coder<IncidentEvent> eventCoder = events.getCoder();
    PCollection<KV<String, IncidentEvent>> keyed =
        events
            .apply(
                "BySeries",
                WithKeys.of(IncidentEvent::getSeries).withKeyType(TypeDescriptors.strings()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), eventCoder))
            // A series' incident outlives any one window.
            .apply("GlobalWindow", Window.into(new GlobalWindows()));
    PCollection<IncidentEvent> grouped =
        events.isBounded() == PCollection.IsBounded.BOUNDED
            ? keyed
                .apply("GroupBySeries", GroupByKey.create())
                .apply("ApplyInOrder", ParDo.of(new GroupBoundedFn()))
            : keyed.apply("ApplyAsWatermarkPasses", ParDo.of(new GroupUnboundedFn(eventCoder)));
    return grouped.setCoder(eventCoder);
  }

  private static final class GroupBoundedFn
      extends DoFn<KV<String, Iterable<IncidentEvent>>, IncidentEvent> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<IncidentEvent>> series, OutputReceiver<IncidentEvent> out) {
      List<IncidentEvent> events = new ArrayList<>();
      series.getValue().forEach(events::add);
      IncidentGrouping.apply(new IncidentGrouping.State(), events).forEach(out::output);
    }
  }

  /** State: the series' incident, the events not yet applied and the time the timer is set for. */
  private static final class GroupUnboundedFn extends DoFn<KV<String, IncidentEvent>, IncidentEvent> {
    @StateId("incident")
    private final StateSpec<ValueState<IncidentGrouping.State>> incidentSpec =
        StateSpecs.value(SerializableCoder.of(IncidentGrouping.State.class));

    @StateId("pending")
    private final StateSpec<BagState<TimestampedValue<IncidentEvent>>> pendingSpec;

    @StateId("timerAt")
    private final StateSpec<ValueState<Instant>> timerAtSpec = StateSpecs.value(InstantCoder.of());

    @TimerId("apply")
    private final TimerSpec applySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    GroupUnboundedFn(Coder<IncidentEvent> eventCoder) {
      this.pendingSpec = StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(eventCoder));
    }

    @ProcessElement
    public void process(
        @Element KV<String, IncidentEvent> element,
        @Timestamp Instant timestamp,
        @StateId("pending") BagState<TimestampedValue<IncidentEvent>> pending,
        @StateId("timerAt") ValueState<Instant> timerAt,
        @TimerId("apply") Timer apply) {
      EventTimeBuffer.add(pending, timerAt, apply, element.getValue(), timestamp);
    }

    @OnTimer("apply")
    public void onApply(
        @Timestamp Instant now,
        @StateId("incident") ValueState<IncidentGrouping.State> incident,
        @StateId("pending") BagState<TimestampedValue<IncidentEvent>> pending,
        @StateId("timerAt") ValueState<Instant> timerAt,
        @TimerId("apply") Timer apply,
        OutputReceiver<IncidentEvent> out) {
      List<IncidentEvent> due = EventTimeBuffer.release(pending, timerAt, apply, now);
      IncidentGrouping.State state = incident.read();
      if (state == null) {
        state = new IncidentGrouping.State();
      }
      for (IncidentEvent e : IncidentGrouping.apply(state, due)) {
        out.outputWithTimestamp(e, now);
      }
      incident.write(state);
    }
  }
}
