package dev.augur.runners;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/augur} as a user would, for integration tests, and keeps its output. */
public final class AugurProcess {
  public final int exitCode;
  public final String stdout;
  public final String stderr;

  private AugurProcess(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static Path home() {
    return Paths.get(System.getProperty("augur.home", "..")).toAbsolutePath().normalize();
  }

  public static AugurProcess run(Path workdir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home().resolve("bin/augur").toString());
    command.addAll(List.of(args));
    Files.createDirectories(workdir);
    Path out = workdir.resolve("stdout.txt");
    Path err = workdir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("bin/augur " + String.join(" ", args) + " did not finish in 30 minutes");
    }
    return new AugurProcess(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  public AugurProcess assertSucceeded() {
    assertEquals("exit code; stderr:\n" + tail(stderr) + "\nstdout:\n" + tail(stdout), 0, exitCode);
    return this;
  }

  public static String tail(String s) {
    return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
  }
}
