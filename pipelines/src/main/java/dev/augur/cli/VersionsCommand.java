package dev.augur.cli;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.transforms.forecast.ForecastManifest;
import dev.augur.transforms.forecast.ForecastVersions;
import dev.augur.transforms.forecast.WriteForecastRun;
import dev.augur.transforms.parse.ShortDuration;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code augur versions}: lists the forecast versions a batch output holds, and with {@code
 * --publish} makes an earlier one the version streams compare with (a rollback after a bad
 * training run; running streams load it on their next refresh).
 *
 * <pre>{@code
 * bin/augur versions --forecasts=s3://bucket/forecast
 * bin/augur versions --forecasts=s3://bucket/forecast --publish=20240501T093000Z
 * }</pre>
 */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "List the forecast versions under a batch output, and with --publish make an earlier one"
            + " the version streams compare with again (a rollback): running streams load it on"
            + " their next forecast refresh, and the next batch run publishes its own.")
public final class VersionsCommand implements Callable<Integer> {
  @Option(
      names = "--forecasts",
      required = true,
      description = "The batch run's --output (local or s3://), which streams follow as --forecasts."
          + " S3 settings come from the AWS default chains, or Beam's options such as --awsRegion"
          + " and --endpoint.")
  String forecasts;

  @Option(
      names = "--publish",
      description = "A version to publish again, as listed; one that has run out is published with"
          + " a warning, since only a replay of its span compares with it.")
  String publish;

  @Unmatched
  List<String> fileSystemOptions = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FileSystems.setDefaultPipelineOptions(
        PipelineOptionsFactory.fromArgs(fileSystemOptions.toArray(new String[0]))
            .withValidation()
            .create());
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    List<ForecastVersions.Version> versions;
    try {
      versions = ForecastVersions.list(forecasts);
    } catch (FileNotFoundException e) {
      throw new InvalidOptionException(
          "forecasts",
          "holds no forecast version (" + WriteForecastRun.runManifestPath(forecasts, "*")
              + " matches no file); give the --output of a batch run");
    }
    if (publish == null) {
      out.print(listing(forecasts, versions, now));
      out.flush();
      return 0;
    }
    String before = currentName(versions);
    ForecastVersions.Version published;
    try {
      published = ForecastVersions.publish(forecasts, versions, publish, now);
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("publish", e.getMessage());
    }
    if (published.name().equals(before)) {
      out.println(
          "Version " + published.name() + " is already the one streams under " + forecasts
              + " compare with; published again, so a stream that refused it tries it once more.");
    } else {
      out.println(
          "Published version " + published.name() + " under " + forecasts
              + (before == null ? "" : " in place of " + before)
              + ": streams following it load it on their next forecast refresh (a file replay loads"
              + " its forecasts once, at start), unless their --window or event fields differ from"
              + " its (they then refuse it, and say so in their log); the next bin/augur batch run"
              + " into it publishes its own version.");
    }
    if (published.expiredAt(now)) {
      spec.commandLine().getErr().println(
          "augur versions: warning: version " + published.name() + " forecast up to "
              + published.manifest().validUntil() + ", which has passed: a stream of current events compares"
              + " no window with it, only windows of events from its span (a replay) are compared");
    }
    out.flush();
    return 0;
  }

  private static @Nullable String currentName(List<ForecastVersions.Version> versions) {
    for (ForecastVersions.Version v : versions) {
      if (v.current()) {
        return v.name();
      }
    }
    return null;
  }

  /** Where a model's band started, with the --bandBaseline that chooses it. */
  static String bandOption(String feature) {
    switch (feature) {
      case "day_median":
        return "day_median (--bandBaseline=DAY_MEDIAN)";
      case "none":
        return "none (--bandBaseline=NONE)";
      default:
        return feature + " (--bandBaseline=AUTO)";
    }
  }

  /** One line per version, oldest first, the one streams follow marked. */
  static String listing(String location, List<ForecastVersions.Version> versions, Instant now) {
    StringBuilder b = new StringBuilder();
    b.append("Forecast versions under ").append(location)
        .append(" (oldest first; * marks the one streams compare with):\n");
    for (ForecastVersions.Version v : versions) {
      ForecastManifest m = v.manifest();
      b.append(v.current() ? "* " : "  ").append(v.name());
      if (v.unreadable() != null) {
        b.append("  unreadable manifest (").append(v.unreadable()).append(")\n");
        continue;
      }
      if (m.forecastCount() == 0) {
        b.append("  no forecasts (its run trained no model)\n");
        continue;
      }
      if (!v.forecastFiles()) {
        b.append("  forecast files missing (").append(m.forecastCount())
            .append(" listed); cannot be published\n");
        continue;
      }
      if (m.windowSeconds() > 0) {
        b.append("  ").append(ShortDuration.format(Duration.standardSeconds(m.windowSeconds())))
            .append(" windows");
      }
      b.append("  ").append(String.join(",", m.statistics()));
      if (m.forecastCount() > 0) {
        b.append(String.format(Locale.ROOT, "  %,d forecasts", m.forecastCount()));
      }
      b.append("  ").append(m.validFrom()).append(" to ").append(m.validUntil());
      if (v.expiredAt(now)) {
        b.append(" (ran out)");
      }
      if (!v.bandBaselines().isEmpty()) {
        b.append("  band from ").append(String.join(",", v.bandBaselines().stream()
            .map(VersionsCommand::bandOption).toList()));
      }
      if (!v.holdoutWape().isEmpty()) {
        b.append("  holdout WAPE");
        for (String statistic : m.statistics()) {
          Double w = v.holdoutWape().get(statistic);
          if (w != null) {
            b.append(String.format(Locale.ROOT, " %s %.1f%%", statistic, 100 * w));
          }
        }
      }
      b.append('\n');
    }
    return b.toString();
  }
}
