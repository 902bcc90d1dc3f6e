package dev.augur.transforms.sink;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Settings of {@link WriteMetrics}. Which ones a sink needs: {@link MetricsSink#CLOUDWATCH} the
 * namespace and optionally region and endpoint; {@link MetricsSink#EMF} the namespace and a
 * destination; {@link MetricsSink#FILE} a destination. Dimension names are not configured: they
 * are the series key's (see {@code SeriesKey}), plus {@code Statistic}.
 *
 * <pre>{@code
 * MetricsConfig.builder().setNamespace("Augur/Checkout").setRegion("eu-west-1").build()
 * }</pre>
 */
@AutoValue
public abstract class MetricsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** CloudWatch namespace of the metrics; default {@code Augur}. */
  public abstract String getNamespace();

  /** Directory or {@code s3://} prefix that EMF and FILE write under. */
  public abstract @Nullable String getDestination();

  /** AWS region; null for the SDK's default region chain. */
  public abstract @Nullable String getRegion();

  /** Endpoint override, such as {@code http://127.0.0.1:5000} for an emulator. */
  public abstract @Nullable String getEndpoint();

  /** AWS credentials of the clients; null for the SDK's default credentials chain. */
  public abstract @Nullable SinkCredentials getCredentials();

  /**
   * Attempts of one {@code PutMetricData} call that keeps failing transiently (throttling, 5xx,
   * timeouts), each made of the SDK's own retries; default 4.
   */
  public abstract int getMaxAttempts();

  /** First backoff between those attempts, doubled each time, with full jitter; default 1 s. */
  public abstract Duration getRetryBaseDelay();

  /** Longest backoff between attempts; default 20 s. */
  public abstract Duration getRetryMaxDelay();

  /** Timeout of one HTTP attempt; default 10 s. */
  public abstract Duration getAttemptTimeout();

  /** For unbounded input, how often EMF and FILE close a file; default 1 minute. */
  public abstract Duration getFlushEvery();

  /** The Prometheus remote-write endpoint of {@link MetricsSink#PROMETHEUS}. */
  public abstract @Nullable String getRemoteWriteUrl();

  /**
   * Where the bearer token of {@link #getRemoteWriteUrl()} is: {@code env:NAME}, {@code
   * file:/path} or a Secrets Manager secret's ARN; null to send none.
   */
  public abstract @Nullable String getRemoteWriteToken();

  /**
   * The region to sign remote-write requests for with SigV4 (Amazon Managed Service for
   * Prometheus, service {@code aps}), with {@link #getCredentials()}; null to sign none.
   */
  public abstract @Nullable String getRemoteWriteSigV4Region();

  /**
   * The region of an Amazon Managed Service for Prometheus workspace's remote-write URL ({@code
   * https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/api/v1/remote_write}), or null
   * for another URL.
   */
  public static @Nullable String workspaceRegion(String remoteWriteUrl) {
    try {
      return RemoteWriteSigner.regionOf(URI.create(remoteWriteUrl.trim()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The signer of {@link #getRemoteWriteSigV4Region()}, or null. */
  @Nullable RemoteWriteSigner remoteWriteSigner() {
    return getRemoteWriteSigV4Region() == null
        ? null
        : new RemoteWriteSigner(
            getCredentials() == null
                ? DefaultCredentialsProvider.create()
                : getCredentials().provider(),
            getRemoteWriteSigV4Region(),
            Clock.systemUTC());
  }

  public static Builder builder() {
    return new AutoValue_MetricsConfig.Builder()
        .setNamespace("Augur")
        .setMaxAttempts(4)
        .setRetryBaseDelay(Duration.standardSeconds(1))
        .setRetryMaxDelay(Duration.standardSeconds(20))
        .setAttemptTimeout(Duration.standardSeconds(10))
        .setFlushEvery(Duration.standardMinutes(1));
  }

  public abstract Builder toBuilder();

  /**
   * Why this process cannot write to the Prometheus remote-write endpoint, or null when it can or
   * there is none: sends an empty write request once (a receiver answers it with 2xx), with the
   * bearer token when its reference is {@code env:} or {@code file:} (one in Secrets Manager is
   * read by the workers only). A wrong URL, a receiver that is off or a token refused would
   * otherwise show only as dead letters once the first window closes.
   */
  public @Nullable String remoteWriteProblemHere() {
    String url = getRemoteWriteUrl();
    if (url == null) {
      return null;
    }
    String token = null;
    String reference = getRemoteWriteToken();
    if (reference != null && (reference.startsWith("env:") || reference.startsWith("file:"))) {
      try {
        token = Secrets.read(reference, "prometheusBearerToken", getEndpoint(), getCredentials(), getAttemptTimeout());
      } catch (RuntimeException e) {
        return e.getMessage();
      }
    }
    RemoteWriteSender sender =
        new RemoteWriteSender(
            URI.create(url.trim()),
            token,
            remoteWriteSigner(),
            new Backoff(1, Duration.ZERO, Duration.ZERO),
            getAttemptTimeout());
    try {
      String problem = sender.probe();
      return problem == null ? null : "Prometheus remote write to " + url + " failed: " + problem;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  Backoff backoff() {
    return new Backoff(getMaxAttempts(), getRetryBaseDelay(), getRetryMaxDelay());
  }

  /** Builds a {@link MetricsConfig}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setNamespace(String namespace);

    public abstract Builder setDestination(@Nullable String destination);

    public abstract Builder setRegion(@Nullable String region);

    public abstract Builder setEndpoint(@Nullable String endpoint);

    public abstract Builder setCredentials(@Nullable SinkCredentials credentials);

    public abstract Builder setMaxAttempts(int maxAttempts);

    public abstract Builder setRetryBaseDelay(Duration retryBaseDelay);

    public abstract Builder setRetryMaxDelay(Duration retryMaxDelay);

    public abstract Builder setAttemptTimeout(Duration attemptTimeout);

    public abstract Builder setFlushEvery(Duration flushEvery);

    public abstract Builder setRemoteWriteUrl(@Nullable String remoteWriteUrl);

    public abstract Builder setRemoteWriteToken(@Nullable String remoteWriteToken);

    public abstract Builder setRemoteWriteSigV4Region(@Nullable String region);

    public abstract MetricsConfig build();
  }
}
