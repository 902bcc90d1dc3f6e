package dev.augur.transforms.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads the lines of the files a pattern matches, through Beam's file systems (local or {@code
 * s3://}; call {@code FileSystems.setDefaultPipelineOptions} first for S3 settings), outside a
 * pipeline: for the forecast files the stream loads and the JSON lines a backtest reads back.
 */
public final class LineFiles {
  private LineFiles() {}

  /** Takes one non-blank line; a line it cannot use fails with any exception. */
  @FunctionalInterface
  public interface LineHandler {
    void accept(String line) throws Exception;
  }

  /**
   * Hands every non-blank line of the files matching {@code pattern} to {@code handler}, file by
   * file, and returns how many there were. A pattern that matches nothing reads nothing. A line
   * the handler rejects fails the read with an {@link IOException} naming the file and line.
   */
  public static long forEachLine(String pattern, LineHandler handler) throws IOException {
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
            handler.accept(line);
          } catch (Exception e) {
            throw new IOException(
                file.resourceId() + " line " + lineNumber + ": " + e.getMessage(), e);
          }
          count++;
        }
      }
    }
    return count;
  }
}
