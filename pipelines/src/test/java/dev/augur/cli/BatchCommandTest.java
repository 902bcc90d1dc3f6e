package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BatchCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /**
   * Two days of history are shorter than the four a one-day horizon needs (training, calibration
   * and holdout spans): no model can be trained. The command fails, says so,
   * and leaves the latest manifest naming the version a stream should still load.
   */
  @Test
  public void tooLittleHistoryFailsAndKeepsTheLatestVersion() throws Exception {
    Path events = tmp.newFolder("events").toPath();
    new SyntheticGenerator(
            GeneratorConfig.builder()
                .seed(3)
                .seriesCount(2)
                .duration(Duration.ofDays(2))
                .eventsPerMinute(0.5)
                .noAnomalies()
                .build())
        .writeJsonLines(events, 1, true);
    Path out = tmp.newFolder("forecasts").toPath();
    String previous = "{\"model_version\":\"earlier\",\"window_seconds\":1800,\"forecast_count\":96}";
    Files.writeString(out.resolve("manifest.json"), previous);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      exit =
          Augur.commandLine()
              .execute(
                  "batch",
                  "--input=" + events + "/*.jsonl.gz",
                  "--output=" + out,
                  "--window=30m",
                  "--horizon=6h",
                  "--modelVersion=too-short");
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(stderr, 1, exit);
    assertThat(stderr, containsString("augur batch: no model could be trained, so version too-short"));
    // 96 windows of history; the trainer needs a day and 50 windows of training, then 24 of
    // calibration (twice the 6-hour horizon).
    assertThat(stderr, containsString("Each series needs 122 windows (61h) to train a model"));
    assertThat(stdout.toString(StandardCharsets.UTF_8), containsString("forecast version too-short: 0 forecasts"));
    // Nothing was trained or forecast: no directory of the version is pointed at.
    assertThat(stdout.toString(StandardCharsets.UTF_8), not(containsString("models:")));
    assertEquals(previous, Files.readString(out.resolve("manifest.json")));
    assertTrue(Files.isRegularFile(out.resolve("manifests/too-short.json")));
  }

  /**
   * CSV files (the NAB layout, a series per file) matched by a pattern without a suffix are told by
   * the files listed at launch: their events carry no JSON fields, so the manifest records none
   * for streams to check theirs against.
   */
  @Test
  public void csvInputIsPublishedWithoutEventFields() throws Exception {
    Path data = tmp.newFolder("nab").toPath();
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    Random r = new Random(4);
    LocalDateTime t = LocalDateTime.of(2024, 5, 1, 0, 0);
    for (int i = 0; i < 10 * 48; i++, t = t.plusMinutes(30)) {
      double v = 100 + 30 * Math.sin(2 * Math.PI * i / 48) + r.nextGaussian();
      csv.append(t.toString().replace('T', ' ')).append(":00,").append(v).append('\n');
    }
    Files.writeString(data.resolve("sensor_a.csv"), csv);
    Path out = tmp.newFolder("csv-forecasts").toPath();
    PrintStream oldOut = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      exit = Augur.commandLine().execute("batch", "--input=" + data + "/*", "--output=" + out,
          "--window=30m", "--horizon=6h", "--targets=mean", "--modelVersion=csv");
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(0, exit);
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertThat(manifest, containsString("\"model_version\" : \"csv\""));
    assertThat(manifest, not(containsString("event_fields")));
    try (Stream<Path> files = Files.list(out.resolve("forecasts/csv"))) {
      String forecasts = Files.readString(files.filter(p -> p.toString().endsWith(".jsonl"))
          .findFirst().orElseThrow());
      assertThat(forecasts, containsString("sensor_a"));
    }
  }

  @Test
  public void anInputMatchingNoFileFailsNamingItBeforeTheJob() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("never");
    for (String command : new String[] {"batch", "backtest"}) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli = Augur.commandLine();
      cli.setErr(new java.io.PrintWriter(err));
      cli.getSubcommands().get(command).setErr(new java.io.PrintWriter(err));
      int exit = cli.execute(command, "--input=" + tmp.getRoot() + "/no-such/*.jsonl", "--output=" + out);
      assertEquals(command + ": " + err, Augur.EXIT_USAGE, exit);
      assertThat(err.toString(), containsString("--input matches no file: " + tmp.getRoot() + "/no-such/*.jsonl"));
    }
  }

  /** An --output that is a file fails before the job, naming it (it failed in the job, in Beam's words). */
  @Test
  public void anOutputThatIsAFileFailsNamingItBeforeTheJob() throws Exception {
    Path events = tmp.newFile("events.jsonl").toPath();
    java.nio.file.Files.writeString(
        events, "{\"ts\":\"2024-05-01T10:00:00Z\",\"value\":1,\"service\":\"a\"}\n");
    Path file = tmp.newFile("a-file").toPath();
    for (String command : new String[] {"batch", "backtest"}) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli = Augur.commandLine();
      cli.setErr(new java.io.PrintWriter(err));
      cli.getSubcommands().get(command).setErr(new java.io.PrintWriter(err));
      int exit = cli.execute(command, "--input=" + events, "--output=" + file,
          "--seriesFields=service");
      assertEquals(command + ": " + err, Augur.EXIT_USAGE, exit);
      assertThat(err.toString(),
          containsString("--output " + file + " is a file; give the directory to write into"));
    }
  }
}
