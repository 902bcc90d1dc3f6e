package dev.augur.transforms.source;

import com.google.auto.value.AutoValue;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.stats.EventTimeHorizon;
import java.io.IOException;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

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

  /**
   * The time of the replay's last event: the stream ends there, however far the watermark then
   * jumps. Reads the files once, so a pattern that matches nothing fails here, before the pipeline
   * runs.
   *
   * @throws IllegalArgumentException if the files cannot be matched or read
   */
  @Override
  public EventTimeHorizon eventTimeHorizon() {
    Instant last;
    try {
      last = ReplayFileSource.lastEventTime(this);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "file replay source: cannot read replay file pattern '" + filepattern() + "': " + e.getMessage(), e);
    }
    return EventTimeHorizon.at(last == null ? BoundedWindow.TIMESTAMP_MIN_VALUE : last);
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
