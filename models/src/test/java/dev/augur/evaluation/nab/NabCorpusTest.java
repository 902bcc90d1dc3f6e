package dev.augur.evaluation.nab;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.evaluation.nab.NabCorpus.Series;
import dev.augur.evaluation.nab.NabCorpus.TimeWindow;
import dev.augur.evaluation.nab.NabScorer.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading data and labels laid out as NAB's, and writing results files. */
public class NabCorpusTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path data() throws Exception {
    Path dir = tmp.newFolder("data").toPath();
    Files.createDirectories(dir.resolve("catA"));
    Files.writeString(
        dir.resolve("catA/one.csv"),
        "timestamp,value\n2014-04-01 00:00:00,1.5\n2014-04-01 00:05:00,20\n"
            + "2014-04-01 00:10:00,-3e2\n2014-04-01 00:15:00,4\n2014-04-01 00:20:00,5\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("top.csv"), "timestamp,value\n2014-04-01 00:00:00,7\n");
    Files.writeString(dir.resolve("notes.txt"), "not data");
    return dir;
  }

  @Test
  public void readsEveryCsvWithItsRelativePathAndVerbatimColumns() throws Exception {
    List<Series> corpus = NabCorpus.read(data());
    assertEquals(2, corpus.size());
    Series one = corpus.get(0);
    assertEquals("catA/one.csv", one.path());
    assertEquals("catA", one.category());
    assertEquals("one", one.name());
    assertEquals(List.of("1.5", "20", "-3e2", "4", "5"), one.valueTexts());
    assertArrayEquals(new double[] {1.5, 20, -300, 4, 5}, one.values(), 0);
    assertEquals(1396310700L - 1396310400L, one.epochSeconds()[1] - one.epochSeconds()[0]);
    assertEquals("", corpus.get(1).category());
    assertEquals("top", corpus.get(1).name());
  }

  @Test
  public void mapsLabelledWindowsToRowsAndWritesResults() throws Exception {
    Path labels = tmp.newFile("combined_windows.json").toPath();
    Files.writeString(
        labels,
        "{\"catA/one.csv\": [[\"2014-04-01 00:04:00.000000\", \"2014-04-01 00:10:00.000000\"]],"
            + " \"top.csv\": []}");
    Map<String, List<TimeWindow>> byFile = NabCorpus.readLabels(labels);
    Series one = NabCorpus.read(data()).get(0);
    List<Window> windows = NabCorpus.windowRows(one, byFile.get("catA/one.csv"));
    assertEquals(List.of(new Window(1, 2)), windows);
    assertEquals(List.of(), byFile.get("top.csv"));

    Path out = tmp.newFolder("out").toPath();
    Path file = NabCorpus.writeResults(out, "det", one, new double[] {0, 0.25, 1, 0.1, 1e-5}, windows);
    assertEquals(out.resolve("det/catA/det_one.csv"), file);
    assertEquals(
        List.of(
            "timestamp,value,anomaly_score,label",
            "2014-04-01 00:00:00,1.5,0.0,0",
            "2014-04-01 00:05:00,20,0.25,1",
            "2014-04-01 00:10:00,-3e2,1.0,1",
            "2014-04-01 00:15:00,4,0.1,0",
            "2014-04-01 00:20:00,5,1.0E-5,0"),
        Files.readAllLines(file));
  }

