package dev.augur.transforms.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * An in-process AWS endpoint for SDK v2 clients: an {@link SdkHttpClient} that records each HTTP
 * request (method, path, body) and answers the queued canned responses (then the default one),
 * and an {@link ExecutionInterceptor} that records the modeled requests the client executed.
 */
final class CannedAws implements SdkHttpClient {
  /** One HTTP request the SDK sent. */
  record Call(String method, String path, String body) {}

  /** One canned HTTP response. */
  record Answer(int status, String contentType, String body) {}

  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Answer> queued = new ArrayDeque<>();
  private final Answer fallback;

  CannedAws(Answer fallback) {
    this.fallback = fallback;
  }

  static Answer json(int status, String body) {
    return new Answer(status, "application/x-amz-json-1.1", body);
  }

  static Answer xml(int status, String body) {
    return new Answer(status, "text/xml", body);
  }

  synchronized CannedAws then(Answer answer) {
    queued.add(answer);
    return this;
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<SdkRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** A client of this endpoint, without SDK retries (the code under test does its own). */
  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
            requests.add(context.request());
          }
        };
    return builder
        .httpClient(this)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://canned.invalid"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(
            c -> c.addExecutionInterceptor(recorder).retryPolicy(RetryPolicy.none()))
        .build();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        String body =
            request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
        calls.add(
            new Call(request.httpRequest().method().name(), request.httpRequest().encodedPath(), body));
        Answer a;
        synchronized (CannedAws.this) {
          a = queued.isEmpty() ? fallback : queued.poll();
        }
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(a.status())
                    .putHeader("Content-Type", a.contentType())
                    .build())
            .responseBody(
                AbortableInputStream.create(
                    new ByteArrayInputStream(a.body().getBytes(StandardCharsets.UTF_8))))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}
}
