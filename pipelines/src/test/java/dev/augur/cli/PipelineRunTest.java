package dev.augur.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.Test;

/**
 * The command line's DirectRunner settings, and that a user's own choice wins; the progress lines
 * printed while a pipeline runs.
 */
public class PipelineRunTest {
  @Test
  public void theDirectRunnerReturnsAtOnceAndSkipsThePerElementChecks() {
    DirectOptions o =
        PipelineOptionsFactory.fromArgs(PipelineRun.withDirectRunnerDefaults(new String[] {"--jobName=x"}))
            .as(DirectOptions.class);
    assertFalse(o.isBlockOnRun());
    assertFalse(o.isEnforceImmutability());
    assertFalse(o.isEnforceEncodability());
    assertEquals("x", o.getJobName());
  }

  @Test
  public void aUsersOwnSettingIsKeptAndNotRepeated() {
    String[] args =
        PipelineRun.withDirectRunnerDefaults(
            new String[] {"--runner=DirectRunner", "--enforceImmutability=true", "--blockOnRun"});
    DirectOptions o = PipelineOptionsFactory.fromArgs(args).as(DirectOptions.class);
    assertTrue(o.isEnforceImmutability());
    assertTrue(o.isBlockOnRun());
    assertFalse(o.isEnforceEncodability());
    assertEquals(4, args.length);
  }

  /** Progress shows Augur's counters, not the bookkeeping of Beam and its IOs (KafkaIO's). */
  @Test
  public void progressCountsAugursCountersOnly() {
    for (String ours : List.of("ParseEvents", "PublishIncidents", "dev.augur.transforms.forecast.TrainModels")) {
      assertTrue(ours, PipelineRun.isAugurs(ours));
    }
    for (String theirs :
        List.of("KafkaIOReader", "source", "source.splits", "sink", "org.apache.beam.sdk.transforms.Combine")) {
      assertFalse(theirs, PipelineRun.isAugurs(theirs));
    }
  }

  @Test
  public void otherRunnersGetTheArgumentsUnchanged() {
    String[] args = {"--runner=FlinkRunner", "--flinkMaster=[local]"};
    assertArrayEquals(args, PipelineRun.withDirectRunnerDefaults(args));
  }

  /** An idle live stream on the DirectRunner took a whole core (apache/beam#18070). */
  @Test
  public void aLiveSourceOnTheDirectRunnerRunsOneWorkerThread() {
    for (String source : List.of("--source=KINESIS", "--source=kafka")) {
      DirectOptions o =
          PipelineOptionsFactory.fromArgs(
                  PipelineRun.withLiveSourceDefaults(
                      PipelineRun.withDirectRunnerDefaults(new String[] {source})))
              .withoutStrictParsing()
              .as(DirectOptions.class);
      assertEquals(source, 1, o.getTargetParallelism());
    }
    // A file replay keeps the runner's threads: it is never idle, and ends with its files.
    String[] replay = {"--source=FILE", "--replayInput=/tmp/x/*.jsonl"};
    assertArrayEquals(replay, PipelineRun.withLiveSourceDefaults(replay));
    assertArrayEquals(new String[0], PipelineRun.withLiveSourceDefaults(new String[0]));
    // The user's own setting is kept.
    String[] own = {"--source=KINESIS", "--targetParallelism=4"};
    assertArrayEquals(own, PipelineRun.withLiveSourceDefaults(own));
  }

