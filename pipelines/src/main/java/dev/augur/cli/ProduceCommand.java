package dev.augur.cli;

import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.pipelines.config.KafkaClientConfig;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.parse.InvalidEventException;
import dev.augur.transforms.parse.JsonEventParser;
import dev.augur.transforms.records.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur produce}: sends events to a Kinesis stream or a Kafka topic at a steady rate, to feed
 * the streaming pipeline. The events are generated ({@link SyntheticGenerator}: seeded, with
 * seasonality and anomalies) or read from a JSON-lines file ({@code .gz} too). Each record's key
 * (Kinesis partition key, Kafka key) is its series key, so a series stays in order on one shard.
 *
 * <pre>{@code
 * bin/augur produce --target=KAFKA --bootstrap=127.0.0.1:9092 --topic=augur-events --create \
 *     --rate=200/s --series=12 --duration=6h
 * bin/augur produce --target=KINESIS --stream=augur-events --endpoint=http://127.0.0.1:5000 \
 *     --input=/data/events.jsonl --rate=50/s
 * }</pre>
 *
 * <p>Progress is printed every few seconds; a record that cannot be delivered after the client's
 * retries stops the command with a non-zero exit.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description =
        "Send generated events, or the events of a JSON-lines file, to a Kinesis stream or a "
            + "Kafka topic at a steady rate.")
