package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class LogDeadLettersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  public void theLogSaysWhyAndQuotesTheLine() {
    DeadLetter d =
        DeadLetter.create("{\"ts\":\"yesterday\"}", "unparseable timestamp 'yesterday' in field ts",
            "parse", "kinesis:orders", T);
    assertEquals(
        "unparseable timestamp 'yesterday' in field ts (from kinesis:orders, line: {\"ts\":\"yesterday\"})",
        LogDeadLetters.describe(d));
  }

  @Test
  public void aLongLineIsQuotedInPartNamingItsLength() {
    String line = "x".repeat(LogDeadLetters.QUOTED_CHARS + 50);
    DeadLetter d = DeadLetter.create(line, "not JSON", "parse", null, T);
    assertEquals(
        "not JSON (line: " + "x".repeat(LogDeadLetters.QUOTED_CHARS) + "... ("
            + (LogDeadLetters.QUOTED_CHARS + 50) + " chars))",
        LogDeadLetters.describe(d));
  }

  @Test
  public void controlCharactersAreEscapedSoTheLogLineStaysOne() {
    DeadLetter d = DeadLetter.create("{\"a\":1}\n{\"b\":\t2}", "not one JSON object", "parse", null, T);
    assertEquals(
        "not one JSON object (line: {\"a\":1}\\u000a{\"b\":\\u00092})", LogDeadLetters.describe(d));
  }

  @Test
  public void deadLettersPassOnUnchanged() {
    DeadLetter a = DeadLetter.create("a", "not JSON", "parse", "file.jsonl", T);
    DeadLetter b = DeadLetter.create("b", "too late", "aggregate", null, T.plus(1));
    PCollection<DeadLetter> out = p.apply(Create.of(a, b)).apply(LogDeadLetters.of());
    PAssert.that(out).containsInAnyOrder(a, b);
    p.run().waitUntilFinish();
  }
}
