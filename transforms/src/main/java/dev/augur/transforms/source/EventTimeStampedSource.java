package dev.augur.transforms.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * KinesisIO's source with each record stamped with its payload's event time, where KinesisIO stamps
 * it with its arrival time; records without one keep that. The watermark stays the one the
 * source's watermark policy gives ({@link KinesisEventTimePolicy}, in event time), so records and
 * watermark now speak of the same time.
 *
 * <p>Stamping in a step after the read is not enough: on a runner that does not chain that step to
 * the read, the DirectRunner among them, the watermark moves on when the read's bundle is done,
 * before the next step has re-stamped its records, and those older than the new watermark arrive
 * late.
 *
 * <p>KinesisIO does not make its source public: {@link #of} applies the configured read to a scratch
 * pipeline, never run, and takes the source from the {@link Read.Unbounded} it expands into.
 */
final class EventTimeStampedSource<CheckpointT extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<KinesisRecord, CheckpointT> {
  private static final long serialVersionUID = 1L;

  private final UnboundedSource<KinesisRecord, CheckpointT> source;
  private final PayloadEventTime eventTime;

  EventTimeStampedSource(UnboundedSource<KinesisRecord, CheckpointT> source, PayloadEventTime eventTime) {
    this.source = source;
    this.eventTime = eventTime;
  }

  /** The source {@code read} reads with, its records stamped with their event time. */
  static EventTimeStampedSource<?> of(
      KinesisIO.Read read, PayloadEventTime eventTime, PipelineOptions options) {
    return new EventTimeStampedSource<>(sourceOf(read, options), eventTime);
  }

  @SuppressWarnings("unchecked")
  private static UnboundedSource<KinesisRecord, UnboundedSource.CheckpointMark> sourceOf(
      KinesisIO.Read read, PipelineOptions options) {
    Pipeline scratch = Pipeline.create(options);
    scratch.apply(read);
    AtomicReference<UnboundedSource<?, ?>> found = new AtomicReference<>();
    scratch.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            return take(node) ? CompositeBehavior.DO_NOT_ENTER_TRANSFORM : CompositeBehavior.ENTER_TRANSFORM;
          }

          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            take(node);
          }

          private boolean take(TransformHierarchy.Node node) {
            if (node.getTransform() instanceof Read.Unbounded) {
              found.set(((Read.Unbounded<?>) node.getTransform()).getSource());
              return true;
            }
            return false;
          }
        });
    if (found.get() == null) {
      throw new IllegalStateException("KinesisIO.read() expanded into no unbounded Read");
    }
    return (UnboundedSource<KinesisRecord, UnboundedSource.CheckpointMark>) found.get();
  }

  @Override
  public List<EventTimeStampedSource<CheckpointT>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    List<EventTimeStampedSource<CheckpointT>> splits = new ArrayList<>();
    for (UnboundedSource<KinesisRecord, CheckpointT> s : source.split(desiredNumSplits, options)) {
      splits.add(new EventTimeStampedSource<>(s, eventTime));
    }
    return splits;
  }

  @Override
  public UnboundedReader<KinesisRecord> createReader(
      PipelineOptions options, @Nullable CheckpointT checkpointMark) throws IOException {
    return new Reader(source.createReader(options, checkpointMark));
  }

  @Override
  public Coder<CheckpointT> getCheckpointMarkCoder() {
    return source.getCheckpointMarkCoder();
  }

  @Override
  public Coder<KinesisRecord> getOutputCoder() {
    return source.getOutputCoder();
  }

  @Override
  public boolean requiresDeduping() {
    return source.requiresDeduping();
  }

  /** The wrapped source's reader, with event-time timestamps. */
  private final class Reader extends UnboundedReader<KinesisRecord> {
    private final UnboundedReader<KinesisRecord> reader;
    private @Nullable Instant timestamp;

    Reader(UnboundedReader<KinesisRecord> reader) {
      this.reader = reader;
    }

    @Override
    public boolean start() throws IOException {
      return stamp(reader.start());
    }

    @Override
    public boolean advance() throws IOException {
      return stamp(reader.advance());
    }

    private boolean stamp(boolean available) {
      if (available) {
        Instant t = eventTime.read(reader.getCurrent().getDataAsBytes());
        timestamp = t != null ? t : reader.getCurrentTimestamp();
      } else {
        timestamp = null;
      }
      return available;
    }

    @Override
    public KinesisRecord getCurrent() throws NoSuchElementException {
      return reader.getCurrent();
    }

    @Override
    public Instant getCurrentTimestamp() throws NoSuchElementException {
      if (timestamp == null) {
        throw new NoSuchElementException();
      }
      return timestamp;
    }

    @Override
    public byte[] getCurrentRecordId() throws NoSuchElementException {
      return reader.getCurrentRecordId();
    }

    @Override
    public Instant getWatermark() {
      return reader.getWatermark();
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return reader.getCheckpointMark();
    }

    @Override
    public long getSplitBacklogBytes() {
      return reader.getSplitBacklogBytes();
    }

    @Override
    public long getTotalBacklogBytes() {
      return reader.getTotalBacklogBytes();
    }

    @Override
    public UnboundedSource<KinesisRecord, ?> getCurrentSource() {
      return EventTimeStampedSource.this;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
