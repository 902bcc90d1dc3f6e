package dev.augur.models;

import java.io.Serializable;
import java.util.Objects;

/**
 * A trained model in transportable form: the statistic it forecasts, the key of the series group
 * it serves (for example {@code "*"} for a global model or a series key), the booster's UBJ bytes
 * and the metadata JSON. Plain serializable data, so a pipeline can ship it (as a side input, say)
 * and call {@link #load()} where the model is used, for example in a DoFn's setup method.
 */
public final class ModelArtifact implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Statistic statistic;
  private final String scopeKey;
  private final byte[] ubj;
  private final String metadataJson;

  public ModelArtifact(Statistic statistic, String scopeKey, byte[] ubj, String metadataJson) {
    this.statistic = Objects.requireNonNull(statistic, "statistic");
    this.scopeKey = Objects.requireNonNull(scopeKey, "scopeKey");
    this.ubj = Objects.requireNonNull(ubj, "ubj").clone();
    this.metadataJson = Objects.requireNonNull(metadataJson, "metadataJson");
  }

  public Statistic statistic() {
    return statistic;
  }

  public String scopeKey() {
    return scopeKey;
  }

  /** A copy of the booster's UBJ bytes. */
  public byte[] ubj() {
    return ubj.clone();
  }

  public String metadataJson() {
    return metadataJson;
  }

  /** Rebuilds the model; the caller closes it. */
  public TrainedModel load() {
    TrainedModel m = TrainedModel.load(ubj, metadataJson);
    if (m.target() != statistic) {
      m.close();
      throw new IllegalArgumentException(
          "artifact says " + statistic.id() + " but the model forecasts " + m.target().id());
    }
    return m;
  }

  @Override
  public String toString() {
    return "ModelArtifact{" + statistic.id() + ", scope=" + scopeKey + ", " + ubj.length
        + " bytes}";
  }
}
