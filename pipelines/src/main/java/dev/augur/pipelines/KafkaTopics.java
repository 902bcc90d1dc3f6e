package dev.augur.pipelines;

import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.Spelling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks a Kafka cluster, once and before any work, about the topics a command is about to use. A
 * wrong address is then told in seconds, naming the option to fix, rather than by a minute of the
 * client's retries and a raw {@code TimeoutException}; a misspelt topic is told with the topics the
 * cluster does hold, rather than by KafkaIO's "Could not find any partitions" (or by a topic of
 * that name that a client's request created).
 */
public final class KafkaTopics implements AutoCloseable {
  /** How long the brokers have to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The most topic names a message lists. */
  private static final int LISTED = 10;

  private final String servers;
  private final String serversOption;
  private final Duration timeout;
  private final Admin admin;

  /**
   * @param servers the bootstrap servers, {@code host:port[,host:port]}
   * @param serversOption the option that gave them, named when they do not answer
   * @param clientProperties further client settings (a secured cluster's); those the admin client
   *     does not know are left out, as it would warn of each
   * @throws InvalidOptionException naming {@code serversOption} when no address is usable
   */
  public KafkaTopics(
      String servers, String serversOption, Duration timeout, Map<String, String> clientProperties) {
    this.servers = servers;
    this.serversOption = serversOption;
    this.timeout = timeout;
    Properties props = new Properties();
    clientProperties.forEach(
        (key, value) -> {
          if (AdminClientConfig.configNames().contains(key)) {
            props.put(key, value);
          }
        });
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "augur-check");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
    // Each failed connection logs a warning: every 5 s rather than every second while waiting.
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    try {
      this.admin = Admin.create(props);
    } catch (KafkaException e) {
      // Such as "No resolvable bootstrap urls given in bootstrap.servers".
      throw new InvalidOptionException(
          serversOption, "gives no Kafka broker address that can be used (" + servers + "): " + message(e));
    }
  }

  /**
   * The partitions of each of {@code topics} that exists, in the order given; a topic missing from
   * the map does not exist.
   *
   * @throws InvalidOptionException naming the servers' option when the brokers do not answer in
   *     time, or refuse to describe a topic
   */
  public Map<String, Integer> partitions(List<String> topics) throws InterruptedException {
    Map<String, KafkaFuture<TopicDescription>> asked = admin.describeTopics(topics).topicNameValues();
    Map<String, Integer> found = new LinkedHashMap<>();
    for (String topic : topics) {
      try {
        found.put(topic, answer(asked.get(topic)).partitions().size());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          continue;
        }
        throw refused("describe topic " + topic, e.getCause());
      }
    }
    return found;
  }

  /** The cluster's topics, those most like {@code like} first, at most ten. */
  List<String> namesLike(String like) throws InterruptedException {
    List<String> names;
    try {
      names = new ArrayList<>(answer(admin.listTopics().names()));
    } catch (ExecutionException e) {
      throw refused("list its topics", e.getCause());
    }
    names.sort(
        Comparator.comparing((String n) -> !Spelling.closeTo(n, like))
            .thenComparing(Comparator.naturalOrder()));
    return names.size() > LISTED ? names.subList(0, LISTED) : names;
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions and the cluster's default replication
   * factor; false if it existed already.
   */
  public boolean create(String topic, int partitions) throws InterruptedException {
    try {
      answer(
          admin
              .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
              .all());
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw refused("create topic " + topic, e.getCause());
    }
  }

  /**
   * What to tell of topics that do not exist, following the option's name: their names and the
   * cluster's topics most like the first of them.
   */
  public String missing(List<String> topics) throws InterruptedException {
    List<String> held = namesLike(topics.get(0));
    return "names " + (topics.size() == 1 ? "a topic" : "topics") + " the Kafka brokers at " + servers
        + " do not hold: " + String.join(", ", topics)
        + (held.isEmpty() ? "; they hold none" : "; they hold " + String.join(", ", held)
            + (held.size() == LISTED ? ", ..." : ""));
  }

  private <T> T answer(KafkaFuture<T> future) throws ExecutionException, InterruptedException {
    try {
      return future.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ExecutionException(new org.apache.kafka.common.errors.TimeoutException(e.getMessage()));
    }
  }

  private InvalidOptionException refused(String what, Throwable cause) {
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new InvalidOptionException(
          serversOption,
          "names Kafka brokers (" + servers + ") of which none answered within "
              + timeout.toSeconds() + " s; check the address and that they are up");
    }
    return new InvalidOptionException(
        serversOption,
        "names Kafka brokers (" + servers + ") that refused to " + what + ": " + message(cause));
  }

  private static String message(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  @Override
  public void close() {
    // Pending requests are of no use once the command has its answer.
    admin.close(Duration.ofSeconds(1));
  }
}
