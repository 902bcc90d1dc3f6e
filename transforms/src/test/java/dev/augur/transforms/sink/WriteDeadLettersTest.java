package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.records.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Dead letters of an unbounded pipeline reach their files however late their records were. */
public class WriteDeadLettersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static TimestampedValue<DeadLetter> deadLetter(String payload, String timestamp) {
    Instant t = Instant.parse(timestamp);
    return TimestampedValue.of(DeadLetter.create(payload, "bad", "parse", "test", t), t);
  }

  @Test
  public void lateDeadLettersAreWrittenToo() throws Exception {
    Path dir = tmp.newFolder("dead-letters").toPath();
    TestStream<DeadLetter> stream;
    try {
      stream =
          TestStream.create(SchemaRegistry.createDefault().getSchemaCoder(DeadLetter.class))
              .addElements(deadLetter("on time", "2024-05-01T10:00:00Z"))
              .advanceWatermarkTo(Instant.parse("2024-05-01T12:00:00Z"))
              .advanceProcessingTime(Duration.standardMinutes(2))
              // An hour and more behind the watermark: an event-time window would drop it.
              .addElements(deadLetter("late", "2024-05-01T10:30:00Z"))
              .advanceProcessingTime(Duration.standardMinutes(2))
              .advanceWatermarkToInfinity();
    } catch (NoSuchSchemaException e) {
      throw new AssertionError(e);
    }
    p.apply(stream).apply(new WriteDeadLetters(dir.toString(), Duration.standardMinutes(1)));
    p.run().waitUntilFinish();

    List<String> payloads = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("dead-letters-")).collect(Collectors.toList())) {
        for (String line : Files.readAllLines(f)) {
          payloads.add(json.readTree(line).get("payload").asText());
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    payloads.sort(null);
    assertEquals(List.of("late", "on time"), payloads);
  }
}
