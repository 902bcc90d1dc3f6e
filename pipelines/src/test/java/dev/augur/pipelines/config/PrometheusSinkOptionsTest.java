package dev.augur.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.options.StreamOptions;
import dev.augur.transforms.sink.MetricsSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The Prometheus metrics sink's options, checked when the options are read. */
public class PrometheusSinkOptionsTest {
  private static StreamConfig config(String... more) {
    List<String> args =
        new ArrayList<>(List.of("--replayInput=/tmp/events/*.jsonl", "--forecasts=/tmp/forecasts"));
    args.addAll(List.of(more));
    return StreamConfig.from(
        PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(StreamOptions.class));
  }

  private static InvalidOptionException refused(String... more) {
    return assertThrows(InvalidOptionException.class, () -> config(more));
  }

  @Test
  public void theUrlAndTheTokenReachTheSink() {
    StreamConfig c =
        config(
            "--metricSink=PROMETHEUS",
            "--prometheusUrl=http://prometheus:9090/api/v1/write",
            "--prometheusBearerToken=env:PROMETHEUS_TOKEN");
    assertEquals(MetricsSink.PROMETHEUS, c.metricsSink());
    assertEquals("http://prometheus:9090/api/v1/write", c.metrics().getRemoteWriteUrl());
    assertEquals("env:PROMETHEUS_TOKEN", c.metrics().getRemoteWriteToken());
  }

  @Test
  public void aMissingOrMalformedSettingIsRefusedNamingItsOption() {
    InvalidOptionException missing = refused("--metricSink=PROMETHEUS");
    assertEquals("prometheusUrl", missing.option());
    assertThat(missing.getMessage(), containsString("remote-write URL is required"));
    assertEquals("prometheusUrl", refused("--metricSink=PROMETHEUS", "--prometheusUrl=prometheus:9090").option());
    // The token itself, given where its reference belongs, is refused without being echoed.
    InvalidOptionException token =
        refused(
            "--metricSink=PROMETHEUS", "--prometheusUrl=http://p:9090/api/v1/write",
            "--prometheusBearerToken=s3cr3t");
    assertEquals("prometheusBearerToken", token.option());
    assertThat(token.getMessage(), containsString("env:NAME, file:/path or a Secrets Manager"));
    assertEquals(-1, token.getMessage().indexOf("s3cr3t"));
  }

  @Test
  public void thePrometheusOptionsAreRefusedWithAnotherSink() {
    InvalidOptionException e = refused("--metricSink=FILE", "--prometheusUrl=http://p:9090/api/v1/write");
    assertEquals("prometheusUrl", e.option());
    assertThat(e.getMessage(), containsString("applies only with --metricSink=PROMETHEUS"));
  }

  /** SigV4 signs for the workspace URL's region, else --awsRegion's, and needs one of them. */
  @Test
  public void sigV4SignsForTheWorkspacesRegion() {
    String workspace = "https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write";
    assertEquals(
        "eu-west-1",
        config("--metricSink=PROMETHEUS", "--prometheusUrl=" + workspace, "--prometheusSigV4", "--awsRegion=us-east-1")
            .metrics()
            .getRemoteWriteSigV4Region());
    assertEquals(
        "us-east-1",
        config("--metricSink=PROMETHEUS", "--prometheusUrl=https://aps.internal/write", "--prometheusSigV4", "--awsRegion=us-east-1")
            .metrics()
            .getRemoteWriteSigV4Region());
    assertEquals(
        null,
        config("--metricSink=PROMETHEUS", "--prometheusUrl=" + workspace).metrics().getRemoteWriteSigV4Region());
    // Without a region from --awsRegion (nor from AWS_REGION or a profile, which it defaults to).
    InvalidOptionException noRegion =
        assertThrows(
            InvalidOptionException.class,
            () ->
                StreamConfig.sigV4Region(
                    PipelineOptionsFactory.fromArgs(
                            "--metricSink=PROMETHEUS", "--prometheusUrl=https://aps.internal/write",
                            "--prometheusSigV4")
                        .as(StreamOptions.class),
                    null));
    assertEquals("prometheusSigV4", noRegion.option());
    assertThat(noRegion.getMessage(), containsString("give --awsRegion"));
    InvalidOptionException otherSink = refused("--metricSink=FILE", "--prometheusSigV4");
    assertEquals("prometheusSigV4", otherSink.option());
    assertThat(otherSink.getMessage(), containsString("applies only with --metricSink=PROMETHEUS"));
  }
}