public final class ProduceCommand implements Callable<Integer> {
  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/s)?");
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  /** Where the events go. */
  public enum Target {
    KINESIS,
    KAFKA
  }

  @Spec CommandSpec spec;

  @Option(names = "--target", required = true, description = "${COMPLETION-CANDIDATES}.")
  Target target;

  @Option(names = {"--stream", "--kinesisStream"}, description = "Kinesis stream name (with --target=KINESIS).")
  String stream;

  @Option(names = {"--region", "--awsRegion"}, description = "AWS region; default: the SDK's (AWS_REGION, profile).")
  String region;

  @Option(
      names = "--endpoint",
      description = "Kinesis endpoint override, e.g. http://127.0.0.1:5000 for moto.")
  String endpoint;

  @Option(names = {"--topic", "--kafkaTopics"}, description = "Kafka topic (with --target=KAFKA).")
  String topic;

  @Option(names = {"--bootstrap", "--kafkaBootstrapServers"}, description = "Kafka bootstrap servers, host:port[,host:port].")
  String bootstrap;

  @Option(
      names = {"--clientConfig", "--kafkaClientConfig"},
      description =
          "A Kafka client properties file with the settings a secured cluster needs (security.protocol,"
              + " ssl.*, sasl.*), as the stream's --kafkaClientConfig.")
  String clientConfig;

  @Option(
      names = "--create",
      description =
          "Create the stream or topic if it is missing, with --partitions shards or partitions"
              + " (a Kafka topic with the cluster's default replication factor). Without it, a"
              + " Kafka topic that is missing is an error.")
  boolean create;

  @Option(names = "--partitions", defaultValue = "1", description = "Shards or partitions for --create.")
  int partitions;

  @Option(
      names = "--rate",
      defaultValue = "100/s",
      description =
          "Events per second, e.g. 500/s; 0 for as fast as the stream takes them; live to send each"
              + " event when its time comes, its event time's distance from the first event's after"
              + " the start, so that generated events from --start=now arrive as they happen.")
  String rate;

  @Option(
      names = "--input",
      description = "A JSON-lines file (or .gz) to send instead of generated events.")
  Path input;

  @Option(
      names = "--seriesFields",
      split = ",",
      defaultValue = "region,service",
      description = "Fields whose values make the series key of --input lines.")
  List<String> seriesFields;

  @Option(names = "--count", defaultValue = "-1", description = "Stop after this many events; -1 for all.")
  long count;

  @Option(names = "--seed", defaultValue = "42", description = "Generator random seed.")
  long seed;

  @Option(names = "--series", defaultValue = "12", description = "Generated series.")
  int series;

  @Option(
      names = "--start",
      defaultValue = "now",
      description = "First generated event time (ISO-8601), or 'now' (to the second).")
  String start;

  @Option(names = "--duration", defaultValue = "1d", description = "Generated span of event time, e.g. 30m, 6h, 7d.")
  String duration;

  @Option(
      names = "--eventsPerMinute",
      defaultValue = "10",
      description = "Generated baseline events per minute per series.")
  double eventsPerMinute;

  @Option(
      names = "--anomaliesPerDay",
      defaultValue = "0.5",
      description = "Generated anomalies per series per day; 0 for none.")
  double anomaliesPerDay;

  /** What {@code --rate} asks for live pacing. */
  static final String LIVE = "live";

  /** One record to send: its key, JSON line and event time. */
  static final class Keyed {
    /** The event time of a line whose time could not be read. */
    static final long NO_TIME = Long.MIN_VALUE;

    final String key;
    final String json;
    final long eventMillis;

    Keyed(String key, String json, long eventMillis) {
      this.key = key;
      this.json = json;
      this.eventMillis = eventMillis;
    }
  }

  @Override
  public Integer call() throws Exception {
    boolean live = LIVE.equalsIgnoreCase(rate.trim());
    double perSecond = live ? 0 : parseRate(rate);
    if (partitions < 1) {
      throw new InvalidOptionException("partitions", "must be at least 1, got " + partitions);
    }
    validateTarget();
    PrintWriter out = spec.commandLine().getOut();
    try (Events events = input != null ? fileEvents(input) : generatedEvents();
        EventPublisher publisher = publisher()) {
      publisher.prepare(create, partitions, spec.commandLine().getErr());
      out.printf(Locale.ROOT, "sending %s to %s at %s%n", events.describe(), publisher.describe(),
          live ? "the pace of their event times"
              : perSecond > 0 ? String.format(Locale.ROOT, "%.1f events/s", perSecond) : "full speed");
      out.flush();
      long sent = send(events, publisher, perSecond, live, out);
      out.printf(Locale.ROOT, "sent %,d events to %s%s%n", sent, publisher.describe(),
          events.unparseable > 0 ? String.format(Locale.ROOT,
              " (%,d lines the pipeline will refuse, for bad JSON, timestamp, value or series"
                  + " fields, sent with key '%s')", events.unparseable,
              Events.UNKEYED) : "");
      out.flush();
    }
    return 0;
  }

  /**
   * Sends the events, at most {@code perSecond} a second (0: no limit), or with {@code live} each
   * when the time since the start reaches its event time's distance from the first event's (lines
   * without a time, and events older than the pace, go at once).
   */
  long send(Events events, EventPublisher publisher, double perSecond, boolean live, PrintWriter out)
      throws Exception {
    TokenBucket bucket = perSecond > 0 ? new TokenBucket(perSecond, TokenBucket.SYSTEM) : null;
    long started = System.nanoTime();
    long lastReport = started;
    long lastFlush = started;
    long firstEventMillis = Keyed.NO_TIME;
    long sent = 0;
    while (events.hasNext() && (count < 0 || sent < count)) {
      if (bucket != null) {
        bucket.acquire();
      }
      Keyed e = events.next();
      if (live && e.eventMillis != Keyed.NO_TIME) {
        if (firstEventMillis == Keyed.NO_TIME) {
          firstEventMillis = e.eventMillis;
        }
        long waitNanos = started + (e.eventMillis - firstEventMillis) * 1_000_000L - System.nanoTime();
        if (waitNanos > 0) {
          // What is due goes out before the wait.
          publisher.flush();
          lastFlush = System.nanoTime();
          TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
      }
      publisher.send(e.key, e.json);
      sent++;
      long now = System.nanoTime();
      // Deliver at least every 200 ms so the stream sees a steady flow, not bursts.
      if (now - lastFlush >= 200_000_000L) {
        publisher.flush();
        lastFlush = now;
      }
      if (now - lastReport >= PROGRESS_NANOS) {
        double seconds = (now - started) / 1e9;
        out.printf(Locale.ROOT, "  %,d events in %.0f s (%.1f/s)%n", sent, seconds, sent / seconds);
        out.flush();
        lastReport = now;
      }
    }
    publisher.flush();
    return sent;
  }

  static double parseRate(String text) {
    Matcher m = RATE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new InvalidOptionException(
          "rate", "'" + text + "' is not a rate; give events per second such as 100/s, 0 or " + LIVE);
    }
    return Double.parseDouble(m.group(1));
  }

  private void validateTarget() {
    if (target == Target.KINESIS) {
      requireOption("stream", stream, "KINESIS");
      if (clientConfig != null && !clientConfig.isBlank()) {
        throw new InvalidOptionException("clientConfig", "applies only with --target=KAFKA");
      }
    } else {
      requireOption("topic", topic, "KAFKA");
      requireOption("bootstrap", bootstrap, "KAFKA");
    }
  }

  private EventPublisher publisher() {
    switch (target) {
      case KINESIS:
        try {
          return new KinesisPublisher(stream, region, endpoint);
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
          if (region == null && String.valueOf(e.getMessage()).contains("region")) {
            throw new InvalidOptionException(
                "region", "is needed: no AWS region was found in AWS_REGION, AWS_DEFAULT_REGION,"
                    + " the profile or the instance's metadata");
          }
          throw e;
        }
      case KAFKA:
        return new KafkaPublisher(
            bootstrap,
            topic,
            KafkaClientConfig.read("clientConfig", clientConfig, PipelineOptionsFactory.create()));
      default:
        throw new IllegalStateException("unknown target " + target);
    }
  }

  private static void requireOption(String option, String value, String target) {
    if (value == null || value.isBlank()) {
      throw new InvalidOptionException(option, "is required with --target=" + target);
    }
  }

  /**
   * The generator's anomaly lengths (shortest, longest) shortened to fit a short span ({@link
   * GeneratorConfig#longestAnomalyFitting}), in whole minutes, at least one; null when even
   * one-minute anomalies do not fit.
   */
  static java.time.Duration[] anomalyDurations(java.time.Duration span, double perDay) {
    long fitMinutes = GeneratorConfig.longestAnomalyFitting(span, perDay).toMinutes();
    if (fitMinutes < 1) {
      return null;
    }
    long longest = Math.min(GeneratorConfig.DEFAULT_MAX_ANOMALY_DURATION.toMinutes(), fitMinutes);
    long shortest = Math.min(GeneratorConfig.DEFAULT_MIN_ANOMALY_DURATION.toMinutes(), longest);
    return new java.time.Duration[] {
      java.time.Duration.ofMinutes(shortest), java.time.Duration.ofMinutes(longest)
    };
  }

  private Events generatedEvents() {
    Instant first;
    if ("now".equalsIgnoreCase(start.trim())) {
      first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    } else {
      try {
        first = Instant.parse(start.trim());
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidOptionException(
            "start", "'" + start + "' is not 'now' or an ISO-8601 instant such as 2024-05-01T00:00:00Z");
      }
    }
    java.time.Duration span =
        java.time.Duration.ofMillis(DurationText.parse("duration", duration).getMillis());
    GeneratorConfig.Builder b =
        GeneratorConfig.builder()
            .seed(seed)
            .seriesCount(series)
            .start(first)
            .duration(span)
            .eventsPerMinute(eventsPerMinute)
            // Anomalies anywhere in the span: a live demo has no training period to keep clean.
            .cleanPeriod(java.time.Duration.ZERO);
    if (anomaliesPerDay <= 0) {
      b.noAnomalies();
    } else {
      b.anomaliesPerSeriesPerDay(anomaliesPerDay);
      java.time.Duration[] lengths = anomalyDurations(span, anomaliesPerDay);
      if (lengths == null) {
        throw new InvalidOptionException(
            "anomaliesPerDay",
            "leaves less than two minutes of --duration=" + duration + " per anomaly; give a lower"
                + " rate, a longer --duration, or --anomaliesPerDay=0");
      }
      b.anomalyDuration(lengths[0], lengths[1]);
    }
    SyntheticGenerator generator = new SyntheticGenerator(b.build());
    Iterator<SyntheticEvent> it = generator.events();
    String what =
        String.format(Locale.ROOT, "generated events of %d series from %s over %s (seed %d)",
            series, first, duration, seed);
    return new Events(what) {
      @Override
      boolean hasNext() {
        return it.hasNext();
      }

      @Override
      Keyed next() {
        SyntheticEvent e = it.next();
        return new Keyed(e.seriesKey(), e.toJson(), e.timestampMillis());
      }
    };
  }

  private Events fileEvents(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidOptionException("input", "'" + file + "' is not a readable file");
    }
    JsonEventParser parser = new JsonEventParser(EventFormat.withSeriesFields(seriesFields));
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new Events("the events of " + file) {
      private String pending = readNonBlank();

      private String readNonBlank() {
        try {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank()) {
              return line;
            }
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException("reading " + file, e);
        }
      }

      @Override
      boolean hasNext() {
        return pending != null;
      }

      @Override
      Keyed next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        String line = pending;
        pending = readNonBlank();
        try {
          Event event = parser.parse(line);
          return new Keyed(event.getSeries(), line, event.getEventTime().getMillis());
        } catch (InvalidEventException e) {
          // Sent all the same: the pipeline dead-letters it, which is worth seeing end to end.
          unparseable++;
          return new Keyed(UNKEYED, line, Keyed.NO_TIME);
        }
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  /** The events to send, in order. */
  abstract static class Events implements AutoCloseable {
    static final String UNKEYED = "unparseable";

    private final String description;
    long unparseable;

    Events(String description) {
      this.description = description;
    }

    abstract boolean hasNext();

    abstract Keyed next();

    String describe() {
      return description;
    }

    @Override
    public void close() throws IOException {}
  }
}
