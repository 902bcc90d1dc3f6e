package dev.augur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.evaluation.nab.NabEvaluation;
import dev.augur.evaluation.nab.NabProfile;
import dev.augur.evaluation.nab.NabScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur nab}: runs Augur's streaming detector over a corpus laid out as the Numenta Anomaly
 * Benchmark's and writes NAB results files, {@code <out>/<detector>/<category>/<detector>_<name>.csv}
 * with {@code timestamp,value,anomaly_score,label}. With {@code --labels} (NAB's {@code
 * combined_windows.json}) it also prints the benchmark's normalised scores under its three profiles,
 * with one threshold optimised over all the files given. Labels only fill the label column and the
 * scoring; the anomaly scores never depend on them. With {@code --scoreOnly} it scores results files
 * already written, by an earlier run or by another detector, with the same scorer.
 *
 * <p>Example: {@code bin/augur nab --data ../shared/nab/data --labels
 * ../shared/nab/labels/combined_windows.json --out target/nab}
 */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Score a NAB-style corpus (<category>/<name>.csv files of timestamp,value) with Augur's "
            + "streaming detector, write NAB results files and, given the labels, print the NAB scores;"
            + " with --scoreOnly, score results files already under --out instead.")
public final class NabCommand implements Callable<Integer> {
  /** The detectors this command can run. */
  static final String AUGUR = "augur";

  @Option(names = "--data", required = true, description = "Directory of <category>/<name>.csv files.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "Directory for the results files (<out>/<detector>/...); with --scoreOnly, where they are read from.")
  Path out;

  @Option(names = "--labels", description = "NAB labels file (combined_windows.json); enables scoring.")
  Path labels;

  @Option(
      names = "--detector",
      defaultValue = AUGUR,
      description =
          "Detector to run; names the results directory and files. Only 'augur' runs; with"
              + " --scoreOnly, any detector whose results files are under --out.")
  String detector;

  @Option(
      names = "--scoreOnly",
      description =
          "Run no detector: score the results files already under <out>/<detector>/ (another run's,"
              + " or another detector's, e.g. --out=<NAB checkout>/results --detector=ARTime) with"
              + " the same scorer; needs --labels; prints the scores and writes nothing.")
  boolean scoreOnly;

  @Override
  public Integer call() throws Exception {
    if (scoreOnly) {
      if (detector.isEmpty() || detector.contains("/") || detector.contains("\\") || detector.startsWith(".")) {
        throw new IllegalArgumentException("--detector must be a plain name, got '" + detector + "'");
      }
      if (labels == null) {
        throw new IllegalArgumentException("--scoreOnly needs --labels, the windows to score against");
      }
      if (!Files.isDirectory(out.resolve(detector))) {
        throw new IllegalArgumentException(
            "--scoreOnly: no directory " + out.resolve(detector) + " of results files (--out/--detector)");
      }
    } else if (!AUGUR.equals(detector)) {
      throw new IllegalArgumentException(
          "--detector must be '" + AUGUR + "', got '" + detector + "' (another detector's results files"
              + " can be scored with --scoreOnly)");
    }
    if (labels != null && !Files.isRegularFile(labels)) {
      throw new IllegalArgumentException("--labels " + labels + " is not a file");
    }
    long started = System.nanoTime();
    NabEvaluation.Outcome outcome =
        scoreOnly
            ? NabEvaluation.score(data, labels, out, detector)
            : NabEvaluation.run(data, labels, out, detector);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (scoreOnly) {
      System.out.printf(
          Locale.ROOT,
          "read %,d rows of %d results files from %s in %.1f s%n",
          outcome.rows(),
          outcome.files().size(),
          out.resolve(detector),
          seconds);
      System.out.print(format(outcome.scores(), outcome.windows()));
      return 0;
    }
    System.out.printf(
        Locale.ROOT,
        "scored %,d rows of %d files in %.1f s; results in %s%n",
        outcome.rows(),
        outcome.files().size(),
        seconds,
        out.resolve(detector));
    long flat = outcome.files().stream().filter(f -> f.getParent().equals(out.resolve(detector))).count();
    if (flat > 0) {
      System.err.printf(
          Locale.ROOT,
          "augur nab: note: %d files lie directly under --data %s, in no <category>/ folder, so"
              + " their results are too; NAB's layout is <data>/<category>/<name>.csv (if these"
              + " files are one category, give --data the directory above)%n",
          flat,
          data);
    }
    if (labels != null) {
      System.out.print(format(outcome.scores(), outcome.windows()));
      Path results = out.resolve("final_results.json");
      Files.writeString(results, finalResults(detector, outcome.scores()), StandardCharsets.UTF_8);
      System.out.println("scores in " + results);
    }
    return 0;
  }

  /**
   * The scores in the shape of NAB's own {@code results/final_results.json}: normalised score per
   * profile, per detector.
   */
  static String finalResults(String detector, Map<NabProfile, NabScorer.Result> scores)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode byProfile = root.putObject(detector);
    for (NabScorer.Result r : scores.values()) {
      byProfile.put(r.profile().id(), r.normalized());
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /** One line per profile: normalised score, raw score against null and perfect, threshold. */
  static String format(Map<NabProfile, NabScorer.Result> scores, int windows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "NAB scores over %d windows:%n", windows));
    for (NabScorer.Result r : scores.values()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-19s %6.1f  (raw %.3f, null %.3f, perfect %.3f, threshold %s)%n",
              r.profile().id(),
              r.normalized(),
              r.raw(),
              r.nullRaw(),
              r.perfectRaw(),
              Double.isInfinite(r.threshold()) ? "none" : String.format(Locale.ROOT, "%.6f", r.threshold())));
    }
    return b.toString();
  }
}
