package dev.augur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.LineFiles;
import dev.augur.transforms.sink.WriteDeadLetters;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Why input was refused, in a line for a run's summary: the most common reason among the first
 * dead letters a run wrote, so that a wrong field name reads as {@code missing timestamp field
 * 'ts'} where the counters only say how many lines were refused.
 */
final class DeadLetterReasons {
  /** Dead letters read, at most, to find the most common reason. */
  static final int SAMPLE = 1_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeadLetterReasons() {}

  /**
   * {@code "<reason> (<n> of the first <m> dead letters)"} for the dead letters ({@code *.jsonl},
   * as {@code WriteDeadLetters} writes them) under {@code directory}, a local directory or any
   * location Beam's file systems know, written at or after {@code sinceMillis} (the run's start:
   * a directory shared by runs keeps earlier runs' dead letters too); empty when there are none or
   * they cannot be read (the summary then says what it said before).
   */
  static Optional<String> mostCommon(String directory, long sinceMillis) {
    String pattern = (directory.endsWith("/") ? directory : directory + "/") + "*.jsonl";
    Map<String, Integer> reasons = new HashMap<>();
    int read = 0;
    try {
      List<MatchResult.Metadata> files = LineFiles.match(pattern, EmptyMatchTreatment.ALLOW);
      for (MatchResult.Metadata file : files) {
        if (file.lastModifiedMillis() > 0 && file.lastModifiedMillis() < sinceMillis) {
          continue;
        }
        try (BufferedReader r = LineFiles.open(file)) {
          for (String line = r.readLine(); line != null && read < SAMPLE; line = r.readLine()) {
            JsonNode error = MAPPER.readTree(line).get(WriteDeadLetters.ERROR_FIELD);
            if (error != null && error.isTextual()) {
              reasons.merge(error.asText(), 1, Integer::sum);
              read++;
            }
          }
        }
        if (read >= SAMPLE) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    final int total = read;
    return reasons.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(
            e ->
                String.format(
                    Locale.ROOT, "%s (%,d of the first %,d dead letters)", e.getKey(), e.getValue(), total));
  }
}
