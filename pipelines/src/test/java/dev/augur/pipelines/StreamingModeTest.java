package dev.augur.pipelines;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The streaming pipeline asks for streaming mode unless its arguments say otherwise. */
public class StreamingModeTest {
  private static StreamOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(Launch.inStreamingMode(args))
        .as(StreamOptions.class);
  }

  @Test
  public void streamingIsAddedWhenNotGiven() {
    assertArrayEquals(
        new String[] {"--window=5m", "--streaming=true"},
        Launch.inStreamingMode(new String[] {"--window=5m"}));
    assertTrue(parse("--window=5m").isStreaming());
  }

  @Test
  public void anExplicitChoiceIsKept() {
    assertFalse(parse("--streaming=false").isStreaming());
    assertTrue(parse("--streaming").isStreaming());
    assertArrayEquals(
        new String[] {"--streaming=false"},
        Launch.inStreamingMode(new String[] {"--streaming=false"}));
  }
}
