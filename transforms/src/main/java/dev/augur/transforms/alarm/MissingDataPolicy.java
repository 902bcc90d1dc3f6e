package dev.augur.transforms.alarm;

/**
 * How a window whose statistic has no value ({@code NO_ACTUAL}) counts, like CloudWatch's "treat
 * missing data". Windows with no forecast ({@code NO_FORECAST}) are not governed by this policy:
 * they never breach.
 */
public enum MissingDataPolicy {
  /** Neither breaching nor normal: it does not count towards opening, nor towards resolving. */
  IGNORE,
  /** Counts as a normal window: it ages breaches out and counts towards resolving. */
  NORMAL,
  /** Counts as a breaching window: it can open, keep open and escalate an incident. */
  BREACHING
}
