package dev.augur.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** {@code augur versions}: the listing, a rollback, and a version it cannot publish. */
public class VersionsCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Augur.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  /** A version's own manifest and forecast file, as a batch run leaves them. */
  private static void version(Path root, String name, long forecasts, String until, double wape)
      throws Exception {
    Files.createDirectories(root.resolve("manifests"));
    Files.writeString(
        root.resolve("manifests/" + name + ".json"),
        "{\"model_version\":\"" + name + "\",\"window_seconds\":900,"
            + "\"statistics\":[\"count\",\"sum\"],\"forecast_count\":" + forecasts
            + (forecasts == 0 ? ""
                : ",\"valid_from\":\"2099-05-01T00:00:00Z\",\"valid_until\":\"" + until + "\"")
            + ",\"models_trained\":[{\"statistic\":\"count\",\"band_baseline\":\"day_mean\","
            + "\"holdout\":{\"wape\":" + wape + "}},{\"statistic\":\"sum\",\"band_baseline\":"
            + "\"day_mean\",\"holdout\":{\"wape\":" + (2 * wape) + "}}]}");
    if (forecasts > 0) {
      Files.createDirectories(root.resolve("forecasts/" + name));
      Files.writeString(root.resolve("forecasts/" + name + "/forecasts-00000-of-00001.jsonl"), "{}\n");
    }
  }

  private Path twoVersionsAndAFailedRun() throws Exception {
    Path root = tmp.getRoot().toPath();
    version(root, "20990430T000000Z", 192, "2099-05-02T00:00:00Z", 0.12);
    version(root, "20990501T000000Z", 192, "2099-05-03T00:00:00Z", 0.31);
    version(root, "20990501T060000Z", 0, null, 0);
    Files.copy(root.resolve("manifests/20990501T000000Z.json"), root.resolve("manifest.json"));
    return root;
  }

  @Test
  public void listsEveryVersionMarkingTheOneStreamsFollow() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    assertEquals(0, run("versions", "--forecasts=" + root));
    assertEquals(
        "Forecast versions under " + root + " (oldest first; * marks the one streams compare with):\n"
            + "  20990430T000000Z  15m windows  count,sum  192 forecasts  2099-05-01T00:00:00.000Z to"
            + " 2099-05-02T00:00:00.000Z  band from day_mean (--bandBaseline=AUTO)  holdout WAPE count 12.0% sum 24.0%\n"
            + "* 20990501T000000Z  15m windows  count,sum  192 forecasts  2099-05-01T00:00:00.000Z to"
            + " 2099-05-03T00:00:00.000Z  band from day_mean (--bandBaseline=AUTO)  holdout WAPE count 31.0% sum 62.0%\n"
            + "  20990501T060000Z  no forecasts (its run trained no model)\n",
        out.toString());
  }

  @Test
  public void publishingAnEarlierVersionRollsBackWhatStreamsFollow() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    assertEquals(0, run("versions", "--forecasts=" + root, "--publish=20990430T000000Z"));
    assertThat(out.toString(), containsString(
        "Published version 20990430T000000Z under " + root + " in place of 20990501T000000Z:"
            + " streams following it load it on their next forecast refresh"));
    assertEquals("", err.toString());
    assertThat(Files.readString(root.resolve("manifest.json")),
        containsString("\"model_version\" : \"20990430T000000Z\""));
    assertThat(Files.readString(root.resolve("manifest.json")), containsString("\"published_at\""));
  }

  @Test
  public void aVersionWithoutForecastsIsRefusedNamingTheOption() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    assertEquals(
        Augur.EXIT_USAGE, run("versions", "--forecasts=" + root, "--publish=20990501T060000Z"));
    assertThat(err.toString(), containsString(
        "augur versions: --publish version 20990501T060000Z has no forecasts (its run trained no model);"
            + " versions that can be published: 20990430T000000Z, 20990501T000000Z"));
    assertThat(Files.readString(root.resolve("manifest.json")),
        containsString("\"model_version\":\"20990501T000000Z\""));
  }

  @Test
  public void aVersionThatRanOutIsPublishedWithAWarning() throws Exception {
    Path root = tmp.getRoot().toPath();
    version(root, "20240501T000000Z", 192, "2024-05-03T00:00:00Z", 0.1);
    assertEquals(0, run("versions", "--forecasts=" + root));
    assertThat(out.toString(), containsString("2024-05-03T00:00:00.000Z (ran out)"));
    assertEquals(0, run("versions", "--forecasts=" + root, "--publish=20240501T000000Z"));
    assertThat(err.toString(), containsString(
        "warning: version 20240501T000000Z forecast up to 2024-05-03T00:00:00.000Z, which has"
            + " passed: a stream of current events compares no window with it, only windows of events from its span (a replay) are compared"));
  }

  @Test
  public void aVersionWhoseForecastFilesAreGoneIsFlaggedAndRefused() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    Files.delete(root.resolve("forecasts/20990430T000000Z/forecasts-00000-of-00001.jsonl"));
    assertEquals(0, run("versions", "--forecasts=" + root));
    assertThat(out.toString(), containsString(
        "  20990430T000000Z  forecast files missing (192 listed); cannot be published\n"));
    assertEquals(
        Augur.EXIT_USAGE, run("versions", "--forecasts=" + root, "--publish=20990430T000000Z"));
    assertThat(err.toString(), containsString(
        "--publish version 20990430T000000Z has a manifest but no forecast files"));
  }

  @Test
  public void aLocationWithoutVersionsIsOneLineNamingTheOption() {
    Path nowhere = tmp.getRoot().toPath().resolve("nowhere");
    assertEquals(Augur.EXIT_USAGE, run("versions", "--forecasts=" + nowhere));
    assertEquals(
        "augur versions: --forecasts holds no forecast version (" + nowhere
            + "/manifests/*.json matches no file); give the --output of a batch run\n",
        err.toString());
  }

  @Test
  public void anUnreadableManifestIsListedAsSuchAndTheOthersCanStillBePublished() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    Files.writeString(root.resolve("manifests/20990429T000000Z.json"), "{not json");
    assertEquals(0, run("versions", "--forecasts=" + root));
    assertThat(out.toString(), containsString("  20990429T000000Z  unreadable manifest (manifest is not JSON"));
    assertEquals(0, run("versions", "--forecasts=" + root, "--publish=20990430T000000Z"));
    assertEquals(
        Augur.EXIT_USAGE, run("versions", "--forecasts=" + root, "--publish=20990429T000000Z"));
    assertThat(err.toString(), containsString(
        "--publish version 20990429T000000Z has a manifest that cannot be read"));
  }

  @Test
  public void publishingTheCurrentVersionSaysNothingChangesForStreamsHoldingIt() throws Exception {
    Path root = twoVersionsAndAFailedRun();
    assertEquals(0, run("versions", "--forecasts=" + root, "--publish=20990501T000000Z"));
    assertThat(out.toString(), containsString(
        "Version 20990501T000000Z is already the one streams under " + root + " compare with;"
            + " published again, so a stream that refused it tries it once more."));
  }
}
