package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** {@code bin/augur generate}: bad options are usage errors naming the option. */
public class GenerateCommandTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** The exit status and what went to stderr. */
  private String[] run(String... args) throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.getSubcommands().get("generate").setErr(new PrintWriter(err));
    String[] all = new String[args.length + 2];
    all[0] = "generate";
    all[1] = "--output=" + tmp.getRoot().toPath().resolve("events");
    System.arraycopy(args, 0, all, 2, args.length);
    return new String[] {String.valueOf(cli.execute(all)), err.toString()};
  }

  private void assertNames(String message, String... args) throws Exception {
    String[] r = run(args);
    assertEquals(r[1], "2", r[0]);
    assertTrue(r[1], r[1].startsWith("augur generate: " + message));
  }

  @Test
  public void badOptionsNameThemselves() throws Exception {
    assertNames("--series must be at least 1, got 0", "--series=0");
    assertNames("--days must be at least one minute", "--days=0");
    assertNames("--eventsPerMinute must be positive", "--eventsPerMinute=-1");
    assertNames("--anomaliesPerDay must be 0 (none) or more", "--anomaliesPerDay=NaN");
    assertNames("--countOnlyFraction must be between 0 and 1", "--countOnlyFraction=1.5");
    assertNames("--files must be at least 1", "--files=0");
    assertNames("--cleanDays must be less than --days", "--days=3", "--cleanDays=3");
    assertNames("--start 'tomorrow' is not an ISO-8601 instant", "--start=tomorrow");
    // Refused by the generator itself, which names its setting; the option is named instead.
    assertNames("--anomaliesPerDay is too high for the anomaly span", "--anomaliesPerDay=500");
    assertTrue("nothing written", !Files.exists(tmp.getRoot().toPath().resolve("events")));
  }

  @Test
  public void goodOptionsWriteEventsAndLabels() throws Exception {
    String[] r = run("--series=2", "--days=1", "--eventsPerMinute=1", "--plain", "--files=1");
    assertEquals(r[1], "0", r[0]);
    Path events = tmp.getRoot().toPath().resolve("events");
    assertTrue(Files.exists(events.resolve("labels.jsonl")));
    try (var files = Files.list(events)) {
      assertEquals(2, files.count());
    }
  }
}
