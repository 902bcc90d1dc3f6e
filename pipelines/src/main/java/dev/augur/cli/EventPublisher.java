package dev.augur.cli;

/**
 * Sends keyed JSON lines to a stream, for {@code augur produce}. Records may be buffered until
 * {@link #flush()}; a record that cannot be delivered after the client's retries fails the flush
 * (or the send) with an exception that says how many and why.
 */
interface EventPublisher extends AutoCloseable {
  /** Creates the stream or topic with {@code partitions} shards or partitions, if it is missing. */
  void createIfMissing(int partitions) throws Exception;

  /** Queues one record; {@code key} chooses its shard or partition. */
  void send(String key, String json) throws Exception;

  /** Delivers everything queued, or fails. */
  void flush() throws Exception;

  /** What the records go to, e.g. {@code kinesis:augur-events}. */
  String describe();
}
