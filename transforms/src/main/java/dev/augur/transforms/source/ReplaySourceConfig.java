package dev.augur.transforms.source;

import com.google.auto.value.AutoValue;
import dev.augur.transforms.parse.EventFormat;

/**
 * Which JSON-lines files to replay as a live stream, and how fast.
 *
 * <pre>{@code
 * ReplaySourceConfig.builder()
 *     .filepattern("/data/events/events-*.jsonl.gz")
 *     .speedup(3600)          // an hour of event time per second; 0 = as fast as possible
 *     .build();
 * }</pre>
 *
 * <p>See {@link ReplayFileSource} for the order of the replay and its watermark.
 */
@AutoValue
public abstract class ReplaySourceConfig implements SourceConfig {
  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_SPEEDUP = 3600;

  /** A local path or glob, or one on a Beam file system such as {@code s3://bucket/events/*}. */
  public abstract String filepattern();

  /** Event time per wall-clock time; 0 to replay as fast as possible. */
  public abstract double speedup();

  public abstract String timestampField();

  @Override
  public EventSource source() {
    return EventSource.FILE;
  }

  @Override
  public String describe() {
    return "file:" + filepattern();
  }

  public static Builder builder() {
    return new AutoValue_ReplaySourceConfig.Builder()
        .speedup(DEFAULT_SPEEDUP)
        .timestampField(EventFormat.DEFAULT_TIMESTAMP_FIELD);
  }

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder filepattern(String filepattern);

    public abstract Builder speedup(double speedup);

    public abstract Builder timestampField(String timestampField);

    abstract ReplaySourceConfig autoBuild();

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    public ReplaySourceConfig build() {
      ReplaySourceConfig c;
      try {
        c = autoBuild();
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("file replay source: " + e.getMessage(), e);
      }
      ConfigChecks.requireName(c.filepattern(), "replay file pattern");
      ConfigChecks.requireName(c.timestampField(), "timestamp field");
      if (!(c.speedup() >= 0) || Double.isInfinite(c.speedup())) {
        throw new IllegalArgumentException(
            "replay speedup must be a finite number >= 0 (0 = as fast as possible), got "
                + c.speedup());
      }
      return c;
    }
  }
}
