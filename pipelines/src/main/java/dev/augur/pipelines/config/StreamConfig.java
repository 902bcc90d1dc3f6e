package dev.augur.pipelines.config;

import dev.augur.models.Statistic;
import dev.augur.pipelines.options.AlarmOptions;
import dev.augur.pipelines.options.StreamOptions;
import dev.augur.pipelines.options.StreamSourceOptions;
import dev.augur.transforms.alarm.AlarmConfig;
import dev.augur.transforms.detect.StreamShape;
import dev.augur.transforms.alarm.IncidentScope;
import dev.augur.transforms.alarm.MissingDataPolicy;
import dev.augur.transforms.archive.ArchiveFormat;
import dev.augur.transforms.archive.ParquetCompression;
import dev.augur.transforms.parse.EventFormat;
import dev.augur.transforms.sink.IncidentSink;
import dev.augur.transforms.sink.IncidentsConfig;
import dev.augur.transforms.sink.MetricsConfig;
import dev.augur.transforms.sink.MetricsSink;
import dev.augur.transforms.sink.SinkCredentials;
import dev.augur.transforms.sink.WriteDeadLetters;
import dev.augur.transforms.source.EventSource;
import dev.augur.transforms.source.KafkaSourceConfig;
import dev.augur.transforms.source.KinesisSourceConfig;
import dev.augur.transforms.source.ReplaySourceConfig;
import dev.augur.transforms.source.SourceConfig;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The streaming pipeline's options turned, once and validated, into plain values; every problem
 * names its option.
 */
