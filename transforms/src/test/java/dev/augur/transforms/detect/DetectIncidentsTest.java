package dev.augur.transforms.detect;

import static dev.augur.transforms.alarm.TestComparisons.WINDOW;
import static dev.augur.transforms.alarm.TestComparisons.end;
import static dev.augur.transforms.alarm.TestComparisons.start;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.alarm.AlarmReference;
import dev.augur.transforms.alarm.IncidentGrouping;
import dev.augur.transforms.alarm.MissingDataPolicy;
import dev.augur.transforms.alarm.TestComparisons;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.IncidentEvent.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * DetectIncidents against the plain-Java reference: streaming behaviour with TestStream, and
 * agreement on seeded synthetic streams in batch and streaming mode.
 */
public class DetectIncidentsTest {
  private static final TestComparisons A = TestComparisons.of("s=a", "count");
  private static final TestComparisons B = TestComparisons.of("s=b", "count");

  /** 3 of 5, resolve after 3 normal windows, no cooldown. */
  private static final AlarmConfig CONFIG =
      AlarmConfig.builder()
          .minRelativeDeviation(0)
          .cooldownWindows(0)
          .resolveAfterNormalWindows(3)
          .build();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static <T> Coder<T> coder(Class<T> type) {
    try {
      return SchemaRegistry.createDefault().getSchemaCoder(type);
    } catch (NoSuchSchemaException e) {
      throw new AssertionError(e);
    }
  }

  /** A comparison as CompareWithForecast emits it, at its window's last millisecond. */
  private static TimestampedValue<Comparison> emitted(Comparison c) {
    return TimestampedValue.of(c, c.getWindowEnd().minus(Duration.millis(1)));
  }

  @SafeVarargs
  private static List<TimestampedValue<Comparison>> emitted(List<Comparison>... lists) {
    List<TimestampedValue<Comparison>> out = new ArrayList<>();
    for (List<Comparison> list : lists) {
      list.forEach(c -> out.add(emitted(c)));
    }
    return out;
  }

  private static TestStream.Builder<Comparison> stream() {
    return TestStream.create(coder(Comparison.class));
  }

  private static List<String> describe(List<IncidentEvent> events) {
    return events.stream()
        .map(e -> e.getSeries() + " " + e.getType() + "@" + e.getEventTime())
        .collect(Collectors.toList());
  }

  private static String at(String series, Type type, int window) {
    return series + " " + type + "@" + end(window);
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(DetectIncidents.METRICS_NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  public void onTimeComparisonsOpenAndResolveAnIncidentOnTimeDownstream() {
    List<Comparison> a =
        List.of(A.breach(0), A.breach(1), A.breach(2), A.normal(3), A.normal(4), A.normal(5));
    List<IncidentEvent> expected = AlarmReference.run(a, CONFIG);
    assertEquals(
        List.of(at("s=a", Type.OPENED, 2), at("s=a", Type.RESOLVED, 5)), describe(expected));

    TestStream.Builder<Comparison> builder = stream();
    for (Comparison c : a) {
      // Each window's comparison arrives, then the watermark passes the window's end.
      builder = builder.addElements(emitted(c)).advanceWatermarkTo(c.getWindowEnd());
    }
    PCollection<IncidentEvent> events =
        p.apply(builder.advanceWatermarkToInfinity()).apply(DetectIncidents.of(CONFIG));

    PAssert.that(events).containsInAnyOrder(expected);
    // Each event is in the on-time pane of the window that caused it: the transform holds the
    // watermark until it is out.
    PCollection<KV<String, Long>> perWindow =
        events
            .apply(
                "TypeAndTime",
                MapElements.into(TypeDescriptors.strings())
                    .via((IncidentEvent e) -> e.getType() + "@" + e.getEventTime()))
            .apply(Window.<String>into(FixedWindows.of(WINDOW)))
            .apply(Count.perElement());
    PAssert.that(perWindow)
        .inOnTimePane(new IntervalWindow(start(2), end(2)))
        .containsInAnyOrder(KV.of("OPENED@" + end(2), 1L));
    PAssert.that(perWindow)
        .inOnTimePane(new IntervalWindow(start(5), end(5)))
        .containsInAnyOrder(KV.of("RESOLVED@" + end(5), 1L));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, DetectIncidents.OPENED_COUNTER));
    assertEquals(0, counter(result, DetectIncidents.UPDATED_COUNTER));
    assertEquals(1, counter(result, DetectIncidents.RESOLVED_COUNTER));
  }

