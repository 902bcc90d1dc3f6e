package dev.augur.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.pipelines.config.BacktestConfig;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.synthetic.AnomalyKind;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The backtest's job on its own, as a template launches it ({@link BacktestPipeline#main}, no
 * command line around it): it scores what it wrote and draws the report.
 */
public class BacktestPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theJobAloneWritesTheEvaluationAndTheReport() throws Exception {
    Path events = tmp.newFolder("events").toPath();
    Path out = tmp.getRoot().toPath().resolve("backtest");
    SyntheticGenerator generator =
        new SyntheticGenerator(
            GeneratorConfig.builder()
                .seed(3)
                .seriesCount(2)
                .duration(Duration.ofDays(7))
                .eventsPerMinute(1)
                .cleanPeriod(Duration.ofDays(5))
                .anomaliesPerSeriesPerDay(1.5)
                .anomalyKinds(AnomalyKind.SPIKE)
                .anomalyDuration(Duration.ofHours(2), Duration.ofHours(3))
                .build());
    generator.writeJsonLines(events, 7, true);
    Path labels = events.resolve("labels.jsonl");
    generator.writeLabels(labels);

    BacktestPipeline.main(
        new String[] {
          "--input=" + events + "/*.jsonl.gz",
          "--output=" + out,
          "--window=30m",
          "--trainSpan=5d",
          "--statistics=count",
          "--targets=count",
          "--anomalyLabels=" + labels
        });

    Path evaluationFile = out.resolve("evaluation.json");
    assertTrue("the job wrote no evaluation.json", Files.exists(evaluationFile));
    JsonNode evaluation = JSON.readTree(evaluationFile.toFile());
    assertEquals(2 * 2 * 48, evaluation.get("windows_with_forecast").asInt());
    JsonNode detection = evaluation.get("detection");
    assertTrue(evaluation.toString(), detection.isObject());
    assertTrue(detection.toString(), detection.get("labels").asInt() > 0);
    assertEquals(
        detection.get("detected_labels").asInt(),
        detection.get("times_to_detect_minutes").size());
    String report = Files.readString(out.resolve("report.html"));
    assertEquals(2, report.split("<svg class=\"chart\"", -1).length - 1);
    assertTrue(report.contains("id=\"evaluation\""));

    // What the command line prints is read back from that file, figure for figure.
    String written = Files.readString(evaluationFile);
    BacktestResults read = BacktestResults.readJson(evaluationFile.toString());
    assertEquals(written, read.toJson());
    assertFalse(read.summary().isEmpty());
    assertThat(String.join("\n", read.summary()), containsString("detection: recall"));
  }

  @Test
  public void labelsThatCannotBeReadFailBeforeAnyWork() throws Exception {
    Path events = tmp.newFolder("in").toPath();
    Files.writeString(events.resolve("e.jsonl"), "{\"ts\":0,\"value\":1,\"series\":\"a\"}\n");
    Path out = tmp.getRoot().toPath().resolve("out");
    Path malformed = events.resolve("labels.jsonl");
    Files.writeString(malformed, "{\"series\":\"a\",\"start\":\"2024-01-01T00:00:00Z\"}\n");
    for (String labels : new String[] {events.resolve("none.jsonl").toString(), malformed.toString()}) {
      BacktestOptions options =
          PipelineOptionsFactory.fromArgs(
                  "--input=" + events + "/*.jsonl",
                  "--output=" + out,
                  "--anomalyLabels=" + labels)
              .as(BacktestOptions.class);
      InvalidOptionException e =
          assertThrows(
              InvalidOptionException.class,
              () -> BacktestPipeline.run(options, BacktestConfig.from(options)));
      assertEquals("anomalyLabels", e.option());
      assertThat(e.getMessage(), containsString(labels.equals(malformed.toString()) ? "label lacks 'end'" : labels));
      assertFalse(Files.exists(out));
    }
  }
}
