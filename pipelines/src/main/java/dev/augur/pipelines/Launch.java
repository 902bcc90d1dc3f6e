package dev.augur.pipelines;

import dev.augur.pipelines.options.TemplateLocationOptions;
import java.util.Arrays;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How a started pipeline is followed, by the kind of runner. On local runners, embedded Flink and
 * Managed Flink the launcher waits for the job (and a Flink session cluster's client for its
 * result); Google Dataflow runs a submitted job as a service, and its Flex Template launcher must
 * return once the job is submitted. With the Dataflow runner's {@code --templateLocation},
 * nothing runs at all: the job's specification is written there.
 */
public final class Launch {
  private static final String DATAFLOW_RUNNER = "org.apache.beam.runners.dataflow.DataflowRunner";

  private Launch() {}

  /** True when the runner hands the job to a service that runs it after submission. */
  public static boolean runsAsService(PipelineOptions options) {
    return options.getRunner().getName().equals(DATAFLOW_RUNNER);
  }

  /**
   * Where the job's specification was written instead of running it ({@code --templateLocation}
   * of the Dataflow runner), or null when the job runs.
   */
  public static String jobSpecificationLocation(PipelineOptions options) {
    String location = options.as(TemplateLocationOptions.class).getTemplateLocation();
    return location == null || location.isBlank() ? null : location;
  }

  /**
   * Fails, naming {@code --tempLocation}, when a Dataflow job has no location for temporary and
   * staged files: without one the runner looks for a default Cloud Storage bucket and, offline,
   * retries for minutes. {@code --gcpTempLocation} is read from {@code args}, since a view of that
   * option here would clash with the default the Google Cloud options give it.
   */
  public static void requireTempLocation(PipelineOptions options, String[] args) {
    if (runsAsService(options)
        && options.getTempLocation() == null
        && Arrays.stream(args).noneMatch(a -> a.startsWith("--gcpTempLocation="))) {
      throw new IllegalArgumentException(
          "--tempLocation is required on Dataflow: a gs:// location for temporary and staged"
              + " files (or --gcpTempLocation)");
    }
  }

  /**
   * Ends a pipeline's {@code main}: waits for the job where the launcher must (local runners,
   * Flink), returns at once where a service runs it or only its specification was written.
   */
  public static void finish(PipelineOptions options, PipelineResult result) {
    if (!runsAsService(options) && jobSpecificationLocation(options) == null) {
      result.waitUntilFinish();
    }
  }

  /**
   * The arguments of a pipeline that reads live sources (the streaming detection, the archive) with
   * {@code --streaming=true} added unless they set {@code --streaming}: those sources are
   * unbounded, which Flink and the DirectRunner see for themselves and Dataflow must be told (it
   * would plan a batch job around the source).
   */
  public static String[] inStreamingMode(String[] args) {
    for (String a : args) {
      if (a.equals("--streaming") || a.startsWith("--streaming=")) {
        return args;
      }
    }
    String[] out = Arrays.copyOf(args, args.length + 1);
    out[args.length] = "--streaming=true";
    return out;
  }
}
