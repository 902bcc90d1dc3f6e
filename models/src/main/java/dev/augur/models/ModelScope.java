package dev.augur.models;

/**
 * Which series one trained model serves. The caller groups the histories: a {@link #GLOBAL} model
 * is trained on many series at once (features are scaled per series so magnitudes may differ); a
 * {@link #PER_SERIES} model is trained on exactly one history.
 */
public enum ModelScope {
  GLOBAL,
  PER_SERIES
}
