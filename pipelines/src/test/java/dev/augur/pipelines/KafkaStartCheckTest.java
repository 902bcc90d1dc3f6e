package dev.augur.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.config.InvalidOptionException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.junit.Test;

/**
 * What the start check says when the brokers cannot be asked: naming the option, in the time
 * given. With a broker, {@code KafkaStartCheckIT} checks what it says of topics.
 */
public class KafkaStartCheckTest {
  private static final Duration SHORT = Duration.ofSeconds(2);

  /** An address nothing listens on. */
  private static String deadAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static PipelineOptions runner(Class<? extends org.apache.beam.sdk.PipelineRunner<?>> runner) {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(runner);
    return options;
  }

  @Test
  public void brokersThatDoNotAnswerAreToldNamingTheServersOptionInTheTimeGiven() throws Exception {
    String dead = deadAddress();
    long started = System.nanoTime();
    InvalidOptionException e =
        assertThrows(
            InvalidOptionException.class,
            () ->
                KafkaStartCheck.check(
                    dead, "kafkaBootstrapServers", Map.of(), List.of("events"), "kafkaTopics",
                    runner(DirectRunner.class), SHORT, w -> {}));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals("kafkaBootstrapServers", e.option());
    assertThat(e.getMessage(), startsWith("--kafkaBootstrapServers names Kafka brokers (" + dead + ")"));
    assertThat(e.getMessage(), containsString("none answered within 2 s"));
    // The timeout given, not the client's minute of retries.
    assertTrue(tookMillis + " ms", tookMillis < 20_000);
  }

  @Test
  public void anAddressThatCannotBeUsedIsToldNamingTheOption() {
    InvalidOptionException noPort =
        assertThrows(
            InvalidOptionException.class, () -> new KafkaTopics("localhost", "bootstrap", SHORT, Map.of()).close());
    assertEquals("bootstrap", noPort.option());
    assertThat(noPort.getMessage(), containsString("gives no Kafka broker address that can be used (localhost)"));
    InvalidOptionException unknownHost =
        assertThrows(
            InvalidOptionException.class,
            () -> new KafkaTopics("no-such-host.invalid:9092", "bootstrap", SHORT, Map.of()).close());
    assertThat(unknownHost.getMessage(), containsString("no-such-host.invalid:9092"));
  }

  @Test
  public void onARunnerWhoseWorkersAskThemselvesItOnlyWarns() throws Exception {
    List<String> warned = new java.util.ArrayList<>();
    KafkaStartCheck.check(
        deadAddress(), "kafkaBootstrapServers", Map.of(), List.of("events"), "kafkaTopics",
        runner(CrashingRunner.class), SHORT, warned::add);
    assertEquals(1, warned.size());
    String said = warned.get(0);
    assertThat(said, startsWith("--kafkaBootstrapServers names Kafka brokers"));
    assertThat(said, containsString("the workers must find them"));
  }

  @Test
  public void theDirectRunnerAndFlinkAskFromThisProcess() {
    assertTrue(KafkaStartCheck.asksFromHere(runner(DirectRunner.class)));
    assertTrue(!KafkaStartCheck.asksFromHere(runner(CrashingRunner.class)));
  }
}
