package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import dev.augur.transforms.sink.SinkJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** {@code augur report} on files laid out as a backtest writes them, and its usage errors. */
public class ReportCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void rendersABacktestsOutputDirectories() throws Exception {
    Path out = tmp.getRoot().toPath();
    Files.createDirectories(out.resolve("comparisons"));
    Files.createDirectories(out.resolve("incidents"));
    List<String> comparisons = new ArrayList<>();
    Instant start = Instant.parse("2024-05-01T00:00:00Z");
    for (int i = 0; i < 12; i++) {
      double actual = i == 6 ? 160 : 100 + i;
      double score = i == 6 ? 5.0 : 0.1;
      comparisons.add(
          SinkJson.comparison(
                  Comparison.create(
                      "service=checkout", "count", start.plus(i * 900_000L), start.plus((i + 1) * 900_000L),
                      actual, 100.0 + i, 90.0 + i, 110.0 + i, score,
                      i == 6 ? Comparison.Direction.ABOVE : Comparison.Direction.WITHIN, "v1"))
              // A backtest adds the alarm state; the report ignores fields it does not know.
              .replace("}", ",\"alarm_state\":\"OK\"}"));
    }
    Files.write(out.resolve("comparisons/part-0.jsonl"), comparisons);
    Files.write(
        out.resolve("incidents/part-0.jsonl"),
        List.of(
            SinkJson.incident(
                IncidentEvent.create(
                    "k1", IncidentEvent.Type.OPENED, "service=checkout", "count",
                    IncidentEvent.Severity.HIGH, start.plus(7 * 900_000L), start.plus(7 * 900_000L),
                    "count above", List.of()))));
    Path html = out.resolve("site/report.html");
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    int status =
        cli.execute(
            "report",
            "--comparisons=" + out.resolve("comparisons"),
            "--incidents=" + out.resolve("incidents"),
            "--output=" + html,
            "--title=Backtest <checkout>");
    assertEquals(err.toString(), 0, status);
    String page = Files.readString(html);
    assertThat(page, containsString("<h1>Backtest &lt;checkout&gt;</h1>"));
    assertThat(page, containsString("<svg class=\"chart\""));
    assertThat(page, containsString("<rect class=\"incident open\""));

    // A stream that opened no incident writes no incidents/: the report is drawn without them.
    Path quiet = out.resolve("site/quiet.html");
    assertEquals(
        0,
        Augur.commandLine()
            .execute("report", "--comparisons=" + out.resolve("comparisons"), "--output=" + quiet));
    assertThat(Files.readString(quiet), containsString("<svg class=\"chart\""));
    assertThat(Files.readString(quiet), containsString("incidents: none given"));
    assertThat(Files.readString(quiet), containsString("0 incidents, 1 of 12"));
    assertThat(Files.readString(quiet), not(containsString("<rect class=\"incident open\"")));

    // Directories swapped: comparison lines given as incidents are unreadable lines, told
    // (parsing them used to fail with a NullPointerException)...
    Path swapped = out.resolve("site/swapped.html");
    StringWriter swappedErr = new StringWriter();
    java.io.ByteArrayOutputStream swappedOut = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    int swappedStatus;
    try {
      System.setOut(new java.io.PrintStream(swappedOut, true, java.nio.charset.StandardCharsets.UTF_8));
      CommandLine c = Augur.commandLine();
      c.setErr(new PrintWriter(swappedErr));
      swappedStatus = c.execute("report", "--comparisons=" + out.resolve("incidents"),
          "--incidents=" + out.resolve("comparisons"), "--output=" + swapped);
    } finally {
      System.setOut(stdout);
    }
    // ...and with nothing readable left, the command fails rather than writing an empty page.
    assertEquals(swappedErr.toString(), 1, swappedStatus);
    String said = swappedOut.toString(java.nio.charset.StandardCharsets.UTF_8);
    // The incident line read as a comparison and the 12 comparisons read as incidents.
    assertThat(said, containsString("13 unreadable lines left out"));
  }

  /**
   * Labels whose series no comparison names are said to count as missed, with a name to copy. Under
   * either name for the labels: the report's, or the backtest's, which it takes as well.
   */
  @Test
  public void labelsOfSeriesNeverComparedAreWarnedAbout() throws Exception {
    Path out = tmp.getRoot().toPath();
    Files.createDirectories(out.resolve("comparisons"));
    Instant start = Instant.parse("2024-05-01T00:00:00Z");
    List<String> comparisons = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      comparisons.add(
          SinkJson.comparison(
              Comparison.create(
                  "service=checkout", "count", start.plus(i * 900_000L), start.plus((i + 1) * 900_000L),
                  100.0, 100.0, 90.0, 110.0, 0.1, Comparison.Direction.WITHIN, "v1")));
    }
    Files.write(out.resolve("comparisons/part-0.jsonl"), comparisons);
    Path labels = out.resolve("labels.jsonl");
    Files.writeString(
        labels,
        "{\"series\":\"checkout\",\"start\":\"2024-05-01T00:15:00Z\",\"end\":\"2024-05-01T00:45:00Z\","
            + "\"kind\":\"spike\"}\n");
    for (String labelsOption : new String[] {"--labels=", "--anomalyLabels="}) {
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      java.io.PrintStream saved = System.out;
      System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      int status;
      try {
        status =
            Augur.commandLine()
                .execute("report", "--comparisons=" + out.resolve("comparisons"),
                    labelsOption + labels,
                    "--output=" + out.resolve("labelled.html"));
      } finally {
        System.setOut(saved);
      }
      assertEquals(0, status);
      assertThat(
          printed.toString(java.nio.charset.StandardCharsets.UTF_8),
          containsString("warning: 1 labelled series is in no comparison, so its anomalies count as"
              + " missed (e.g. 'checkout'; compared series are named like 'service=checkout'"));
      // Without --incidents nothing can be found, and it says why (a stream's webhook or SNS sink
      // keeps no incidents to give).
      assertThat(
          printed.toString(java.nio.charset.StandardCharsets.UTF_8),
          containsString("warning: no --incidents given, so every labelled anomaly counts as missed"));
    }
  }

  @Test
  public void anOutputThatIsADirectoryIsAUsageErrorNamingTheOption() throws Exception {
    Path out = tmp.getRoot().toPath();
    Files.createDirectories(out.resolve("comparisons"));
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    int status =
        cli.execute("report", "--comparisons=" + out.resolve("comparisons"), "--output=" + out);
    assertEquals(err.toString(), Augur.EXIT_USAGE, status);
    assertThat(
        err.toString(),
        containsString("augur report: --output is a directory, " + out + "; give the file to write,"
            + " such as " + out.resolve("report.html")));
  }

  @Test
  public void aMissingInputIsAUsageErrorNamingTheOption() throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    int status =
        cli.execute(
            "report",
            "--comparisons=" + tmp.getRoot().toPath().resolve("absent"),
            "--incidents=" + tmp.getRoot(),
            "--output=" + tmp.getRoot().toPath().resolve("r.html"));
    assertEquals(Augur.EXIT_USAGE, status);
    assertThat(err.toString(), containsString("augur report: --comparisons: no such file or directory"));
  }
}
