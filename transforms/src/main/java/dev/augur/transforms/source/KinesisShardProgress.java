package dev.augur.transforms.source;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How far this JVM's Kinesis readers are through each shard, so a watermark policy can tell a
 * shard with nothing left to read from one whose records are still waiting in the reader's queue.
 *
 * <p>KinesisIO's polling reader fetches each shard's records into one queue and tells a shard's
 * {@link org.apache.beam.sdk.io.aws2.kinesis.WatermarkPolicy} of a record only when the runner
 * takes it from there. A slow runner working through a backlog can leave a shard's records queued
 * behind another shard's for longer than the idle threshold, and that shard would then look idle
 * (or, before its first record is taken, empty), stop holding the watermark back, and have its
 * records arrive late. Here the fetches ({@link KinesisProgressInterceptor}, on every Kinesis
 * client of the JVM) and the records taken ({@link KinesisEventTimePolicy}) meet per shard:
 *
 * <ul>
 *   <li>A shard has caught up when its last fetch was at the tip ({@code MillisBehindLatest} 0)
 *       and every record fetched from it has been taken (by sequence number, so a reader that
 *       restarts from a checkpoint and reads again catches up by taking those records again).
 *   <li>A policy that has had no record yet cannot know its shard: it may take its shard for an
 *       empty one only when no shard that nobody has taken a record of may have records waiting.
 * </ul>
 *
 * <p>A shard this JVM does not poll with {@code GetRecords} (enhanced fan-out pushes records
 * instead) counts as caught up, which is what the policy assumed before it had this view; one
 * it has asked a shard iterator for does not until the first answer.
 */
final class KinesisShardProgress {
  /** Fetch and take positions of one shard. */
  private static final class Shard {
    /** Whether a reader of this JVM polls the shard (asked for a shard iterator). */
    volatile boolean polled;

    /** -1 while no GetRecords answer has been seen. */
    volatile long millisBehindLatest = -1;

    volatile @Nullable BigInteger fetched;
    volatile @Nullable BigInteger taken;

    synchronized void fetched(@Nullable BigInteger last, long millisBehind) {
      if (last != null && (fetched == null || last.compareTo(fetched) > 0)) {
        fetched = last;
      }
      millisBehindLatest = millisBehind;
    }

    synchronized void taken(BigInteger sequence) {
      if (taken == null || sequence.compareTo(taken) > 0) {
        taken = sequence;
      }
    }

    /**
     * Without polling there is nothing to go by (enhanced fan-out, or the interceptor not loaded):
     * caught up, as the policy assumed before. Polled: once a GetRecords answer ended at the tip
     * and every record fetched has been taken.
     */
    boolean caughtUp() {
      if (!polled) {
        return true;
      }
      BigInteger f = fetched;
      BigInteger t = taken;
      return millisBehindLatest == 0 && (f == null || (t != null && t.compareTo(f) >= 0));
    }
  }

  /** Shards by stream and shard id. */
  private static final ConcurrentMap<String, ConcurrentMap<String, Shard>> STREAMS =
      new ConcurrentHashMap<>();

  /** The stream and shard each outstanding shard iterator reads. */
  private static final ConcurrentMap<String, String[]> ITERATORS = new ConcurrentHashMap<>();

  /** Iterators expire unused (after a reader stopped); forget them all past this many. */
  private static final int MAX_ITERATORS = 100_000;

  private KinesisShardProgress() {}

  private static Shard shard(String stream, String shardId) {
    return STREAMS
        .computeIfAbsent(stream, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(shardId, s -> new Shard());
  }

  /** A reader got {@code iterator} for the shard: a GetRecords answer for it can be placed. */
  static void iterator(String stream, String shardId, String iterator) {
    if (ITERATORS.size() >= MAX_ITERATORS) {
      ITERATORS.clear();
    }
    ITERATORS.put(iterator, new String[] {stream, shardId});
    shard(stream, shardId).polled = true;
  }

  /**
   * A GetRecords answer for {@code iterator}: the last sequence number it returned (null for none),
   * how far behind the tip it ended, and the iterator to read on with (null at a closed shard's
   * end). Answers for iterators not seen are ignored.
   */
  static void fetched(
      String iterator, @Nullable String next, @Nullable String lastSequence, long millisBehindLatest) {
    String[] shard = ITERATORS.remove(iterator);
    if (shard == null) {
      return;
    }
    if (next != null) {
      ITERATORS.put(next, shard);
    }
    shard(shard[0], shard[1])
        .fetched(
            lastSequence == null ? null : new BigInteger(lastSequence),
            // A closed shard read to its end has nothing left, whatever the stream's tip.
            next == null ? 0 : millisBehindLatest);
  }

  /** The runner took a record of the shard from its reader. */
  static void taken(String stream, String shardId, String sequence) {
    shard(stream, shardId).taken(new BigInteger(sequence));
  }

  /** Whether the shard has nothing left to read, as far as this JVM knows. */
  static boolean caughtUp(String stream, String shardId) {
    Map<String, Shard> shards = STREAMS.get(stream);
    Shard s = shards == null ? null : shards.get(shardId);
    return s == null || s.caughtUp();
  }

  /**
   * For a policy that has not had a record yet, so does not know its shard: whether no shard of the
   * stream that this JVM polls and that nobody has taken a record of may have records waiting: each
   * such shard has answered, at the tip, with no record. Shards others take from are theirs to hold
   * back.
   */
  static boolean unclaimedCaughtUp(String stream) {
    Map<String, Shard> shards = STREAMS.get(stream);
    if (shards == null) {
      return true;
    }
    for (Shard s : shards.values()) {
      if (s.taken == null && !s.caughtUp()) {
        return false;
      }
    }
    return true;
  }

  /** Forgets everything: for tests. */
  static void reset() {
    STREAMS.clear();
    ITERATORS.clear();
  }
}
