package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.util.List;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;
import software.amazon.awssdk.services.ssmincidents.model.IncidentRecordStatus;
import software.amazon.awssdk.services.ssmincidents.model.StartIncidentRequest;
import software.amazon.awssdk.services.ssmincidents.model.TriggerDetails;
import software.amazon.awssdk.services.ssmincidents.model.UpdateIncidentRecordRequest;

public class IncidentManagerCallsTest {
  static final String PLAN = "arn:aws:ssm-incidents::111122223333:response-plan/augur";
  static final String ARN = "arn:aws:ssm-incidents::111122223333:incident-record/augur/abc";
  static final CannedAws.Answer STARTED =
      CannedAws.json(200, "{\"incidentRecordArn\":\"" + ARN + "\"}");
  static final CannedAws.Answer UPDATED = CannedAws.json(200, "{}");

  static IncidentEvent event(IncidentEvent.Type type, IncidentEvent.Severity severity, int minute) {
    Instant opened = Instant.parse("2024-05-01T10:15:00Z");
    Comparison c =
        Comparison.create("service=checkout", "count", opened.minus(Duration.standardMinutes(15)),
            opened, 171.0, 120.0, 98.0, 141.0, 2.5, Comparison.Direction.ABOVE, "v1");
    return IncidentEvent.create("service=checkout|count|2024-05-01T10:15:00Z", type,
        "service=checkout", "count", severity, opened,
        opened.plus(Duration.standardMinutes(minute)),
        "count of service=checkout " + type.name().toLowerCase() + " at minute " + minute,
        List.of(c));
  }

  private static IncidentManagerCalls calls(CannedAws aws) {
    return new IncidentManagerCalls(
        aws.client(SsmIncidentsClient.builder()), PLAN,
        new Backoff(3, Duration.ZERO, Duration.ZERO));
  }

  private static JsonNode json(String s) throws Exception {
    return SinkJson.MAPPER.readTree(s);
  }

  @Test
  public void openedStartsAnIncidentWithTokenImpactAndTriggerDetails() throws Exception {
    CannedAws aws = new CannedAws(STARTED);
    IncidentEvent e = event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);
    assertEquals(ARN, calls(aws).apply(e, null));

