package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/**
 * A trained forecasting model as it travels through a pipeline: which statistic it forecasts,
 * which series it serves ({@link #GLOBAL} for all), the XGBoost booster in UBJ form and its
 * metadata JSON (features, calibration, holdout evaluation).
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class ModelRecord {
  /** The scope of a model that serves every series. */
  public static final String GLOBAL = "*";

  public abstract String getStatistic();

  /** {@link #GLOBAL}, or the series key of a per-series model. */
  public abstract String getScope();

  public abstract String getModelVersion();

  @SuppressWarnings("mutable")
  public abstract byte[] getBooster();

  public abstract String getMetadataJson();

  /** The key the forecasting step looks models up by. */
  public String key() {
    return key(getStatistic(), getScope());
  }

  public static String key(String statistic, String scope) {
    return statistic + "|" + scope;
  }

  @SchemaCreate
  public static ModelRecord create(
      String statistic, String scope, String modelVersion, byte[] booster, String metadataJson) {
    return new AutoValue_ModelRecord(statistic, scope, modelVersion, booster, metadataJson);
  }
}
