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
}
