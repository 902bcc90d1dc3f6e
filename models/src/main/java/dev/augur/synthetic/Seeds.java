package dev.augur.synthetic;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the generator seed, so that each series and each purpose
 * (profile, anomaly plan, events) gets its own stream and the output does not depend on the order
 * in which series are generated or consumed.
 */
final class Seeds {
  static final long PROFILE = 0x5052_4F46L;
  static final long ANOMALIES = 0x414E_4F4DL;
  static final long EVENTS = 0x4556_4E54L;

  private Seeds() {}

  /** A random stream for one series and one purpose. */
  static SplittableRandom stream(long seed, int seriesIndex, long purpose) {
    long h = mix(seed ^ 0x9E37_79B9_7F4A_7C15L);
    h = mix(h + seriesIndex);
    h = mix(h ^ purpose);
    return new SplittableRandom(h);
  }

  /** The SplitMix64 finaliser: a bijective, well-mixing function of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
