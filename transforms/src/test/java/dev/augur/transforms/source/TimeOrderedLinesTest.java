package dev.augur.transforms.source;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;

public class TimeOrderedLinesTest {
  static final String A =
      String.join(
          "\n",
          "{\"ts\":\"2024-05-01T10:00:05Z\",\"f\":\"a1\"}",
          "{\"ts\":\"2024-05-01T10:01:10Z\",\"f\":\"a2\"}",
          "{\"ts\":\"2024-05-01T10:03:00Z\",\"f\":\"a3\"}");
  static final String B =
      String.join(
          "\n",
          "\uFEFF{\"ts\":\"2024-05-01T10:00:30Z\",\"f\":\"b1\"}",
          "",
          "{\"ts\":\"2024-05-01T10:01:10Z\",\"f\":\"b2\"}",
          "{broken",
          "{\"ts\":\"2024-05-01T10:02:59Z\",\"f\":\"b3\"}");

  private static TimeOrderedLines merge(long[] skip, String... files) throws IOException {
    List<BufferedReader> readers = new ArrayList<>();
    for (String f : files) {
      readers.add(new BufferedReader(new StringReader(f)));
    }
    return new TimeOrderedLines(readers, skip, PayloadEventTime.of("ts"));
  }

  private static List<String> drain(TimeOrderedLines lines) throws IOException {
    List<String> out = new ArrayList<>();
    while (lines.hasNext()) {
      out.add(lines.next().text);
    }
    return out;
  }

  @Test
  public void mergesFilesInEventTimeOrderKeepingUntimedLinesInPlace() throws IOException {
    try (TimeOrderedLines lines = merge(new long[2], A, B)) {
      assertEquals(
          List.of(
              "{\"ts\":\"2024-05-01T10:00:05Z\",\"f\":\"a1\"}",
              "{\"ts\":\"2024-05-01T10:00:30Z\",\"f\":\"b1\"}",
              // A tie goes to the earlier file.
              "{\"ts\":\"2024-05-01T10:01:10Z\",\"f\":\"a2\"}",
              "{\"ts\":\"2024-05-01T10:01:10Z\",\"f\":\"b2\"}",
              "{broken",
              "{\"ts\":\"2024-05-01T10:02:59Z\",\"f\":\"b3\"}",
              "{\"ts\":\"2024-05-01T10:03:00Z\",\"f\":\"a3\"}"),
          drain(lines));
      // Every line was read past, the blank one included.
      assertArrayEquals(new long[] {3, 5}, lines.consumed());
    }
  }

  @Test
  public void anUntimedLineSortsAtTheTimeOfTheLineBeforeIt() throws IOException {
    String c = "{\"ts\":\"2024-05-01T10:00:00Z\"}\nno time here\n{\"ts\":\"2024-05-01T10:05:00Z\"}";
    String d = "{\"ts\":\"2024-05-01T10:02:00Z\"}";
    try (TimeOrderedLines lines = merge(new long[2], c, d)) {
      assertEquals(Instant.parse("2024-05-01T10:00:00Z"), lines.next().sortTime);
      TimeOrderedLines.Line untimed = lines.next();
      assertEquals("no time here", untimed.text);
      assertNull(untimed.eventTime);
      assertEquals(Instant.parse("2024-05-01T10:00:00Z"), untimed.sortTime);
      assertEquals(Instant.parse("2024-05-01T10:02:00Z"), lines.next().eventTime);
      assertEquals(Instant.parse("2024-05-01T10:05:00Z"), lines.next().eventTime);
      assertFalse(lines.hasNext());
    }
  }

  @Test
  public void resumesAfterTheConsumedLines() throws IOException {
    long[] consumed;
    try (TimeOrderedLines lines = merge(new long[2], A, B)) {
      for (int i = 0; i < 4; i++) {
        lines.next();
      }
      consumed = lines.consumed();
    }
    assertArrayEquals(new long[] {2, 3}, consumed);
    try (TimeOrderedLines lines = merge(consumed, A, B)) {
      assertEquals(
          List.of(
              "{broken",
              "{\"ts\":\"2024-05-01T10:02:59Z\",\"f\":\"b3\"}",
              "{\"ts\":\"2024-05-01T10:03:00Z\",\"f\":\"a3\"}"),
          drain(lines));
    }
  }

  @Test
  public void emptyFilesYieldNothing() throws IOException {
    try (TimeOrderedLines lines = merge(new long[2], "", "\n\n")) {
      assertFalse(lines.hasNext());
      assertArrayEquals(new long[] {0, 2}, lines.consumed());
    }
  }
}
