package dev.augur.transforms.source;

import dev.augur.transforms.parse.LineFiles;
import dev.augur.transforms.parse.ReadEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Replays JSON-lines files as an unbounded stream in event time, for demos and tests without a
 * broker.
 *
 * <p>The files matching the pattern (local or any Beam file system; compressed ones by suffix) are
 * merged in event-time order ({@link TimeOrderedLines}: each file must be in time order, as {@code
 * augur generate} writes them). The replay starts at the first event and runs {@code speedup} times
 * faster than the wall clock ({@link ReplayClock}); each line is output when its event time comes
 * up, timestamped with that event time. The watermark is the replayed time, but never beyond the
 * next line, so windows close as the replay passes their end and no in-order line is late. After the
 * last line the watermark goes to the end of time and the stream ends.
 *
 * <p>A line without a readable event time is output in its place, timestamped with the watermark,
 * for the parser to dead-letter. A line earlier than the watermark (a file out of order) is output
 * as it is and counted in {@value #OUT_OF_ORDER_COUNTER}; windowing downstream treats it as late.
 *
 * <p>The source does not split: the replay runs on one worker, in one order. Checkpoints record the
 * lines read of each file and the replay time, so a restored reader resumes where it stopped.
 */
final class ReplayFileSource extends UnboundedSource<String, ReplayFileSource.Checkpoint> {
  private static final long serialVersionUID = 1L;

  static final String METRICS_NAMESPACE = "ReadEventStream";
  static final String OUT_OF_ORDER_COUNTER = "replay_lines_out_of_order";

  private final ReplaySourceConfig config;
  private final WallClock clock;
  private final int linesPerElement;

  ReplayFileSource(ReplaySourceConfig config, WallClock clock) {
    this(config, clock, 1);
  }

  /**
   * A source whose elements each hold up to {@code linesPerElement} due lines, each as
   * {@code <epoch millis>\t<line>}, joined by newlines and timestamped with the earliest. Runners
   * that read only a few elements of an unbounded source per bundle (the DirectRunner reads ten)
   * then replay many lines per bundle; {@link ReplayEventFiles} splits the elements into lines
   * with their own timestamps again. With one line per element, elements are the plain lines.
   */
  ReplayFileSource(ReplaySourceConfig config, WallClock clock, int linesPerElement) {
    if (linesPerElement < 1) {
      throw new IllegalArgumentException("linesPerElement must be at least 1, got " + linesPerElement);
    }
    this.config = config;
    this.clock = clock;
    this.linesPerElement = linesPerElement;
  }

  @Override
  public List<ReplayFileSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public Reader createReader(PipelineOptions options, @Nullable Checkpoint checkpoint) {
    return new Reader(this, checkpoint);
  }

  @Override
  public Coder<Checkpoint> getCheckpointMarkCoder() {
    return SerializableCoder.of(Checkpoint.class);
  }

  @Override
  public Coder<String> getOutputCoder() {
    return StringUtf8Coder.of();
  }

  /**
   * The latest event time in the files that {@code config} replays (a line without a readable time
   * is skipped), or null if no line has one. Reads every line once, so it costs a pass over the
   * files; the stream pipeline takes it as the replay's {@link
   * dev.augur.transforms.stats.EventTimeHorizon}.
   */
  static @Nullable Instant lastEventTime(ReplaySourceConfig config) throws IOException {
    PayloadEventTime eventTime = PayloadEventTime.of(config.timestampField());
    Instant last = null;
    for (MatchResult.Metadata m : matchFiles(config.filepattern())) {
      try (BufferedReader reader = LineFiles.open(m)) {
        for (String s = reader.readLine(); s != null; s = reader.readLine()) {
          Instant t = s.isBlank() ? null : eventTime.read(s.startsWith("\uFEFF") ? s.substring(1) : s);
          if (t != null && (last == null || t.isAfter(last))) {
            last = t;
          }
        }
      }
    }
    return last;
  }

  /**
   * The files matching {@code pattern}, in name order; an error if none matches, or if one is
   * Parquet (an archive written with {@code --archiveFormat=PARQUET}), which a replay of lines
   * would otherwise play as garbage.
   */
  private static List<MatchResult.Metadata> matchFiles(String pattern) throws IOException {
    List<MatchResult.Metadata> files;
    try {
      files = LineFiles.match(pattern, EmptyMatchTreatment.DISALLOW);
    } catch (IOException e) {
      throw new IOException("replay " + e.getMessage(), e);
    }
    for (MatchResult.Metadata m : files) {
      if (ReadEvents.isParquet(m.resourceId().getFilename())) {
        throw new IOException(
            m.resourceId() + " is a Parquet file: a replay plays JSON lines (bin/augur batch and"
                + " backtest read Parquet archives)");
      }
    }
    return files;
  }

  /** Lines read of each file (by name) and the replay time to resume at. */
  static final class Checkpoint implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;

    final Map<String, Long> consumed;
    final Instant replayTime;

    Checkpoint(Map<String, Long> consumed, Instant replayTime) {
      this.consumed = consumed;
      this.replayTime = replayTime;
    }

    @Override
    public void finalizeCheckpoint() {
      // Files are not consumed; nothing to acknowledge.
    }
  }

  static final class Reader extends UnboundedSource.UnboundedReader<String> {
    private static final Counter OUT_OF_ORDER =
        Metrics.counter(METRICS_NAMESPACE, OUT_OF_ORDER_COUNTER);

    private final ReplayFileSource source;
    private final @Nullable Checkpoint restored;
    private final List<String> files = new ArrayList<>();
    private TimeOrderedLines lines;
    private ReplayClock replay;
    private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;
    private @Nullable String current;
    private Instant currentTimestamp = BoundedWindow.TIMESTAMP_MIN_VALUE;

    Reader(ReplayFileSource source, @Nullable Checkpoint restored) {
      this.source = source;
      this.restored = restored;
      if (restored != null) {
        watermark = restored.replayTime;
      }
    }

    @Override
    public boolean start() throws IOException {
      List<MatchResult.Metadata> matched = matchFiles(source.config.filepattern());
      List<BufferedReader> readers = new ArrayList<>();
      long[] skip = new long[matched.size()];
      for (int i = 0; i < matched.size(); i++) {
        MatchResult.Metadata m = matched.get(i);
        String name = m.resourceId().toString();
        files.add(name);
        skip[i] = restored == null ? 0 : restored.consumed.getOrDefault(name, 0L);
        readers.add(LineFiles.open(m));
      }
      lines = new TimeOrderedLines(readers, skip, PayloadEventTime.of(source.config.timestampField()));
      Instant origin;
      if (restored != null) {
        origin = restored.replayTime;
      } else {
        origin = lines.hasNext() ? lines.peekTime() : BoundedWindow.TIMESTAMP_MIN_VALUE;
      }
      replay = new ReplayClock(source.config.speedup(), origin, source.clock.now());
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      current = null;
      if (source.linesPerElement == 1) {
        if (!lines.hasNext() || !replay.isDue(lines.peekTime(), source.clock.now())) {
          return false;
        }
        TimeOrderedLines.Line line = lines.next();
        currentTimestamp = timestampOf(line);
        current = line.text;
        return true;
      }
      StringBuilder chunk = new StringBuilder();
      int taken = 0;
      while (taken < source.linesPerElement
          && lines.hasNext()
          && replay.isDue(lines.peekTime(), source.clock.now())) {
        TimeOrderedLines.Line line = lines.next();
        Instant t = timestampOf(line);
        if (taken == 0 || t.isBefore(currentTimestamp)) {
          currentTimestamp = t;
        }
        if (taken > 0) {
          chunk.append('\n');
        }
        chunk.append(t.getMillis()).append('\t').append(line.text);
        taken++;
      }
      if (taken == 0) {
        return false;
      }
      current = chunk.toString();
      return true;
    }

    /**
     * A line's event time; a line without one takes the time it sorted at, never before the
     * watermark. A line earlier than the watermark (its file out of order) is counted.
     */
    private Instant timestampOf(TimeOrderedLines.Line line) {
      if (line.eventTime == null) {
        return line.sortTime.isAfter(watermark) ? line.sortTime : watermark;
      }
      if (line.eventTime.isBefore(watermark)) {
        OUT_OF_ORDER.inc();
      }
      return line.eventTime;
    }

    @Override
    public String getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      if (lines == null) {
        return watermark;
      }
      if (!lines.hasNext()) {
        watermark = BoundedWindow.TIMESTAMP_MAX_VALUE;
        return watermark;
      }
      Instant next = lines.peekTime();
      Instant replayed = replay.replayTime(source.clock.now());
      Instant candidate = next.isBefore(replayed) ? next : replayed;
      if (candidate.isAfter(watermark)) {
        watermark = candidate;
      }
      return watermark;
    }

    @Override
    public Checkpoint getCheckpointMark() {
      long[] counts = lines.consumed();
      Map<String, Long> consumed = new LinkedHashMap<>();
      for (int i = 0; i < files.size(); i++) {
        consumed.put(files.get(i), counts[i]);
      }
      return new Checkpoint(consumed, getWatermark());
    }

    @Override
    public ReplayFileSource getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (lines != null) {
        lines.close();
      }
    }
  }
}
