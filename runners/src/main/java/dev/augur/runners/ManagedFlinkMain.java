package dev.augur.runners;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import dev.augur.pipelines.BatchForecastPipeline;
import dev.augur.pipelines.StreamingDetectionPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Entry point for Amazon Managed Service for Apache Flink (and for {@code flink run} on any Flink
 * 1.19 cluster): the application's runtime properties become the pipeline's options, and the
 * pipeline runs on the Flink environment the service provides.
 *
 * <p>Configure one property group, {@value #PROPERTY_GROUP}. Its key {@value #PIPELINE} picks
 * {@code stream} (the default) or {@code batch}; every other key is an option of that pipeline,
 * spelled as on the command line without the dashes ({@code bin/augur stream --help}):
 *
 * <pre>{@code
 * PropertyGroupId: Augur
 *   pipeline      = stream
 *   source        = KINESIS
 *   kinesisStream = events
 *   awsRegion     = eu-west-1
 *   forecasts     = s3://my-bucket/augur
 *   window        = 15m
 *   metricSink    = CLOUDWATCH
 *   incidentSink  = SNS
 *   snsTopicArn   = arn:aws:sns:eu-west-1:123456789012:augur-incidents
 * }</pre>
 *
 * <p>The runner is always Beam's FlinkRunner on the environment Flink hands to this main method
 * ({@code --flinkMaster=[auto]}); parallelism, checkpointing and state backend come from the
 * Managed Flink application's configuration. Options are validated exactly as
 * {@code bin/augur} validates them, so a bad value fails at start-up naming the property.
 *
 * <p>Outside the service, {@code AUGUR_APPLICATION_PROPERTIES} (environment) or
 * {@code -Daugur.applicationProperties} names a file in the service's own format (a JSON array of
 * {@code {"PropertyGroupId": ..., "PropertyMap": {...}}}), which is how the property mapping is
 * tried locally and tested against a standalone cluster.
 */
public final class ManagedFlinkMain {
  public static final String PROPERTY_GROUP = "Augur";
  public static final String PIPELINE = "pipeline";
  static final String PROPERTIES_FILE_ENV = "AUGUR_APPLICATION_PROPERTIES";
  static final String PROPERTIES_FILE_PROPERTY = "augur.applicationProperties";

  /** Which pipeline the application runs. */
  enum PipelineKind {
    STREAM,
    BATCH
  }

  private ManagedFlinkMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, Properties> groups = loadPropertyGroups();
    PipelineKind kind = pipelineKind(groups);
    String[] beamArgs = beamArgs(groups, kind).toArray(new String[0]);
    System.err.printf(
        "augur managed-flink: running the %s pipeline with %s%n",
        kind.name().toLowerCase(Locale.ROOT), String.join(" ", beamArgs));
    if (kind == PipelineKind.STREAM) {
      StreamingDetectionPipeline.main(beamArgs);
    } else {
      BatchForecastPipeline.main(beamArgs);
    }
  }

  /** The service's property groups, or those of the local file named by the environment. */
  static Map<String, Properties> loadPropertyGroups() throws IOException {
    String file = System.getProperty(PROPERTIES_FILE_PROPERTY, System.getenv(PROPERTIES_FILE_ENV));
    if (file == null) {
      return KinesisAnalyticsRuntime.getApplicationProperties();
    }
    if (!Files.isReadable(Paths.get(file))) {
      // The runtime library would quietly return no groups for a missing file.
      throw new IllegalArgumentException(
          String.format(
              "%s / -D%s names %s, which is not a readable file",
              PROPERTIES_FILE_ENV, PROPERTIES_FILE_PROPERTY, file));
    }
    return KinesisAnalyticsRuntime.getApplicationProperties(file);
  }

  static PipelineKind pipelineKind(Map<String, Properties> groups) {
    String value = group(groups).getProperty(PIPELINE, "stream").trim();
    try {
      return PipelineKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(
              "Property %s.%s must be stream or batch, not '%s'", PROPERTY_GROUP, PIPELINE, value),
          e);
    }
  }

  /**
   * The pipeline's command-line arguments for the application's properties: every key of the
   * {@value #PROPERTY_GROUP} group but {@value #PIPELINE}, in key order, then the runner.
   */
  static List<String> beamArgs(Map<String, Properties> groups, PipelineKind kind) {
    Map<String, String> options = new TreeMap<>();
    Properties group = group(groups);
    for (String key : group.stringPropertyNames()) {
      String name = key.trim();
      if (name.startsWith("-")) {
        throw new IllegalArgumentException(
            String.format(
                "Property %s.%s: write option names without dashes (%s)",
                PROPERTY_GROUP, key, name.replaceFirst("^-+", "")));
      }
      if (name.equals("runner") || name.equals("flinkMaster")) {
        throw new IllegalArgumentException(
            String.format(
                "Property %s.%s cannot be set: the application always runs on the Flink"
                    + " environment that starts it",
                PROPERTY_GROUP, name));
      }
      if (!name.equals(PIPELINE)) {
        options.put(name, group.getProperty(key).trim());
      }
    }
    List<String> args = new ArrayList<>();
    options.forEach((name, value) -> args.add("--" + name + "=" + value));
    args.add("--runner=FlinkRunner");
    if (kind == PipelineKind.STREAM && !options.containsKey("streaming")) {
      args.add("--streaming=true");
    }
    return args;
  }

  private static Properties group(Map<String, Properties> groups) {
    Properties group = groups.get(PROPERTY_GROUP);
    if (group == null) {
      throw new IllegalArgumentException(
          String.format(
              "The application's runtime properties have no property group '%s' (groups found:"
                  + " %s); put the pipeline's options there",
              PROPERTY_GROUP, new TreeMap<>(groups).keySet()));
    }
    return group;
  }
}
