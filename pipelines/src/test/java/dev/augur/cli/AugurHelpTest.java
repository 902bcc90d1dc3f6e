package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

/** Every command's {@code --help} prints cleanly: picocli warns on stderr when a text breaks its format. */
public class AugurHelpTest {
  @Test
  public void everyCommandsHelpPrintsWithoutWarnings() {
    Map<String, CommandLine> commands = Augur.commandLine().getSubcommands();
    assertTrue(commands.keySet().toString(), commands.size() >= 11);
    for (String name : commands.keySet()) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream old = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      StringWriter out = new StringWriter();
      int exit;
      try {
        CommandLine cli = Augur.commandLine();
        cli.setOut(new PrintWriter(out, true));
        exit = cli.execute(name, "--help");
      } finally {
        System.setErr(old);
      }
      assertEquals(name, 0, exit);
      assertTrue(name + " printed no usage", out.toString().contains("Usage:"));
      assertEquals(name + " --help warned", "", err.toString(StandardCharsets.UTF_8));
    }
  }
}
