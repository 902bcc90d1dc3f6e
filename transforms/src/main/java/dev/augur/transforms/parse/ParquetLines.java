package dev.augur.transforms.parse;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The event lines of a Parquet file written by the archive in Parquet ({@code
 * dev.augur.transforms.archive.EventParquet}): its {@value #COLUMN} column. A record without it (a
 * file written by something else) is handed on as its own text, for the reader to dead-letter.
 */
final class ParquetLines {
  /** The column holding each event's line. */
  static final String COLUMN = "event";

  /** Receives each record: its line, or when it has none the whole record as text. */
  interface Receiver {
    void line(String line);

    void withoutLine(String record);
  }

  private ParquetLines() {}

  /** Hands each record to {@code receiver}, in file order. */
  static void read(FileIO.ReadableFile file, Receiver receiver) throws IOException {
    try (SeekableByteChannel channel = file.openSeekable();
        ParquetReader<GenericRecord> reader =
            AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(channel))
                .withDataModel(GenericData.get())
                .withConf(new Configuration(false))
                .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        Object line = r.getSchema().getField(COLUMN) == null ? null : r.get(COLUMN);
        if (line == null) {
          receiver.withoutLine(r.toString());
        } else {
          receiver.line(line.toString());
        }
      }
    }
  }

  /** A Parquet input file over a Beam file system's seekable channel. */
  private static final class ChannelInputFile implements InputFile {
    private final SeekableByteChannel channel;

    ChannelInputFile(SeekableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public long getLength() throws IOException {
      return channel.size();
    }

    @Override
    public SeekableInputStream newStream() {
      return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          channel.position(newPos);
        }
      };
    }
  }
}
