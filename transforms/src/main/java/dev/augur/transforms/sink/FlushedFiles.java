package dev.augur.transforms.sink;

import java.util.UUID;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/**
 * File writes of unbounded collections that lose nothing to lateness: elements go to the global
 * window, which fires every {@code flushEvery} of processing time and once more when the input
 * ends, so an element is written however far behind the watermark it arrives (event-time windows
 * would drop it once their allowed lateness had passed). Each flush writes new files, named with a
 * token of the pipeline run, the pane and the shard, so files of one run never collide and a
 * restarted job, whose panes count from 0 again, never overwrites those of an earlier one.
 */
public final class FlushedFiles {
  private FlushedFiles() {}

  /** The windowing that flushes every {@code flushEvery}. */
  public static <T> Window<T> every(Duration flushEvery) {
    if (!flushEvery.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("flush interval must be positive, got " + flushEvery);
    }
    return Window.<T>into(new GlobalWindows())
        .triggering(
            Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flushEvery)))
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }

  /** A new token for the files of one pipeline run. */
  public static String runToken() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** {@code <prefix>-<run>-<pane>-<shard>-of-<shards><suffix>}. */
  public static FileIO.Write.FileNaming naming(String run, String prefix, String suffix) {
    return (window, pane, shards, shard, compression) ->
        String.format("%s-%s-%05d-%05d-of-%05d%s", prefix, run, pane.getIndex(), shard, shards, suffix);
  }
}
