package dev.augur.transforms.alarm;

/** What one incident covers (see {@link IncidentGrouping}). */
public enum IncidentScope {
  /**
   * One incident per series: the statistics of a series that deviate at the same time (a surge
   * moves count and sum together) share it, and it resolves when the last of them does.
   */
  SERIES,
  /** One incident per series and statistic, as the alarm state machine opens them. */
  STATISTIC
}
