package dev.augur.transforms.source;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Tells {@link KinesisShardProgress} what every Kinesis client of the JVM fetches: which shard a
 * shard iterator reads, and for each {@code GetRecords} answer the last sequence number and how far
 * behind the tip it ended. The AWS SDK adds it to every Kinesis client it builds, listed in {@code
 * software/amazon/awssdk/services/kinesis/execution.interceptors}, whatever client factory the
 * pipeline uses.
 */
public final class KinesisProgressInterceptor implements ExecutionInterceptor {
  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    SdkResponse response = context.response();
    if (request instanceof GetShardIteratorRequest && response instanceof GetShardIteratorResponse) {
      GetShardIteratorRequest r = (GetShardIteratorRequest) request;
      String iterator = ((GetShardIteratorResponse) response).shardIterator();
      String stream = streamName(r.streamName(), r.streamARN());
      if (iterator != null && stream != null && r.shardId() != null) {
        KinesisShardProgress.iterator(stream, r.shardId(), iterator);
      }
    } else if (request instanceof GetRecordsRequest && response instanceof GetRecordsResponse) {
      GetRecordsResponse answer = (GetRecordsResponse) response;
      List<Record> records = answer.records();
      String last = records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
      Long behind = answer.millisBehindLatest();
      KinesisShardProgress.fetched(
          ((GetRecordsRequest) request).shardIterator(),
          answer.nextShardIterator(),
          last,
          // Kinesis always says; an answer without it is taken as at the tip, as before.
          behind == null ? 0 : behind);
    }
  }

  /** The stream's name, from the request's name or else its ARN ({@code ...:stream/NAME}). */
  static @Nullable String streamName(@Nullable String name, @Nullable String arn) {
    if (name != null) {
      return name;
    }
    if (arn == null) {
      return null;
    }
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }
}
