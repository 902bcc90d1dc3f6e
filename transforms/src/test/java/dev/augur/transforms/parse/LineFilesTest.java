package dev.augur.transforms.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LineFilesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path dir() throws IOException {
    Path d = tmp.getRoot().toPath();
    Files.writeString(d.resolve("b.jsonl"), "b1\n\n  \nb2\n", StandardCharsets.UTF_8);
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(d.resolve("a.jsonl.gz")))) {
      os.write("a1\na2\n".getBytes(StandardCharsets.UTF_8));
    }
    return d;
  }

  @Test
  public void readsEveryNonBlankLineFileByFileInNameOrderDecompressingBySuffix() throws IOException {
    Path d = dir();
    List<String> lines = new ArrayList<>();
    assertEquals(4, LineFiles.forEachLine(d + "/*", lines::add));
    assertEquals(List.of("a1", "a2", "b1", "b2"), lines);
  }

  @Test
  public void aRejectedLineFailsNamingFileAndLine() throws IOException {
    Path d = dir();
    IOException e = assertThrows(IOException.class, () -> LineFiles.forEachLine(d + "/b.jsonl",
        line -> {
          if (line.equals("b2")) {
            throw new IllegalArgumentException("not an event");
          }
        }));
    assertTrue(e.getMessage(), e.getMessage().endsWith("b.jsonl line 4: not an event"));
  }

  @Test
  public void aWildcardMatchingNothingReadsNothingUnlessAMatchIsRequired() throws IOException {
    Path d = dir();
    assertEquals(0, LineFiles.forEachLine(d + "/*.csv", line -> {}));
    IOException e = assertThrows(IOException.class,
        () -> LineFiles.match(d + "/*.csv", EmptyMatchTreatment.DISALLOW));
    assertTrue(e.getMessage(), e.getMessage().contains("file pattern '" + d + "/*.csv'"));
  }
}
