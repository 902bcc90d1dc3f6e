package dev.augur.cli;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.report.HtmlReport;
import dev.augur.report.ReportData;
import dev.augur.report.ReportOptions;
import dev.augur.report.SeriesReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code augur report}: renders the comparisons and incidents a stream or backtest wrote (JSON
 * lines) as one self-contained HTML page, with precision, recall and time to detect when the
 * generator's labels are given.
 *
 * <pre>{@code
 * bin/augur report --comparisons=augur-demo/stream/metrics --incidents=augur-demo/stream/incidents \
 *     --labels=augur-demo/events/labels.jsonl --output=report.html
 * }</pre>
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Write a self-contained HTML report of comparisons and incidents (JSON lines written by "
            + "the stream or a backtest): per series actual vs expected with the prediction band, "
            + "incidents and labelled anomalies, most anomalous series first.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--comparisons", required = true, description = "Comparisons file, or a directory (or s3:// prefix) of *.jsonl files.")
  String comparisons;

  @Option(names = "--incidents", description = "Incident events file, or a directory (or s3:// prefix) of *.jsonl files; leave it out for none (a stream that opened no incident writes no incidents/).")
  String incidents;

  @Option(names = {"--labels", "--anomalyLabels"}, description = "Labelled anomalies (JSON lines as bin/augur generate writes them); enables precision and recall. --anomalyLabels, the backtest's name for it, works too.")
  String labels;

  @Option(names = "--output", defaultValue = "report.html", description = "The HTML file (or s3:// object) to write. S3 settings come from the AWS default chains, or Beam's options such as --awsRegion and --endpoint.")
  String output;

  @Option(names = "--title", defaultValue = ReportOptions.DEFAULT_TITLE, description = "Heading of the page.")
  String title;

  @Option(
      names = "--maxPoints",
      defaultValue = "" + ReportOptions.DEFAULT_MAX_POINTS,
      description = "Windows drawn per chart at most; longer series are thinned keeping their extremes.")
  int maxPoints;

  @Option(
      names = "--maxSeries",
      defaultValue = "" + ReportOptions.DEFAULT_MAX_SERIES,
      description = "Series drawn as charts at most, most anomalous first; the table lists all.")
  int maxSeries;

  @Option(
      names = "--graceWindows",
      defaultValue = "" + ReportOptions.DEFAULT_GRACE_WINDOWS,
      description = "An incident opened up to this many windows after a labelled anomaly ended still found it.")
  int graceWindows;

  @Unmatched
  List<String> fileSystemOptions = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ReportOptions options =
        ReportOptions.defaults()
            .withTitle(title)
            .withLimits(maxPoints, maxSeries)
            .withGraceWindows(graceWindows);
    // Local paths, or s3:// with settings from the AWS default chains or Beam's AWS options.
    FileSystems.setDefaultPipelineOptions(
        PipelineOptionsFactory.fromArgs(fileSystemOptions.toArray(new String[0]))
            .withValidation()
            .create());
    if (Files.isDirectory(Path.of(output))) {
      throw new InvalidOptionException(
          "output", "is a directory, " + output + "; give the file to write, such as " + Path.of(output, "report.html"));
    }
    ReportData data = ReportData.load(comparisons, incidents, labels, options);
    HtmlReport.write(data, output);
    System.out.println(summary(data, output, incidents != null));
    // Not one line could be read: the inputs are the wrong files (another output, swapped).
    return data.isEmpty() && data.problemCount() > 0 ? 1 : 0;
  }

  /** What the report holds, in two or three lines, for the console. */
  static String summary(ReportData data, String output, boolean incidentsGiven) {
    StringBuilder b = new StringBuilder();
    if (data.isEmpty()) {
      b.append("no comparisons and no incidents found; the report says so\n");
    } else {
      b.append(String.format(
          java.util.Locale.ROOT,
          "%,d comparisons and %,d incident events of %d series%n",
          data.comparisons(), data.incidentEvents(), data.series().size()));
    }
    if (data.problemCount() > 0) {
      b.append(data.problemCount()).append(" unreadable lines left out, e.g. ")
          .append(data.problems().get(0)).append('\n');
    }
    if (!data.labelSeriesNotCompared().isEmpty()) {
      List<String> names = data.labelSeriesNotCompared();
      String example = data.series().stream()
          .map(SeriesReport::series)
          .filter(n -> !names.contains(n))
          .findFirst()
          .map(n -> "; compared series are named like '" + n + "'")
          .orElse("");
      b.append(String.format(
          Locale.ROOT,
          "warning: %d labelled series %s in no comparison, so %s anomalies count as missed (e.g."
              + " '%s'%s; a series key lists its fields in --seriesFields order)%n",
          names.size(), names.size() == 1 ? "is" : "are", names.size() == 1 ? "its" : "their",
          names.get(0), example));
    }
    if (data.detection() != null) {
      b.append(data.detection()).append('\n');
      if (data.incidentEvents() == 0 && !incidentsGiven) {
        b.append("warning: no --incidents given, so every labelled anomaly counts as missed; a"
            + " stream keeps its incidents as files only with --incidentSink=FILE\n");
      }
    }
    b.append("report: ").append(ReportData.displayed(output));
    return b.toString();
  }
}
