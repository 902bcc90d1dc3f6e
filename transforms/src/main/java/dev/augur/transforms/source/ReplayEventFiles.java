package dev.augur.transforms.source;

import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/** Replays JSON-lines files in event time; see {@link ReplayFileSource}. */
final class ReplayEventFiles extends PTransform<PBegin, PCollection<String>> {
  private final ReplaySourceConfig config;
  private final ReadLimits limits;

  ReplayEventFiles(ReplaySourceConfig config, ReadLimits limits) {
    this.config = config;
    this.limits = limits;
  }

  @Override
  public PCollection<String> expand(PBegin input) {
    Read.Unbounded<String> read = Read.from(new ReplayFileSource(config, WallClock.SYSTEM));
    if (limits.bounded()) {
      return input.apply(
          "Replay", read.withMaxNumRecords(limits.maxNumRecords()).withMaxReadTime(limits.maxReadTime()));
    }
    return input.apply("Replay", read);
  }
}
