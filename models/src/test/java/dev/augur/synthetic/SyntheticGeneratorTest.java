package dev.augur.synthetic;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SyntheticGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final GeneratorConfig SMALL =
      GeneratorConfig.builder()
          .seed(11)
          .seriesCount(6)
          .duration(Duration.ofDays(3))
          .cleanPeriod(Duration.ofDays(1))
          .anomaliesPerSeriesPerDay(2)
          .countOnlyFraction(0.34)
          .build();

  private static List<SyntheticEvent> first(SyntheticGenerator g, int n) {
    List<SyntheticEvent> out = new ArrayList<>();
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext() && out.size() < n; ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  public void sameSeedGivesIdenticalEventsAndLabels() {
    SyntheticGenerator a = new SyntheticGenerator(SMALL);
    SyntheticGenerator b = new SyntheticGenerator(SMALL.toBuilder().build());
    assertEquals(first(a, 20_000), first(b, 20_000));
    assertEquals(a.labels(), b.labels());
    assertFalse(a.labels().isEmpty());
  }

  @Test
  public void differentSeedGivesDifferentEventsAndLabels() {
    SyntheticGenerator a = new SyntheticGenerator(SMALL);
    SyntheticGenerator b = new SyntheticGenerator(SMALL.toBuilder().seed(12).build());
    assertNotEquals(first(a, 100), first(b, 100));
    assertNotEquals(a.labels(), b.labels());
  }

  @Test
  public void interleavedIteratorsReplayTheSameEvents() {
    SyntheticGenerator g = new SyntheticGenerator(SMALL);
    Iterator<SyntheticEvent> x = g.events();
    Iterator<SyntheticEvent> y = g.events();
    List<SyntheticEvent> xs = new ArrayList<>();
    List<SyntheticEvent> ys = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      xs.add(x.next());
      if (i % 3 == 0) {
        ys.add(y.next());
      }
    }
    while (ys.size() < xs.size()) {
      ys.add(y.next());
    }
    assertEquals(xs, ys);
  }

  @Test
  public void aSeriesDoesNotDependOnTheOtherSeries() {
    GeneratorConfig four = SMALL.toBuilder().seriesCount(4).countOnlyFraction(0).build();
    GeneratorConfig nine = four.toBuilder().seriesCount(9).build();
    String key = "region=eu-west-1,service=checkout";
    assertEquals(
        eventsOf(new SyntheticGenerator(four), key), eventsOf(new SyntheticGenerator(nine), key));
  }

  private static List<SyntheticEvent> eventsOf(SyntheticGenerator g, String key) {
    List<SyntheticEvent> out = new ArrayList<>();
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      if (e.seriesKey().equals(key)) {
        out.add(e);
      }
    }
    assertFalse(out.isEmpty());
    return out;
  }

  @Test
  public void eventsAreSortedInsideTheRangeAndCountOnlySeriesHaveNoValue() {
    SyntheticGenerator g = new SyntheticGenerator(SMALL);
    long start = SMALL.start().toEpochMilli();
    long end = SMALL.end().toEpochMilli();
    assertEquals(2, g.countOnlySeriesKeys().size());
    long previous = Long.MIN_VALUE;
    long count = 0;
    Map<String, Long> perSeries = new HashMap<>();
    for (Iterator<SyntheticEvent> it = g.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      long ts = e.timestampMillis();
      assertTrue("sorted", ts >= previous);
      assertTrue("inside range: " + e, ts >= start && ts < end);
      assertEquals(e.toString(), !g.countOnlySeriesKeys().contains(e.seriesKey()), e.hasValue());
      if (e.hasValue()) {
        assertTrue(Double.isFinite(e.value()) && e.value() >= 0);
      }
      perSeries.merge(e.seriesKey(), 1L, Long::sum);
      previous = ts;
      count++;
    }
    assertEquals(g.seriesKeys().size(), perSeries.size());
    long expected = g.expectedEventCount();
    assertThat((double) Math.abs(count - expected), lessThan(5 * Math.sqrt(expected)));
  }

  @Test
  public void labelsLieInTheAnomalySpanAndDoNotOverlapPerSeries() {
    GeneratorConfig c =
        GeneratorConfig.builder()
            .seed(3)
            .seriesCount(40)
            .duration(Duration.ofDays(10))
            .cleanPeriod(Duration.ofDays(6))
            .anomaliesPerSeriesPerDay(1.3)
            .countOnlyFraction(0.25)
            .build();
    List<AnomalyLabel> labels = new SyntheticGenerator(c).labels();
    long spanStart = c.anomalyStart().toEpochMilli();
    long end = c.end().toEpochMilli();
    assertThat(labels.size(), greaterThan(40 * 5));
    for (AnomalyLabel l : labels) {
      assertTrue(l.toString(), l.startMillis() >= spanStart && l.endMillis() <= end);
      long minutes = (l.endMillis() - l.startMillis()) / 60_000;
      assertTrue(l.toString(), minutes >= 30 && minutes <= 120);
      for (AnomalyLabel other : labels) {
        assertTrue(l + " overlaps " + other, l == other || !l.overlaps(other));
      }
    }
    assertTrue(new SyntheticGenerator(c.toBuilder().noAnomalies().build()).labels().isEmpty());
    assertTrue(
        new SyntheticGenerator(c.toBuilder().anomalyKinds(List.of()).build()).labels().isEmpty());
  }

  @Test
  public void countsFollowLocalBusinessHoursAndDipAtWeekends() {
    GeneratorConfig c =
        GeneratorConfig.builder()
            .seed(5)
            .seriesCount(8)
            .start(Instant.parse("2024-05-06T00:00:00Z")) // a Monday
            .duration(Duration.ofDays(7))
            .noAnomalies()
            .build();
    Map<String, long[]> hourly = new HashMap<>();
    Map<String, long[]> daily = new HashMap<>();
    for (Iterator<SyntheticEvent> it = new SyntheticGenerator(c).events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      long offset = e.timestampMillis() - c.start().toEpochMilli();
      hourly.computeIfAbsent(e.seriesKey(), k -> new long[24])[(int) (offset / 3_600_000 % 24)]++;
      daily.computeIfAbsent(e.seriesKey(), k -> new long[7])[(int) (offset / 86_400_000)]++;
    }
    // eu-west-1 is at UTC+0, us-east-1 at UTC-5: peaks in local business hours.
    assertPeakBetween(hourly.get("region=eu-west-1,service=checkout"), 10, 17);
    assertPeakBetween(hourly.get("region=eu-west-1,service=search"), 10, 17);
    assertPeakBetween(hourly.get("region=us-east-1,service=checkout"), 15, 22);
    for (long[] days : daily.values()) {
      long weekday = days[1] + days[2];
      long weekend = days[5] + days[6];
      assertThat((double) weekend, lessThan(0.9 * weekday));
    }
  }

  private static void assertPeakBetween(long[] hours, int from, int to) {
    int peak = 0;
    int trough = 0;
    for (int h = 0; h < 24; h++) {
      peak = hours[h] > hours[peak] ? h : peak;
      trough = hours[h] < hours[trough] ? h : trough;
    }
    assertTrue("peak hour " + peak, peak >= from && peak <= to);
    assertThat((double) hours[peak], greaterThan(2.0 * hours[trough]));
  }

  @Test
  public void writtenFilesHoldAllEventsSplitByTimeRange() throws IOException {
    GeneratorConfig c =
        SMALL.toBuilder()
            .duration(Duration.ofHours(30))
            .cleanPeriod(Duration.ofHours(20))
            .eventsPerMinute(2)
            .build();
    SyntheticGenerator g = new SyntheticGenerator(c);
    Path dir = tmp.newFolder("events").toPath();
    Files.writeString(dir.resolve("events-00000-of-00009.jsonl"), "stale\n");
    Files.writeString(dir.resolve("notes.txt"), "kept\n");
    for (boolean gzip : new boolean[] {false, true}) {
      long written = g.writeJsonLines(dir, 4, gzip);
      List<SyntheticEvent> read = new ArrayList<>();
      long rangeMs = c.duration().toMillis() / 4;
      for (int k = 0; k < 4; k++) {
        Path file = dir.resolve(SyntheticGenerator.eventFileName(k, 4, gzip));
        for (String line : readLines(file, gzip)) {
          SyntheticEvent e = SyntheticEvent.fromJson(line);
          long offset = e.timestampMillis() - c.start().toEpochMilli();
          assertTrue(line + " in file " + k, offset >= k * rangeMs && offset < (k + 1) * rangeMs);
          read.add(e);
        }
      }
      assertEquals(written, read.size());
      assertEquals(first(g, Integer.MAX_VALUE), read);
      try (var files = Files.list(dir)) {
        assertEquals(5, files.count()); // four parts and notes.txt, no stale part
      }
    }
    Path labels = dir.resolve("labels.jsonl");
    g.writeLabels(labels);
    assertEquals(g.labels(), AnomalyLabel.readAll(labels));
    assertFalse(g.labels().isEmpty());
  }

  private static List<String> readLines(Path file, boolean gzip) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try (InputStream in = gzip ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
      return lines;
    }
  }
}
