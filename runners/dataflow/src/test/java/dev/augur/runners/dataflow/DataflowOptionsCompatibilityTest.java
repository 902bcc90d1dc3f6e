package dev.augur.runners.dataflow;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.augur.runners.OptionsCompatibilityTest;
import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * Augur's options beside the Dataflow runner's: Dataflow's {@code --labels} (the job's labels, a
 * map) once shared its name with the backtest's labels file, and {@code bin/augur backtest
 * --runner=DataflowRunner} failed at start-up.
 */
public class DataflowOptionsCompatibilityTest {
  @Test
  public void augurOptionsClashWithNoneOfDataflows() {
    assertTrue(PipelineOptionsFactory.getRegisteredOptions().contains(DataflowPipelineOptions.class));
    List<String> clashes = OptionsCompatibilityTest.clashes();
    assertEquals(String.join("\n", clashes), List.of(), clashes);
  }
}
