package dev.augur.pipelines.config;

import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.transforms.archive.ArchiveFormat;
import dev.augur.transforms.archive.ParquetCompression;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.source.SourceConfig;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joda.time.Duration;

/**
 * The archive pipeline's options turned, once and validated, into plain values; every problem
 * names its option.
 *
 * @param archive the archive's base location, without a trailing slash
 * @param fields fields added to events that lack them, in the order given
 * @param fileFormat the format the events are written in
 * @param parquetCompression the codec of Parquet pages
 */
public record ArchiveConfig(
    EventFormat format,
    SourceConfig source,
    String archive,
    Duration flushInterval,
    int shards,
    Map<String, String> fields,
    ArchiveFormat fileFormat,
    ParquetCompression parquetCompression)
    implements Serializable {

  public static ArchiveConfig from(ArchiveOptions o) {
    EventFormat format =
        BatchConfig.eventFormat(o.getTimestampField(), o.getValueField(), o.getSeriesFields());
    String region = o.getAwsRegion() == null ? null : o.getAwsRegion().id();
    String endpoint = o.getEndpoint() == null ? null : o.getEndpoint().toString();
    SourceConfig source = StreamConfig.source(o, format, region, endpoint, false);
    String archive = StreamConfig.trimSlash(BatchConfig.nonEmpty("archive", o.getArchive()).trim());
    Duration flush = DurationText.parse("flushInterval", o.getFlushInterval());
    Integer shards = o.getArchiveShards();
    if (shards == null || shards < 1) {
      throw new InvalidOptionException("archiveShards", "must be at least 1, got " + shards);
    }
    ArchiveFormat fileFormat =
        StreamConfig.choice("archiveFormat", o.getArchiveFormat(), ArchiveFormat.class);
    ParquetCompression compression =
        StreamConfig.choice("archiveParquetCompression", o.getArchiveParquetCompression(), ParquetCompression.class);
    if (compression != ParquetCompression.SNAPPY && fileFormat != ArchiveFormat.PARQUET) {
      throw new InvalidOptionException(
          "archiveParquetCompression", "applies only with --archiveFormat=PARQUET, got --archiveFormat=" + fileFormat);
    }
    return new ArchiveConfig(
        format, source, archive, flush, shards, fields(o.getAddFields()), fileFormat, compression);
  }

  /** Where the events go: {@code <archive>/events}. */
  public String events() {
    return archive + "/events";
  }

  /** Where refused lines go: {@code <archive>/dead-letters}. */
  public String deadLetters() {
    return archive + "/dead-letters";
  }

  /** {@code name=value,name=value}, each name once; empty for none. */
  static Map<String, String> fields(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return fields;
    }
    for (String item : text.split(",", -1)) {
      int eq = item.indexOf('=');
      String name = eq < 0 ? "" : item.substring(0, eq).trim();
      if (name.isEmpty()) {
        throw new InvalidOptionException(
            "addFields", "takes name=value pairs separated by commas, got '" + item.trim() + "'");
      }
      if (fields.put(name, item.substring(eq + 1).trim()) != null) {
        throw new InvalidOptionException("addFields", "names " + name + " twice");
      }
    }
    return fields;
  }

  /** The batch pipeline's {@code --input} that reads every archived event back. */
  public String readBackPattern() {
    return events() + "/*/*/*" + fileFormat().suffix();
  }
}
