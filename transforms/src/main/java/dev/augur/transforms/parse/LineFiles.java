package dev.augur.transforms.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads the lines of the files a pattern matches, through Beam's file systems (local or {@code
 * s3://}; call {@code FileSystems.setDefaultPipelineOptions} first for S3 settings), outside a
 * pipeline, decompressing files by their suffix ({@code .gz}, {@code .bz2}, ...): for the forecast
 * files the stream loads, the JSON lines a backtest reads back and the files a replay source
 * plays.
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
    return forEachLine(match(pattern, EmptyMatchTreatment.ALLOW_IF_WILDCARD), handler);
  }

  /** {@link #forEachLine(String, LineHandler)} over files already matched. */
  public static long forEachLine(List<MatchResult.Metadata> files, LineHandler handler)
      throws IOException {
    long count = 0;
    for (MatchResult.Metadata file : files) {
      try (BufferedReader r = open(file)) {
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

  /**
   * The files matching {@code pattern}, in name order. When it matches nothing, the result is
   * empty if {@code empty} allows that, else an {@link IOException} naming the pattern.
   */
  public static List<MatchResult.Metadata> match(String pattern, EmptyMatchTreatment empty)
      throws IOException {
    MatchResult match = FileSystems.match(List.of(pattern), empty).get(0);
    if (match.status() != MatchResult.Status.OK) {
      // An ERROR keeps the file system's own failure (a missing bucket, a refused request).
      IOException cause = null;
      if (match.status() == MatchResult.Status.ERROR) {
        try {
          match.metadata();
        } catch (IOException e) {
          cause = e;
        }
      }
      throw new IOException(
          "file pattern '" + pattern + "' matched no readable file (" + match.status()
              + (cause == null ? "" : ": " + cause.getMessage()) + ")",
          cause);
    }
    List<MatchResult.Metadata> files = new ArrayList<>(match.metadata());
    files.sort(Comparator.comparing(m -> m.resourceId().toString()));
    return files;
  }

  /** A reader of the file's lines, decompressed as its suffix says. */
  public static BufferedReader open(MatchResult.Metadata file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            Channels.newInputStream(
                Compression.detect(file.resourceId().getFilename())
                    .readDecompressed(FileSystems.open(file.resourceId()))),
            StandardCharsets.UTF_8),
        1 << 16);
  }
}
