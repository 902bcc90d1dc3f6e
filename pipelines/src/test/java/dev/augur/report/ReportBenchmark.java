package dev.augur.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures how long a large report takes to read and write and how big it gets; not a unit test.
 * Run after {@code mvn test-compile} with the bundle on the class path:
 *
 * <pre>{@code
 * java -cp pipelines/target/classes:pipelines/target/test-classes:runners/target/augur-bundled.jar \
 *     dev.augur.report.ReportBenchmark [series=100] [windows=2688] [dir=<temp>]
 * }</pre>
 *
 * It writes {@code series} series of two statistics over {@code windows} 15-minute windows (2688
 * is four weeks), one incident and one label per series, then times loading and rendering.
 */
public final class ReportBenchmark {
  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int windows = args.length > 1 ? Integer.parseInt(args[1]) : 2688;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("augur-report-bench");
    ReportFixture f = new ReportFixture(dir);
    for (int i = 0; i < series; i++) {
      int spike = (int) ((long) windows * (i + 1) / (series + 2));
      f.series("service=s" + i, windows, spike, 2.0 + i % 7, i);
      f.incident("service=s" + i, "count", spike + 1, spike + 6, "count above");
      f.label("service=s" + i, spike, spike + 3);
    }
    f.write();
    long lines = f.comparisonLines.size();
    long inputBytes = Files.size(f.comparisons.resolve("comparisons-00000-of-00001.jsonl"));
    f.comparisonLines.clear();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    ReportData data = f.load(ReportOptions.defaults());
    long t1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    Path html = dir.resolve("report.html");
    HtmlReport.write(data, html);
    long t2 = System.nanoTime();
    long c2 = cpu.getCurrentThreadCpuTime();
    System.out.printf(
        Locale.ROOT,
        "%d series x 2 statistics x %d windows: %,d comparison lines (%.1f MB); load %.1f s "
            + "(CPU %.1f s), render and write %.1f s (CPU %.1f s); report %.2f MB (%d charts of "
            + "at most %d windows)%n",
        series, windows, lines, inputBytes / 1e6, (t1 - t0) / 1e9, (c1 - c0) / 1e9,
        (t2 - t1) / 1e9, (c2 - c1) / 1e9, Files.size(html) / 1e6,
        Math.min(series, data.options().maxChartedSeries()) * 2, data.options().maxPointsPerChart());
  }
}
