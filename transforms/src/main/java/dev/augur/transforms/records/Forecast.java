package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.joda.time.Instant;

/**
 * The forecast of one statistic of one series for one future window: the expected value and a
 * prediction interval, with the model version that made it and the time after which the stream
 * must no longer compare against it.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Forecast {
  /** Canonical series key, for example {@code region=eu-west-1,service=checkout}. */
  public abstract String getSeries();

  /** Statistic id: count, sum, mean, stddev, min or max. */
  public abstract String getStatistic();

  public abstract Instant getWindowStart();

  public abstract Instant getWindowEnd();

  public abstract double getExpected();

  public abstract double getLower();

  public abstract double getUpper();

  public abstract String getModelVersion();

  public abstract Instant getTrainedAt();

  /** After this instant the forecast is stale and must not be compared against. */
  public abstract Instant getValidUntil();

  @SchemaCreate
  public static Forecast create(
      String series,
      String statistic,
      Instant windowStart,
      Instant windowEnd,
      double expected,
      double lower,
      double upper,
      String modelVersion,
      Instant trainedAt,
      Instant validUntil) {
    return new AutoValue_Forecast(
        series, statistic, windowStart, windowEnd, expected, lower, upper, modelVersion, trainedAt,
        validUntil);
  }
}
