package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.DeadLetter;
import dev.augur.transforms.records.Event;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class ParseEventsTest {
  private static final EventFormat FORMAT =
      EventFormat.withSeriesFields(List.of("region", "service"));
  private static final String GOOD =
      "{\"ts\":\"2024-05-01T10:00:00Z\",\"region\":\"eu\",\"service\":\"checkout\",\"value\":2.5}";
  private static final Event GOOD_EVENT =
      Event.create("region=eu,service=checkout", Instant.parse("2024-05-01T10:00:00Z"), 2.5);
  private static final String SOURCE = "kinesis:augur-events";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Dead letters with their processing time replaced by the epoch, for exact comparison. */
  private static PCollection<DeadLetter> withoutTime(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        "WithoutTime",
        MapElements.into(TypeDescriptor.of(DeadLetter.class))
            .via(d -> DeadLetter.create(d.getPayload(), d.getError(), d.getStep(), d.getSource(), new Instant(0))));
  }

  private static DeadLetter deadLetter(String payload, String error) {
    return DeadLetter.create(payload, error, "parse", SOURCE, new Instant(0));
  }

  /** Runs a good line and {@code bad} through ParseEvents; the bad line must be dead-lettered. */
  private void assertDeadLettered(String bad, String error) {
    ParsedEvents parsed = p.apply(Create.of(GOOD, bad)).apply(ParseEvents.of(FORMAT).withSource(SOURCE));
    PAssert.that(parsed.events()).containsInAnyOrder(GOOD_EVENT);
    PAssert.that(withoutTime(parsed.deadLetters())).containsInAnyOrder(deadLetter(bad, error));
    p.run().waitUntilFinish();
  }

  @Test
  public void eventsAreTimestampedWithTheirEventTime() {
    String count = "{\"ts\":1714557660000,\"region\":\"us\",\"service\":\"cart\"}";
    ParsedEvents parsed = p.apply(Create.of(GOOD, count)).apply(ParseEvents.of(FORMAT));
    Event countEvent = Event.count("region=us,service=cart", new Instant(1714557660000L));
    PAssert.that(parsed.events().apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(GOOD_EVENT, GOOD_EVENT.getEventTime()),
            TimestampedValue.of(countEvent, countEvent.getEventTime()));
    PAssert.that(parsed.deadLetters()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void linesKeyedByOriginDeadLetterNamingTheirOwnOrigin() {
    String bad = "{\"ts\":\"yesterday\"}";
    ParsedEvents parsed =
        p.apply(
                Create.of(
                    KV.of("kafka:events partition 0 offset 41", GOOD),
                    KV.of("kafka:events partition 1 offset 7", bad),
                    KV.of("kafka:events partition 1 offset 8", "")))
            .apply(ParseEvents.of(FORMAT).expectingValues().fromOrigins());
    PAssert.that(parsed.events().apply(Reify.timestamps()))
        .containsInAnyOrder(TimestampedValue.of(GOOD_EVENT, GOOD_EVENT.getEventTime()));
    PAssert.that(
            parsed
                .deadLetters()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(d -> d.getSource() + " | " + d.getPayload())))
        .containsInAnyOrder(
            "kafka:events partition 1 offset 7 | " + bad, "kafka:events partition 1 offset 8 | ");
    p.run().waitUntilFinish();
  }

  @Test
  public void countsParsedAndDeadLetteredRecords() {
    Instant before = Instant.now();
    ParsedEvents parsed =
        p.apply(Create.of(GOOD, GOOD, "oops")).apply(ParseEvents.of(FORMAT).withSource(SOURCE));
    PAssert.that(parsed.deadLetters())
        .satisfies(
            ds -> {
              for (DeadLetter d : ds) {
                // Processing time of the rejection, not an event time.
                assertEquals(true, !d.getTime().isBefore(before) && !d.getTime().isAfter(Instant.now()));
              }
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(2L, counter(result, ParseEvents.PARSED_COUNTER));
    assertEquals(1L, counter(result, ParseEvents.DEAD_LETTER_COUNTER));
  }

  @Test
  public void countsTheEventsWithoutAValue() {
    String count = "{\"ts\":1714557660000,\"region\":\"us\",\"service\":\"cart\"}";
    p.apply(Create.of(GOOD, count, count)).apply(ParseEvents.of(FORMAT).expectingValues());
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(3L, counter(result, ParseEvents.PARSED_COUNTER));
    assertEquals(2L, counter(result, ParseEvents.WITHOUT_VALUE_COUNTER));
  }

  @Test
  public void theWarningOfEventsWithoutValuesNamesTheOptionAndWhatItCosts() {
    assertEquals(
        "none of the 12 events parsed had the value field 'latency_ms' (--valueField), so each was"
            + " counted only: sums read 0, and means and standard deviations are missing; give"
            + " --valueField the name the events use",
        ParseEvents.noValues("the 12 events parsed", "latency_ms"));
  }

  static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ParseEvents.METRICS_NAMESPACE, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  @Test
  public void deadLettersUnparseableJson() {
    String bad = "{\"ts\":\"2024-05-01T10:00:00Z\",";
    ParsedEvents parsed = p.apply(Create.of(GOOD, bad)).apply(ParseEvents.of(FORMAT).withSource(SOURCE));
    PAssert.that(parsed.events()).containsInAnyOrder(GOOD_EVENT);
    PAssert.that(parsed.deadLetters())
        .satisfies(
            ds -> {
              List<DeadLetter> all = new java.util.ArrayList<>();
              ds.forEach(all::add);
              assertEquals(1, all.size());
              DeadLetter d = all.get(0);
              assertEquals(bad, d.getPayload());
              assertEquals("parse", d.getStep());
              assertEquals(SOURCE, d.getSource());
              assertEquals(true, d.getError().startsWith("unparseable JSON: "));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void deadLettersNonObjects() {
    assertDeadLettered("[\"not\",\"an\",\"object\"]", "expected a JSON object, got an array");
  }

  @Test
  public void deadLettersMissingTimestamps() {
    assertDeadLettered(
        "{\"region\":\"eu\",\"service\":\"checkout\",\"value\":1}", "missing timestamp field 'ts'");
  }

  @Test
  public void deadLettersUnparseableTimestamps() {
    assertDeadLettered(
        "{\"ts\":\"01/05/2024\",\"region\":\"eu\",\"service\":\"checkout\"}",
        "timestamp field 'ts': unparseable timestamp '01/05/2024': expected ISO-8601 such as"
            + " 2024-05-01T10:00:00Z or 2024-05-01 10:00:00 (UTC), or epoch milliseconds or seconds");
  }

  @Test
  public void deadLettersNonNumericValues() {
    assertDeadLettered(
        "{\"ts\":0,\"region\":\"eu\",\"service\":\"checkout\",\"value\":\"n/a\"}",
        "value field 'value' is not a number: 'n/a'");
  }

  @Test
  public void deadLettersNonFiniteValues() {
    assertDeadLettered(
        "{\"ts\":0,\"region\":\"eu\",\"service\":\"checkout\",\"value\":Infinity}",
        "value field 'value' is not finite: Infinity");
  }

  @Test
  public void deadLettersMissingSeriesFields() {
    assertDeadLettered(
        "{\"ts\":0,\"service\":\"checkout\",\"value\":1}", "missing series field 'region'");
  }

  @Test
  public void deadLettersNonScalarSeriesFields() {
    assertDeadLettered(
        "{\"ts\":0,\"region\":[\"eu\"],\"service\":\"checkout\",\"value\":1}",
        "series field 'region' must be a string, number or boolean, got an array");
  }
}
