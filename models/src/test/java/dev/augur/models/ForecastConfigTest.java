package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class ForecastConfigTest {
  @Test
  public void quantilesFollowTheCoverage() {
    assertArrayEquals(new double[] {0.05, 0.5, 0.95}, ForecastConfig.defaults().quantiles(), 1e-12);
    assertArrayEquals(new double[] {0.1, 0.5, 0.9},
        ForecastConfig.builder().coverage(0.8).build().quantiles(), 1e-12);
    assertEquals("[0.05,0.5,0.95]",
        ForecastTrainer.quantileAlpha(ForecastConfig.defaults().quantiles()));
  }

  @Test
  public void toBuilderRoundTrips() {
    ForecastConfig c = ForecastConfig.builder().recentLags(3).rounds(20).seed(3).build();
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  public void badSettingsAreNamed() {
    expect("quantiles must be strictly ascending",
        () -> ForecastConfig.builder().quantiles(0.5, 0.05, 0.95).build());
    expect("quantiles must include 0.5",
        () -> ForecastConfig.builder().quantiles(0.05, 0.4, 0.95).build());
    expect("quantiles must lie in (0, 1)",
        () -> ForecastConfig.builder().quantiles(0, 0.5, 0.95).build());
    expect("coverage", () -> ForecastConfig.builder().coverage(1.0).build());
    expect("recentLags", () -> ForecastConfig.builder().recentLags(0).build());
    expect("horizonWindows", () -> ForecastConfig.builder().horizonWindows(-1).build());
    expect("eta", () -> ForecastConfig.builder().eta(0).build());
    expect("origins", () -> ForecastConfig.builder().origins(1).build());
    expect("holdoutWindows", () -> ForecastConfig.builder().holdoutWindows(-2).build());
    expect("bandBaseline", () -> ForecastConfig.builder().bandBaseline(" ").build());
  }

  private static void expect(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertThat(e.getMessage(), containsString(message));
  }
}
