package dev.augur.transforms.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.ParseEvents;
import dev.augur.transforms.parse.ParsedEvents;
import dev.augur.transforms.records.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/**
 * Puts events into a Kinesis stream on moto with the AWS command line, an independent client, then
 * reads them with {@link ReadEventStream} and checks the exact events and their event-time
 * timestamps. Needs {@code AUGUR_TEST_MOTO_ENDPOINT} (set by {@code bin/augur test}) and the {@code
 * aws} command; skipped without them.
 */
public class KinesisSourceIT {
  private static final String MOTO_ENV = "AUGUR_TEST_MOTO_ENDPOINT";

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private AwsCli aws;

  @Before
  public void needsMotoAndTheAwsCli() throws InterruptedException {
    aws = AwsCli.fromEnvironment(MOTO_ENV, "moto_server");
  }

  private static String event(String ts, String region, Double value) {
    return "{\"ts\":\"" + ts + "\"," + (value == null ? "" : "\"value\":" + value + ",")
        + "\"region\":\"" + region + "\",\"service\":\"api\"}";
  }

  @Test
  public void readsEveryEventWithItsEventTime() throws Exception {
    String stream = "augur-it-" + UUID.randomUUID();
    aws.kinesis("create-stream", "--stream-name", stream, "--shard-count", "1");
    aws.kinesis("wait", "stream-exists", "--stream-name", stream);
    List<String> records =
        List.of(
            event("2024-05-01T10:00:05Z", "eu", 1.5),
            event("2024-05-01T10:02:00Z", "us", null),
            "{\"ts\":\"not a time\",\"region\":\"eu\",\"service\":\"api\"}",
            event("2024-05-01T10:01:00Z", "eu", 3.0));
    List<String> origins = new ArrayList<>();
    for (String record : records) {
      JsonNode put =
          new ObjectMapper()
              .readTree(aws.putRecord(stream, record.contains("\"us\"") ? "us" : "eu", record));
      origins.add(
          "kinesis:" + stream + " " + put.get("ShardId").asText() + " sequence "
              + put.get("SequenceNumber").asText());
    }
    AwsCli.useTestCredentials(p.getOptions());
    KinesisSourceConfig config =
        KinesisSourceConfig.builder()
            .streamName(stream)
            .region(AwsCli.REGION)
            .endpoint(aws.endpoint())
            .startPosition(KinesisSourceConfig.StartPosition.TRIM_HORIZON)
            .build();
    PCollection<KV<String, String>> read =
        p.apply(
            ReadEventStream.from(config)
                .withLimits(ReadLimits.of(records.size(), Duration.standardMinutes(2))));
    PCollection<String> lines = read.apply("Lines", Values.create());

    PAssert.that(
            lines
                .apply(Reify.timestamps())
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            // A line without event time keeps its arrival time, unknown here.
                            t ->
                                t.getValue()
                                    + "@"
                                    + (t.getValue().contains("not a time")
                                        ? "arrival"
                                        : t.getTimestamp().toString()))))
        .containsInAnyOrder(
            records.get(0) + "@2024-05-01T10:00:05.000Z",
            records.get(1) + "@2024-05-01T10:02:00.000Z",
            records.get(2) + "@arrival",
            records.get(3) + "@2024-05-01T10:01:00.000Z");

    ParsedEvents parsed = read.apply(ParseEvents.of(EventFormat.defaults()).fromOrigins());
    PAssert.that(parsed.events())
        .containsInAnyOrder(
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:00:05Z"), 1.5),
            Event.count("region=us,service=api", Instant.parse("2024-05-01T10:02:00Z")),
            Event.create("region=eu,service=api", Instant.parse("2024-05-01T10:01:00Z"), 3.0));
    PAssert.that(
            parsed
                .deadLetters()
                .apply(
                    "Sources",
                    MapElements.into(TypeDescriptors.strings())
                        .via(d -> d.getSource() + " " + d.getPayload())))
        // The record's shard and sequence number, from which it can be read again.
        .containsInAnyOrder(origins.get(2) + " " + records.get(2));
    p.run().waitUntilFinish();
  }
}
