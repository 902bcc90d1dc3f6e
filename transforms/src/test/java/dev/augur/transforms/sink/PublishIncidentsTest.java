package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.IncidentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;
import software.amazon.awssdk.services.ssmincidents.model.IncidentRecordStatus;
import software.amazon.awssdk.services.ssmincidents.model.ListIncidentRecordsRequest;
import software.amazon.awssdk.services.ssmincidents.model.StartIncidentRequest;
import software.amazon.awssdk.services.ssmincidents.model.UpdateIncidentRecordRequest;

public class PublishIncidentsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  /** The Incident Manager the pipeline's clients talk to (one JVM under the DirectRunner). */
  private static CannedAws incidentManager;

  private static IncidentsConfig.Builder noWait() {
    return IncidentsConfig.builder()
        .setMaxAttempts(2)
        .setRetryBaseDelay(Duration.ZERO)
        .setRetryMaxDelay(Duration.ZERO)
        .setAttemptTimeout(Duration.standardSeconds(5));
  }

  /** One incident's lifecycle: opened, escalated 15 minutes later, resolved after 30. */
  private static final IncidentEvent OPENED =
      IncidentManagerCallsTest.event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.MEDIUM, 0);
  private static final IncidentEvent UPDATED =
      IncidentManagerCallsTest.event(IncidentEvent.Type.UPDATED, IncidentEvent.Severity.HIGH, 15);
  private static final IncidentEvent RESOLVED =
      IncidentManagerCallsTest.event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.HIGH, 30);

  private static TimestampedValue<IncidentEvent> at(IncidentEvent e) {
    return TimestampedValue.of(e, e.getEventTime());
  }

  @Test
  public void incidentManagerSeesEachIncidentOpenedUpdatedAndResolvedInOrder() {
    // One answer for every call, whatever order the keys' calls come in: StartIncident reads the
    // ARN, ListIncidentRecords an empty page, UpdateIncidentRecord nothing.
    incidentManager =
        new CannedAws(
            CannedAws.json(
                200,
                "{\"incidentRecordArn\":\"" + IncidentManagerCallsTest.ARN + "\","
                    + "\"incidentRecordSummaries\":[]}"));
    IncidentEvent orphan =
        IncidentEvent.create("other", IncidentEvent.Type.RESOLVED, "service=search", "count",
            IncidentEvent.Severity.LOW, OPENED.getOpenedAt(), RESOLVED.getEventTime(), "gone",
            List.of());

    // Given out of order: the sink must still open before it updates and resolves.
    PCollection<IncidentEvent> events =
        p.apply(Create.timestamped(at(RESOLVED), at(UPDATED), at(orphan), at(OPENED)));
    SinkResult result =
        events.apply(
            IncidentSink.SSM_INCIDENTS
                .publish(noWait().setResponsePlanArn(IncidentManagerCallsTest.PLAN).build())
                .withIncidentManagerClients(
                    config -> incidentManager.client(SsmIncidentsClient.builder())));
    PAssert.that(result.deadLetters().apply(MapElements.into(TypeDescriptors.strings())
            .via(d -> d.getStep() + " " + d.getPayload() + " " + d.getError())))
        .containsInAnyOrder(
            "incidents " + SinkJson.incident(orphan) + " Incident Manager RESOLVED failed: no open"
                + " incident record is known for dedupe key other and none open is titled with its"
                + " tag '" + IncidentManagerCalls.titleTag("other").trim() + "' (its OPENED event"
                + " failed, or the incident was resolved by hand)");
    org.apache.beam.sdk.PipelineResult run = p.run();
    run.waitUntilFinish();
    // Every event handed to the sink is counted by type, the orphan's resolution too.
    assertEquals(1, counter(run, PublishIncidents.OPENED_COUNTER));
    assertEquals(1, counter(run, PublishIncidents.UPDATED_COUNTER));
    assertEquals(2, counter(run, PublishIncidents.RESOLVED_COUNTER));

    // The orphan's lookup of open records (which finds none) is the one call besides the three.
    List<Object> all = List.copyOf(incidentManager.requests());
    assertEquals(
        1, all.stream().filter(r -> r instanceof ListIncidentRecordsRequest).count());
    List<Object> requests =
        all.stream().filter(r -> !(r instanceof ListIncidentRecordsRequest)).toList();
    assertEquals(3, requests.size());
    assertEquals(
        IncidentManagerCalls.startRequest(OPENED, IncidentManagerCallsTest.PLAN), requests.get(0));
    UpdateIncidentRecordRequest update = (UpdateIncidentRecordRequest) requests.get(1);
    assertEquals(IncidentManagerCallsTest.ARN, update.arn());
    assertEquals(Integer.valueOf(2), update.impact());
    UpdateIncidentRecordRequest resolve = (UpdateIncidentRecordRequest) requests.get(2);
    assertEquals(IncidentManagerCallsTest.ARN, resolve.arn());
    assertEquals(IncidentRecordStatus.RESOLVED, resolve.status());
    assertEquals(StartIncidentRequest.class, requests.get(0).getClass());
  }

  /** The events each webhook request carried, in the order they arrived (one JVM, DirectRunner). */
  private static final List<String> POSTED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /**
   * A webhook gets each incident's events in the order they happened, however the runner hands
   * them over: it used to see a RESOLVED before its OPENED, and PagerDuty, which ignores a resolve
   * of a key it does not know, then kept the incident open for good.
   */
  @Test
  public void aWebhookGetsEachIncidentsEventsInTheOrderTheyHappened() throws Exception {
    POSTED.clear();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      POSTED.add(n.path("dedupe_key").asText() + " " + n.path("type").asText());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      Path secretFile = tmp.newFile("hook").toPath();
      Files.writeString(secretFile, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook\n");
      // A second incident, opened and resolved within one window's time.
      IncidentEvent otherOpened = IncidentEvent.create("other", IncidentEvent.Type.OPENED,
          "service=search", "count", IncidentEvent.Severity.LOW, OPENED.getOpenedAt(),
          RESOLVED.getEventTime(), "dropped", List.of());
      IncidentEvent otherResolved = IncidentEvent.create("other", IncidentEvent.Type.RESOLVED,
          "service=search", "count", IncidentEvent.Severity.LOW, OPENED.getOpenedAt(),
          RESOLVED.getEventTime(), "back", List.of());
      // Given latest first, in one bundle.
      SinkResult result =
          p.apply(Create.timestamped(at(otherResolved), at(RESOLVED), at(UPDATED), at(otherOpened),
                  at(OPENED)))
              .apply(IncidentSink.WEBHOOK.publish(
                  noWait().setWebhookSecret("file:" + secretFile).build()));
      PAssert.that(result.deadLetters()).empty();
      p.run().waitUntilFinish();
      String key = OPENED.getDedupeKey();
      assertEquals(List.of(key + " OPENED", key + " UPDATED", key + " RESOLVED"),
          POSTED.stream().filter(e -> e.startsWith(key + " ")).toList());
      assertEquals(List.of("other OPENED", "other RESOLVED"),
          POSTED.stream().filter(e -> e.startsWith("other ")).toList());
    } finally {
      server.stop(0);
    }
  }

  @Test
  public void aDownWebhookDeadLettersTheEventWithoutTheSecret() throws Exception {
    String secretUrl = WebhookPosterTest.downUrl() + "/hooks/T0KEN-s3cret";
    Path secretFile = tmp.newFile("webhook-url").toPath();
    Files.writeString(secretFile, secretUrl + "\n");
    IncidentEvent opened =
        IncidentManagerCallsTest.event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);

    String openedJson = SinkJson.incident(opened);
    SinkResult result =
        p.apply(Create.of(opened))
            .apply(
                IncidentSink.WEBHOOK.publish(
                    noWait().setWebhookSecret("file:" + secretFile).build()));
    PAssert.that(result.deadLetters())
        .satisfies(
            letters -> {
              int n = 0;
              for (DeadLetter d : letters) {
                n++;
                assertEquals(openedJson, d.getPayload());
                assertEquals("incidents", d.getStep());
                assertThat(
                    d.getError(), startsWith("webhook delivery failed after at most 2 attempts: "));
                // Why it failed, not only the exception's name.
                assertThat(d.getError(), not(org.hamcrest.Matchers.endsWith(": ")));
                assertThat(WriteDeadLetters.toJson(d), not(org.hamcrest.Matchers.containsString("T0KEN")));
              }
              assertEquals(1, n);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void eachSinkNamesTheSettingItLacks() {
    IncidentsConfig empty = IncidentsConfig.builder().build();
    assertEquals(
        "incident response plan ARN is required for incident sink SSM_INCIDENTS",
        assertThrows(IllegalArgumentException.class,
            () -> IncidentSink.SSM_INCIDENTS.publish(empty)).getMessage());
    assertEquals(
        "incident topic ARN is required for incident sink SNS",
        assertThrows(IllegalArgumentException.class, () -> IncidentSink.SNS.publish(empty))
            .getMessage());
    assertEquals(
        "webhook secret must be env:NAME, file:/path or a Secrets Manager secret's ARN, naming"
            + " where the secret is",
        assertThrows(IllegalArgumentException.class,
            () -> IncidentSink.WEBHOOK.publish(
                empty.toBuilder().setWebhookSecret("https://hooks.example/T0KEN").build()))
            .getMessage());
    // Another service's ARN is not a place a secret can be read from.
    assertThrows(IllegalArgumentException.class,
        () -> IncidentSink.WEBHOOK.publish(empty.toBuilder()
            .setWebhookSecret("arn:aws:ssm:eu-west-1:123456789012:parameter/hook").build()));
    IncidentSink.WEBHOOK.publish(empty.toBuilder()
        .setWebhookSecret("arn:aws:secretsmanager:eu-west-1:123456789012:secret:hook-AbCdEf")
        .build());
    assertEquals(
        "webhook URL is PagerDuty's events endpoint and applies to the PAGERDUTY format only;"
            + " with JSON the webhook secret is the URL",
        assertThrows(IllegalArgumentException.class,
            () -> IncidentSink.WEBHOOK.publish(empty.toBuilder()
                .setWebhookSecret("env:HOOK").setWebhookUrl("https://hooks.example/x").build()))
            .getMessage());
    assertEquals(
        "incident destination is required for incident sink FILE",
        assertThrows(IllegalArgumentException.class, () -> IncidentSink.FILE.publish(empty))
            .getMessage());
  }

  private static long counter(org.apache.beam.sdk.PipelineResult result, String name) {
    long total = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                org.apache.beam.sdk.metrics.MetricsFilter.builder()
                    .addNameFilter(
                        org.apache.beam.sdk.metrics.MetricNameFilter.named(
                            PublishIncidents.METRICS_NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
