package dev.augur.transforms.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from where a reference points: {@code env:NAME} (an environment variable) or
 * {@code file:/path} (a file's content, trimmed). Errors name the reference, never the secret.
 */
final class Secrets {
  private Secrets() {}

  /** Fails unless the reference has one of the two forms. */
  static void checkReference(String reference, String parameter) {
    if (!(reference.startsWith("env:") && reference.length() > 4)
        && !(reference.startsWith("file:") && reference.length() > 5)) {
      // The value is not echoed: it may be the secret itself, put there by mistake.
      throw new IllegalArgumentException(
          parameter + " must be env:NAME or file:/path, naming where the secret is");
    }
  }

  static String read(String reference, String parameter) {
    checkReference(reference, parameter);
    String value;
    if (reference.startsWith("env:")) {
      String name = reference.substring(4);
      value = System.getenv(name);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(
            parameter + ": environment variable " + name + " is not set on this worker");
      }
    } else {
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
    }
    return value.trim();
  }
}
