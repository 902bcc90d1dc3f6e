package dev.augur.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * Puts records into a Kinesis data stream with {@code PutRecords}, in batches within the API's
 * limits (500 records, 5 MiB, 1 MiB per record including its partition key). Records the stream
 * rejects (throttling, internal errors) are sent again with exponential backoff; after {@value
 * #MAX_ATTEMPTS} attempts the flush fails naming the error. Credentials come from the SDK's default
 * chain (environment, profile, instance role).
 */
final class KinesisPublisher implements EventPublisher {
  static final int MAX_RECORDS = 500;
  static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
  static final long MAX_RECORD_BYTES = 1024 * 1024;
  static final int MAX_ATTEMPTS = 8;

  /** Records of one {@code PutRecords} call. */
  static final class Batch {
    final List<PutRecordsRequestEntry> entries = new ArrayList<>();
    long bytes;

    /** Whether a record of {@code size} bytes (data plus key) may join the batch. */
    boolean fits(long size) {
      return entries.size() < MAX_RECORDS && bytes + size <= MAX_BATCH_BYTES;
    }

    void add(PutRecordsRequestEntry entry, long size) {
      entries.add(entry);
      bytes += size;
    }

    void clear() {
      entries.clear();
      bytes = 0;
    }
  }

  private final KinesisClient client;
  private final String stream;
  private final Batch batch = new Batch();

  KinesisPublisher(String stream, String region, String endpoint) {
    KinesisClientBuilder builder =
        KinesisClient.builder().httpClientBuilder(ApacheHttpClient.builder());
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
      // Emulators (moto, kinesalite) speak JSON, not CBOR; the SDK's switch is JVM-wide.
      if (System.getProperty("aws.cborEnabled") == null && System.getenv("CBOR_ENABLED") == null) {
        System.setProperty("aws.cborEnabled", "false");
      }
    }
    this.client = builder.build();
    this.stream = stream;
  }

  @Override
  public String describe() {
    return "kinesis:" + stream;
  }

  @Override
  public void prepare(boolean create, int shards, PrintWriter err) {
    if (!create) {
      // A stream that is not there fails the first put, naming the stream.
      return;
    }
    try {
      client.createStream(b -> b.streamName(stream).shardCount(shards));
      err.printf("augur produce: created stream %s with %d shard%s%n",
          stream, shards, shards == 1 ? "" : "s");
    } catch (ResourceInUseException e) {
      Integer open =
          client.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount();
      if (open != null && open != shards) {
        err.printf(
            "augur produce: stream %s exists already, with %d open shard%s; --partitions=%d was not"
                + " applied%n",
            stream, open, open == 1 ? "" : "s", shards);
      }
    }
    client.waiter().waitUntilStreamExists(b -> b.streamName(stream));
  }

  @Override
  public void send(String key, String json) throws IOException, InterruptedException {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    long size = data.length + key.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "a record of " + size + " bytes exceeds Kinesis's 1 MiB limit: " + json.substring(0, 80));
    }
    if (!batch.fits(size)) {
      flush();
    }
    batch.add(
        PutRecordsRequestEntry.builder()
            .partitionKey(key)
            .data(SdkBytes.fromByteArray(data))
            .build(),
        size);
  }

  @Override
  public void flush() throws IOException, InterruptedException {
    List<PutRecordsRequestEntry> pending = new ArrayList<>(batch.entries);
    batch.clear();
    String lastError = null;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new IOException(
            pending.size()
                + " record(s) not accepted by "
                + describe()
                + " after "
                + MAX_ATTEMPTS
                + " attempts; last error: "
                + lastError);
      }
      if (attempt > 1) {
        Thread.sleep(Math.min(5_000L, 100L << (attempt - 2)));
      }
      List<PutRecordsRequestEntry> sent = pending;
      PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(sent));
      pending = new ArrayList<>();
      if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
        break;
      }
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          pending.add(sent.get(i));
          lastError = results.get(i).errorCode() + " " + results.get(i).errorMessage();
        }
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
