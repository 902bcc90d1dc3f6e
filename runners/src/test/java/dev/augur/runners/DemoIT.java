package dev.augur.runners;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * {@code bin/augur demo}, the README's first command, end to end on a small generated set: every
 * step runs, forecasts beat the seasonal naive on the held-back day, the streaming pipeline's
 * incidents are matched with the injected anomalies, and the HTML report charts every series.
 */
public class DemoIT {
  private static final Pattern MASE = Pattern.compile("MASE=([0-9.]+) coverage");
  private static final Pattern DETECTION =
      Pattern.compile("recall ([0-9.]+)% \\(\\d+ of (\\d+) anomalies\\), precision ([0-9.]+%|–)");

  @Test
  public void demoRunsEveryStepAndReportsQuality() throws Exception {
    Path work = Paths.get("target/it/demo").toAbsolutePath();
    AugurProcess run = AugurProcess.run(work.resolve("run"), Map.of(), demoCommand(work)).assertSucceeded();
    System.out.println(run.stdout);
    assertReportsQuality(run.stdout);
    assertTrue(Files.isDirectory(work.resolve("demo/stream/incidents")));
    assertTrue(Files.exists(work.resolve("demo/forecast/manifest.json")));
    // The report charts every series of the replayed day, a chart per compared statistic.
    assertThat(run.stdout, containsString("report:"));
    String report = Files.readString(work.resolve("demo/report.html"));
    assertEquals(6, count(report, "<section class=\"series\""));
    assertTrue(count(report, "<svg class=\"chart\"") >= 6 * 4);
    assertThat(report, containsString("id=\"evaluation\""));
  }

  /** The demo on a small set (6 series, 15 days) under {@code work}, then {@code more} options. */
  static String[] demoCommand(Path work, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "demo",
                "--workdir=" + work.resolve("demo"),
                "--series=6",
                "--days=15",
                "--eventsPerMinute=1"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /**
   * Every step ran, every statistic beat the seasonal naive on the held-back day, and incidents
   * were scored against injected anomalies; returns the recall in percent.
   */
  static double assertReportsQuality(String stdout) {
    for (String step : new String[] {"1/4", "2/4", "3/4", "4/4"}) {
      assertThat(stdout, containsString(step));
    }
    Matcher mase = MASE.matcher(stdout);
    int statistics = 0;
    while (mase.find()) {
      statistics++;
      assertTrue("held-back day MASE " + mase.group(1), Double.parseDouble(mase.group(1)) < 1.0);
    }
    assertTrue("four statistics scored, saw " + statistics, statistics == 4);
    Matcher detection = DETECTION.matcher(stdout);
    assertTrue("the demo reports recall and precision:\n" + stdout, detection.find());
    assertTrue(Integer.parseInt(detection.group(2)) > 0);
    return Double.parseDouble(detection.group(1));
  }
}