  @Test
  public void comparisonsArrivingOutOfOrderBeforeTheWatermarkGiveTheSameResult() {
    List<Comparison> a =
        List.of(
            A.breach(0),
            A.normal(1),
            A.breach(2),
            A.breach(3),
            A.normal(4),
            A.normal(5),
            A.normal(6));
    List<Comparison> b =
        List.of(
            B.breach(0),
            B.breach(1),
            B.normal(2),
            B.breach(3),
            B.normal(4),
            B.breach(5),
            B.normal(6));
    List<IncidentEvent> expected = AlarmReference.run(concat(a, b), CONFIG);
    assertEquals(
        List.of(at("s=a", Type.OPENED, 3), at("s=a", Type.RESOLVED, 6), at("s=b", Type.OPENED, 3)),
        describe(expected));

    TestStream<Comparison> input =
        stream()
            // Windows 0-3 of both series in one bundle, latest first, before the watermark moves.
            .addElements(
                emitted(b.get(3)),
                emitted(a.get(3)),
                emitted(a.get(2)),
                emitted(b.get(1)),
                emitted(b.get(2)),
                emitted(a.get(1)),
                emitted(b.get(0)),
                emitted(a.get(0)))
            // Window 5 before window 4, in separate bundles, both ahead of the watermark.
            .addElements(emitted(a.get(5)), emitted(b.get(5)))
            .addElements(emitted(b.get(4)), emitted(a.get(4)))
            // The watermark passes windows 0-5: all is processed in window order.
            .advanceWatermarkTo(end(5))
            .addElements(emitted(a.get(6)), emitted(b.get(6)))
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(DetectIncidents.of(CONFIG))).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void aComparisonBehindTheLastProcessedWindowIsDroppedAndCounted() {
    List<Comparison> kept =
        List.of(A.breach(0), A.breach(1), A.breach(3), A.normal(4), A.normal(5), A.normal(6));
    Comparison late = A.breach(2);
    List<IncidentEvent> expected = AlarmReference.run(kept, CONFIG);
    // Window 2 is absent when window 3 is processed: 0, 1 and 3 are 3 of the last 5 windows.
    assertEquals(
        List.of(at("s=a", Type.OPENED, 3), at("s=a", Type.RESOLVED, 6)), describe(expected));
    // Had it been processed, the incident would have opened a window earlier.
    assertNotEquals(expected, AlarmReference.run(concat(kept, List.of(late)), CONFIG));

    TestStream<Comparison> input =
        stream()
            .addElements(emitted(kept.get(0)), emitted(kept.get(1)), emitted(kept.get(2)))
            // Windows 0, 1 and 3 are processed: the incident opens at 3.
            .advanceWatermarkTo(end(3))
            // Window 2 arrives after window 3 was processed: dropped and counted.
            .addElements(emitted(late))
            // No data for windows 4 and 5 while the watermark passes them.
            .advanceWatermarkTo(end(5))
            // Windows 4 and 5 arrive behind the watermark but after the last processed window:
            // processed in order, as is window 6, which resolves the incident.
            .addElements(emitted(kept.get(3)), emitted(kept.get(4)))
            .addElements(emitted(kept.get(5)))
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(DetectIncidents.of(CONFIG))).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, DetectIncidents.LATE_COUNTER));
    assertEquals(0, counter(result, DetectIncidents.REPEATED_COUNTER));
  }

  @Test
  public void aCorrectedResultOfAWindowIsNotCountedTwice() {
    // AggregateWindows emits a window again, corrected, for each late event. Windows 0 and 1
    // breach: 2 of the last 5, no incident. Counting window 1's correction as well would make 3.
    Comparison correction = A.scored(1, 5);
    List<Comparison> kept = List.of(A.breach(0), A.breach(1), A.breach(2), A.normal(3));
    List<IncidentEvent> expected = AlarmReference.run(kept, CONFIG);
    assertEquals(List.of(at("s=a", Type.OPENED, 2)), describe(expected));

    TestStream<Comparison> input =
        stream()
            .addElements(emitted(kept.get(0)), emitted(kept.get(1)))
            // Windows 0 and 1 are processed: two breaches, no incident.
            .advanceWatermarkTo(end(1))
            // Window 1's corrected result arrives after it was processed: ignored and counted.
            .addElements(emitted(correction))
            // Window 2 breaches: the third of the last 5 opens the incident, there and not before.
            .addElements(emitted(kept.get(2)))
            .advanceWatermarkTo(end(2))
            // Window 3's result and a correction of it arrive before it is processed: the first is
            // judged, the second counted as repeated.
            .addElements(emitted(kept.get(3)), emitted(A.scored(3, 0.5)))
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(DetectIncidents.of(CONFIG))).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, counter(result, DetectIncidents.LATE_COUNTER));
    assertEquals(1, counter(result, DetectIncidents.REPEATED_COUNTER));
  }

  @Test
  public void anIdlePeriodNeitherResolvesNorLetsOldBreachesCount() {
    // s=a: two breaches, then nothing for two hours: they are out of the range when it returns.
    List<Comparison> a =
        List.of(A.breach(0), A.breach(1), A.breach(30), A.breach(31), A.breach(32));
    // s=b: an open incident, then nothing for two hours, then normal windows resolve it.
    List<Comparison> b =
        List.of(B.breach(0), B.breach(1), B.breach(2), B.normal(30), B.normal(31), B.normal(32));
    List<IncidentEvent> expected = AlarmReference.run(concat(a, b), CONFIG);
    assertEquals(
        List.of(
            at("s=a", Type.OPENED, 32), at("s=b", Type.OPENED, 2), at("s=b", Type.RESOLVED, 32)),
        describe(expected));
    assertEquals(List.of(a.get(2), a.get(3), a.get(4)), expected.get(0).getEvidence());

    TestStream<Comparison> input =
        stream()
            .addElements(
                emitted(a.get(0)),
                emitted(a.get(1)),
                emitted(b.get(0)),
                emitted(b.get(1)),
                emitted(b.get(2)))
            // s=b opens at window 2.
            .advanceWatermarkTo(end(2))
            // Idle: two hours without comparisons; nothing may happen.
            .advanceWatermarkTo(end(29))
            // Both come back; s=a opens anew at 32, s=b resolves at 32.
            .addElements(emitted(a.get(2)), emitted(b.get(3)))
            .advanceWatermarkTo(end(30))
            .addElements(emitted(a.get(3)), emitted(b.get(4)), emitted(a.get(4)), emitted(b.get(5)))
            .advanceWatermarkToInfinity();
    PAssert.that(p.apply(input).apply(DetectIncidents.of(CONFIG))).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  /** Config of the agreement tests: every rule in play, with small counts so they all fire. */
  private static AlarmConfig agreementConfig(MissingDataPolicy missingData) {
    return AlarmConfig.builder()
        .datapointsToAlarm(3)
        .evaluationPeriods(5)
        .minRelativeDeviation(0.05)
        .minAbsoluteDeviation(1)
        .cooldownWindows(2)
        .resolveAfterNormalWindows(3)
        .resolveAfterNoForecastWindows(4)
        .persistentWindows(6)
        .escalationFactor(2)
        .missingData(missingData)
        .maxEvidence(4)
        .build();
  }

  private static final List<String> STATISTICS = List.of("count", "mean");

  /** The reference output, checked to exercise every event type. */
  private static List<IncidentEvent> reference(List<Comparison> comparisons, AlarmConfig config) {
    List<IncidentEvent> expected = AlarmReference.run(comparisons, config);
    Map<Type, Long> byType =
        new TreeMap<>(
            expected.stream()
                .collect(Collectors.groupingBy(IncidentEvent::getType, Collectors.counting())));
    assertEquals(byType.toString(), 3, byType.size());
    assertTrue(byType.toString(), byType.values().stream().allMatch(n -> n >= 3));
    assertTrue(
        "an incident resolved for want of a forecast",
        expected.stream().anyMatch(e -> e.getSummary().contains("no longer assessable")));
    return expected;
  }

  @Test
  public void agreesWithTheReferenceInBatch() {
    AlarmConfig config = agreementConfig(MissingDataPolicy.BREACHING);
    List<Comparison> comparisons = SyntheticComparisons.generate(11, 3, STATISTICS, 100);
    List<IncidentEvent> expected = reference(comparisons, config);

    List<TimestampedValue<Comparison>> input = emitted(comparisons);
    Collections.shuffle(input, new Random(11));
    PCollection<IncidentEvent> events =
        p.apply(Create.timestamped(input).withCoder(coder(Comparison.class)))
            .apply(DetectIncidents.of(config));
    PAssert.that(events).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(
        expected.stream().filter(e -> e.getType() == Type.OPENED).count(),
        counter(result, DetectIncidents.OPENED_COUNTER));
    assertEquals(0, counter(result, DetectIncidents.LATE_COUNTER));
  }

  @Test
  public void agreesWithTheReferenceInStreamingWithOutOfOrderArrival() {
    AlarmConfig config = agreementConfig(MissingDataPolicy.IGNORE);
    List<Comparison> comparisons = SyntheticComparisons.generate(23, 3, STATISTICS, 100);
    List<IncidentEvent> expected = reference(comparisons, config);

    PCollection<IncidentEvent> events =
        p.apply(shuffledInChunks(comparisons, new Random(23))).apply(DetectIncidents.of(config));
    PAssert.that(events).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(0, counter(result, DetectIncidents.LATE_COUNTER));
  }

  /**
   * The comparisons four windows at a time, shuffled across series and windows, in two bundles per
   * chunk, then the watermark passes the chunk's windows.
   */
  private static TestStream<Comparison> shuffledInChunks(
      List<Comparison> comparisons, Random random) {
    Map<Integer, List<TimestampedValue<Comparison>>> chunks = new TreeMap<>();
    for (Comparison c : comparisons) {
      int window =
          (int)
              ((c.getWindowStart().getMillis() - SyntheticComparisons.T0.getMillis())
                  / SyntheticComparisons.WINDOW.getMillis());
      chunks.computeIfAbsent(window / 4, k -> new ArrayList<>()).add(emitted(c));
    }
    TestStream.Builder<Comparison> builder = stream();
    for (Map.Entry<Integer, List<TimestampedValue<Comparison>>> chunk : chunks.entrySet()) {
      List<TimestampedValue<Comparison>> elements = new ArrayList<>(chunk.getValue());
      Collections.shuffle(elements, random);
      // Two bundles per chunk, so order within and across bundles is mixed.
      int half = elements.size() / 2;
      builder = addBundle(builder, elements.subList(0, half));
      builder = addBundle(builder, elements.subList(half, elements.size()));
      // The watermark passes the chunk's windows: they are processed in window order.
      builder = builder.advanceWatermarkTo(SyntheticComparisons.start(4 * (chunk.getKey() + 1)));
    }
    return builder.advanceWatermarkToInfinity();
  }

  /** The reference's events, one incident per series ({@link IncidentGrouping}). */
  private static List<IncidentEvent> groupedReference(
      List<Comparison> comparisons, AlarmConfig config) {
    Map<String, List<IncidentEvent>> bySeries = new TreeMap<>();
    for (IncidentEvent e : reference(comparisons, config)) {
      bySeries.computeIfAbsent(e.getSeries(), k -> new ArrayList<>()).add(e);
    }
    List<IncidentEvent> grouped = new ArrayList<>();
    for (List<IncidentEvent> events : bySeries.values()) {
      grouped.addAll(IncidentGrouping.apply(new IncidentGrouping.State(), events));
    }
    assertTrue("statistics of one series shared incidents",
        grouped.stream().anyMatch(e -> e.getStatistic().contains(",")));
    return grouped;
  }

  @Test
  public void oneIncidentPerSeriesAgreesWithTheReferenceInStreaming() {
    AlarmConfig config = agreementConfig(MissingDataPolicy.IGNORE);
    List<Comparison> comparisons = SyntheticComparisons.generate(29, 3, STATISTICS, 100);
    List<IncidentEvent> expected = groupedReference(comparisons, config);
    PCollection<IncidentEvent> events =
        p.apply(shuffledInChunks(comparisons, new Random(29)))
            .apply(DetectIncidents.of(config))
            .apply(GroupIncidents.bySeries());
    PAssert.that(events).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void oneIncidentPerSeriesAgreesWithTheReferenceInBatch() {
    AlarmConfig config = agreementConfig(MissingDataPolicy.BREACHING);
    List<Comparison> comparisons = SyntheticComparisons.generate(31, 3, STATISTICS, 100);
    List<IncidentEvent> expected = groupedReference(comparisons, config);
    List<TimestampedValue<Comparison>> input = emitted(comparisons);
    Collections.shuffle(input, new Random(31));
    PCollection<IncidentEvent> events =
        p.apply(Create.timestamped(input).withCoder(coder(Comparison.class)))
            .apply(DetectIncidents.of(config))
            .apply(GroupIncidents.bySeries());
    PAssert.that(events).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  private static TestStream.Builder<Comparison> addBundle(
      TestStream.Builder<Comparison> builder, List<TimestampedValue<Comparison>> bundle) {
    return bundle.isEmpty()
        ? builder
        : builder.addElements(
            bundle.get(0), bundle.subList(1, bundle.size()).toArray(TimestampedValue[]::new));
  }

  private static List<Comparison> concat(List<Comparison> a, List<Comparison> b) {
    List<Comparison> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
