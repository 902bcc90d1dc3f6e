package dev.augur.transforms.archive;

/** How {@link ArchiveEvents} writes events. */
public enum ArchiveFormat {
  /** Gzip JSON lines, {@code events-*.jsonl.gz}: each event as it came, plus the added fields. */
  JSON_LINES(".jsonl.gz"),
  /**
   * Parquet, {@code events-*.parquet} ({@link EventParquet}): the same lines, beside the columns
   * Athena or Spark query without parsing them (event time, series, dimensions, value).
   */
  PARQUET(".parquet");

  private final String suffix;

  ArchiveFormat(String suffix) {
    this.suffix = suffix;
  }

  /** How the archive's file names end, such as {@code .jsonl.gz}. */
  public String suffix() {
    return suffix;
  }
}
