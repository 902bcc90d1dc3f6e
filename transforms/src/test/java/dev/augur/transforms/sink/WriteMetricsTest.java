package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.transforms.records.Comparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteMetricsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant END = Instant.parse("2024-05-01T10:15:00Z");

  private static List<String> lines(Path dir, String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
        out.addAll(Files.readAllLines(f));
      }
    }
    return out;
  }

  @Test
  public void emfWritesOneRecordPerComparisonAndDeadLettersSeriesThatCannotBeDimensions()
      throws Exception {
    Comparison good =
        Comparison.create("service=checkout", "count", START, END, 7.0, null, null, null, null,
            Comparison.Direction.NO_FORECAST, null);
    Comparison reserved =
        Comparison.create("Actual=x", "count", START, END, 7.0, null, null, null, null,
            Comparison.Direction.NO_FORECAST, null);
    Path dir = tmp.newFolder("emf").toPath();

    SinkResult result =
        p.apply(Create.of(good, reserved))
            .apply(MetricsSink.EMF.write(
                MetricsConfig.builder().setDestination(dir.toString()).build()));
    PAssert.that(result.deadLetters().apply(MapElements.into(TypeDescriptors.strings())
            .via(d -> d.getStep() + " " + d.getPayload() + " " + d.getError())))
        .containsInAnyOrder(
            "metrics " + SinkJson.comparison(reserved)
                + " series 'Actual=x' uses the reserved dimension name 'Actual'");
    p.run().waitUntilFinish();

    assertEquals(
        List.of("{\"_aws\":{\"Timestamp\":1714557600000,\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"Augur\",\"Dimensions\":[[\"service\",\"Statistic\"]],"
            + "\"Metrics\":[{\"Name\":\"Actual\",\"Unit\":\"None\"},"
            + "{\"Name\":\"NoForecast\",\"Unit\":\"None\"}]}]},"
            + "\"service\":\"checkout\",\"Statistic\":\"count\",\"Actual\":7.0,\"NoForecast\":1.0}"),
        lines(dir, "metrics"));
  }

  @Test
  public void eachSinkNamesTheSettingItLacks() {
    MetricsConfig defaults = MetricsConfig.builder().build();
    assertEquals(
        "metrics destination is required for sink EMF",
        assertThrows(IllegalArgumentException.class, () -> MetricsSink.EMF.write(defaults))
            .getMessage());
    assertEquals(
        "metrics namespace 'AWS/EC2' is not a valid custom CloudWatch namespace"
            + " (1-255 characters, not starting with ':' or 'AWS/')",
        assertThrows(IllegalArgumentException.class,
            () -> MetricsSink.CLOUDWATCH.write(defaults.toBuilder().setNamespace("AWS/EC2").build()))
            .getMessage());
  }
}
