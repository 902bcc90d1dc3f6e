package dev.augur.transforms.sink;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Settings of {@link PublishIncidents}. Which ones a sink needs: {@link
 * IncidentSink#SSM_INCIDENTS} the response plan ARN; {@link IncidentSink#SNS} the topic ARN;
 * {@link IncidentSink#WEBHOOK} the webhook secret (and the format, the URL for PagerDuty's
 * regional endpoints); {@link IncidentSink#FILE} a destination. The AWS sinks use region and
 * endpoint when set, else the SDK's default chains.
 *
 * <p>The webhook secret is never in the configuration itself, which travels with the pipeline
 * graph: {@link #getWebhookSecret()} names where workers read it, {@code env:NAME} for an
 * environment variable or {@code file:/path} for a file (a mounted secret). For {@link
 * WebhookFormat#JSON} the secret is the whole URL (which usually embeds a token); for {@link
 * WebhookFormat#PAGERDUTY} it is the integration's routing key.
 */
@AutoValue
public abstract class IncidentsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** PagerDuty's Events API v2 endpoint, the default URL of {@link WebhookFormat#PAGERDUTY}. */
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  /** The body a webhook receives. */
  public enum WebhookFormat {
    /** The event's JSON ({@link SinkJson#incident}). */
    JSON,
    /** A PagerDuty Events API v2 event: trigger on OPENED and UPDATED, resolve on RESOLVED. */
    PAGERDUTY
  }

  /** ARN of the Incident Manager response plan that incidents are started with. */
  public abstract @Nullable String getResponsePlanArn();

  /** ARN of the SNS topic; a name ending in {@code .fifo} makes the messages FIFO ones. */
  public abstract @Nullable String getTopicArn();

  public abstract WebhookFormat getWebhookFormat();

  /** Where the webhook secret is: {@code env:NAME} or {@code file:/path}. */
  public abstract @Nullable String getWebhookSecret();

  /** For {@link WebhookFormat#PAGERDUTY}, the events endpoint; default {@value #PAGERDUTY_EVENTS_URL}. */
  public abstract @Nullable String getWebhookUrl();

  /** Directory or {@code s3://} prefix that FILE writes under. */
  public abstract @Nullable String getDestination();

  public abstract @Nullable String getRegion();

  /** Endpoint override of the AWS service, such as {@code http://127.0.0.1:5000}. */
  public abstract @Nullable String getEndpoint();

  /** AWS credentials of the clients; null for the SDK's default credentials chain. */
  public abstract @Nullable SinkCredentials getCredentials();

  /** Attempts of one delivery that keeps failing transiently; default 4. */
  public abstract int getMaxAttempts();

  /** First backoff between attempts, doubled each time, with full jitter; default 1 s. */
  public abstract Duration getRetryBaseDelay();

  /** Longest backoff between attempts; default 20 s. */
  public abstract Duration getRetryMaxDelay();

  /** Timeout of one HTTP attempt; default 10 s. */
  public abstract Duration getAttemptTimeout();

  /** For unbounded input, how often FILE closes a file; default 1 minute. */
  public abstract Duration getFlushEvery();

  public static Builder builder() {
    return new AutoValue_IncidentsConfig.Builder()
        .setWebhookFormat(WebhookFormat.JSON)
        .setMaxAttempts(4)
        .setRetryBaseDelay(Duration.standardSeconds(1))
        .setRetryMaxDelay(Duration.standardSeconds(20))
        .setAttemptTimeout(Duration.standardSeconds(10))
        .setFlushEvery(Duration.standardMinutes(1));
  }

  public abstract Builder toBuilder();

  /**
   * Why the webhook's secret, when it is an {@code env:} or {@code file:} reference, cannot be read
   * in this process, or null when it can (or is kept in Secrets Manager, or there is none). The
   * workers read it: this tells a launcher that is also the worker (the DirectRunner) before any
   * incident needs it.
   */
  public @Nullable String webhookSecretProblemHere() {
    String reference = getWebhookSecret();
    if (reference == null || !(reference.startsWith("env:") || reference.startsWith("file:"))) {
      return null;
    }
    try {
      Secrets.read(reference, "webhookSecret", this);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /**
   * Why this process cannot publish to the SNS topic, or null when it can, when there is no topic,
   * or when it may not look (a role allowed only {@code sns:Publish}, as the Managed Flink
   * template grants, gets HTTP 403 here; publishing will tell). Asks the topic's attributes once
   * (with the SDK's standard retries): a topic that does not exist, a region it is not in, missing
   * credentials or an endpoint that does not answer would otherwise show only when the first
   * incident is dead-lettered, possibly days after the start.
   */
  public @Nullable String snsTopicProblemHere() {
    String topic = getTopicArn();
    if (topic == null) {
      return null;
    }
    try (SnsClient client =
        AwsCalls.build(
            SnsClient.builder(), getRegion(), getEndpoint(), getCredentials(), getAttemptTimeout())) {
      client.getTopicAttributes(r -> r.topicArn(topic));
      return null;
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403) {
        return null;
      }
      // arn:aws:sns:<region>:<account>:<name>: a topic is found only in its own region.
      String[] arn = topic.split(":");
      String region = arn.length > 3 ? arn[3] : null;
      boolean elsewhere = region != null && getRegion() != null && !region.equals(getRegion());
      return "SNS topic " + topic + " cannot take incidents: " + AwsCalls.describe(e)
          + (elsewhere ? " (the topic is in " + region + ", the region given is " + getRegion() + ")" : "");
    } catch (SdkException e) {
      return "SNS topic " + topic + " cannot be reached"
          + (getEndpoint() == null ? "" : " at " + getEndpoint()) + ": " + AwsCalls.describe(e);
    }
  }

  Backoff backoff() {
    return new Backoff(getMaxAttempts(), getRetryBaseDelay(), getRetryMaxDelay());
  }

  /** Builds an {@link IncidentsConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setResponsePlanArn(@Nullable String responsePlanArn);

    public abstract Builder setTopicArn(@Nullable String topicArn);

    public abstract Builder setWebhookFormat(WebhookFormat webhookFormat);

    public abstract Builder setWebhookSecret(@Nullable String webhookSecret);

    public abstract Builder setWebhookUrl(@Nullable String webhookUrl);

    public abstract Builder setDestination(@Nullable String destination);

    public abstract Builder setRegion(@Nullable String region);

    public abstract Builder setEndpoint(@Nullable String endpoint);

    public abstract Builder setCredentials(@Nullable SinkCredentials credentials);

    public abstract Builder setMaxAttempts(int maxAttempts);

    public abstract Builder setRetryBaseDelay(Duration retryBaseDelay);

    public abstract Builder setRetryMaxDelay(Duration retryMaxDelay);

    public abstract Builder setAttemptTimeout(Duration attemptTimeout);

    public abstract Builder setFlushEvery(Duration flushEvery);

    public abstract IncidentsConfig build();
  }
}
