package dev.augur.runners;

import static org.junit.Assert.assertEquals;

import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.BacktestOptions;
import dev.augur.pipelines.options.BatchOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.metrics.MetricsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * Augur's options must coexist with every options interface the bundle's runners and IOs register:
 * a runner views the same options object through its own interfaces ({@code options.as(...)}),
 * and a getter of the same name with another type fails only then, on that runner, at start-up.
 */
public class OptionsCompatibilityTest {
  @Test
  public void augurOptionsClashWithNoRegisteredOptions() {
    List<String> clashes = clashes();
    assertEquals(String.join("\n", clashes), List.of(), clashes);
  }

  /**
   * Each clash of an Augur options interface with an options interface on the class path, as
   * the error Beam gives when one is viewed through the other. The Dataflow bundle's tests call
   * this with the Dataflow runner's options on their class path.
   */
  public static List<String> clashes() {
    List<String> clashes = new ArrayList<>();
    for (Class<? extends PipelineOptions> ours : List.of(
        BatchOptions.class, StreamOptions.class, BacktestOptions.class, ArchiveOptions.class)) {
      for (Class<? extends PipelineOptions> theirs : viewsOfRunners()) {
        try {
          PipelineOptionsFactory.create().as(ours).as(theirs);
        } catch (IllegalArgumentException e) {
          clashes.add(ours.getSimpleName() + " vs " + theirs.getName() + ": " + e.getMessage());
        }
      }
    }
    return clashes;
  }

  /**
   * Every registered options interface, and those the runners view the options through without
   * registering them (the FlinkRunner asks for {@link MetricsOptions} when a job starts).
   */
  private static Set<Class<? extends PipelineOptions>> viewsOfRunners() {
    Set<Class<? extends PipelineOptions>> views =
        new LinkedHashSet<>(PipelineOptionsFactory.getRegisteredOptions());
    views.add(MetricsOptions.class);
    return views;
  }
}
