package dev.augur.report;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One incident as its lifecycle events tell it, threaded by dedupe key: when it opened, when (if)
 * it resolved, the highest severity it reached and the latest summary.
 *
 * @param openedAtMillis end of the window that opened it
 * @param resolvedAtMillis end of the window that resolved it; null while it is still open
 * @param lastEventMillis the latest event's time
 * @param events how many distinct lifecycle events were read
 */
public record IncidentSpan(
    String dedupeKey,
    String series,
    String statistic,
    String severity,
    long openedAtMillis,
    @Nullable Long resolvedAtMillis,
    long lastEventMillis,
    String summary,
    int events) {

  public boolean resolved() {
    return resolvedAtMillis != null;
  }
}
