package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;
import picocli.CommandLine;

public class DemoCommandTest {
  @Test
  public void helpSaysHowToRunBothPipelinesOnFlink() {
    StringWriter out = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setUsageHelpWidth(400);
    assertEquals(0, cli.execute("demo", "--help"));
    String help = out.toString();
    assertThat(help, containsString("Any other option is a Beam option given to both pipelines"));
    assertThat(help, containsString("--runner=FlinkRunner --flinkMaster='[local]'"));
    assertThat(help, containsString("Default: augur-demo"));
  }

  @Test
  public void badOptionsFailBeforeAnythingIsGenerated() throws Exception {
    java.nio.file.Path work = java.nio.file.Files.createTempDirectory("augur-demo-test").resolve("work");
    for (String[] bad :
        new String[][] {
          {"--series=0", "--series must be at least 1"},
          {"--days=0", "--days must be at least 1"},
          {"--window=7m", "--window"},
          {"--windw=15m", "windw"},
          // Options the demo gives its pipelines itself.
          {"--output=/tmp/elsewhere", "--output is set by the demo, which reads and writes"
              + " everything under --workdir"},
          {"--forecasts=/tmp/f", "--forecasts is set by the demo"}
        }) {
      StringWriter err = new StringWriter();
      CommandLine cli = Augur.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.getSubcommands().get("demo").setErr(new PrintWriter(err));
      int exit = cli.execute("demo", "--workdir=" + work, bad[0]);
      assertEquals(bad[0] + ": " + err, Augur.EXIT_USAGE, exit);
      assertThat(bad[0], err.toString(), containsString(bad[1]));
      assertEquals(bad[0] + " generated nothing", false, java.nio.file.Files.exists(work));
    }
  }
}
