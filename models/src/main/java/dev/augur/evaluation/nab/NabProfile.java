package dev.augur.evaluation.nab;

/**
 * The three application profiles of the Numenta Anomaly Benchmark: the weight of a detected window
 * ({@code A_TP}), of a missed window ({@code A_FN}) and of a false positive ({@code A_FP}).
 */
public enum NabProfile {
  STANDARD("standard", 1.0, 1.0, 0.11),
  REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 1.0, 0.22),
  REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 2.0, 0.11);

  private final String id;
  private final double truePositive;
  private final double falseNegative;
  private final double falsePositive;

  NabProfile(String id, double truePositive, double falseNegative, double falsePositive) {
    this.id = id;
    this.truePositive = truePositive;
    this.falseNegative = falseNegative;
    this.falsePositive = falsePositive;
  }

  /** The profile's name as NAB spells it. */
  public String id() {
    return id;
  }

  /** {@code A_TP}: the weight of a window detected at its very start. */
  public double truePositive() {
    return truePositive;
  }

  /** {@code A_FN}: the cost of a window without detection. */
  public double falseNegative() {
    return falseNegative;
  }

  /** {@code A_FP}: the cost of a detection far from any window. */
  public double falsePositive() {
    return falsePositive;
  }
}
