package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code augur benchmark} measures about the event count asked for, and its table holds every
 * figure: nothing else is printed between its rows. Its timings are not asserted.
 */
public class BenchmarkCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void measuresTheEventCountAskedForAndKeepsItsTableWhole() throws Exception {
    Path workdir = tmp.getRoot().toPath();
    String table = run(workdir, "--events=6000", "--series=4", "--days=2");
    String[] lines = table.strip().split("\n");
    assertEquals(table, 3, lines.length);
    assertEquals("| events | series | window | series windows | runner | preparation s | events/s |", lines[0]);
    String[] row = lines[2].split("\\|");
    long events = Long.parseLong(row[1].strip().replace(",", ""));
    // The generator's seasonality and anomalies move its rate by some 10 %; the command fits it.
    assertTrue(table, Math.abs(events - 6000) <= 60);
    assertEquals(table, "4", row[2].strip());
    // Every series has a window for every 15 minutes of the two days, gaps filled.
    assertEquals(table, String.format("%,d", 4 * 2 * 96), row[4].strip());

    // Asked for again with another configuration, the kept events are written afresh.
    String other = run(workdir, "--events=6000", "--series=2", "--days=2");
    assertEquals(other, "2", other.strip().split("\n")[2].split("\\|")[2].strip());
    assertTrue(Files.readString(workdir.resolve("events-6000/_COMPLETE")).contains("seriesCount=2"));
  }

  private static String run(Path workdir, String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "benchmark";
    args[1] = "--skipTraining";
    args[2] = "--workdir=" + workdir;
    System.arraycopy(options, 0, args, 3, options.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Augur.commandLine().execute(args));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
