package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.BatchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;
import picocli.CommandLine;

public class PipelineOptionsCommandTest {
  @Test
  public void helpListsEveryOptionWithItsDefault() {
    StringWriter out = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setUsageHelpWidth(400); // one line per option, so each default reads whole
    assertEquals(0, cli.execute("batch", "--help"));
    String help = out.toString();
    List<PipelineOptionsCommand.OptionDoc> docs = PipelineOptionsCommand.describe(BatchOptions.class);
    assertEquals(15, docs.size());
    for (PipelineOptionsCommand.OptionDoc d : docs) {
      String value = d.type() == Boolean.class ? "[=<" + d.name() + ">]" : "=<" + d.name() + ">";
      assertThat(help, containsString("--" + d.name() + value));
      if (d.required()) {
        assertThat(help, containsString("Required."));
      } else {
        assertTrue(d.name() + " has a default", d.defaultValue() != null);
      }
    }
    assertThat(help, containsString("Default: 5m"));
    assertThat(help, containsString("Default: count,mean,stddev,sum"));
  }

  @Test
  public void aPercentSignInADescriptionShowsAsItIs() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setUsageHelpWidth(400);
    // picocli warns on its own stream when a description is not a valid format.
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, cli.execute("stream", "--help"));
    } finally {
      System.setErr(stderr);
    }
    assertThat(out.toString(), containsString("(0.1 = 10%). Default: 0.1"));
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void knownOptionsAndPassThroughBecomeBeamArguments() {
    CommandLine cmd =
        PipelineOptionsCommand.command("batch", "", BatchOptions.class, args -> 0);
    CommandLine.ParseResult parsed =
        cmd.parseArgs("--input=/x", "--output=/y", "--window", "15m", "--runner=FlinkRunner");
    assertArrayEquals(
        new String[] {"--input=/x", "--output=/y", "--window=15m", "--runner=FlinkRunner"},
        PipelineOptionsCommand.beamArgs(parsed));
  }

  @Test
  public void aBooleanOptionAloneMeansTrueAndTakesNoFollowingArgument() {
    CommandLine cmd =
        PipelineOptionsCommand.command("batch", "", BatchOptions.class, args -> 0);
    assertArrayEquals(
        new String[] {"--input=/x", "--output=/y", "--writeParquet=true", "--awsRegion=us-east-1"},
        PipelineOptionsCommand.beamArgs(
            cmd.parseArgs("--input=/x", "--output=/y", "--writeParquet", "--awsRegion=us-east-1")));
    assertArrayEquals(
        new String[] {"--input=/x", "--output=/y", "--writeParquet=false", "--awsRegion=us-east-1"},
        PipelineOptionsCommand.beamArgs(
            PipelineOptionsCommand.command("batch", "", BatchOptions.class, args -> 0)
                .parseArgs("--input=/x", "--output=/y", "--writeParquet=false", "--awsRegion=us-east-1")));
  }

  @Test
  public void missingRequiredOptionIsNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("batch", "--output=/tmp/x");
    assertEquals(Augur.EXIT_USAGE, status);
    assertThat(err.toString(), containsString("Missing required option: '--input=<input>'"));
    // Not Beam's message, which quotes the option's whole description.
    assertTrue(err.toString(), !err.toString().contains("Missing required value for"));
    // The usage line shows it as required: no brackets around it.
    assertThat(err.toString(), containsString(" --input=<input> "));
  }

  @Test
  public void beamsMetricsSinkOptionIsNotMistakenForAugurs() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("stream", "--forecasts=/tmp/x", "--metricsSink=CLOUDWATCH");
    assertEquals(Augur.EXIT_USAGE, status);
    assertThat(err.toString(), containsString("Augur's metrics go to --metricSink=CLOUDWATCH|EMF|FILE"));
  }

  @Test
  public void anUnknownOptionIsNamedWithTheOptionsItMayHaveMeant() {
    String[][] cases = {
      {"backtest", "--labels=l.jsonl", "--labels is not an option of this command; did you mean --anomalyLabels?"},
      {"batch", "--windw=15m", "--windw is not an option of this command; did you mean --window?"},
      {"batch", "--colour=red", "--colour is not an option of this command (--help lists them)"}
    };
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      CommandLine cli = Augur.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.getSubcommands().get(c[0]).setErr(new PrintWriter(err));
      int status = cli.execute(c[0], "--input=/x", "--output=/y", c[1]);
      assertEquals(err.toString(), Augur.EXIT_USAGE, status);
      assertThat(err.toString(), containsString(c[2]));
      assertTrue(err.toString(), !err.toString().contains("Class interface"));
    }
  }

  /** A misspelt required option is named as such, not reported missing with the whole usage. */
  @Test
  public void aMisspeltRequiredOptionIsNamedWithTheOneMeant() {
    String[][] cases = {
      {"stream", "--forecast=/tmp/f", "--forecast is not an option of this command; did you mean --forecasts?"},
      {"produce", "--targt=KAFKA", "--targt is not an option of this command; did you mean --target?"},
    };
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      CommandLine cli = Augur.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.getSubcommands().get(c[0]).setErr(new PrintWriter(err));
      int status = cli.execute(c[0], c[1]);
      assertEquals(err.toString(), Augur.EXIT_USAGE, status);
      assertThat(err.toString(), containsString(c[2]));
      assertTrue(err.toString(), !err.toString().contains("Missing required option"));
    }
    // Truly missing: picocli's own message.
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.getSubcommands().get("stream").setErr(new PrintWriter(err));
    assertEquals(Augur.EXIT_USAGE, cli.execute("stream", "--window=15m"));
    assertThat(err.toString(), containsString("Missing required option: '--forecasts"));
  }
}
