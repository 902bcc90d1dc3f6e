package dev.augur.transforms.sink;

import dev.augur.transforms.records.IncidentEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.ssmincidents.SsmIncidentsClient;
import software.amazon.awssdk.services.ssmincidents.model.Filter;
import software.amazon.awssdk.services.ssmincidents.model.IncidentRecordStatus;
import software.amazon.awssdk.services.ssmincidents.model.IncidentRecordSummary;
import software.amazon.awssdk.services.ssmincidents.model.ListIncidentRecordsRequest;
import software.amazon.awssdk.services.ssmincidents.model.StartIncidentRequest;
import software.amazon.awssdk.services.ssmincidents.model.TriggerDetails;
import software.amazon.awssdk.services.ssmincidents.model.UpdateIncidentRecordRequest;

/**
 * What one incident event means for AWS Systems Manager Incident Manager, given the ARN of the
 * incident record already opened for its dedupe key (if any):
 *
 * <ul>
 *   <li>OPENED, none open: {@code StartIncident} with the response plan, the summary as title
 *       followed by the dedupe key's tag ({@link #titleTag}), the impact of the severity, a client
 *       token derived from the dedupe key (a retried call starts no second incident) and trigger
 *       details (source {@value #TRIGGER_SOURCE}, the event time, the event's JSON as raw data).
 *       OPENED with one open: a replay; nothing is called.
 *   <li>UPDATED: {@code UpdateIncidentRecord} with the new impact and summary. With none known,
 *       the open record whose title ends with the key's tag is looked up ({@link #findOpen}); if
 *       there is none (its OPENED failed and was dead-lettered), the incident is started now.
 *   <li>RESOLVED: {@code UpdateIncidentRecord} with status RESOLVED and the summary. With none
 *       known, the open record is looked up by its tag in the same way, so a pipeline restarted
 *       without its state (a new deployment, a job started afresh) still resolves the incidents
 *       an earlier run opened; it fails when no open record carries the tag.
 * </ul>
 *
 * <p>Impact from severity: CRITICAL 1 (critical), HIGH 2 (high), MEDIUM 3 (medium), LOW 4 (low);
 * impact 5 (no impact) is not used.
 */
final class IncidentManagerCalls {
  static final String TRIGGER_SOURCE = "augur";
  /** Incident Manager's limits on the title, the summary and the trigger's raw data. */
  static final int MAX_TITLE_CHARS = 200;
  static final int MAX_SUMMARY_CHARS = 8000;
  static final int MAX_RAW_DATA_CHARS = 10000;

  /** Every open incident record, a hundred a page (the most a page holds). */
  private static final ListIncidentRecordsRequest LIST_OPEN =
      ListIncidentRecordsRequest.builder()
          .filters(
              Filter.builder()
                  .key("status")
                  .condition(c -> c.equalsValue(v -> v.stringValues(IncidentRecordStatus.OPEN.toString())))
                  .build())
          .maxResults(100)
          .build();

  private final SsmIncidentsClient client;
  private final String responsePlanArn;
  private final Backoff backoff;

  IncidentManagerCalls(SsmIncidentsClient client, String responsePlanArn, Backoff backoff) {
    this.client = client;
    this.responsePlanArn = responsePlanArn;
    this.backoff = backoff;
  }

  /**
   * Applies an event.
   *
   * @param openArn the incident record opened for the event's dedupe key, or null
   * @return the incident record open for the dedupe key afterwards, or null once resolved
   * @throws Exception the call's failure after retries, or an {@link IllegalStateException} for
   *     a RESOLVED event without an open record
   */
  @Nullable String apply(IncidentEvent e, @Nullable String openArn) throws Exception {
    switch (e.getType()) {
      case OPENED:
        return openArn != null ? openArn : start(e);
      case UPDATED:
        {
          String arn = openArn != null ? openArn : findOpen(e.getDedupeKey());
          if (arn == null) {
            return start(e);
          }
          call(() -> client.updateIncidentRecord(updateRequest(e, arn)));
          return arn;
        }
      case RESOLVED:
        {
          String arn = openArn != null ? openArn : findOpen(e.getDedupeKey());
          if (arn == null) {
            throw new IllegalStateException(
                "no open incident record is known for dedupe key " + e.getDedupeKey()
                    + " and none open is titled with its tag '" + titleTag(e.getDedupeKey()).trim()
                    + "' (its OPENED event failed, or the incident was resolved by hand)");
          }
          call(() -> client.updateIncidentRecord(updateRequest(e, arn)));
          return null;
        }
      default:
        throw new IllegalArgumentException("unknown incident event type " + e.getType());
    }
  }

