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
import org.apache.beam.sdk.io.FileSystems;
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
    String pattern = WriteForecastRun.forecastDir(output, version) + "*.jsonl";
    for (MatchResult.Metadata file : FileSystems.match(pattern).metadata()) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(FileSystems.open(file.resourceId())),
                  StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.add(ForecastJson.fromJson(line));
        }
      }
    }
    return out;
  }

  /** The whole text of one file, such as {@code manifest.json}. */
  public static String readText(String path) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(path).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
