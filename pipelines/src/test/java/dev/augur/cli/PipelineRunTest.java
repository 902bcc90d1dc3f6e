package dev.augur.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The command line's DirectRunner settings, and that a user's own choice wins. */
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
    assertEquals(true, o.isEnforceImmutability());
    assertEquals(true, o.isBlockOnRun());
    assertFalse(o.isEnforceEncodability());
    assertEquals(4, args.length);
  }

  @Test
  public void otherRunnersGetTheArgumentsUnchanged() {
    String[] args = {"--runner=FlinkRunner", "--flinkMaster=[local]"};
    assertArrayEquals(args, PipelineRun.withDirectRunnerDefaults(args));
  }
}
