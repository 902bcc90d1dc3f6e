package dev.augur.synthetic;

/**
 * The kinds of anomaly the {@link SyntheticGenerator} can inject into a series. Each injected
 * anomaly is reported as an {@link AnomalyLabel} with one of these kinds.
 *
 * <p>On a value series the kinds change the event values (and, for {@link #LEVEL_SHIFT} and {@link
 * #MISSING_DATA}, possibly the event rate). On a count-only series, whose events carry no value,
 * {@link #SPIKE}, {@link #DIP} and {@link #LEVEL_SHIFT} act on the event rate instead, and {@link
 * #VARIANCE_CHANGE} and {@link #DROP_TO_ZERO} do not apply (see {@link #appliesToCountOnly()}).
 */
public enum AnomalyKind {
  /**
   * Values jump up strongly, to 3 to 5 times the level; on count-only series the event rate jumps
   * to 4 to 6 times its normal value.
   */
  SPIKE,
  /**
   * Values drop to 15 to 30 % of the level; on count-only series the event rate drops to 10 to 25 %
   * of its normal value.
   */
  DIP,
  /**
   * A sustained shift by a factor of 1.8 to 2.5 (up or down) of the value level, or by 2 to 3 of
   * the event rate, or of both.
   */
  LEVEL_SHIFT,
  /** The value noise grows by a factor of 3 to 4 while the mean level stays the same. */
  VARIANCE_CHANGE,
  /** Events keep arriving but every value is 0. */
  DROP_TO_ZERO,
  /** No events at all: window counts go to zero. */
  MISSING_DATA;

  /**
   * Whether this kind can be injected into a count-only series (one whose events have no value).
   */
  public boolean appliesToCountOnly() {
    return this != VARIANCE_CHANGE && this != DROP_TO_ZERO;
  }
}
