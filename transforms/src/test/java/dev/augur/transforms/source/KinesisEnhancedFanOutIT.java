package dev.augur.transforms.source;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.records.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reads a Kinesis stream by enhanced fan-out ({@code --kinesisConsumerArn}): a consumer registered
 * with the AWS command line on kinesis-mock, which serves SubscribeToShard over HTTP/2, and events
 * put on two shards; {@link ReadEventStream} must deliver every one with its event time, read
 * through SubscribeToShard (the clients' operations are recorded) rather than by polling. Needs
 * {@code AUGUR_TEST_KINESIS_MOCK_ENDPOINT} (set by {@code bin/augur test}) and the {@code aws}
 * command; skipped without them.
 */
public class KinesisEnhancedFanOutIT {
  private static final String ENDPOINT_ENV = "AUGUR_TEST_KINESIS_MOCK_ENDPOINT";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private AwsCli aws;

  @Before
  public void needsKinesisMockAndTheAwsCli() throws InterruptedException {
    aws = AwsCli.fromEnvironment(ENDPOINT_ENV, "kinesis-mock");
  }

  private static String event(String ts, String region, double value) {
    return "{\"ts\":\"" + ts + "\",\"value\":" + value + ",\"region\":\"" + region
        + "\",\"service\":\"api\"}";
  }

  /** Registers a consumer of {@code stream} and waits until it is active; returns its ARN. */
  private String activeConsumer(String stream) throws Exception {
    String streamArn = JSON.readTree(aws.kinesis("describe-stream-summary", "--stream-name", stream))
        .at("/StreamDescriptionSummary/StreamARN").asText();
    String consumerArn = JSON.readTree(aws.kinesis("register-stream-consumer", "--stream-arn",
        streamArn, "--consumer-name", "augur-efo")).at("/Consumer/ConsumerARN").asText();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      JsonNode c = JSON.readTree(aws.kinesis("describe-stream-consumer", "--consumer-arn",
          consumerArn));
      if ("ACTIVE".equals(c.at("/ConsumerDescription/ConsumerStatus").asText())) {
        return consumerArn;
      }
      assertTrue("consumer " + consumerArn + " did not become active", System.nanoTime() < deadline);
      Thread.sleep(250);
    }
  }

  @Test
  public void readsEveryEventBySubscribingToEachShard() throws Exception {
    String stream = "augur-efo-" + UUID.randomUUID();
    aws.kinesis("create-stream", "--stream-name", stream, "--shard-count", "2");
    aws.kinesis("wait", "stream-exists", "--stream-name", stream);
    List<String> records =
        List.of(
            event("2024-05-01T10:00:05Z", "eu", 1.5),
            event("2024-05-01T10:01:00Z", "us", 2.0),
            event("2024-05-01T10:02:30Z", "eu", 3.25),
            event("2024-05-01T10:03:00Z", "ap", 4.0),
            event("2024-05-01T10:04:10Z", "us", 5.5));
    List<KV<String, String>> keyed = new ArrayList<>();
    for (String record : records) {
      // Distinct partition keys spread the records over both shards.
      JsonNode put =
          JSON.readTree(aws.putRecord(stream, JSON.readTree(record).get("region").asText(), record));
      keyed.add(
          KV.of(
              "kinesis:" + stream + " " + put.get("ShardId").asText() + " sequence "
                  + put.get("SequenceNumber").asText(),
              record));
    }
    String consumerArn = activeConsumer(stream);

    AwsCli.useTestCredentials(p.getOptions());
    // Beam's default clients, with a record of the operations they call.
    p.getOptions().as(AwsOptions.class).setClientBuilderFactory(OperationRecordingFactory.class);
    OperationRecordingFactory.OPERATIONS.clear();
    KinesisSourceConfig config =
        KinesisSourceConfig.builder()
            .streamName(stream)
            .region(AwsCli.REGION)
            .endpoint(aws.endpoint())
            .consumerArn(consumerArn)
            .startPosition(KinesisSourceConfig.StartPosition.TRIM_HORIZON)
            .build();
    PCollection<KV<String, String>> read =
        p.apply(
            ReadEventStream.from(config)
                .withLimits(ReadLimits.of(records.size(), Duration.standardMinutes(2))));
    PCollection<String> lines = read.apply("Lines", Values.create());
    // Each record keyed by the shard and sequence number that putting it returned.
    PAssert.that(read).containsInAnyOrder(keyed);

    PAssert.that(TimestampedLines.of(lines))
        .containsInAnyOrder(
            records.get(0) + "@2024-05-01T10:00:05.000Z",
            records.get(1) + "@2024-05-01T10:01:00.000Z",
            records.get(2) + "@2024-05-01T10:02:30.000Z",
            records.get(3) + "@2024-05-01T10:03:00.000Z",
            records.get(4) + "@2024-05-01T10:04:10.000Z");
    PAssert.that(read.apply(ParseEvents.of(EventFormat.defaults()).fromOrigins()).events())
        .containsInAnyOrder(
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:00:05Z"), 1.5),
            Event.create("region=us,service=api", Instant.parse("2024-05-01T10:01:00Z"), 2.0),
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:02:30Z"), 3.25),
            Event.create("region=ap,service=api", Instant.parse("2024-05-01T10:03:00Z"), 4.0),
            Event.create("region=us,service=api", Instant.parse("2024-05-01T10:04:10Z"), 5.5));
    p.run().waitUntilFinish();

    // Read by enhanced fan-out, not by polling (which kinesis-mock would serve as well).
    assertTrue(OperationRecordingFactory.OPERATIONS.toString(),
        OperationRecordingFactory.OPERATIONS.contains("SubscribeToShard"));
    assertFalse(OperationRecordingFactory.OPERATIONS.toString(),
        OperationRecordingFactory.OPERATIONS.contains("GetRecords"));
  }

  /** Beam's default client factory, recording the name of every operation its clients call. */
  public static class OperationRecordingFactory implements ClientBuilderFactory {
    static final Set<String> OPERATIONS = ConcurrentHashMap.newKeySet();

    private final ClientBuilderFactory defaults = ClientBuilderFactory.defaultFactory();

    @Override
    public <BuilderT extends AwsClientBuilder<BuilderT, ClientT>, ClientT> BuilderT create(
        BuilderT builder, ClientConfiguration config, @Nullable AwsOptions options) {
      BuilderT configured = defaults.create(builder, config, options);
      configured.overrideConfiguration(
          ClientOverrideConfiguration.builder()
              .addExecutionInterceptor(
                  new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                        Context.BeforeExecution context, ExecutionAttributes attributes) {
                      OPERATIONS.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                  })
              .build());
      return configured;
    }

    @Override
    public void checkConfiguration(ClientConfiguration config, @Nullable AwsOptions options) {
      defaults.checkConfiguration(config, options);
    }
  }
}