    StartIncidentRequest expected =
        StartIncidentRequest.builder()
            .responsePlanArn(PLAN)
            .title(e.getSummary())
            .impact(2)
            .clientToken(IncidentManagerCalls.startToken(e.getDedupeKey()))
            .triggerDetails(
                TriggerDetails.builder()
                    .source("augur")
                    .timestamp(java.time.Instant.parse("2024-05-01T10:15:00Z"))
                    .rawData(SinkJson.incident(e))
                    .build())
            .build();
    assertEquals(List.of(expected), aws.requests());
    CannedAws.Call call = aws.calls().get(0);
    assertEquals("POST", call.method());
    assertEquals("/startIncident", call.path());
    assertEquals(
        json("{\"clientToken\":\"" + IncidentManagerCalls.startToken(e.getDedupeKey()) + "\","
            + "\"impact\":2,\"responsePlanArn\":\"" + PLAN + "\","
            + "\"title\":\"count of service=checkout opened at minute 0\","
            + "\"triggerDetails\":{\"rawData\":" + SinkJson.MAPPER.writeValueAsString(SinkJson.incident(e))
            // The SDK writes timestamps as epoch seconds in a double.
            + ",\"source\":\"augur\",\"timestamp\":1.7145585E9}}"),
        json(call.body()));
  }

  @Test
  public void theStartTokenIsTheSameForEveryEventOfAnIncident() {
    assertEquals(
        IncidentManagerCalls.startToken("k"), IncidentManagerCalls.startToken("k"));
    assertEquals(36, IncidentManagerCalls.startToken("k").length());
    assertEquals(
        false, IncidentManagerCalls.startToken("k").equals(IncidentManagerCalls.startToken("k2")));
  }

  @Test
  public void aReplayedOpenedCallsNothing() throws Exception {
    CannedAws aws = new CannedAws(STARTED);
    assertEquals(
        ARN, calls(aws).apply(event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.LOW, 0), ARN));
    assertEquals(List.of(), aws.calls());
  }

  @Test
  public void updatedSetsImpactAndSummaryOfTheOpenRecord() throws Exception {
    CannedAws aws = new CannedAws(UPDATED);
    IncidentEvent e = event(IncidentEvent.Type.UPDATED, IncidentEvent.Severity.CRITICAL, 15);
    assertEquals(ARN, calls(aws).apply(e, ARN));
    UpdateIncidentRecordRequest request = (UpdateIncidentRecordRequest) aws.requests().get(0);
    assertEquals(ARN, request.arn());
    assertEquals(Integer.valueOf(1), request.impact());
    assertEquals(e.getSummary(), request.summary());
    assertNull(request.status());
    assertEquals("/updateIncidentRecord", aws.calls().get(0).path());
    assertEquals(
        json("{\"arn\":\"" + ARN + "\",\"clientToken\":\"" + request.clientToken() + "\","
            + "\"impact\":1,\"summary\":\"" + e.getSummary() + "\"}"),
        json(aws.calls().get(0).body()));
  }

  @Test
  public void resolvedResolvesTheOpenRecordAndForgetsIt() throws Exception {
    CannedAws aws = new CannedAws(UPDATED);
    IncidentEvent e = event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.MEDIUM, 45);
    assertNull(calls(aws).apply(e, ARN));
    UpdateIncidentRecordRequest request = (UpdateIncidentRecordRequest) aws.requests().get(0);
    assertEquals(
        json("{\"arn\":\"" + ARN + "\",\"clientToken\":\"" + request.clientToken() + "\","
            + "\"status\":\"RESOLVED\",\"summary\":\"" + e.getSummary() + "\"}"),
        json(aws.calls().get(0).body()));
    assertEquals(IncidentRecordStatus.RESOLVED, request.status());
  }

  @Test
  public void resolvedWithoutAnOpenRecordFailsWithoutACall() {
    CannedAws aws = new CannedAws(UPDATED);
    IncidentEvent e = event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.MEDIUM, 45);
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> calls(aws).apply(e, null));
    assertThat(ex.getMessage(), containsString("no open incident record is known"));
    assertEquals(List.of(), aws.calls());
  }

  @Test
  public void updatedWithoutAnOpenRecordStartsTheIncident() throws Exception {
    CannedAws aws = new CannedAws(STARTED);
    IncidentEvent e = event(IncidentEvent.Type.UPDATED, IncidentEvent.Severity.LOW, 15);
    assertEquals(ARN, calls(aws).apply(e, null));
    StartIncidentRequest request = (StartIncidentRequest) aws.requests().get(0);
    assertEquals(Integer.valueOf(4), request.impact());
    assertEquals(IncidentManagerCalls.startToken(e.getDedupeKey()), request.clientToken());
  }

  @Test
  public void throttlingIsRetriedAndOtherClientErrorsAreNot() throws Exception {
    CannedAws.Answer throttled =
        CannedAws.json(429, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    CannedAws aws = new CannedAws(STARTED).then(throttled).then(throttled);
    IncidentEvent e = event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);
    assertEquals(ARN, calls(aws).apply(e, null));
    assertEquals(3, aws.calls().size());

    CannedAws denied =
        new CannedAws(
            CannedAws.json(403, "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}"));
    Exception ex = assertThrows(Exception.class, () -> calls(denied).apply(e, null));
    assertEquals("HTTP 403 AccessDeniedException: no", AwsCalls.describe(ex));
    assertEquals(1, denied.calls().size());
  }

  @Test
  public void rawDataDropsTheOldestEvidenceToFitTheLimit() {
    IncidentEvent one = event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);
    List<Comparison> many = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(one.getEvidence().get(0));
    }
    IncidentEvent big = IncidentEvent.create(one.getDedupeKey(), one.getType(), one.getSeries(),
        one.getStatistic(), one.getSeverity(), one.getOpenedAt(), one.getEventTime(),
        one.getSummary(), many);
    String raw = IncidentManagerCalls.rawData(big);
    assertThat(raw.length(), org.hamcrest.Matchers.lessThanOrEqualTo(10000));
    assertThat(raw, containsString("\"evidence\":[{"));
  }
}
