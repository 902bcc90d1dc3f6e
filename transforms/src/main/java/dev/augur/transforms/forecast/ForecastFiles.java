package dev.augur.transforms.forecast;

import dev.augur.transforms.records.Forecast;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Reads what {@link WriteForecastRun} wrote, through Beam's file systems (local or {@code s3://};
 * call {@code FileSystems.setDefaultPipelineOptions} first for S3 settings).
 */
public final class ForecastFiles {
  private ForecastFiles() {}

  /** Every forecast of {@code version} under {@code output}. */
  public static List<Forecast> read(String output, String version) throws IOException {
    List<Forecast> out = new ArrayList<>();
    forEach(output, version, out::add);
    return out;
  }

  /**
   * Hands every forecast of {@code version} under {@code output} to {@code sink}, file by file,
   * and returns how many there were. Blank lines are skipped; a line that does not parse, or that
   * {@code sink} rejects with an {@link IllegalArgumentException}, fails the read naming the file
   * and line. A version without forecasts may have no files.
   */
  public static long forEach(String output, String version, Consumer<Forecast> sink)
      throws IOException {
    String pattern = WriteForecastRun.forecastDir(output, version) + "*.jsonl";
    List<MatchResult> matches =
        FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW_IF_WILDCARD);
    long count = 0;
    for (MatchResult.Metadata file : matches.get(0).metadata()) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(FileSystems.open(file.resourceId())),
                  StandardCharsets.UTF_8))) {
        long lineNumber = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lineNumber++;
          if (line.isBlank()) {
            continue;
          }
          try {
            sink.accept(ForecastJson.fromJson(line));
          } catch (IllegalArgumentException e) {
            throw new IOException(file.resourceId() + " line " + lineNumber + ": " + e.getMessage(), e);
          }
          count++;
        }
      }
    }
    return count;
  }

  /** The whole text of one file, such as {@code manifest.json}. */
  public static String readText(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
