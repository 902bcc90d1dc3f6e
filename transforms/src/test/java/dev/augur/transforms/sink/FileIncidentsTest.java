package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.records.IncidentEvent.Severity;
import dev.augur.transforms.records.IncidentEvent.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link IncidentSink#FILE} writes each file's incident events in the order they happened, however
 * they arrive: a reader of a file sees an incident open before it is updated and resolved.
 */
public class FileIncidentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static IncidentEvent event(Type type, int minute) {
    return IncidentManagerCallsTest.event(type, Severity.HIGH, minute);
  }

  private IncidentsConfig config(Path dir) {
    return IncidentsConfig.builder()
        .setDestination(dir.toString())
        .setFlushEvery(Duration.standardMinutes(1))
        .build();
  }

  /** Each file's event times and types, in the files' own line order. */
  private static List<List<String>> files(Path dir) throws Exception {
    List<List<String>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList())) {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            var n = JSON.readTree(line);
            lines.add(n.get("event_time").asText() + " " + n.get("type").asText());
          }
        }
        if (!lines.isEmpty()) {
          out.add(lines);
        }
      }
    }
    return out;
  }

  @Test
  public void aBoundedRunWritesItsEventsInTheOrderTheyHappened() throws Exception {
    Path dir = tmp.newFolder("incidents").toPath();
    p.apply(
            Create.of(
                event(Type.RESOLVED, 45), event(Type.UPDATED, 15), event(Type.OPENED, 0),
                event(Type.UPDATED, 30)))
        .apply(IncidentSink.FILE.publish(config(dir)));
    p.run().waitUntilFinish();
    assertEquals(
        List.of(
            List.of(
                "2024-05-01T10:15:00.000Z OPENED", "2024-05-01T10:30:00.000Z UPDATED",
                "2024-05-01T10:45:00.000Z UPDATED", "2024-05-01T11:00:00.000Z RESOLVED")),
        files(dir));
  }

  @Test
  public void eachFlushOfAStreamIsInOrder() throws Exception {
    Path dir = tmp.newFolder("stream").toPath();
    TestStream<IncidentEvent> events =
        TestStream.create(p.getSchemaRegistry().getSchemaCoder(IncidentEvent.class))
            .addElements(
                TimestampedValue.of(event(Type.UPDATED, 15), event(Type.UPDATED, 15).getEventTime()),
                TimestampedValue.of(event(Type.OPENED, 0), event(Type.OPENED, 0).getEventTime()))
            .advanceProcessingTime(Duration.standardMinutes(2))
            .addElements(
                TimestampedValue.of(event(Type.RESOLVED, 45), event(Type.RESOLVED, 45).getEventTime()),
                TimestampedValue.of(event(Type.UPDATED, 30), event(Type.UPDATED, 30).getEventTime()))
            .advanceProcessingTime(Duration.standardMinutes(2))
            .advanceWatermarkToInfinity();
    p.apply(events).apply(IncidentSink.FILE.publish(config(dir)));
    p.run().waitUntilFinish();
    List<List<String>> files = files(dir);
    // Two flushes, each file in order; the files' names carry the flush's pane index.
    assertEquals(
        List.of(
            List.of("2024-05-01T10:15:00.000Z OPENED", "2024-05-01T10:30:00.000Z UPDATED"),
            List.of("2024-05-01T10:45:00.000Z UPDATED", "2024-05-01T11:00:00.000Z RESOLVED")),
        files);
  }
}
