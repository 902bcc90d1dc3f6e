package dev.augur.transforms.sink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.augur.transforms.records.IncidentEvent;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link IncidentSink#SNS} against moto_server: a topic with an SQS queue subscribed (raw
 * delivery), the events published by the pipeline, and the queue read back. Run by {@code
 * bin/augur test}, or with moto_server and {@code AUGUR_TEST_MOTO_ENDPOINT} set.
 */
public class SnsIncidentsIT {
  private static final String ENDPOINT = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @BeforeClass
  public static void needsMoto() {
    Assume.assumeTrue(
        "AUGUR_TEST_MOTO_ENDPOINT is not set: start moto_server (bin/augur test does)",
        ENDPOINT != null);
  }

  /** The start check finds a topic that exists and names one that does not. */
  @Test
  public void theStartCheckTellsAMissingTopicFromAnExistingOne() {
    try (SnsClient sns =
        SnsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(ENDPOINT)).build()) {
      String topicArn = sns.createTopic(b -> b.name("augur-it-" + UUID.randomUUID())).topicArn();
      IncidentsConfig.Builder config =
          IncidentsConfig.builder().setRegion("us-east-1").setEndpoint(ENDPOINT);
      assertNull(config.setTopicArn(topicArn).build().snsTopicProblemHere());
      String missing = topicArn + "-missing";
      String problem = config.setTopicArn(missing).build().snsTopicProblemHere();
      assertNotNull(problem);
      assertTrue(problem, problem.startsWith("SNS topic " + missing + " cannot take incidents: HTTP 404"));
      // The topic asked for in another region: the answer says where each is.
      String elsewhere =
          IncidentsConfig.builder().setRegion("eu-west-1").setEndpoint(ENDPOINT).setTopicArn(topicArn)
              .build().snsTopicProblemHere();
      assertNotNull(elsewhere);
      assertTrue(elsewhere, elsewhere.endsWith("(the topic is in us-east-1, the region given is eu-west-1)"));
    }
  }

  @Test
  public void eachEventArrivesOnceWithItsAttributes() throws Exception {
    String name = "augur-it-" + UUID.randomUUID();
    try (SnsClient sns =
            SnsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(ENDPOINT)).build();
        SqsClient sqs =
            SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(ENDPOINT)).build()) {
      String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
      String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
      String queueArn =
          sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      sns.subscribe(
          b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
              .attributes(Map.of("RawMessageDelivery", "true")));

      List<IncidentEvent> events =
          List.of(
              IncidentManagerCallsTest.event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.MEDIUM, 0),
              IncidentManagerCallsTest.event(IncidentEvent.Type.UPDATED, IncidentEvent.Severity.HIGH, 15),
              IncidentManagerCallsTest.event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.HIGH, 30));
      SinkResult result =
          p.apply(Create.of(events))
              .apply(
                  IncidentSink.SNS.publish(
                      IncidentsConfig.builder()
                          .setTopicArn(topicArn)
                          .setRegion("us-east-1")
                          .setEndpoint(ENDPOINT)
                          .build()));
      PAssert.that(result.deadLetters()).empty();
      p.run().waitUntilFinish();

      Set<String> bodies = new HashSet<>();
      Set<String> attributes = new HashSet<>();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (bodies.size() < events.size() && System.nanoTime() < deadline) {
        for (Message m :
            sqs.receiveMessage(
                    b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageAttributeNames("All"))
                .messages()) {
          bodies.add(m.body());
          attributes.add(
              m.messageAttributes().get("type").stringValue() + " "
                  + m.messageAttributes().get("severity").stringValue() + " "
                  + m.messageAttributes().get("dedupe_key").stringValue());
          sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
      }
      Set<String> expected = new HashSet<>();
      for (IncidentEvent e : events) {
        expected.add(SinkJson.incident(e));
      }
      assertEquals(expected, bodies);
      String key = events.get(0).getDedupeKey();
      assertEquals(
          Set.of("OPENED MEDIUM " + key, "UPDATED HIGH " + key, "RESOLVED HIGH " + key),
          attributes);
    }
  }
}
