package dev.augur.evaluation;

import static org.junit.Assert.assertEquals;

import dev.augur.evaluation.DetectionScore.Detection;
import dev.augur.evaluation.DetectionScore.Label;
import dev.augur.evaluation.DetectionScore.Result;
import java.util.List;
import org.junit.Test;

public class DetectionScoreTest {
  @Test
  public void matchesBySeriesWithinTheLabelPlusGrace() {
    List<Label> labels =
        List.of(new Label("a", 100, 200, "SPIKE"), new Label("b", 100, 200, "DIP"), new Label("c", 500, 600, "DIP"));
    List<Detection> incidents =
        List.of(
            new Detection("a", 130), // finds a after 30
            new Detection("a", 160), // a second incident on the same anomaly: still a true positive
            new Detection("b", 240), // within b's end + grace 50: finds b after 140
            new Detection("b", 251), // past the grace: false alarm
            new Detection("c", 500), // at c's start exactly: too early to be caused by it
            new Detection("x", 150)); // another series: false alarm
    Result r = DetectionScore.score(labels, incidents, 50);
    assertEquals(3, r.labels());
    assertEquals(2, r.detectedLabels());
    assertEquals(6, r.incidents());
    assertEquals(3, r.truePositiveIncidents());
    assertEquals(2.0 / 3, r.recall(), 1e-12);
    assertEquals(0.5, r.precision(), 1e-12);
    assertEquals(85, r.meanTimeToDetectMillis(), 1e-9);
    assertEquals(List.of(labels.get(2)), r.missed());
    assertEquals(List.of(30L, 140L), r.delaysMillis());
    assertEquals(85, r.medianTimeToDetectMillis(), 1e-9);
  }

  @Test
  public void medianTimeToDetectIsTheMiddleDelay() {
    List<Label> labels =
        List.of(new Label("a", 0, 100, "SPIKE"), new Label("b", 0, 100, "SPIKE"), new Label("c", 0, 100, "SPIKE"));
    Result r =
        DetectionScore.score(
            labels, List.of(new Detection("a", 10), new Detection("b", 20), new Detection("c", 90)), 0);
    assertEquals(40, r.meanTimeToDetectMillis(), 1e-9);
    assertEquals(20, r.medianTimeToDetectMillis(), 1e-9);
  }

  @Test
  public void emptyInputsGiveUndefinedRatios() {
    Result r = DetectionScore.score(List.of(), List.of(), 0);
    assertEquals(Double.NaN, r.recall(), 0);
    assertEquals(Double.NaN, r.precision(), 0);
    assertEquals(Double.NaN, r.medianTimeToDetectMillis(), 0);
    assertEquals(
        "recall – (0 of 0 anomalies), precision – (0 of 0 incidents), F1 –, mean time to detect –",
        r.toString());
  }

  @Test
  public void theSummaryLineGivesEachFigure() {
    Result r =
        DetectionScore.score(
            List.of(new Label("a", 0, 600_000, "SPIKE"), new Label("b", 0, 600_000, "DIP")),
            List.of(new Detection("a", 120_000), new Detection("x", 0)),
            0);
    assertEquals(
        "recall 50.0% (1 of 2 anomalies), precision 50.0% (1 of 2 incidents), F1 0.500,"
            + " mean time to detect 2 min",
        r.toString());
  }
}
