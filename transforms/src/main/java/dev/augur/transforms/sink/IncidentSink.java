package dev.augur.transforms.sink;

import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;

/**
 * Where {@link PublishIncidents} delivers incident events; each constant builds the transform with
 * {@link #publish(IncidentsConfig)}.
 */
public enum IncidentSink {
  /**
   * AWS Systems Manager Incident Manager: OPENED starts an incident with the configured response
   * plan, UPDATED updates its impact and summary, RESOLVED resolves it (see {@link
   * IncidentManagerCalls}); the incident record ARN of each dedupe key is kept in Beam state.
   * Needs the response plan ARN.
   *
   * <p>Incident Manager is closed to new AWS customers since November 2025; accounts that used it
   * before keep it. No emulator exists: the requests are tested against canned responses.
   */
  SSM_INCIDENTS {
    @Override
    public void check(IncidentsConfig config) {
      require(config.getResponsePlanArn(), "incident response plan ARN");
    }

    @Override
    PCollection<DeadLetter> expand(
        PCollection<IncidentEvent> events,
        IncidentsConfig config,
        SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients) {
      return events
          .apply(
              "KeyByDedupeKey",
              WithKeys.of(IncidentEvent::getDedupeKey).withKeyType(TypeDescriptors.strings()))
          // The state of an incident must outlive the window of the event that opened it.
          .apply("GlobalWindow", Window.into(new GlobalWindows()))
          .apply(
              "ApplyToIncidentManager",
              ParDo.of(new ManageIncidentsFn(config, ssmClients, events.getCoder())));
    }
  },

  /**
   * Amazon SNS: each event published as JSON with message attributes, FIFO-ready (see {@link
   * SnsMessages}). Needs the topic ARN.
   */
  SNS {
    @Override
    public void check(IncidentsConfig config) {
      require(config.getTopicArn(), "incident topic ARN");
    }

    @Override
    PCollection<DeadLetter> expand(
        PCollection<IncidentEvent> events,
        IncidentsConfig config,
        SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients) {
      return events.apply("PublishToSns", new DeliverInOrder(new SnsDelivery(config)));
    }
  },

  /**
   * An HTTP POST of each event, as its JSON or as a PagerDuty event (see {@link WebhookPoster}).
   * Needs the webhook secret's reference ({@code env:NAME}, {@code file:/path} or a Secrets
   * Manager secret's ARN): the URL for {@link IncidentsConfig.WebhookFormat#JSON}, the routing key
   * for PAGERDUTY, whose events endpoint alone may be given as the webhook URL.
   */
  WEBHOOK {
    @Override
    public void check(IncidentsConfig config) {
      require(config.getWebhookSecret(), "webhook secret");
      Secrets.checkReference(config.getWebhookSecret(), "webhook secret");
      if (config.getWebhookUrl() != null
          && config.getWebhookFormat() != IncidentsConfig.WebhookFormat.PAGERDUTY) {
        // A URL given here would be ignored: with JSON the secret is the URL.
        throw new IllegalArgumentException(
            "webhook URL is PagerDuty's events endpoint and applies to the PAGERDUTY format only;"
                + " with JSON the webhook secret is the URL");
      }
    }

    @Override
    PCollection<DeadLetter> expand(
        PCollection<IncidentEvent> events,
        IncidentsConfig config,
        SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients) {
      return events.apply("PostToWebhook", new DeliverInOrder(new WebhookDelivery(config)));
    }
  },

  /** The events as JSON lines ({@link SinkJson#incident}). Needs the destination. */
  FILE {
    @Override
    public void check(IncidentsConfig config) {
      require(config.getDestination(), "incident destination");
    }

    @Override
    PCollection<DeadLetter> expand(
        PCollection<IncidentEvent> events,
        IncidentsConfig config,
        SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients) {
      // In the order they happened, as the other sinks deliver them.
      SinkFiles.writeOrderedLines(
          events,
          SinkJson::incident,
          (a, b) -> IncidentGrouping.ORDER.compare(a, b),
          config.getDestination(),
          "incidents",
          config.getFlushEvery());
      return SinkFiles.none(events.getPipeline());
    }
  };

  /** The transform delivering incident events here. */
  public PublishIncidents publish(IncidentsConfig config) {
    return new PublishIncidents(this, config, IncidentSink::incidentManagerClient);
  }

  /**
   * Fails naming the setting this sink needs and lacks (as {@link #publish} does), so a launcher
   * can check its options before it builds anything.
   *
   * @throws IllegalArgumentException naming the setting
   */
  public abstract void check(IncidentsConfig config);

  /** Delivers; returns the dead letters, in any windowing. */
  abstract PCollection<DeadLetter> expand(
      PCollection<IncidentEvent> events,
      IncidentsConfig config,
      SerializableFunction<IncidentsConfig, SsmIncidentsClient> ssmClients);

  void require(String value, String parameter) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(parameter + " is required for incident sink " + name());
    }
  }

  static SsmIncidentsClient incidentManagerClient(IncidentsConfig config) {
    return AwsCalls.build(
        SsmIncidentsClient.builder(),
        config.getRegion(),
        config.getEndpoint(),
        config.getCredentials(),
        config.getAttemptTimeout());
  }
}
