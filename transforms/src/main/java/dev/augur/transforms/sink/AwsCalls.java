package dev.augur.transforms.sink;

import java.net.URI;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How the sinks build and call AWS SDK v2 clients: region and endpoint override from the sink's
 * configuration (else the SDK's default region chain), credentials from it (else the default
 * chain), the
 * SDK's standard retry policy (exponential backoff with jitter on throttling, 5xx and I/O errors)
 * with a per-attempt timeout, and what is worth a retry beyond the SDK's own.
 */
final class AwsCalls {
  private AwsCalls() {}

  static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder,
      @Nullable String region,
      @Nullable String endpoint,
      @Nullable SinkCredentials credentials,
      Duration attemptTimeout) {
    builder
        .credentialsProvider(
            credentials == null ? DefaultCredentialsProvider.create() : credentials.provider())
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryPolicy(RetryPolicy.builder(RetryMode.STANDARD).build())
                .apiCallAttemptTimeout(java.time.Duration.ofMillis(attemptTimeout.getMillis()))
                .build());
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /**
   * Throttling, a server error or a client-side failure (timeout, connection): what may succeed
   * later. A 4xx other than throttling will not.
   */
  static boolean isTransient(Exception e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException ase = (AwsServiceException) e;
      return ase.isThrottlingException() || ase.statusCode() >= 500;
    }
    return e instanceof SdkClientException;
  }

  /** A failure in words for a dead letter: the service's error code and message, if any. */
  static String describe(Exception e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException ase = (AwsServiceException) e;
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      String message =
          ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
      return "HTTP " + ase.statusCode() + (code == null ? "" : " " + code) + ": " + message;
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