  /** What a run writes reads back to the same doubles; NAB's published files have more columns. */
  @Test
  public void readsResultsBackWhicheverDetectorWroteThem() throws Exception {
    Series one = NabCorpus.read(data()).get(0);
    Path out = tmp.newFolder("out").toPath();
    double[] scores = {0, 0.25, 1, 0.1, 1e-5 / 3};
    NabCorpus.writeResults(out, "det", one, scores, List.of(new Window(1, 2)));
    assertArrayEquals(scores, NabCorpus.readResults(out, "det", one), 0);

    Path published = out.resolve("ARTime/catA/ARTime_one.csv");
    Files.createDirectories(published.getParent());
    Files.writeString(
        published,
        "timestamp,value,anomaly_score,label,S(t)_standard,S(t)_reward_low_FP_rate\n"
            + "2014-04-01 00:00:00,1.5,0.0,0,-0.11,-0.22\n"
            + "2014-04-01 00:05:00,20,0.4,1,0.9,0.8\n"
            + "2014-04-01 00:10:00,-300.0,0.0,1,0.0,0.0\n"
            + "2014-04-01 00:15:00,4,0.0,0,0.0,0.0\n"
            + "2014-04-01 00:20:00,5,0.7,0,-0.11,-0.22\n");
    assertArrayEquals(new double[] {0, 0.4, 0, 0, 0.7}, NabCorpus.readResults(out, "ARTime", one), 0);
  }

  /** A results file that does not match the data row for row is refused, naming the file. */
  @Test
  public void refusesResultsThatDoNotMatchTheData() throws Exception {
    Series one = NabCorpus.read(data()).get(0);
    Path out = tmp.newFolder("out").toPath();
    Path file = out.resolve("det/catA/det_one.csv");
    Files.createDirectories(file.getParent());
    String header = "timestamp,value,anomaly_score,label\n";
    String rows =
        "2014-04-01 00:00:00,1.5,0,0\n2014-04-01 00:05:00,20,0,0\n2014-04-01 00:10:00,-3e2,0,0\n"
            + "2014-04-01 00:15:00,4,0,0\n";
    Map<String, String> bad =
        Map.of(
            "4 rows", header + rows,
            "more rows than the 5", header + rows + "2014-04-01 00:20:00,5,0,0\n2014-04-01 00:25:00,5,0,0\n",
            "timestamp 2014-04-01 00:25:00", header + rows + "2014-04-01 00:25:00,5,0,0\n",
            "not in [0, 1]", header + rows + "2014-04-01 00:20:00,5,1.5,0\n",
            "not a number", header + rows + "2014-04-01 00:20:00,5,high,0\n",
            "3 columns", header + rows + "2014-04-01 00:20:00,5,0\n",
            "must name the columns", "timestamp,value,score,label\n" + rows + "2014-04-01 00:20:00,5,0,0\n");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      Files.writeString(file, c.getValue());
      IllegalArgumentException e =
          assertThrows(c.getKey(), IllegalArgumentException.class, () -> NabCorpus.readResults(out, "det", one));
      assertTrue(c.getKey() + ": " + e.getMessage(), e.getMessage().contains(c.getKey()));
      assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
    }
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> NabCorpus.readResults(out, "other", one));
    assertTrue(missing.getMessage(), missing.getMessage().contains("other/catA/other_one.csv"));
  }

  @Test
  public void refusesMalformedInput() throws Exception {
    Path dir = tmp.newFolder("bad").toPath();
    Files.writeString(dir.resolve("x.csv"), "time,value\n2014-04-01 00:00:00,1\n");
    assertThrows(IllegalArgumentException.class, () -> NabCorpus.read(dir));
    Files.writeString(dir.resolve("x.csv"), "timestamp,value\n2014-04-01 00:00:00,abc\n");
    assertThrows(IllegalArgumentException.class, () -> NabCorpus.read(dir));
    assertThrows(IllegalArgumentException.class, () -> NabCorpus.read(dir.resolve("missing")));
  }

  /** A --data one level too deep reads files without their category; the error says where to point. */
  @Test
  public void labelsOfAnotherDirectoryLevelSayWhichDataToGive() {
    Map<String, List<TimeWindow>> labels =
        Map.of("realKnownCause/nyc_taxi.csv", List.of(), "artificialWithAnomaly/art.csv", List.of());
    assertEquals(
        "; the labels name it realKnownCause/nyc_taxi.csv: give --data the directory that holds"
            + " realKnownCause/",
        NabEvaluation.missingEntryHint("nyc_taxi.csv", labels));
    assertEquals(
        "; the labels' keys are <category>/<name>.csv relative to --data",
        NabEvaluation.missingEntryHint("other/thing.csv", labels));
  }
}
