package dev.augur.report;

import static dev.augur.report.ReportFixture.EVIL;
import static dev.augur.report.ReportFixture.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Loads a report in headless Chromium, as a reader's browser would: the charts must paint (the
 * screenshot is far from blank and holds the band's colour), the parsed page must hold one chart
 * per series and statistic, and a series named like an HTML element must be text, not an element.
 * Skipped, saying so, when no Chromium is installed ({@code apt-get install chromium}); {@code
 * bin/augur test} installs it.
 */
public class HtmlReportChromiumTest {
  private static final long TIMEOUT_SECONDS = 120;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private String chromium;
  private Path report;

  @Before
  public void writeReport() throws Exception {
    chromium = findChromium();
    assumeTrue(
        "chromium is not installed (looked for chromium, chromium-browser, google-chrome on PATH): "
            + "skipping the browser test; apt-get install chromium to run it",
        chromium != null);
    ReportFixture f =
        new ReportFixture(tmp.newFolder("data").toPath())
            .series("service=quiet", 96, -1, 0, 1)
            .series("service=loud", 96, 40, 6.0, 2)
            .series(EVIL, 96, 60, -3.0, 3)
            .incident(EVIL, "mean", 61, 66, "mean below " + EVIL)
            .incident("service=loud", "count", 41, -1, "count above")
            .label(EVIL, 60, 63)
            .label("service=loud", 40, 43)
            .write();
    report = tmp.getRoot().toPath().resolve("report.html");
    HtmlReport.write(f.load(ReportOptions.defaults()), report);
  }

  @Test
  public void chartsPaint() throws Exception {
    Path png = tmp.getRoot().toPath().resolve("report.png");
    run("--window-size=1200,2000", "--hide-scrollbars", "--screenshot=" + png, report.toUri().toString());
    assertTrue("no screenshot was written", Files.isRegularFile(png));
    BufferedImage image = ImageIO.read(png.toFile());
    long nonWhite = 0;
    long band = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
        // The prediction band: #9cc3ef at 55 % over the plot's #fbfcfe is about (199, 221, 246).
        if (near(rgb, 199, 221, 246, 12)) {
          band++;
        }
      }
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    System.out.printf(
        "screenshot %dx%d: %.1f %% not white, %d colours, %d band pixels%n",
        image.getWidth(), image.getHeight(), 100.0 * nonWhite / pixels, colours.size(), band);
    assertTrue("screenshot nearly blank: " + nonWhite + " of " + pixels, nonWhite > pixels / 20);
    assertTrue("too few colours: " + colours.size(), colours.size() > 50);
    assertTrue("no prediction band painted: " + band + " pixels", band > 10_000);
  }

  @Test
  public void domHoldsOneChartPerSeriesAndStatisticAndTheSeriesNamesAsText() throws Exception {
    String dom = run("--dump-dom", report.toUri().toString());
    assertEquals(3, count(dom, "<section class=\"series\""));
    assertEquals(3 * 2, count(dom, "<svg class=\"chart\""));
    // The name is text in the parsed page: escaped when serialised, and no element made of it.
    assertEquals(0, count(dom.toLowerCase(java.util.Locale.ROOT), "<img"));
    assertThat(dom, containsString("<span class=\"series-name\">&lt;img src=x onerror=alert(1)&gt;</span>"));
  }

  private static boolean near(int rgb, int r, int g, int b, int tolerance) {
    return Math.abs(((rgb >> 16) & 0xFF) - r) <= tolerance
        && Math.abs(((rgb >> 8) & 0xFF) - g) <= tolerance
        && Math.abs((rgb & 0xFF) - b) <= tolerance;
  }

  /** Runs Chromium headless on its own profile directory and returns what it printed. */
  private String run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(chromium);
    command.add("--headless");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-background-networking");
    command.add("--disable-dev-shm-usage");
    command.add("--no-first-run");
    command.add("--user-data-dir=" + tmp.newFolder().getAbsolutePath());
    command.addAll(List.of(args));
    File out = tmp.newFile();
    File err = tmp.newFile();
    Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(
          "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(err.toPath()));
    }
    String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
    assertEquals("chromium failed: " + Files.readString(err.toPath()), 0, p.exitValue());
    return stdout;
  }

  private static @Nullable String findChromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
      for (String dir : path.split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.isFile() && f.canExecute()) {
          return f.getAbsolutePath();
        }
      }
    }
    return null;
  }
}
