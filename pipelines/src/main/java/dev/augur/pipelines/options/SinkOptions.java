package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where metrics, incidents and dead letters of the stream go. */
public interface SinkOptions extends PipelineOptions {
  @Description("Base location (local directory or s3:// prefix) for FILE and EMF outputs and dead letters.")
  @Default.String("augur-stream")
  String getStreamOutput();

  void setStreamOutput(String value);

  @Description("Where the metrics go: CLOUDWATCH (PutMetricData), EMF (embedded metric format files), PROMETHEUS (remote write to --prometheusUrl) or FILE (JSON lines).")
  @Default.String("FILE")
  String getMetricSink();

  void setMetricSink(String value);

  @Description("CloudWatch namespace of the metrics.")
  @Default.String("Augur")
  String getMetricsNamespace();

  void setMetricsNamespace(String value);

  @Description("PROMETHEUS sink: the remote-write endpoint, such as http://prometheus:9090/api/v1/write (Prometheus run with --web.enable-remote-write-receiver), or Mimir's, Cortex's, Thanos Receive's, VictoriaMetrics'.")
  @Default.String("")
  String getPrometheusUrl();

  void setPrometheusUrl(String value);

  @Description("PROMETHEUS sink: where a bearer token for --prometheusUrl is: env:NAME, file:/path or the ARN of a Secrets Manager secret; empty for none.")
  @Default.String("")
  String getPrometheusBearerToken();

  void setPrometheusBearerToken(String value);

  @Description("PROMETHEUS sink: sign requests with AWS SigV4, as Amazon Managed Service for Prometheus requires, with the AWS credentials of the job, in the region of the workspace's URL (else --awsRegion's).")
  @Default.Boolean(false)
  Boolean getPrometheusSigV4();

  void setPrometheusSigV4(Boolean value);

  @Description("Incident sink: SSM_INCIDENTS (Incident Manager), SNS, WEBHOOK or FILE (JSON lines).")
  @Default.String("FILE")
  String getIncidentSink();

  void setIncidentSink(String value);

  @Description("SNS sink: topic ARN.")
  @Default.String("")
  String getSnsTopicArn();

  void setSnsTopicArn(String value);

  @Description("SSM_INCIDENTS sink: response plan ARN.")
  @Default.String("")
  String getResponsePlanArn();

  void setResponsePlanArn(String value);

  @Description("WEBHOOK sink, PAGERDUTY format: the Events API v2 endpoint; empty for PagerDuty's own. With JSON the URL is the secret (--webhookSecret).")
  @Default.String("")
  String getWebhookUrl();

  void setWebhookUrl(String value);

  @Description("WEBHOOK sink: JSON (Augur's event) or PAGERDUTY (Events API v2).")
  @Default.String("JSON")
  String getWebhookFormat();

  void setWebhookFormat(String value);

  @Description("WEBHOOK sink: where the secret is (the URL for JSON, the routing key for PAGERDUTY): env:NAME, file:/path or the ARN of a Secrets Manager secret holding it as plain text (the form Managed Flink can use).")
  @Default.String("")
  String getWebhookSecret();

  void setWebhookSecret(String value);

  @Description("Kafka topic for the dead letters instead of files under --streamOutput: one JSON message per dead letter, keyed by the step that refused it. Empty for files.")
  @Default.String("")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description("Kafka servers of --deadLetterTopic; empty for those of --kafkaBootstrapServers.")
  @Default.String("")
  String getDeadLetterBootstrapServers();

  void setDeadLetterBootstrapServers(String value);
}
