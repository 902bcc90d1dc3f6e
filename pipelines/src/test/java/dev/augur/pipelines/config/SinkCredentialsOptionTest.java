package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;

import dev.augur.pipelines.options.StreamOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * Beam's {@code --awsCredentialsProvider} reaches the metric and incident sinks, so on workers
 * without AWS credentials of their own (Google Cloud) CloudWatch, SNS and Incident Manager are
 * called with the pipeline's.
 */
public class SinkCredentialsOptionTest {
  @Test
  public void theSinksUseThePipelinesCredentials() {
    StreamConfig config =
        StreamConfig.from(
            PipelineOptionsFactory.fromArgs(
                    "--replayInput=/tmp/events/*.jsonl",
                    "--forecasts=/tmp/forecasts",
                    "--awsCredentialsProvider={\"@type\": \"StaticCredentialsProvider\","
                        + " \"accessKeyId\": \"AKIAEXAMPLE\", \"secretAccessKey\": \"s3cr3t\"}")
                .as(StreamOptions.class));
    assertEquals(
        "AKIAEXAMPLE",
        config.metrics().getCredentials().provider().resolveCredentials().accessKeyId());
    assertEquals(
        "AKIAEXAMPLE",
        config.incidents().getCredentials().provider().resolveCredentials().accessKeyId());
  }
}