  /** Flink without checkpoints ended the refresh's impulse source, and its ticker looped. */
  @Test
  public void aLiveSourceOnFlinkWithoutCheckpointsKeepsItsSourcesRunning() {
    String keep = "--shutdownSourcesAfterIdleMs=" + Long.MAX_VALUE;
    assertArrayEquals(
        new String[] {"--runner=FlinkRunner", "--source=KAFKA", keep},
        PipelineRun.withLiveSourceDefaults(new String[] {"--runner=FlinkRunner", "--source=KAFKA"}));
    assertArrayEquals(
        new String[] {"--runner=FlinkRunner", "--source=KINESIS", "--checkpointingInterval=-1", keep},
        PipelineRun.withLiveSourceDefaults(
            new String[] {"--runner=FlinkRunner", "--source=KINESIS", "--checkpointingInterval=-1"}));
    // With checkpoints Beam keeps the sources running itself; a user's own value is kept.
    for (String[] args :
        List.of(
            new String[] {"--runner=FlinkRunner", "--source=KINESIS", "--checkpointingInterval=60000"},
            new String[] {"--runner=FlinkRunner", "--source=KINESIS", "--shutdownSourcesAfterIdleMs=0"},
            new String[] {"--runner=FlinkRunner", "--source=FILE"},
            new String[] {"--runner=DataflowRunner", "--source=KINESIS"})) {
      assertArrayEquals(String.join(" ", args), args, PipelineRun.withLiveSourceDefaults(args));
    }
  }

  @Test
  public void progressPrintsALineOnlyWhenTheCountersMoved() {
    // Polls: 10 events, 10 again, 25, then the pipeline ends with 25 still.
    ScriptedResult result =
        new ScriptedResult(
            List.of(
                new Poll(null, 10),
                new Poll(null, 10),
                new Poll(null, 25),
                new Poll(PipelineResult.State.DONE, 25)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    assertEquals(PipelineResult.State.DONE, PipelineRun.awaitWithProgress(result, err));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).endsWith("] events_parsed=10"));
    assertTrue(lines.get(1).endsWith("] events_parsed=25"));
  }

  @Test
  public void theFinalCountIsPrintedWhenItMovedInTheLastPoll() {
    ScriptedResult result =
        new ScriptedResult(List.of(new Poll(null, 3), new Poll(PipelineResult.State.FAILED, 4)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    assertEquals(
        PipelineResult.State.FAILED,
        PipelineRun.awaitWithProgress(result, new PrintStream(bytes, true, StandardCharsets.UTF_8)));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).endsWith("] events_parsed=4"));
  }

  @Test
  public void aStoppedLiveJobSaysWhatIsLostAndWhatWasCounted() {
    ScriptedResult result = new ScriptedResult(List.of(new Poll(null, 7471)));
    result.waitUntilFinish(Duration.ZERO);
    String said = PipelineRun.stoppedWhileRunning("augur archive", result);
    assertTrue(said, said.startsWith("augur archive: stopped by a signal while running on the DirectRunner"));
    assertTrue(said, said.contains("files not yet flushed (every --flushInterval)"));
    assertTrue(said, said.contains("Kafka from the offsets already committed"));
    // The stream has no --flushInterval: its files are flushed every minute.
    String stream = PipelineRun.stoppedWhileRunning("augur stream", result);
    assertTrue(stream, stream.contains("files not yet flushed (every minute)"));
    assertTrue(said, said.endsWith("Counted so far, as read and processed, written or not: events_parsed=7,471"));
  }

  private record Poll(PipelineResult.State state, long eventsParsed) {}

  /** A pipeline whose every wait returns the next scripted state and counter. */
  private static final class ScriptedResult implements PipelineResult {
    private final Deque<Poll> polls;
    private Poll current;

    ScriptedResult(List<Poll> polls) {
      this.polls = new ArrayDeque<>(polls);
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      current = polls.pop();
      return current.state();
    }

    @Override
    public State waitUntilFinish() {
      throw new UnsupportedOperationException();
    }

    @Override
    public State getState() {
      return current.state() == null ? State.RUNNING : current.state();
    }

    @Override
    public State cancel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public MetricResults metrics() {
      long events = current.eventsParsed();
      return new MetricResults() {
        @Override
        public MetricQueryResults queryMetrics(MetricsFilter filter) {
          MetricResult<Long> counter =
              MetricResult.attempted(
                  MetricKey.create("read", MetricName.named("dev.augur", "events_parsed")), events);
          return MetricQueryResults.create(List.of(counter), List.of(), List.of(), List.of());
        }
      };
    }
  }
}
