package dev.augur.transforms.archive;

/** How {@link ArchiveEvents} writes events. */
public enum ArchiveFormat {
  /** Gzip JSON lines, {@code events-*.jsonl.gz}: each event as it came, plus the added fields. */
  JSON_LINES,
  /**
   * Parquet, {@code events-*.parquet} ({@link EventParquet}): the same lines, beside the columns
   * Athena or Spark query without parsing them (event time, series, dimensions, value).
   */
  PARQUET
}
