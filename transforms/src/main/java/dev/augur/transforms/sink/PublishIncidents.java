package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.IncidentEventCounters;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;

/**
 * Delivers incident events (opened, updated, resolved) to an {@link IncidentSink}: Incident
 * Manager, SNS, a webhook (PagerDuty included) or JSON-lines files. Every sink threads the events
 * of one incident by its dedupe key, so a retried or replayed delivery does not make a second
 * incident (Incident Manager: client tokens and state; SNS FIFO: deduplication ids; PagerDuty:
 * {@code dedup_key}).
 *
 * <p>Works on bounded and unbounded input. The events handed to the sink are counted by type in
 * {@value #OPENED_COUNTER}, {@value #UPDATED_COUNTER} and {@value #RESOLVED_COUNTER}. Deliveries
 * that still fail after retries come out as dead letters with step {@value #STEP} and the event's
 * JSON as payload, counted in {@value #DEAD_LETTER_COUNTER} (namespace {@value
 * #METRICS_NAMESPACE}).
 *
 * <pre>{@code
 * SinkResult published = incidents.apply(IncidentSink.WEBHOOK.publish(
 *     IncidentsConfig.builder()
 *         .setWebhookFormat(IncidentsConfig.WebhookFormat.PAGERDUTY)
 *         .setWebhookSecret("env:PAGERDUTY_ROUTING_KEY")
 *         .build()));
 * published.deadLetters().apply(new WriteDeadLetters("s3://bucket/dead-letters/incidents"));
 * }</pre>
 */
public final class PublishIncidents extends PTransform<PCollection<IncidentEvent>, SinkResult> {
  /** The {@link DeadLetter#getStep()} of what could not be delivered. */
  public static final String STEP = "incidents";

  public static final String METRICS_NAMESPACE = "PublishIncidents";
  public static final String DEAD_LETTER_COUNTER = "incidents_dead_lettered";
  public static final String OPENED_COUNTER = "incidents_opened";
  public static final String UPDATED_COUNTER = "incidents_updated";
  public static final String RESOLVED_COUNTER = "incidents_resolved";

  private final IncidentSink sink;
  private final IncidentsConfig config;
  private final SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients;

  /**
   * Use {@link IncidentSink#publish(IncidentsConfig)}.
   *
   * @throws IllegalArgumentException naming the setting the sink needs and lacks
   */
  PublishIncidents(
      IncidentSink sink,
      IncidentsConfig config,
      SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients) {
    sink.check(config);
    this.sink = sink;
    this.config = config;
    this.ssmClients = ssmClients;
  }

  /** The same, building Incident Manager clients with this function (tests: canned responses). */
  PublishIncidents withIncidentManagerClients(
      SerializableFunction<IncidentsConfig, SsmIncidentsClient> clients) {
    return new PublishIncidents(sink, config, clients);
  }

  @Override
  public SinkResult expand(PCollection<IncidentEvent> events) {
    PCollection<IncidentEvent> counted = events.apply("Count", ParDo.of(new CountFn()));
    return new SinkResult(SinkFiles.global(sink.expand(counted, config, ssmClients)));
  }

  /** Counts the events by type and passes them on. */
  private static final class CountFn extends DoFn<IncidentEvent, IncidentEvent> {
    private final IncidentEventCounters counters =
        new IncidentEventCounters(METRICS_NAMESPACE, OPENED_COUNTER, UPDATED_COUNTER, RESOLVED_COUNTER);

    @ProcessElement
    public void process(@Element IncidentEvent e, OutputReceiver<IncidentEvent> out) {
      counters.count(e);
      out.output(e);
    }
  }
}
