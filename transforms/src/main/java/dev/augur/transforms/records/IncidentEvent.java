package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.joda.time.Instant;

/**
 * A step in the life of an incident on one series and statistic: opened, updated (escalated) or
 * resolved. Every event of one incident carries the same dedupe key, so sinks can be idempotent
 * and downstream tools can thread them.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class IncidentEvent {
  /** Lifecycle step. */
  public enum Type {
    OPENED,
    UPDATED,
    RESOLVED
  }

  /** Severity, from the size and persistence of the deviation. */
  public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
  }

  /** Stable key of the incident: the same for its OPENED, UPDATED and RESOLVED events. */
  public abstract String getDedupeKey();

  public abstract Type getType();

  public abstract String getSeries();

  public abstract String getStatistic();

  public abstract Severity getSeverity();

  /** End of the window that opened the incident. */
  public abstract Instant getOpenedAt();

  /** End of the window that caused this event. */
  public abstract Instant getEventTime();

  /** One line for people: what deviated, how far, since when. */
  public abstract String getSummary();

  /** The windows that led to this event, oldest first. */
  public abstract List<Comparison> getEvidence();

  @SchemaCreate
  public static IncidentEvent create(
      String dedupeKey,
      Type type,
      String series,
      String statistic,
      Severity severity,
      Instant openedAt,
      Instant eventTime,
      String summary,
      List<Comparison> evidence) {
    return new AutoValue_IncidentEvent(
        dedupeKey, type, series, statistic, severity, openedAt, eventTime, summary,
        List.copyOf(evidence));
  }
}
