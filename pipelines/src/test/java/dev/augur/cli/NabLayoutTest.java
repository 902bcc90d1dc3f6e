package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** Files given without NAB's category folders are scored, and the user is told where they went. */
public class NabLayoutTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static void csv(Path file) throws Exception {
    StringBuilder b = new StringBuilder("timestamp,value\n");
    LocalDateTime t = LocalDateTime.of(2014, 7, 1, 0, 0);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (int i = 0; i < 400; i++) {
      b.append(f.format(t.plusMinutes(5L * i))).append(',').append(10 + Math.sin(i / 12.0)).append('\n');
    }
    Files.writeString(file, b);
  }

  private static String stderrOf(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, new CommandLine(new NabCommand()).execute(args));
    } finally {
      System.setErr(old);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void filesWithoutACategoryFolderAreScoredAndSaidToBe() throws Exception {
    Path flat = tmp.newFolder("flat").toPath();
    csv(flat.resolve("a.csv"));
    Path out = tmp.getRoot().toPath().resolve("out");
    String said = stderrOf("--data", flat.toString(), "--out", out.toString());
    assertTrue(Files.isRegularFile(out.resolve("augur/augur_a.csv")));
    assertTrue(said, said.contains("1 files lie directly under --data " + flat + ", in no <category>/ folder"));

    Path nested = tmp.newFolder("nested").toPath();
    Files.createDirectories(nested.resolve("cat"));
    csv(nested.resolve("cat/a.csv"));
    Path out2 = tmp.getRoot().toPath().resolve("out2");
    assertEquals("", stderrOf("--data", nested.toString(), "--out", out2.toString()));
    assertTrue(Files.isRegularFile(out2.resolve("augur/cat/augur_a.csv")));
  }
}
