package dev.augur.transforms.source;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** KinesisIO's source, stamped with event time; reading Kinesis itself is in KinesisSourceIT. */
public class EventTimeStampedSourceTest {
  private static final Instant ARRIVED = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant WATERMARK = Instant.parse("2024-05-16T00:00:00Z");

  private static KinesisRecord record(String payload) {
    return new KinesisRecord(
        ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), "1", 0, "k", ARRIVED, ARRIVED,
        "events", "shard-0");
  }

  /** A source of fixed records, stamped with their arrival time as KinesisIO stamps them. */
  private static final class FixedSource
      extends UnboundedSource<KinesisRecord, UnboundedSource.CheckpointMark> {
    private final List<String> payloads;

    FixedSource(List<String> payloads) {
      this.payloads = payloads;
    }

    @Override
    public List<FixedSource> split(int desiredNumSplits, PipelineOptions options) {
      return List.of(this, new FixedSource(List.of()));
    }

    @Override
    public UnboundedReader<KinesisRecord> createReader(
        PipelineOptions options, @Nullable CheckpointMark checkpointMark) {
      Iterator<String> it = payloads.iterator();
      FixedSource source = this;
      return new UnboundedReader<KinesisRecord>() {
        private @Nullable KinesisRecord current;

        @Override
        public boolean start() {
          return advance();
        }

        @Override
        public boolean advance() {
          current = it.hasNext() ? record(it.next()) : null;
          return current != null;
        }

        @Override
        public KinesisRecord getCurrent() {
          if (current == null) {
            throw new NoSuchElementException();
          }
          return current;
        }

        @Override
        public Instant getCurrentTimestamp() {
          return getCurrent().getApproximateArrivalTimestamp();
        }

        @Override
        public Instant getWatermark() {
          return WATERMARK;
        }

        @Override
        public CheckpointMark getCheckpointMark() {
          return CheckpointMark.NOOP_CHECKPOINT_MARK;
        }

        @Override
        public UnboundedSource<KinesisRecord, ?> getCurrentSource() {
          return source;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Coder<CheckpointMark> getCheckpointMarkCoder() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Coder<KinesisRecord> getOutputCoder() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  public void recordsCarryTheirEventTimeOrElseTheirArrivalTime() throws Exception {
    EventTimeStampedSource<UnboundedSource.CheckpointMark> source =
        new EventTimeStampedSource<>(
            new FixedSource(
                List.of(
                    "{\"ts\":\"2024-05-16T00:01:03.484Z\",\"value\":1}",
                    "not json",
                    "{\"ts\":\"2024-05-16T00:00:10Z\",\"value\":2}")),
            PayloadEventTime.of("ts"));
    PipelineOptions options = PipelineOptionsFactory.create();
    assertEquals(2, source.split(2, options).size());
    UnboundedSource.UnboundedReader<KinesisRecord> reader = source.createReader(options, null);

    assertTrue(reader.start());
    assertEquals(Instant.parse("2024-05-16T00:01:03.484Z"), reader.getCurrentTimestamp());
    assertTrue(reader.advance());
    assertEquals("no event time: its arrival", ARRIVED, reader.getCurrentTimestamp());
    assertTrue(reader.advance());
    assertEquals(Instant.parse("2024-05-16T00:00:10Z"), reader.getCurrentTimestamp());
    assertEquals("the policy's watermark, unchanged", WATERMARK, reader.getWatermark());
    assertSame(source, reader.getCurrentSource());
    assertFalse(reader.advance());
  }

  @Test
  public void takesItsSourceFromWhatKinesisIoExpandsInto() {
    KinesisIO.Read read =
        KinesisIO.read()
            .withStreamName("events")
            .withClientConfiguration(
                ClientConfiguration.builder()
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                    .build());
    EventTimeStampedSource<?> source =
        EventTimeStampedSource.of(read, PayloadEventTime.of("ts"), PipelineOptionsFactory.create());
    // KinesisIO's own source, whose records its coder encodes.
    assertEquals("KinesisRecordCoder", source.getOutputCoder().getClass().getSimpleName());
  }
}
