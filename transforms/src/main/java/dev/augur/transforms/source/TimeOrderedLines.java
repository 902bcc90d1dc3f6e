package dev.augur.transforms.source;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Merges the non-blank lines of several JSON-lines files, each in event-time order (as {@code augur
 * generate} writes them), into one stream in event-time order; ties go to the earlier file. Memory
 * holds one line per file, however large the files.
 *
 * <p>A line without a readable event time keeps its place in its file: it sorts at the time of the
 * line before it. A line earlier than the one before it in its file is output when it is reached,
 * out of order. {@link #consumed()} counts the lines of each file read past (blank ones included),
 * so a reader resumed with those counts skips exactly them. Not thread-safe.
 */
final class TimeOrderedLines implements Closeable {
  /** One output line with its event time (null if unreadable) and its place in the merge. */
  static final class Line {
    final String text;
    final @Nullable Instant eventTime;
    final Instant sortTime;

    Line(String text, @Nullable Instant eventTime, Instant sortTime) {
      this.text = text;
      this.eventTime = eventTime;
      this.sortTime = sortTime;
    }
  }

  private static final class Cursor {
    final int index;
    final BufferedReader reader;
    long consumed;
    @Nullable Line head;
    Instant lastTime = BoundedWindow.TIMESTAMP_MIN_VALUE;

    Cursor(int index, BufferedReader reader) {
      this.index = index;
      this.reader = reader;
    }
  }

  private final PayloadEventTime eventTime;
  private final List<Cursor> cursors = new ArrayList<>();
  private final PriorityQueue<Cursor> queue =
      new PriorityQueue<>(
          Comparator.<Cursor, Instant>comparing(c -> c.head.sortTime)
              .thenComparingInt(c -> c.index));

  /**
   * Merges {@code files}, skipping the first {@code skip[i]} lines of file {@code i} (already
   * output by an earlier reader).
   */
  TimeOrderedLines(List<BufferedReader> files, long[] skip, PayloadEventTime eventTime)
      throws IOException {
    if (skip.length != files.size()) {
      throw new IllegalArgumentException(
          "skip counts (" + skip.length + ") do not match files (" + files.size() + ")");
    }
    this.eventTime = eventTime;
    for (int i = 0; i < files.size(); i++) {
      Cursor c = new Cursor(i, files.get(i));
      cursors.add(c);
      for (long n = 0; n < skip[i] && c.reader.readLine() != null; n++) {
        c.consumed++;
      }
      readHead(c);
      if (c.head != null) {
        queue.add(c);
      }
    }
  }

  boolean hasNext() {
    return !queue.isEmpty();
  }

  /** The sort time of the next line; only when {@link #hasNext()}. */
  Instant peekTime() {
    return queue.element().head.sortTime;
  }

  /** The next line; only when {@link #hasNext()}. */
  Line next() throws IOException {
    Cursor c = queue.remove();
    Line line = c.head;
    c.consumed++;
    readHead(c);
    if (c.head != null) {
      queue.add(c);
    }
    return line;
  }

  /** Lines read past in each file, in file order. */
  long[] consumed() {
    long[] counts = new long[cursors.size()];
    for (Cursor c : cursors) {
      counts[c.index] = c.consumed;
    }
    return counts;
  }

  private void readHead(Cursor c) throws IOException {
    c.head = null;
    for (String s = c.reader.readLine(); s != null; s = c.reader.readLine()) {
      if (c.consumed == 0 && s.startsWith("\uFEFF")) {
        s = s.substring(1);
      }
      if (s.isBlank()) {
        c.consumed++;
        continue;
      }
      Instant t = eventTime.read(s);
      if (t != null) {
        c.lastTime = t;
      }
      c.head = new Line(s, t, t != null ? t : c.lastTime);
      return;
    }
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Cursor c : cursors) {
      try {
        c.reader.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
