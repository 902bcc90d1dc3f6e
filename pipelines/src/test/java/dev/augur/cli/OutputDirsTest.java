package dev.augur.cli;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Empty temporary directories of ended writes are removed; any that hold something are kept. */
public class OutputDirsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void removesEmptyTemporaryDirectoriesOnly() throws Exception {
    Path metrics = tmp.newFolder("metrics").toPath();
    Path events = tmp.newFolder("events").toPath();
    Path busy = tmp.newFolder("busy").toPath();
    Files.createDirectories(metrics.resolve(".temp-beam"));
    Files.createDirectories(events.resolve(".tmp/.temp-beam"));
    Files.createDirectories(busy.resolve(".temp-beam"));
    Files.writeString(busy.resolve(".temp-beam/part-0"), "another job's file\n");
    Files.writeString(metrics.resolve("metrics-0.jsonl"), "{}\n");

    OutputDirs.removeEmptyTempDirs(
        metrics.toString(), events.toString(), busy.toString(), null, "s3://bucket/augur",
        tmp.getRoot() + "/never-written");

    assertFalse(Files.exists(metrics.resolve(".temp-beam")));
    assertTrue(Files.exists(metrics.resolve("metrics-0.jsonl")));
    assertFalse(Files.exists(events.resolve(".tmp")));
    assertTrue(Files.exists(busy.resolve(".temp-beam/part-0")));
  }
}
