package dev.augur.transforms.forecast;

import dev.augur.transforms.parse.LineFiles;
import dev.augur.transforms.records.Forecast;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
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
   * {@code sink} rejects with an exception, fails the read naming the file
   * and line. A version without forecasts may have no files.
   */
  public static long forEach(String output, String version, Consumer<Forecast> sink)
      throws IOException {
    return LineFiles.forEachLine(
        WriteForecastRun.forecastDir(output, version) + "*.jsonl",
        line -> sink.accept(ForecastJson.fromJson(line)));
  }

  /** The whole text of one file, such as {@code manifest.json}. */
  public static String readText(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
