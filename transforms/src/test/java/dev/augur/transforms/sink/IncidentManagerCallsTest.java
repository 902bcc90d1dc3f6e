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
            .title("count of service=checkout opened at minute 0" + IncidentManagerCalls.titleTag(e.getDedupeKey()))
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
            + "\"title\":\"count of service=checkout opened at minute 0"
            + IncidentManagerCalls.titleTag(e.getDedupeKey()) + "\","
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

  /** A page of ListIncidentRecords: open records titled as given, with ARNs ending in their index. */
  private static CannedAws.Answer openRecords(String nextToken, String... titles) throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode page = SinkJson.MAPPER.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode summaries = page.putArray("incidentRecordSummaries");
    for (int i = 0; i < titles.length; i++) {
      summaries
          .addObject()
          .put("arn", ARN + "-" + titles[i].length() + "-" + i)
          .put("title", titles[i])
          .put("status", "OPEN")
          .put("impact", 3)
          .put("creationTime", 1.7145585E9)
          .putObject("incidentRecordSource")
          .put("createdBy", "arn:aws:iam::111122223333:role/augur")
          .put("source", "augur");
    }
    if (nextToken != null) {
      page.put("nextToken", nextToken);
    }
    return CannedAws.json(200, page.toString());
  }

  private static final String LIST_OPEN_BODY =
      "{\"filters\":[{\"condition\":{\"equals\":{\"stringValues\":[\"OPEN\"]}},\"key\":\"status\"}],"
          + "\"maxResults\":100";

  @Test
  public void resolvedWithoutAKnownRecordResolvesTheOpenOneTitledWithItsTag() throws Exception {
    IncidentEvent e = event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.MEDIUM, 45);
    String tag = IncidentManagerCalls.titleTag(e.getDedupeKey());
    IncidentEvent other = event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.MEDIUM, 0);
    String otherKey = other.getDedupeKey() + "x";
    CannedAws aws =
        new CannedAws(UPDATED)
            .then(openRecords("page2", "a page by hand", "sum of x" + IncidentManagerCalls.titleTag(otherKey)))
            .then(openRecords(null, "count of service=checkout above" + tag, "later"));
    assertNull(calls(aws).apply(e, null));

    List<CannedAws.Call> made = aws.calls();
    assertEquals(3, made.size());
    assertEquals("/listIncidentRecords", made.get(0).path());
    assertEquals(json(LIST_OPEN_BODY + "}"), json(made.get(0).body()));
    assertEquals(json(LIST_OPEN_BODY + ",\"nextToken\":\"page2\"}"), json(made.get(1).body()));
    assertEquals("/updateIncidentRecord", made.get(2).path());
    UpdateIncidentRecordRequest request = (UpdateIncidentRecordRequest) aws.requests().get(2);
    String found = ARN + "-" + ("count of service=checkout above" + tag).length() + "-0";
    assertEquals(found, request.arn());
    assertEquals(IncidentRecordStatus.RESOLVED, request.status());
  }

  @Test
  public void resolvedFailsWhenNoOpenRecordCarriesItsTag() throws Exception {
    IncidentEvent e = event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.MEDIUM, 45);
    CannedAws aws =
        new CannedAws(UPDATED)
            .then(openRecords(null, "count of service=checkout above forecast", "other"));
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> calls(aws).apply(e, null));
    assertThat(ex.getMessage(), containsString("no open incident record is known"));
    assertThat(ex.getMessage(), containsString(IncidentManagerCalls.titleTag(e.getDedupeKey()).trim()));
    assertEquals(1, aws.calls().size());
    assertEquals("/listIncidentRecords", aws.calls().get(0).path());
  }

  @Test
  public void updatedWithoutAKnownRecordUpdatesTheOneFoundOrStartsTheIncident() throws Exception {
    IncidentEvent e = event(IncidentEvent.Type.UPDATED, IncidentEvent.Severity.LOW, 15);
    String title = "count of service=checkout" + IncidentManagerCalls.titleTag(e.getDedupeKey());
    CannedAws found = new CannedAws(UPDATED).then(openRecords(null, title));
    String arn = ARN + "-" + title.length() + "-0";
    assertEquals(arn, calls(found).apply(e, null));
    assertEquals(arn, ((UpdateIncidentRecordRequest) found.requests().get(1)).arn());

    CannedAws none = new CannedAws(STARTED).then(openRecords(null));
    assertEquals(ARN, calls(none).apply(e, null));
    assertEquals("/listIncidentRecords", none.calls().get(0).path());
    StartIncidentRequest request = (StartIncidentRequest) none.requests().get(1);
    assertEquals(Integer.valueOf(4), request.impact());
    assertEquals(IncidentManagerCalls.startToken(e.getDedupeKey()), request.clientToken());
  }

  @Test
  public void theTitleKeepsItsTagWhenTheSummaryIsTooLong() {
    IncidentEvent one = event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.HIGH, 0);
    IncidentEvent longer = IncidentEvent.create(one.getDedupeKey(), one.getType(), one.getSeries(),
        one.getStatistic(), one.getSeverity(), one.getOpenedAt(), one.getEventTime(),
        "x".repeat(500), one.getEvidence());
    String tag = IncidentManagerCalls.titleTag(one.getDedupeKey());
    assertThat(tag, org.hamcrest.Matchers.matchesPattern(" \\[augur [0-9a-f]{12}\\]"));
    String title = IncidentManagerCalls.title(longer);
    assertEquals(IncidentManagerCalls.MAX_TITLE_CHARS, title.length());
    assertThat(title, org.hamcrest.Matchers.endsWith("…" + tag));
    assertEquals(false, tag.equals(IncidentManagerCalls.titleTag(one.getDedupeKey() + "2")));
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
