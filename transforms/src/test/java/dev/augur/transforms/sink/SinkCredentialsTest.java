package dev.augur.transforms.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Duration;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** A sink's credentials reach the workers intact, and never show in its text. */
public class SinkCredentialsTest {
  @Test
  public void staticKeysSurviveTheTripToTheWorkers() {
    SinkCredentials credentials =
        SinkCredentials.of(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "s3cr3t")));
    SinkCredentials onWorker = SerializableUtils.clone(credentials);
    AwsCredentials resolved = onWorker.provider().resolveCredentials();
    assertEquals("AKIAEXAMPLE", resolved.accessKeyId());
    assertEquals("s3cr3t", resolved.secretAccessKey());
    assertEquals(credentials, onWorker);
    assertThat(credentials.toString(), not(containsString("s3cr3t")));
    assertThat(credentials.toString(), not(containsString("AKIAEXAMPLE")));
    assertThat(credentials.toString(), containsString("StaticCredentialsProvider"));
  }

  @Test
  public void theDefaultChainStaysTheDefaultChain() {
    assertThat(
        SinkCredentials.of(DefaultCredentialsProvider.create()).provider(),
        instanceOf(DefaultCredentialsProvider.class));
  }

  @Test
  public void aConfigsTextNamesNoKey() {
    MetricsConfig config =
        MetricsConfig.builder()
            .setCredentials(
                SinkCredentials.of(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "s3cr3t"))))
            .build();
    assertThat(config.toString(), not(containsString("s3cr3t")));
  }

  /** A client the sinks build signs its requests with the credentials given. */
  @Test
  public void theSinksClientsSignWithThem() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(403, -1);
          exchange.close();
        });
    server.start();
    try (SnsClient sns =
        AwsCalls.build(
            SnsClient.builder(),
            "us-east-1",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            SinkCredentials.of(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "s3cr3t"))),
            Duration.standardSeconds(5))) {
      assertThrows(
          SdkException.class,
          () -> sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:123456789012:t").message("m")));
    } finally {
      server.stop(0);
    }
    assertThat(authorizations.get(0), containsString("Credential=AKIAEXAMPLE/"));
  }
}
