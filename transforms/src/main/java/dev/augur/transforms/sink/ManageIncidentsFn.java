package dev.augur.transforms.sink;

import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.state.EventTimeBuffer;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;

/**
 * Applies incident events to Incident Manager per dedupe key, holding the ARN of the incident
 * record open for the key in state: an update or resolution must name the record its OPENED
 * started, and Incident Manager cannot be queried by a key of ours ({@code ListIncidentRecords}
 * filters only by time, status, impact and creator). Without that state (a job started afresh),
 * {@link IncidentManagerCalls} finds the record among the open ones by the tag its title carries,
 * a page of listing per update or resolution. Events are buffered until the watermark
 * passes them and then applied in event-time order, so a replay or a runner's reordering cannot
 * resolve before it opens. Input must be in the global window, so the state outlives any window.
 */
final class ManageIncidentsFn extends DoFn<KV<String, IncidentEvent>, DeadLetter> {
  private static final Counter DEAD_LETTERED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, PublishIncidents.DEAD_LETTER_COUNTER);
  private static final Counter APPLIED =
      Metrics.counter(PublishIncidents.METRICS_NAMESPACE, "ssm_incident_events_applied");

  @StateId("pending")
  private final StateSpec<BagState<TimestampedValue<IncidentEvent>>> pendingSpec;

  @StateId("openArn")
  private final StateSpec<ValueState<String>> openArnSpec = StateSpecs.value(StringUtf8Coder.of());

  @StateId("timerAt")
  private final StateSpec<ValueState<Instant>> timerAtSpec = StateSpecs.value(InstantCoder.of());

  @TimerId("apply")
  private final TimerSpec applySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  private final IncidentsConfig config;
  private final SerializableFunction<IncidentsConfig, SsmIncidentsClient> clients;
  private transient SsmIncidentsClient client;
  private transient IncidentManagerCalls calls;

  ManageIncidentsFn(
      IncidentsConfig config,
      SerializableFunction<IncidentsConfig, SsmIncidentsClient> clients,
      Coder<IncidentEvent> eventCoder) {
    this.config = config;
    this.clients = clients;
    this.pendingSpec = StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(eventCoder));
  }

  @Setup
  public void setup() {
    client = clients.apply(config);
    calls = new IncidentManagerCalls(client, config.getResponsePlanArn(), config.backoff());
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
      OnTimerContext context,
      @StateId("pending") BagState<TimestampedValue<IncidentEvent>> pending,
      @StateId("openArn") ValueState<String> openArn,
      @StateId("timerAt") ValueState<Instant> timerAt,
      @TimerId("apply") Timer apply,
      OutputReceiver<DeadLetter> out) {
    List<IncidentEvent> ripe =
        EventTimeBuffer.release(pending, timerAt, apply, context.timestamp());
    ripe.sort(IncidentGrouping.ORDER);
    String arn = openArn.read();
    for (IncidentEvent e : ripe) {
      try {
        arn = calls.apply(e, arn);
        APPLIED.inc();
      } catch (Exception ex) {
        if (ex instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        String why = ex instanceof IllegalStateException ? ex.getMessage() : AwsCalls.describe(ex);
        out.output(
            SinkFiles.deadLetter(
                SinkJson.incident(e),
                "Incident Manager " + e.getType() + " failed: " + why,
                PublishIncidents.STEP,
                DEAD_LETTERED));
      }
    }
    if (arn == null) {
      openArn.clear();
    } else {
      openArn.write(arn);
    }
  }

  @Teardown
  public void teardown() {
    if (client != null) {
      client.close();
    }
  }
}
