package dev.augur.runners;

import static org.junit.Assert.assertEquals;

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
    List<String> clashes = new ArrayList<>();
    for (Class<? extends PipelineOptions> ours : List.of(BatchOptions.class, StreamOptions.class)) {
      for (Class<? extends PipelineOptions> theirs : viewsOfRunners()) {
        try {
          PipelineOptionsFactory.create().as(ours).as(theirs);
        } catch (IllegalArgumentException e) {
          clashes.add(ours.getSimpleName() + " vs " + theirs.getName() + ": " + e.getMessage());
        }
      }
    }
    assertEquals(String.join("\n", clashes), List.of(), clashes);
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
