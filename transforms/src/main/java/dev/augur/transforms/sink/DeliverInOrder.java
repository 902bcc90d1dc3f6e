package dev.augur.transforms.sink;

import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.state.EventTimeBuffer;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
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
 * Delivers incident events with an {@link IncidentDelivery}, the events of each incident (dedupe
 * key) in the order they happened. A runner hands a step's elements over in no particular order:
 * a webhook used to see an incident's RESOLVED before its OPENED, and PagerDuty, which ignores a
 * resolve of a key it does not know, then kept the incident open for good. Each event waits until
 * the watermark passes it ({@link EventTimeBuffer}); the events of a key due together are sorted
 * ({@link IncidentGrouping#ORDER}) and delivered one after another in the same step, as {@link
 * ManageIncidentsFn} applies them to Incident Manager. Outputs what could not be delivered.
 */
final class DeliverInOrder extends PTransform<PCollection<IncidentEvent>, PCollection<DeadLetter>> {
  private final IncidentDelivery delivery;

  DeliverInOrder(IncidentDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public PCollection<DeadLetter> expand(PCollection<IncidentEvent> events) {
    return events
        .apply(
            "KeyByDedupeKey",
            WithKeys.of(IncidentEvent::getDedupeKey).withKeyType(TypeDescriptors.strings()))
        // An incident's events span many windows.
        .apply("GlobalWindow", Window.into(new GlobalWindows()))
        .apply("Deliver", ParDo.of(new DeliverFn(delivery, events.getCoder())));
  }

  private static final class DeliverFn extends DoFn<KV<String, IncidentEvent>, DeadLetter> {
    @StateId("pending")
    private final StateSpec<BagState<TimestampedValue<IncidentEvent>>> pendingSpec;

    @StateId("timerAt")
    private final StateSpec<ValueState<Instant>> timerAtSpec = StateSpecs.value(InstantCoder.of());

    @TimerId("deliver")
    private final TimerSpec deliverSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private final IncidentDelivery delivery;

    DeliverFn(IncidentDelivery delivery, Coder<IncidentEvent> eventCoder) {
      this.delivery = delivery;
      this.pendingSpec = StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(eventCoder));
    }

    @Setup
    public void setup() {
      delivery.start();
    }

    @ProcessElement
    public void process(
        @Element KV<String, IncidentEvent> element,
        @Timestamp Instant timestamp,
        @StateId("pending") BagState<TimestampedValue<IncidentEvent>> pending,
        @StateId("timerAt") ValueState<Instant> timerAt,
        @TimerId("deliver") Timer deliver) {
      EventTimeBuffer.add(pending, timerAt, deliver, element.getValue(), timestamp);
    }

    @OnTimer("deliver")
    public void onDeliver(
        OnTimerContext context,
        @StateId("pending") BagState<TimestampedValue<IncidentEvent>> pending,
        @StateId("timerAt") ValueState<Instant> timerAt,
        @TimerId("deliver") Timer deliver,
        OutputReceiver<DeadLetter> out)
        throws InterruptedException {
      List<IncidentEvent> due = EventTimeBuffer.release(pending, timerAt, deliver, context.timestamp());
      due.sort(IncidentGrouping.ORDER);
      for (IncidentEvent e : due) {
        DeadLetter failed = delivery.deliver(e);
        if (failed != null) {
          out.output(failed);
        }
      }
    }

    @Teardown
    public void teardown() {
      delivery.stop();
    }
  }
}