  /**
   * The open incident record whose title ends with the tag of {@code dedupeKey}, or null: the
   * record an earlier run started for the key, when this run has no state of it. Incident Manager
   * filters records by status but not by anything of ours, so the open records are listed, page by
   * page, and their titles compared.
   */
  @Nullable String findOpen(String dedupeKey) throws Exception {
    String tag = titleTag(dedupeKey);
    return call(
        () -> {
          for (IncidentRecordSummary r :
              client.listIncidentRecordsPaginator(LIST_OPEN).incidentRecordSummaries()) {
            if (r.title() != null && r.title().endsWith(tag)) {
              return r.arn();
            }
          }
          return null;
        });
  }

  private String start(IncidentEvent e) throws Exception {
    return call(() -> client.startIncident(startRequest(e, responsePlanArn)))
        .incidentRecordArn();
  }

  private <T> T call(Backoff.Attempt<T> attempt) throws Exception {
    return backoff.call(attempt, AwsCalls::isTransient);
  }

  static StartIncidentRequest startRequest(IncidentEvent e, String responsePlanArn) {
    return StartIncidentRequest.builder()
        .responsePlanArn(responsePlanArn)
        .title(title(e))
        .impact(impact(e.getSeverity()))
        .clientToken(startToken(e.getDedupeKey()))
        .triggerDetails(
            TriggerDetails.builder()
                .source(TRIGGER_SOURCE)
                .timestamp(java.time.Instant.ofEpochMilli(e.getEventTime().getMillis()))
                .rawData(rawData(e))
                .build())
        .build();
  }

  static UpdateIncidentRecordRequest updateRequest(IncidentEvent e, String arn) {
    UpdateIncidentRecordRequest.Builder b =
        UpdateIncidentRecordRequest.builder()
            .arn(arn)
            .clientToken(
                token(e.getDedupeKey() + "|" + e.getType() + "|" + e.getEventTime().getMillis()))
            .summary(truncate(e.getSummary(), MAX_SUMMARY_CHARS));
    if (e.getType() == IncidentEvent.Type.RESOLVED) {
      b.status(IncidentRecordStatus.RESOLVED);
    } else {
      b.impact(impact(e.getSeverity()));
    }
    return b.build();
  }

  /** The summary, shortened to fit, followed by the dedupe key's tag. */
  static String title(IncidentEvent e) {
    String tag = titleTag(e.getDedupeKey());
    return truncate(e.getSummary(), MAX_TITLE_CHARS - tag.length()) + tag;
  }

  /**
   * {@code " [augur <12 hex digits>]"}, from a hash of the dedupe key: what identifies an incident
   * record as the one started for the key, shown to responders in its title. With twelve digits
   * (48 bits), the chance that another of a thousand open records carries the same tag is about
   * four in a trillion.
   */
  static String titleTag(String dedupeKey) {
    return " [" + TRIGGER_SOURCE + " " + token(dedupeKey + "|TITLE").replace("-", "").substring(0, 12) + "]";
  }

  static int impact(IncidentEvent.Severity severity) {
    switch (severity) {
      case CRITICAL:
        return 1;
      case HIGH:
        return 2;
      case MEDIUM:
        return 3;
      case LOW:
        return 4;
      default:
        throw new IllegalArgumentException("unknown severity " + severity);
    }
  }

  /** The client token of the dedupe key's StartIncident: the same for every retry and replay. */
  static String startToken(String dedupeKey) {
    return token(dedupeKey + "|START");
  }

  private static String token(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The event's JSON, dropping the oldest evidence windows until it fits the raw data limit. */
  static String rawData(IncidentEvent e) {
    for (int keep = e.getEvidence().size(); keep > 0; keep--) {
      String json = SinkJson.incidentNode(e, keep).toString();
      if (json.length() <= MAX_RAW_DATA_CHARS) {
        return json;
      }
    }
    return truncate(SinkJson.incidentNode(e, 0).toString(), MAX_RAW_DATA_CHARS);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
