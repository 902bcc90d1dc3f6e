package dev.augur.evaluation.nab;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

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
