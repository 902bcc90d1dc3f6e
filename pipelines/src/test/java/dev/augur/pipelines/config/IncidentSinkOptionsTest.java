package dev.augur.pipelines.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.augur.pipelines.options.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** A missing or malformed incident sink setting fails when the options are read, naming its option. */
public class IncidentSinkOptionsTest {
  private static InvalidOptionException refused(String... more) {
    List<String> args =
        new ArrayList<>(List.of("--replayInput=/tmp/events/*.jsonl", "--forecasts=/tmp/forecasts"));
    args.addAll(List.of(more));
    return assertThrows(
        InvalidOptionException.class,
        () ->
            StreamConfig.from(
                PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(StreamOptions.class)));
  }

  @Test
  public void eachSinkNamesTheOptionItLacks() {
    assertEquals("responsePlanArn", refused("--incidentSink=SSM_INCIDENTS").option());
    InvalidOptionException sns = refused("--incidentSink=SNS");
    assertEquals("snsTopicArn", sns.option());
    assertEquals(
        "--snsTopicArn is required with --incidentSink=SNS (the incident topic ARN)", sns.getMessage());
    assertEquals("webhookSecret", refused("--incidentSink=WEBHOOK").option());
    assertEquals(
        "webhookSecret",
        refused("--incidentSink=WEBHOOK", "--webhookSecret=https://hooks.example/T0KEN").option());
    assertEquals(
        "webhookUrl",
        refused("--incidentSink=WEBHOOK", "--webhookSecret=env:HOOK", "--webhookUrl=https://x")
            .option());
  }

  @Test
  public void completeSettingsPass() {
    StreamConfig.from(
        PipelineOptionsFactory.fromArgs(
                "--replayInput=/tmp/events/*.jsonl",
                "--forecasts=/tmp/forecasts",
                "--incidentSink=WEBHOOK",
                "--webhookFormat=PAGERDUTY",
                "--webhookSecret=arn:aws:secretsmanager:eu-west-1:123456789012:secret:pd-AbCdEf",
                "--webhookUrl=https://events.example/v2/enqueue")
            .as(StreamOptions.class));
  }
}
