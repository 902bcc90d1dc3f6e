package dev.augur.transforms.sink;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Signs remote-write requests with AWS Signature Version 4 for the service {@code aps}, as Amazon
 * Managed Service for Prometheus requires, with the AWS SDK's own signer: the headers to add to a
 * request whose other headers are {@code headers}.
 */
final class RemoteWriteSigner {
  static final String SERVICE = "aps";

  /** A workspace's remote-write host: {@code aps-workspaces.<region>.amazonaws.com}. */
  private static final Pattern WORKSPACE_HOST =
      Pattern.compile("aps-workspaces\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  /** Headers Java's HTTP client sets itself and refuses from callers. */
  private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection");

  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final Clock clock;

  RemoteWriteSigner(AwsCredentialsProvider credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = Region.of(region);
    this.clock = clock;
  }

  /** The region of a workspace's remote-write URL, or null when the host is not such a one. */
  static @Nullable String regionOf(URI uri) {
    if (uri.getHost() == null) {
      return null;
    }
    Matcher m = WORKSPACE_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
    return m.matches() ? m.group(1) : null;
  }

  /** The signature's headers (date, token, authorization) for a POST of {@code body}. */
  Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body) {
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri)
            .contentStreamProvider(() -> new ByteArrayInputStream(body));
    headers.forEach(request::putHeader);
    SdkHttpFullRequest signed =
        Aws4Signer.create()
            .sign(
                request.build(),
                Aws4SignerParams.builder()
                    .awsCredentials(credentials.resolveCredentials())
                    .signingName(SERVICE)
                    .signingRegion(region)
                    .signingClockOverride(clock)
                    .build());
    Map<String, String> added = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      String name = h.getKey();
      if (!headers.containsKey(name) && !SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
        added.put(name, h.getValue().get(0));
      }
    }
    return added;
  }
}