public record StreamConfig(
    EventFormat format,
    Duration window,
    Duration allowedLateness,
    SourceConfig source,
    String forecasts,
    @Nullable Duration forecastRefresh,
    List<Statistic> statistics,
    AlarmConfig alarm,
    MetricsSink metricsSink,
    MetricsConfig metrics,
    IncidentSink incidentSink,
    IncidentsConfig incidents,
    String deadLetters,
    @Nullable String deadLetterTopic,
    @Nullable String deadLetterBootstrapServers,
    Map<String, String> kafkaClientProperties)
    implements Serializable {

  /**
   * The options of the streaming and archive pipelines that name one of a fixed set of values
   * ({@link #choice}), with the type of those values: launch templates offer exactly these.
   */
  public static final Map<String, Class<? extends Enum<?>>> CHOICES =
      Map.of(
          "source", EventSource.class,
          "kinesisStartPosition", KinesisSourceConfig.StartPosition.class,
          "kafkaStartOffset", KafkaSourceConfig.StartOffset.class,
          "metricSink", MetricsSink.class,
          "incidentSink", IncidentSink.class,
          "webhookFormat", IncidentsConfig.WebhookFormat.class,
          "missingData", MissingDataPolicy.class,
          "incidentScope", IncidentScope.class,
          "archiveFormat", ArchiveFormat.class,
          "archiveParquetCompression", ParquetCompression.class);

  /** What a forecast version must fit to be compared with this stream: its fields and window. */
  public StreamShape shape() {
    return new StreamShape(format, window);
  }

  public static StreamConfig from(StreamOptions o) {
    EventFormat format =
        BatchConfig.eventFormat(o.getTimestampField(), o.getValueField(), o.getSeriesFields());
    Duration window = BatchConfig.window(o.getWindow());
    Duration allowedLateness = allowedLateness(o.getAllowedLateness());
    String region = o.getAwsRegion() == null ? null : o.getAwsRegion().id();
    String endpoint = o.getEndpoint() == null ? null : o.getEndpoint().toString();
    // The sinks' clients use the pipeline's AWS credentials, carried to the workers.
    SinkCredentials credentials = credentials(o);
    SourceConfig source =
        source(o, format, region, endpoint, blankToNull(o.getDeadLetterTopic()) != null);
    String forecasts = trimSlash(BatchConfig.nonEmpty("forecasts", o.getForecasts()));
    String refreshText = BatchConfig.nonEmpty("forecastRefresh", o.getForecastRefresh()).trim();
    Duration refresh = refreshText.equals("0") ? null : DurationText.parse("forecastRefresh", refreshText);
    if (source.source() == EventSource.FILE) {
      // A replay compares with the version published when it starts, and ends with its files: a
      // refresh ticker would keep the job running after the replay, on every runner.
      refresh = null;
    }
    List<Statistic> statistics = BatchConfig.statistics("statistics", o.getStatistics());
    AlarmConfig alarm = alarm(o);
    if (source.source() != EventSource.FILE) {
      // Started mid-window, a live source delivers only the later part of its first window.
      alarm = alarm.toBuilder().firstWindowPartial(true).build();
    }
    String output = trimSlash(BatchConfig.nonEmpty("streamOutput", o.getStreamOutput()));
    MetricsSink metricsSink = choice("metricSink", o.getMetricSink(), MetricsSink.class);
    // With another sink, --prometheusSigV4 is refused by checkMetricsSink.
    String sigV4Region = metricsSink == MetricsSink.PROMETHEUS ? sigV4Region(o, region) : null;
    MetricsConfig metrics;
    try {
      metrics =
          MetricsConfig.builder()
              .setNamespace(BatchConfig.nonEmpty("metricsNamespace", o.getMetricsNamespace()))
              .setDestination(output + "/metrics")
              .setRegion(region)
              .setEndpoint(endpoint)
              .setCredentials(credentials)
              .setRemoteWriteUrl(blankToNull(o.getPrometheusUrl()))
              .setRemoteWriteToken(blankToNull(o.getPrometheusBearerToken()))
              .setRemoteWriteSigV4Region(sigV4Region)
              .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("metricsNamespace", e.getMessage());
    }
    checkMetricsSink(metricsSink, metrics, o);
    IncidentSink incidentSink = choice("incidentSink", o.getIncidentSink(), IncidentSink.class);
    IncidentsConfig incidents =
        IncidentsConfig.builder()
            .setDestination(output + "/incidents")
            .setTopicArn(blankToNull(o.getSnsTopicArn()))
            .setResponsePlanArn(blankToNull(o.getResponsePlanArn()))
            .setWebhookUrl(blankToNull(o.getWebhookUrl()))
            .setWebhookSecret(blankToNull(o.getWebhookSecret()))
            .setWebhookFormat(choice("webhookFormat", o.getWebhookFormat(), IncidentsConfig.WebhookFormat.class))
            .setRegion(region)
            .setEndpoint(endpoint)
            .setCredentials(credentials)
            .build();
    checkIncidentSink(incidentSink, incidents);
    return new StreamConfig(
        format, window, allowedLateness, source, forecasts, refresh, statistics, alarm, metricsSink, metrics,
        incidentSink, incidents, output + "/dead-letters", blankToNull(o.getDeadLetterTopic()),
        deadLetterServers(o),
        source instanceof KafkaSourceConfig kafka
            ? kafka.clientProperties()
            : KafkaClientConfig.read("kafkaClientConfig", o.getKafkaClientConfig(), o));
  }

  /** The incident sink's settings, by the words its checks use for them, and their options. */
  private static final Map<String, String> INCIDENT_SETTINGS =
      Map.of(
          "incident response plan ARN", "responsePlanArn",
          "incident topic ARN", "snsTopicArn",
          "webhook secret", "webhookSecret",
          "webhook URL", "webhookUrl");

  /**
   * The region to sign Prometheus remote writes for with {@code --prometheusSigV4}: the
   * workspace URL's, else {@code --awsRegion}'s; null without signing.
   */
  static @Nullable String sigV4Region(StreamOptions o, @Nullable String awsRegion) {
    if (!Boolean.TRUE.equals(o.getPrometheusSigV4())) {
      return null;
    }
    String url = blankToNull(o.getPrometheusUrl());
    String region = url == null ? null : MetricsConfig.workspaceRegion(url);
    if (region == null) {
      region = awsRegion;
    }
    if (region == null) {
      throw new InvalidOptionException(
          "prometheusSigV4",
          "needs the region to sign for: --prometheusUrl is not an Amazon Managed Service for"
              + " Prometheus workspace URL (https://aps-workspaces.<region>.amazonaws.com/...), so"
              + " give --awsRegion");
    }
    return region;
  }

  /**
   * Checks the metrics sink's settings now, naming the option; the Prometheus options are refused
   * with another sink, where they would be passed over.
   */
  private static void checkMetricsSink(MetricsSink sink, MetricsConfig metrics, StreamOptions o) {
    if (sink != MetricsSink.PROMETHEUS) {
      String[][] given = {
        {"prometheusBearerToken", o.getPrometheusBearerToken()},
        {"prometheusSigV4", Boolean.TRUE.equals(o.getPrometheusSigV4()) ? "true" : null},
        {"prometheusUrl", o.getPrometheusUrl()}
      };
      for (String[] option : given) {
        if (blankToNull(option[1]) != null) {
          throw new InvalidOptionException(
              option[0], "applies only with --metricSink=PROMETHEUS, and --metricSink is " + sink);
        }
      }
      return;
    }
    try {
      sink.check(metrics);
    } catch (IllegalArgumentException e) {
      String option = e.getMessage().startsWith("Prometheus bearer token") ? "prometheusBearerToken" : "prometheusUrl";
      throw new InvalidOptionException(option, "is not usable with --metricSink=PROMETHEUS: " + e.getMessage());
    }
  }

  /**
   * Checks the incident sink's settings now, so a missing or malformed one fails before anything
   * runs, naming its option rather than the sink's words for it.
   */
  private static void checkIncidentSink(IncidentSink sink, IncidentsConfig incidents) {
    try {
      sink.check(incidents);
    } catch (IllegalArgumentException e) {
      String option = "incidentSink";
      for (Map.Entry<String, String> s : INCIDENT_SETTINGS.entrySet()) {
        if (e.getMessage().startsWith(s.getKey())) {
          option = s.getValue();
        }
      }
      String required = " is required for incident sink " + sink.name();
      String message = e.getMessage();
      throw new InvalidOptionException(
          option,
          message.endsWith(required)
              ? "is required with --incidentSink=" + sink.name() + " (the "
                  + message.substring(0, message.length() - required.length()) + ")"
              : "is not usable: " + message);
    }
  }

  /** The pipeline's AWS credentials provider, as the sinks carry it; problems name the option. */
  static SinkCredentials credentials(StreamOptions o) {
    try {
      return SinkCredentials.of(o.getAwsCredentialsProvider());
    } catch (IllegalArgumentException e) {
      throw new InvalidOptionException("awsCredentialsProvider", e.getMessage());
    }
  }

  /** The Kafka servers of the dead-letter topic, or null when dead letters go to files. */
  static @Nullable String deadLetterServers(StreamOptions o) {
    if (blankToNull(o.getDeadLetterTopic()) == null) {
      return null;
    }
    String servers = blankToNull(o.getDeadLetterBootstrapServers());
    if (servers == null) {
      servers = blankToNull(o.getKafkaBootstrapServers());
    }
    if (servers == null) {
      throw new InvalidOptionException(
          "deadLetterBootstrapServers",
          "is needed for --deadLetterTopic (or --kafkaBootstrapServers, whose servers it would"
              + " share)");
    }
    return servers.trim();
  }

  /** Writes the stream's dead letters where they were configured to go. */
  public WriteDeadLetters writeDeadLetters() {
    return deadLetterTopic == null
        ? new WriteDeadLetters(deadLetters)
        : WriteDeadLetters.toKafka(
            deadLetterBootstrapServers, deadLetterTopic.trim(), kafkaClientProperties);
  }

  /** {@code 0} or a positive duration, such as {@code 5m}. */
  static Duration allowedLateness(String text) {
    String t = BatchConfig.nonEmpty("allowedLateness", text).trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    try {
      return DurationText.parse("allowedLateness", t);
    } catch (InvalidOptionException e) {
      throw new InvalidOptionException(
          "allowedLateness", "must be 0 or a duration such as 30s, 5m or PT5M, got '" + text + "'");
    }
  }

  /**
   * The live source the options describe; problems name the option, those of the source chosen
   * first, then any option given for another source ({@code deadLetterTopic}: whether dead
   * letters go to a Kafka topic, whose servers {@code --kafkaBootstrapServers} may give).
   */
  static SourceConfig source(
      StreamSourceOptions o, EventFormat format, @Nullable String region, @Nullable String endpoint,
      boolean deadLetterTopic) {
    SourceConfig source = chosenSource(o, format, region, endpoint);
    refuseOtherSources(o, source.source(), deadLetterTopic);
    return source;
  }

  private static SourceConfig chosenSource(
      StreamSourceOptions o, EventFormat format, @Nullable String region, @Nullable String endpoint) {
    EventSource kind = choice("source", o.getSource(), EventSource.class);
    Duration maxDelay = DurationText.parse("maxEventDelay", o.getMaxEventDelay());
    Duration idle = DurationText.parse("idleThreshold", o.getIdleThreshold());
    try {
      switch (kind) {
        case KINESIS:
          KinesisSourceConfig.StartPosition position =
              choice("kinesisStartPosition", o.getKinesisStartPosition(), KinesisSourceConfig.StartPosition.class);
          String ts = blankToNull(o.getKinesisStartTimestamp());
          if ((position == KinesisSourceConfig.StartPosition.AT_TIMESTAMP) != (ts != null)) {
            throw new InvalidOptionException(
                "kinesisStartTimestamp",
                ts == null
                    ? "is required with --kinesisStartPosition=AT_TIMESTAMP: the ISO-8601 time to"
                        + " start reading from"
                    : "applies only with --kinesisStartPosition=AT_TIMESTAMP (it is " + position + ")");
          }
          Instant start;
          try {
            start = ts == null ? null : Instant.parse(ts);
          } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                "kinesisStartTimestamp", "is not an ISO-8601 time (2024-05-01T00:00:00Z): " + ts);
          }
          return KinesisSourceConfig.builder()
              .streamName(BatchConfig.nonEmpty("kinesisStream", o.getKinesisStream()))
              .region(region)
              .endpoint(endpoint)
              .startPosition(position)
              .startTimestamp(start)
              .consumerArn(blankToNull(o.getKinesisConsumerArn()))
              .timestampField(format.timestampField())
              .maxDelay(maxDelay)
              .idleThreshold(idle)
              .build();
        case KAFKA:
          if (blankToNull(o.getKafkaTopics()) == null && blankToNull(o.getKafkaBootstrapServers()) == null) {
            // Both at once, rather than one run at a time.
            throw new InvalidOptionException(
                "kafkaTopics",
                "and --kafkaBootstrapServers are required with --source=KAFKA: the topics to read"
                    + " and the brokers to read them from (host:port,...)");
          }
          List<String> topics = new ArrayList<>();
          for (String t : BatchConfig.nonEmpty("kafkaTopics", o.getKafkaTopics()).split(",")) {
            if (!t.isBlank()) {
              topics.add(t.trim());
            }
          }
          return KafkaSourceConfig.builder()
              .bootstrapServers(BatchConfig.nonEmpty("kafkaBootstrapServers", o.getKafkaBootstrapServers()))
              .topics(topics)
              .consumerGroup(blankToNull(o.getKafkaConsumerGroup()))
              .startOffset(choice("kafkaStartOffset", o.getKafkaStartOffset(), KafkaSourceConfig.StartOffset.class))
              .timestampField(format.timestampField())
              .maxDelay(maxDelay)
              .idleThreshold(idle)
              .clientProperties(KafkaClientConfig.read("kafkaClientConfig", o.getKafkaClientConfig(), o))
              .build();
        default:
          if (o.getReplayInput() == null || o.getReplayInput().isBlank()) {
            throw new InvalidOptionException(
                "replayInput",
                "is required by the FILE source, the default of --source: give the files to"
                    + " replay, or --source=KINESIS or --source=KAFKA to read a live stream");
          }
          Double speedup = o.getReplaySpeedup();
          if (speedup != null && (!(speedup >= 0) || speedup.isInfinite())) {
            throw new InvalidOptionException(
                "replaySpeedup",
                "must be a finite number >= 0 (0 = as fast as possible), got " + speedup);
          }
          return ReplaySourceConfig.builder()
              .filepattern(o.getReplayInput())
              .speedup(o.getReplaySpeedup())
              .timestampField(format.timestampField())
              .build();
      }
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidOptionException) {
        throw e;
      }
      throw new InvalidOptionException("source", "(" + kind + ") is not fully configured: " + e.getMessage());
    }
  }

  /**
   * Fails naming the first option (in alphabetical order) given for another source than {@code
   * kind}: passed over, it would leave the user believing the job reads, say, the Kafka topics
   * given while it replays files, or starts from the Kinesis position given while it reads Kafka.
   * The sources an option configures are those the start of its description names, the words
   * {@code --help} shows ({@link #sourcesOf}). An option left empty or at its default counts as
   * not given. {@code --kafkaBootstrapServers} and {@code --kafkaClientConfig} also serve {@code --deadLetterTopic}, and are not
   * refused when {@code deadLetterTopic} is given.
   */
  static void refuseOtherSources(StreamSourceOptions o, EventSource kind, boolean deadLetterTopic) {
    List<Method> getters = new ArrayList<>();
    for (Method m : StreamSourceOptions.class.getDeclaredMethods()) {
      if (m.getName().startsWith("get") && m.getParameterCount() == 0) {
        getters.add(m);
      }
    }
    getters.sort(Comparator.comparing(Method::getName));
    for (Method getter : getters) {
      Set<EventSource> sources = sourcesOf(getter);
      if (sources.isEmpty() || sources.contains(kind) || !given(o, getter)) {
        continue;
      }
      String option = optionName(getter);
      boolean servesDeadLetters =
          option.equals("kafkaBootstrapServers") || option.equals("kafkaClientConfig");
      if (servesDeadLetters && deadLetterTopic) {
        continue;
      }
      String their = sources.stream().map(s -> "--source=" + s).collect(Collectors.joining(" or "));
      throw new InvalidOptionException(
          option,
          "applies only with " + their + (servesDeadLetters ? " or --deadLetterTopic" : "")
              + ", and --source is " + kind + "; give " + their + " to read from there, or leave --"
              + option + " out");
    }
  }

  /**
   * The sources an option configures, from the start of its description up to the first colon
   * ("KAFKA source: ...", "KINESIS and KAFKA: ..."); none for an option of every source.
   */
  static Set<EventSource> sourcesOf(Method getter) {
    Description d = getter.getAnnotation(Description.class);
    Set<EventSource> sources = EnumSet.noneOf(EventSource.class);
    if (d == null || d.value().indexOf(':') < 0) {
      return sources;
    }
    for (String word : d.value().substring(0, d.value().indexOf(':')).split("\\W+")) {
      for (EventSource s : EventSource.values()) {
        if (s.name().equals(word)) {
          sources.add(s);
        }
      }
    }
    return sources;
  }

  /** The option a getter reads: {@code getKafkaTopics} reads {@code kafkaTopics}. */
  static String optionName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** Whether the option {@code getter} reads holds a value other than empty or its default. */
  private static boolean given(StreamSourceOptions o, Method getter) {
    Object value;
    try {
      value = getter.invoke(o);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read --" + optionName(getter), e);
    }
    if (value == null || value.toString().isBlank()) {
      return false;
    }
    Default.String text = getter.getAnnotation(Default.String.class);
    Default.Double number = getter.getAnnotation(Default.Double.class);
    if (text != null) {
      return !value.toString().trim().equals(text.value());
    }
    if (number != null) {
      return ((Number) value).doubleValue() != number.value();
    }
    for (java.lang.annotation.Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class) {
        throw new IllegalStateException(
            "no rule to tell --" + optionName(getter) + " from its default " + a);
      }
    }
    return true;
  }

  /** The alarm state machine's settings; problems name the option. */
  static AlarmConfig alarm(AlarmOptions o) {
    try {
      return AlarmConfig.builder()
          .datapointsToAlarm(o.getDatapointsToAlarm())
          .evaluationPeriods(o.getEvaluationPeriods())
          .minAbsoluteDeviation(o.getMinAbsoluteDeviation())
          .minRelativeDeviation(o.getMinRelativeDeviation())
          .minScore(o.getMinScore())
          .resolveAfterNormalWindows(o.getResolveAfter())
          .cooldownWindows(o.getCooldownWindows())
          .missingData(choice("missingData", o.getMissingData(), MissingDataPolicy.class))
          .incidentScope(choice("incidentScope", o.getIncidentScope(), IncidentScope.class))
          .build();
    } catch (InvalidOptionException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // AlarmConfig names its field first, as the option does.
      String field = e.getMessage().split(" ", 2)[0];
      String option = field.equals("resolveAfterNormalWindows") ? "resolveAfter" : field;
      throw new InvalidOptionException(option, e.getMessage().substring(field.length()).trim());
    }
  }

  static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, BatchConfig.nonEmpty(option, value).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidOptionException) {
        throw e;
      }
      throw new InvalidOptionException(
          option, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static String trimSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }
}
