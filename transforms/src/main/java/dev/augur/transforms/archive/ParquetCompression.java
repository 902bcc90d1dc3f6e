package dev.augur.transforms.archive;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The codec of an archive's Parquet pages ({@link ArchiveFormat#PARQUET}); every one of them is
 * read by Athena, Spark, Trino and DuckDB. On generated events (docs/benchmarks.md#archive) GZIP
 * and ZSTD hold about 38 % and 35 % fewer bytes than SNAPPY in about the same time.
 */
public enum ParquetCompression {
  /** Firehose's and Spark's default: the fastest to read, the largest files. */
  SNAPPY(CompressionCodecName.SNAPPY),
  /** The smallest files here; the codec Firehose offers beside Snappy. */
  GZIP(CompressionCodecName.GZIP),
  ZSTD(CompressionCodecName.ZSTD),
  UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED);

  private final CompressionCodecName codec;

  ParquetCompression(CompressionCodecName codec) {
    this.codec = codec;
  }

  /** Parquet's name of the codec. */
  public CompressionCodecName codec() {
    return codec;
  }
}
