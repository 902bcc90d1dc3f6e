package dev.augur.transforms.records;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/** Counters of incident events by type, under one namespace and three names. */
public final class IncidentEventCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Counter opened;
  private final Counter updated;
  private final Counter resolved;

  public IncidentEventCounters(String namespace, String opened, String updated, String resolved) {
    this.opened = Metrics.counter(namespace, opened);
    this.updated = Metrics.counter(namespace, updated);
    this.resolved = Metrics.counter(namespace, resolved);
  }

  /** Counts {@code e} under its type's counter. */
  public void count(IncidentEvent e) {
    switch (e.getType()) {
      case OPENED:
        opened.inc();
        break;
      case UPDATED:
        updated.inc();
        break;
      case RESOLVED:
        resolved.inc();
        break;
      default:
        throw new IllegalArgumentException("unknown incident event type " + e.getType());
    }
  }
}
