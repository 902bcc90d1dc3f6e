package dev.augur.cli;

/**
 * Sends keyed JSON lines to a stream, for {@code augur produce}. Records may be buffered until
 * {@link #flush()}; a record that cannot be delivered after the client's retries fails the flush
 * (or the send) with an exception that says how many and why.
 */
interface EventPublisher extends AutoCloseable {
  /**
   * Makes sure the stream or topic is there before the first record: with {@code create}, creates
   * it with {@code partitions} shards or partitions if it is missing, and warns on {@code err} if
   * it exists with another number.
   */
  void prepare(boolean create, int partitions, java.io.PrintWriter err) throws Exception;

  /** Queues one record; {@code key} chooses its shard or partition. */
  void send(String key, String json) throws Exception;

  /** Delivers everything queued, or fails. */
  void flush() throws Exception;

  /** What the records go to, e.g. {@code kinesis:augur-events}. */
  String describe();
}
