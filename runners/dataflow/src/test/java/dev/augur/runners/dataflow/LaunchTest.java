package dev.augur.runners.dataflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.cli.PipelineOptionsCommand;
import dev.augur.pipelines.Launch;
import dev.augur.pipelines.options.StreamOptions;
import java.util.Arrays;
import org.apache.beam.runners.dataflow.DataflowRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.joda.time.Duration;
import org.junit.Test;

/** Which runs a pipeline's main waits for, with the Dataflow runner on the class path. */
public class LaunchTest {
  /** A started job that records whether anyone waited for it. */
  private static final class Started implements PipelineResult {
    boolean waited;

    @Override
    public State getState() {
      return State.RUNNING;
    }

    @Override
    public State cancel() {
      return State.CANCELLED;
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      waited = true;
      return State.DONE;
    }

    @Override
    public State waitUntilFinish() {
      waited = true;
      return State.DONE;
    }

    @Override
    public MetricResults metrics() {
      throw new UnsupportedOperationException();
    }
  }

  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).create();
  }

  @Test
  public void aJobSubmittedToDataflowIsNotWaitedFor() {
    PipelineOptions options = options("--runner=DataflowRunner");
    assertEquals(DataflowRunner.class, options.getRunner());
    assertTrue(Launch.runsAsService(options));
    assertNull(Launch.jobSpecificationLocation(options));
    Started job = new Started();
    Launch.finish(options, job);
    assertFalse(job.waited);
  }

  @Test
  public void onlyWritingTheJobsSpecificationIsNotWaitedFor() {
    PipelineOptions options = options("--runner=DataflowRunner", "--templateLocation=/tmp/job.json");
    assertEquals("/tmp/job.json", Launch.jobSpecificationLocation(options));
    Started job = new Started();
    Launch.finish(options, job);
    assertFalse(job.waited);
  }

  @Test
  public void otherRunnersAreWaitedFor() {
    PipelineOptions options = options();
    options.setRunner(CrashingRunner.class);
    assertFalse(Launch.runsAsService(options));
    Started job = new Started();
    Launch.finish(options, job);
    assertTrue(job.waited);
  }

  @Test
  public void theCommandLineWantsATempLocationOnDataflow() {
    String[] args = {"--runner=DataflowRunner", "--project=p", "--region=r", "--forecasts=gs://b/f"};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PipelineOptionsCommand.parse(args, StreamOptions.class));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--tempLocation is required on Dataflow"));
    String[] withTemp = Arrays.copyOf(args, args.length + 1);
    withTemp[args.length] = "--tempLocation=gs://b/tmp";
    assertEquals(
        "gs://b/tmp", PipelineOptionsCommand.parse(withTemp, StreamOptions.class).getTempLocation());
  }
}
