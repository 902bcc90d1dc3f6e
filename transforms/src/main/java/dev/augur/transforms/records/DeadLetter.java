package dev.augur.transforms.records;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An input record that a step could not process: the original payload verbatim, why it failed,
 * which step rejected it, where it came from, and when (processing time).
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class DeadLetter {
  /** The original record (a JSON or CSV line), unchanged. */
  public abstract String getPayload();

  /** What was wrong with it, in words a person fixing the producer can act on. */
  public abstract String getError();

  /** The step that rejected it, such as {@code parse}. */
  public abstract String getStep();

  /** The file or stream the record was read from, when known. */
  public abstract @Nullable String getSource();

  /** Processing time at which the record was rejected. */
  public abstract Instant getTime();

  @SchemaCreate
  public static DeadLetter create(
      String payload, String error, String step, @Nullable String source, Instant time) {
    return new AutoValue_DeadLetter(payload, error, step, source, time);
  }
}
