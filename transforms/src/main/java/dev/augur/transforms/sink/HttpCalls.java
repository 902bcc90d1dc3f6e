package dev.augur.transforms.sink;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;
import org.joda.time.Duration;

/**
 * The rules the HTTP sinks (webhooks, Prometheus remote write) share for one call: a 2xx answer is
 * delivered; 429, 5xx and I/O failures are {@link Transient}, worth another attempt with {@link
 * Backoff}; any other answer is a {@link Refused refusal} no retry will change.
 */
final class HttpCalls {
  /** Characters of an answer's body that a failure's message quotes. */
  static final int MAX_QUOTED_CHARS = 300;

  private HttpCalls() {}

  /** A failure worth another attempt. */
  static final class Transient extends Exception {
    private static final long serialVersionUID = 1L;

    Transient(String message) {
      super(message);
    }
  }

  /** An answer no retry will change; the message quotes its status and the start of its body. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String body;

    Refused(String message, String body) {
      super(message);
      this.body = body;
    }

    /** The whole body of the answer, as {@code redact} left it. */
    String body() {
      return body;
    }
  }

  /** A client for one sink, HTTP/1.1, connecting within {@code attemptTimeout}. */
  static HttpClient client(Duration attemptTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(java.time.Duration.ofMillis(attemptTimeout.getMillis()))
        .build();
  }

  /** Whether {@link Backoff} should try again after {@code e}. */
  static boolean retryable(Exception e) {
    return e instanceof Transient;
  }

  /**
   * The first message in {@code e}'s causes: the HTTP client's ConnectException has none of its
   * own, and a dead letter read "ConnectException: " and nothing more.
   */
  static String why(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof java.net.ConnectException
        ? "could not connect (nothing listens there, or it is unreachable)"
        : "no detail given";
  }

  /**
   * Sends {@code request} once; returns on a 2xx answer. Every text of a failure passes through
   * {@code redact} (which masks secrets the request carries) before it is quoted.
   */
  static void send(HttpClient http, HttpRequest request, UnaryOperator<String> redact)
      throws Transient, Refused, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Transient(e.getClass().getSimpleName() + ": " + redact.apply(why(e)));
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String body = redact.apply(response.body() == null ? "" : response.body().strip());
    String text =
        "HTTP " + status + ": "
            + (body.length() > MAX_QUOTED_CHARS ? body.substring(0, MAX_QUOTED_CHARS) : body);
    if (status == 429 || status >= 500) {
      throw new Transient(text);
    }
    throw new Refused(text, body);
  }
}
