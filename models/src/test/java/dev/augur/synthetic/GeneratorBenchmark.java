package dev.augur.synthetic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Measures generation speed; not a unit test. Run from the {@code models} module after {@code mvn
 * test-compile}, with the test class path:
 *
 * <pre>{@code
 * java -cp target/classes:target/test-classes:<deps> dev.augur.synthetic.GeneratorBenchmark \
 *     [events=1000000] [series=100] [files=8] [dir=<temp>]
 * }</pre>
 *
 * It sizes a one-week run of {@code series} series to about {@code events} events, then times
 * iterating all events and writing them as gzip JSON lines, printing wall and CPU time per phase.
 */
public final class GeneratorBenchmark {
  private GeneratorBenchmark() {}

  public static void main(String[] args) throws Exception {
    long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int files = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("augur-gen-bench");

    GeneratorConfig unit = GeneratorConfig.builder().seriesCount(series).eventsPerMinute(1).build();
    double perUnitRate = new SyntheticGenerator(unit).expectedEventCount();
    GeneratorConfig config = unit.toBuilder().eventsPerMinute(target / perUnitRate).build();
    SyntheticGenerator gen = new SyntheticGenerator(config);
    System.out.printf(
        Locale.ROOT,
        "%d series, %.2f events/min baseline, %d expected events, %d labels%n",
        series,
        config.eventsPerMinute(),
        gen.expectedEventCount(),
        gen.labels().size());

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    long n = 0;
    double checksum = 0;
    for (Iterator<SyntheticEvent> it = gen.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      checksum += e.hasValue() ? e.value() : 1;
      n++;
    }
    report("iterate", n, wall, cpu, threads);
    System.out.printf(Locale.ROOT, "  (checksum %.1f)%n", checksum);

    cpu = threads.getCurrentThreadCpuTime();
    wall = System.nanoTime();
    n = gen.writeJsonLines(dir, files, true);
    report("write gzip", n, wall, cpu, threads);
    long bytes = 0;
    try (var paths = Files.list(dir)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        bytes += Files.size(p);
      }
    }
    System.out.printf(Locale.ROOT, "  %s: %.1f MB in %d files%n", dir, bytes / 1e6, files);
  }

  private static void report(String phase, long n, long wall, long cpu, ThreadMXBean threads) {
    double wallS = (System.nanoTime() - wall) / 1e9;
    double cpuS = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-10s %,d events: wall %.2f s (%,.0f events/s), cpu %.2f s (%,.0f events/s)%n",
        phase,
        n,
        wallS,
        n / wallS,
        cpuS,
        n / cpuS);
  }
}
