package dev.augur.transforms.source;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Replays JSON-lines files in event time; see {@link ReplayFileSource}. The files' lines are merged
 * in time order, so each line's origin is the replay's {@link ReplaySourceConfig#describe()}.
 */
final class ReplayEventFiles extends PTransform<PBegin, PCollection<KV<String, String>>> {
  /** Lines per source element: enough to make bundles worth their overhead on any runner. */
  static final int LINES_PER_ELEMENT = 500;

  private final ReplaySourceConfig config;
  private final ReadLimits limits;

  ReplayEventFiles(ReplaySourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  /** Splits a chunk of {@code <millis>\t<line>} rows into lines stamped with their own times. */
  static final class SplitLinesFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String chunk, OutputReceiver<String> out) {
      for (String row : chunk.split("\n")) {
        int tab = row.indexOf('\t');
        // Never before the chunk's timestamp: the chunk carries its earliest line's time.
        out.outputWithTimestamp(row.substring(tab + 1), new Instant(Long.parseLong(row.substring(0, tab))));
      }
    }
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    PCollection<String> lines;
    if (limits.bounded()) {
      // Record limits count lines, so bounded reads take one line per element.
      Read.Unbounded<String> read = Read.from(new ReplayFileSource(config, WallClock.SYSTEM));
      lines =
          input.apply(
              "Replay",
              read.withMaxNumRecords(limits.maxNumRecords()).withMaxReadTime(limits.maxReadTime()));
    } else {
      lines =
          input
              .apply(
                  "Replay", Read.from(new ReplayFileSource(config, WallClock.SYSTEM, LINES_PER_ELEMENT)))
              .apply("SplitLines", ParDo.of(new SplitLinesFn()));
    }
    return lines.apply("WithOrigin", WithKeys.of(config.describe()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }
}
