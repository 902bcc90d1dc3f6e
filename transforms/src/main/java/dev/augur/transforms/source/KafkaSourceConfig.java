package dev.augur.transforms.source;

import com.google.auto.value.AutoValue;
import dev.augur.transforms.parse.EventFormat;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Where and how to read Kafka topics of JSON events (values as UTF-8 strings; keys are ignored).
 *
 * <pre>{@code
 * KafkaSourceConfig.builder()
 *     .bootstrapServers("broker-1:9092,broker-2:9092")
 *     .topics(List.of("augur-events"))
 *     .consumerGroup("augur-stream")              // offsets committed when checkpoints finalize
 *     .startOffset(KafkaSourceConfig.StartOffset.EARLIEST)
 *     .build();
 * }</pre>
 *
 * <p>Event time comes from the value's {@link #timestampField()}; a partition's watermark trails
 * its newest event time by {@link #maxDelay()} and advances when the partition has been idle, with
 * nothing left to read, for {@link #idleThreshold()} (see {@link EventTimeWatermark}).
 */
@AutoValue
public abstract class KafkaSourceConfig implements SourceConfig {
  private static final long serialVersionUID = 1L;

  /** Where a consumer group without committed offsets starts ({@code auto.offset.reset}). */
  public enum StartOffset {
    EARLIEST,
    LATEST
  }

  public static final Duration DEFAULT_MAX_DELAY = Duration.standardSeconds(30);
  public static final Duration DEFAULT_IDLE_THRESHOLD = Duration.standardMinutes(1);

  /** Comma-separated {@code host:port} list. */
  public abstract String bootstrapServers();

  public abstract List<String> topics();

  /** The consumer group whose offsets are committed; null to commit none. */
  public abstract @Nullable String consumerGroup();

  public abstract StartOffset startOffset();

  public abstract String timestampField();

  public abstract Duration maxDelay();

  public abstract Duration idleThreshold();

  /**
   * Further Kafka client settings, such as those of a secured cluster ({@code security.protocol},
   * {@code ssl.*}, {@code sasl.*}); the settings this config makes take precedence.
   */
  public abstract Map<String, String> clientProperties();

  abstract Builder toBuilder();

  @Override
  public EventSource source() {
    return EventSource.KAFKA;
  }

  @Override
  public String describe() {
    return "kafka:" + String.join(",", topics());
  }

  public static Builder builder() {
    return new AutoValue_KafkaSourceConfig.Builder()
        .startOffset(StartOffset.LATEST)
        .timestampField(EventFormat.DEFAULT_TIMESTAMP_FIELD)
        .maxDelay(DEFAULT_MAX_DELAY)
        .idleThreshold(DEFAULT_IDLE_THRESHOLD)
        .clientProperties(Map.of());
  }

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder bootstrapServers(String bootstrapServers);

    public abstract Builder topics(List<String> topics);

    public abstract Builder consumerGroup(@Nullable String consumerGroup);

    public abstract Builder startOffset(StartOffset startOffset);

    public abstract Builder timestampField(String timestampField);

    public abstract Builder maxDelay(Duration maxDelay);

    public abstract Builder idleThreshold(Duration idleThreshold);

    public abstract Builder clientProperties(Map<String, String> clientProperties);

    abstract KafkaSourceConfig autoBuild();

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    public KafkaSourceConfig build() {
      KafkaSourceConfig c;
      try {
        c = autoBuild();
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("Kafka source: " + e.getMessage(), e);
      }
      ConfigChecks.requireName(c.bootstrapServers(), "Kafka bootstrap servers");
      if (c.topics().isEmpty()) {
        throw new IllegalArgumentException("Kafka topics: name at least one topic");
      }
      for (String topic : c.topics()) {
        ConfigChecks.requireName(topic, "Kafka topic");
      }
      if (c.consumerGroup() != null) {
        ConfigChecks.requireName(c.consumerGroup(), "Kafka consumer group");
      }
      ConfigChecks.requireName(c.timestampField(), "timestamp field");
      ConfigChecks.requireNotNegative(c.maxDelay(), "Kafka maxDelay");
      ConfigChecks.requirePositive(c.idleThreshold(), "Kafka idleThreshold");
      // An immutable copy, so the settings cannot change after validation.
      return c.toBuilder()
          .topics(List.copyOf(c.topics()))
          .clientProperties(Map.copyOf(c.clientProperties()))
          .autoBuild();
    }
  }
}
