package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/**
 * {@code augur nab} on three files of the NAB development subset (read from the directory in the
 * system property {@code augur.nab.dir}; skipped when it is absent): results layout and headers,
 * rows copied verbatim, scores in [0, 1], the label column, and anomaly scores byte-identical with
 * and without labels.
 */
public class NabCommandTest {
  private static final List<String> FILES =
      List.of(
          "artificialWithAnomaly/art_daily_jumpsup.csv",
          "realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv",
          "realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path nab;

  @Before
  public void needsTheNabSubset() {
    String dir = System.getProperty("augur.nab.dir", "");
    nab = Paths.get(dir.isEmpty() ? "../../shared/nab" : dir);
    assumeTrue(
        "NAB development subset not found at " + nab.toAbsolutePath()
            + " (system property augur.nab.dir); skipping",
        Files.isDirectory(nab.resolve("data")) && Files.isRegularFile(nab.resolve("labels/combined_windows.json")));
  }

  /** A data directory holding links to three of the subset's files, so the test stays fast. */
  private Path subset() throws Exception {
    Path data = tmp.newFolder("data").toPath();
    for (String f : FILES) {
      Path link = data.resolve(f);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, nab.resolve("data").resolve(f).toAbsolutePath());
    }
    return data;
  }

  private static int run(String... args) {
    return new CommandLine(new NabCommand()).execute(args);
  }

  private static List<String> column(List<String> lines, int index) {
    List<String> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      values.add(line.split(",", -1)[index]);
    }
    return values;
  }

  @Test
  public void writesResultsWhoseScoresDoNotDependOnTheLabels() throws Exception {
    Path data = subset();
    Path withLabels = tmp.newFolder("with").toPath();
    Path without = tmp.newFolder("without").toPath();
    String labels = nab.resolve("labels/combined_windows.json").toString();
    assertEquals(0, run("--data", data.toString(), "--out", withLabels.toString(), "--labels", labels));
    assertEquals(0, run("--data", data.toString(), "--out", without.toString()));

    for (String f : FILES) {
      String category = f.substring(0, f.indexOf('/'));
      String name = f.substring(f.indexOf('/') + 1, f.length() - 4);
      Path a = withLabels.resolve("augur").resolve(category).resolve("augur_" + name + ".csv");
      Path b = without.resolve("augur").resolve(category).resolve("augur_" + name + ".csv");
      List<String> input = Files.readAllLines(nab.resolve("data").resolve(f));
      List<String> labelled = Files.readAllLines(a);
      List<String> unlabelled = Files.readAllLines(b);

      assertEquals("timestamp,value,anomaly_score,label", labelled.get(0));
      assertEquals("timestamp,value,anomaly_score,label", unlabelled.get(0));
      assertEquals(input.size(), labelled.size());
      for (int i = 1; i < input.size(); i++) {
        String[] row = labelled.get(i).split(",", -1);
        assertEquals(f + " row " + i, input.get(i), row[0] + "," + row[1]);
        double score = Double.parseDouble(row[2]);
        assertTrue(f + " row " + i + " score " + score, score >= 0 && score <= 1);
      }
      assertEquals(f, column(labelled, 2), column(unlabelled, 2));
      assertTrue(f, column(unlabelled, 3).stream().allMatch("0"::equals));
      assertTrue(f, column(labelled, 3).stream().allMatch(l -> l.equals("0") || l.equals("1")));
    }

    // The labelled windows of jumpsup: one window, 2014-04-10 16:15 to 2014-04-12 01:45 (5-minute rows).
    Path jumps = withLabels.resolve("augur/artificialWithAnomaly/augur_art_daily_jumpsup.csv");
    List<String> lines = Files.readAllLines(jumps);
    List<String> labelColumn = column(lines, 3);
    int first = labelColumn.indexOf("1");
    int last = labelColumn.lastIndexOf("1");
    assertEquals("2014-04-10 16:15:00", lines.get(first + 1).split(",")[0]);
    assertEquals("2014-04-12 01:45:00", lines.get(last + 1).split(",")[0]);
    assertEquals(last - first + 1, labelColumn.stream().filter("1"::equals).count());
    // The two windows of NetworkIn are labelled too.
    List<String> network =
        column(Files.readAllLines(withLabels.resolve("augur/realAWSCloudwatch/augur_iio_us-east-1_i-a2eb1cd9_NetworkIn.csv")), 3);
    assertTrue(network.contains("1"));

    // The scores, as NAB's own final_results.json holds them; none without labels.
    com.fasterxml.jackson.databind.JsonNode scores =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(withLabels.resolve("final_results.json").toFile())
            .get("augur");
    for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
      double score = scores.get(profile).asDouble();
      assertTrue(profile + " " + score, score > 0 && score <= 100);
    }
    assertTrue(!Files.exists(without.resolve("final_results.json")));
  }

  /** What a run printed, its own scores read back from its results files, and how bad uses fail. */
  @Test
  public void scoresResultsFilesAlreadyWritten() throws Exception {
    Path data = subset();
    Path out = tmp.newFolder("scored").toPath();
    String labels = nab.resolve("labels/combined_windows.json").toString();
    String detected = printed("--data", data.toString(), "--out", out.toString(), "--labels", labels);
    Path finalResults = out.resolve("final_results.json");
    byte[] written = Files.readAllBytes(finalResults);
    // The same files under another detector's name, as a NAB checkout holds them.
    Path copied = out.resolve("other");
    for (String f : FILES) {
      String name = f.substring(f.indexOf('/') + 1);
      Path to = copied.resolve(f).resolveSibling("other_" + name);
      Files.createDirectories(to.getParent());
      Files.copy(out.resolve("augur").resolve(f).resolveSibling("augur_" + name), to);
    }
    String rescored =
        printed("--data", data.toString(), "--out", out.toString(), "--labels", labels, "--detector", "other", "--scoreOnly");

    String scores = detected.substring(detected.indexOf("NAB scores over"), detected.indexOf("scores in "));
    assertTrue(scores, scores.contains("standard"));
    assertTrue(rescored, rescored.startsWith("read "));
    assertEquals(scores, rescored.substring(rescored.indexOf("NAB scores over")));
    assertArrayEquals("writes nothing", written, Files.readAllBytes(finalResults));

    assertThat(
        failure("--data", data.toString(), "--out", out.toString(), "--detector", "other", "--scoreOnly"),
        containsString("--scoreOnly needs --labels"));
    assertThat(
        failure("--data", data.toString(), "--out", out.toString(), "--labels", labels, "--detector", "none",
            "--scoreOnly"),
        containsString("--scoreOnly: no directory " + out.resolve("none")));
    assertThat(
        failure("--data", data.toString(), "--out", out.toString(), "--labels", labels, "--detector", "../x",
            "--scoreOnly"),
        containsString("--detector must be a plain name"));
  }

  /** The one-line error of a run that fails as the command line reports it (exit 2). */
  private static String failure(String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "nab";
      System.arraycopy(args, 0, all, 1, args.length);
      assertEquals(2, Augur.commandLine().execute(all));
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String printed(String... args) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run(args));
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  public void refusesAnUnknownDetector() throws Exception {
    assertEquals(
        1, run("--data", subset().toString(), "--out", tmp.newFolder("o").toPath().toString(), "--detector", "htm"));
  }
}
