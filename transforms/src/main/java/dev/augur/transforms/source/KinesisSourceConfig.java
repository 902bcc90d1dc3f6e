package dev.augur.transforms.source;

import com.google.auto.value.AutoValue;
import dev.augur.transforms.parse.EventFormat;
import java.net.URI;
import java.net.URISyntaxException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Where and how to read a Kinesis data stream of JSON events.
 *
 * <pre>{@code
 * KinesisSourceConfig.builder()
 *     .streamName("augur-events")
 *     .region("eu-west-1")                        // null: the pipeline's --awsRegion
 *     .endpoint("http://127.0.0.1:5000")          // only for emulators (moto, kinesalite)
 *     .startPosition(KinesisSourceConfig.StartPosition.TRIM_HORIZON)
 *     .build();
 * }</pre>
 *
 * <p>The watermark is in event time, read from the payload's {@link #timestampField()}, delayed by
 * {@link #maxDelay()} and advanced on shards idle for {@link #idleThreshold()} (see {@link
 * EventTimeWatermark}). With {@link #consumerArn()} set the stream is read by enhanced fan-out.
 */
@AutoValue
public abstract class KinesisSourceConfig implements SourceConfig {
  private static final long serialVersionUID = 1L;

  /** Where a new reader starts in the stream. */
  public enum StartPosition {
    /** Only records put after the reader starts. */
    LATEST,
    /** The oldest records the stream retains. */
    TRIM_HORIZON,
    /** Records put at or after {@link #startTimestamp()}. */
    AT_TIMESTAMP
  }

  public static final Duration DEFAULT_MAX_DELAY = Duration.standardSeconds(30);
  public static final Duration DEFAULT_IDLE_THRESHOLD = Duration.standardMinutes(1);

  public abstract String streamName();

  /** The AWS region, e.g. {@code us-east-1}; null for the pipeline's {@code --awsRegion}. */
  public abstract @Nullable String region();

  /** An endpoint override such as {@code http://127.0.0.1:5000}; null for AWS's own. */
  public abstract @Nullable String endpoint();

  public abstract StartPosition startPosition();

  /** The start of an {@link StartPosition#AT_TIMESTAMP} read, otherwise null. */
  public abstract @Nullable Instant startTimestamp();

  /** The ARN of a registered enhanced fan-out consumer; null to poll the shards. */
  public abstract @Nullable String consumerArn();

  public abstract String timestampField();

  public abstract Duration maxDelay();

  public abstract Duration idleThreshold();

  @Override
  public EventSource source() {
    return EventSource.KINESIS;
  }

  @Override
  public String describe() {
    return "kinesis:" + streamName();
  }

  public static Builder builder() {
    return new AutoValue_KinesisSourceConfig.Builder()
        .startPosition(StartPosition.LATEST)
        .timestampField(EventFormat.DEFAULT_TIMESTAMP_FIELD)
        .maxDelay(DEFAULT_MAX_DELAY)
        .idleThreshold(DEFAULT_IDLE_THRESHOLD);
  }

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder streamName(String streamName);

    public abstract Builder region(@Nullable String region);

    public abstract Builder endpoint(@Nullable String endpoint);

    public abstract Builder startPosition(StartPosition startPosition);

    public abstract Builder startTimestamp(@Nullable Instant startTimestamp);

    public abstract Builder consumerArn(@Nullable String consumerArn);

    public abstract Builder timestampField(String timestampField);

    public abstract Builder maxDelay(Duration maxDelay);

    public abstract Builder idleThreshold(Duration idleThreshold);

    abstract KinesisSourceConfig autoBuild();

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    public KinesisSourceConfig build() {
      KinesisSourceConfig c;
      try {
        c = autoBuild();
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("Kinesis source: " + e.getMessage(), e);
      }
      ConfigChecks.requireName(c.streamName(), "Kinesis stream name");
      ConfigChecks.requireName(c.timestampField(), "timestamp field");
      ConfigChecks.requireNotNegative(c.maxDelay(), "Kinesis maxDelay");
      ConfigChecks.requirePositive(c.idleThreshold(), "Kinesis idleThreshold");
      if (c.region() != null && c.region().isBlank()) {
        throw new IllegalArgumentException("Kinesis region must not be blank when given");
      }
      if (c.endpoint() != null) {
        requireHttpUri(c.endpoint());
      }
      if ((c.startPosition() == StartPosition.AT_TIMESTAMP) != (c.startTimestamp() != null)) {
        throw new IllegalArgumentException(
            "Kinesis startTimestamp is required with start position AT_TIMESTAMP and only then");
      }
      if (c.consumerArn() != null && !c.consumerArn().startsWith("arn:")) {
        throw new IllegalArgumentException(
            "Kinesis consumerArn must be an ARN (arn:aws:kinesis:...), got '" + c.consumerArn() + "'");
      }
      return c;
    }

    private static void requireHttpUri(String endpoint) {
      try {
        URI uri = new URI(endpoint);
        if (uri.getHost() == null
            || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
          throw new URISyntaxException(endpoint, "expected http(s)://host[:port]");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "Kinesis endpoint '" + endpoint + "' is not an http(s) URL: " + e.getReason());
      }
    }
  }
}
