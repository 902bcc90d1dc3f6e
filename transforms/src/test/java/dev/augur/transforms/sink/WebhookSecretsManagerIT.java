package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.augur.transforms.records.IncidentEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.After;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link IncidentSink#WEBHOOK} with its secret in AWS Secrets Manager (on moto_server), the form a
 * Managed Flink application can be given: the pipeline reads the webhook's URL from the secret and
 * posts every event to it. Run by {@code bin/augur test}, or with moto_server and {@code
 * AUGUR_TEST_MOTO_ENDPOINT} set.
 */
public class WebhookSecretsManagerIT {
  private static final String ENDPOINT = System.getenv("AUGUR_TEST_MOTO_ENDPOINT");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private HttpServer server;
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());

  @BeforeClass
  public static void needsMoto() {
    Assume.assumeTrue(
        "AUGUR_TEST_MOTO_ENDPOINT is not set: start moto_server (bin/augur test does)",
        ENDPOINT != null);
  }

  @After
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static SecretsManagerClient secretsManager() {
    return SecretsManagerClient.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(ENDPOINT))
        .build();
  }

  private static IncidentsConfig webhook(String secretArn) {
    return IncidentsConfig.builder()
        .setWebhookSecret(secretArn)
        .setEndpoint(ENDPOINT)
        .build();
  }

  @Test
  public void theWebhookUrlIsReadFromSecretsManagerAndEveryEventPosted() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hooks/",
        exchange -> {
          received.add(
              exchange.getRequestURI().getPath() + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0KEN-s3cret";
    String arn;
    try (SecretsManagerClient sm = secretsManager()) {
      // Stored with the newline a pasted value often has; it is trimmed.
      arn = sm.createSecret(b -> b.name("augur-it-" + UUID.randomUUID()).secretString(url + "\n"))
          .arn();
    }

    List<IncidentEvent> events =
        List.of(
            IncidentManagerCallsTest.event(IncidentEvent.Type.OPENED, IncidentEvent.Severity.MEDIUM, 0),
            IncidentManagerCallsTest.event(IncidentEvent.Type.RESOLVED, IncidentEvent.Severity.MEDIUM, 30));
    SinkResult result = p.apply(Create.of(events)).apply(IncidentSink.WEBHOOK.publish(webhook(arn)));
    PAssert.that(result.deadLetters()).empty();
    p.run().waitUntilFinish();

    assertEquals(2, received.size());
    List<String> types = new ArrayList<>();
    for (String r : received) {
      assertThat(r, startsWith("/hooks/T0KEN-s3cret {"));
      types.add(JSON.readTree(r.substring(r.indexOf('{'))).get("type").asText());
    }
    Collections.sort(types);
    assertEquals(List.of("OPENED", "RESOLVED"), types);
  }

  @Test
  public void aSecretThatCannotBeReadIsNamedWithTheReason() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:augur-it-absent-AbCdEf";
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Secrets.read(arn, "webhook secret", webhook(arn)));
    assertThat(e.getMessage(), startsWith(
        "webhook secret: cannot read Secrets Manager secret " + arn + " (HTTP "));
    assertThat(e.getMessage(), containsString("ResourceNotFoundException"));
  }

  @Test
  public void aSecretWithoutTextIsRefusedWithoutEchoingIt() {
    String arn;
    try (SecretsManagerClient sm = secretsManager()) {
      arn = sm.createSecret(b -> b.name("augur-it-" + UUID.randomUUID())
              .secretBinary(SdkBytes.fromUtf8String("binary-s3cret")))
          .arn();
    }
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Secrets.read(arn, "webhook secret", webhook(arn)));
    assertEquals("webhook secret: Secrets Manager secret " + arn + " has no text value",
        e.getMessage());
    assertThat(e.getMessage(), not(containsString("binary-s3cret")));
  }
}
