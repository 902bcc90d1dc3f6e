package dev.augur.transforms.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads a secret from where a reference points: {@code env:NAME} (an environment variable), {@code
 * file:/path} (a file's content, trimmed) or the ARN of an AWS Secrets Manager secret (its current
 * value as plain text, trimmed), the one of the three a Managed Flink application can be given.
 * Errors name the reference, never the secret.
 */
final class Secrets {
  /** A Secrets Manager secret's ARN, in any partition; group 1 is its region. */
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:.+");

  private Secrets() {}

  /** Fails unless the reference has one of the three forms. */
  static void checkReference(String reference, String parameter) {
    if (!(reference.startsWith("env:") && reference.length() > 4)
        && !(reference.startsWith("file:") && reference.length() > 5)
        && !SECRET_ARN.matcher(reference).matches()) {
      // The value is not echoed: it may be the secret itself, put there by mistake.
      throw new IllegalArgumentException(
          parameter
              + " must be env:NAME, file:/path or a Secrets Manager secret's ARN, naming where"
              + " the secret is");
    }
  }

  /**
   * The secret {@code reference} points to. A Secrets Manager secret is read with the AWS settings
   * of {@code aws} (endpoint, credentials, attempt timeout) in the region its ARN names.
   */
  static String read(String reference, String parameter, IncidentsConfig aws) {
    return read(reference, parameter, aws.getEndpoint(), aws.getCredentials(), aws.getAttemptTimeout());
  }

  /**
   * The secret {@code reference} points to; a Secrets Manager secret is read with {@code endpoint},
   * {@code credentials} and {@code attemptTimeout} in the region its ARN names.
   */
  static String read(
      String reference,
      String parameter,
      @Nullable String endpoint,
      @Nullable SinkCredentials credentials,
      Duration attemptTimeout) {
    checkReference(reference, parameter);
    String value;
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      value = System.getenv(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(
            parameter + ": environment variable " + name + " is not set on this worker");
      }
    } else if (reference.startsWith("file:")) {
      Path path = Path.of(reference.substring(5));
      try {
        value = Files.readString(path);
      } catch (IOException e) {
        throw new IllegalStateException(
            parameter + ": cannot read secret file " + path + " (" + e.getClass().getSimpleName()
                + ")");
      }
      if (value.isBlank()) {
        throw new IllegalStateException(parameter + ": secret file " + path + " is empty");
      }
    } else {
      value = fromSecretsManager(reference, parameter, endpoint, credentials, attemptTimeout);
    }
    return value.trim();
  }

  private static String fromSecretsManager(
      String arn,
      String parameter,
      @Nullable String endpoint,
      @Nullable SinkCredentials credentials,
      Duration attemptTimeout) {
    Matcher m = SECRET_ARN.matcher(arn);
    if (!m.matches()) {
      throw new IllegalStateException(parameter + ": not a Secrets Manager secret's ARN");
    }
    GetSecretValueResponse secret;
    try (SecretsManagerClient client =
        AwsCalls.build(
            SecretsManagerClient.builder(),
            m.group(1),
            endpoint,
            credentials,
            attemptTimeout)) {
      secret = client.getSecretValue(b -> b.secretId(arn));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          parameter + ": cannot read Secrets Manager secret " + arn + " ("
              + AwsCalls.describe(e) + ")");
    }
    if (secret.secretString() == null || secret.secretString().isBlank()) {
      throw new IllegalStateException(
          parameter + ": Secrets Manager secret " + arn + " has no text value");
    }
    return secret.secretString();
  }
}
