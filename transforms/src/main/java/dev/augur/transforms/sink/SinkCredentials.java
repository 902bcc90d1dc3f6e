package dev.augur.transforms.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import org.apache.beam.sdk.io.aws2.options.AwsModule;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The AWS credentials a sink's clients use, carried to the workers in Beam's JSON form of a
 * credentials provider (the form of {@code --awsCredentialsProvider}, read by Beam's {@link
 * AwsModule}), so a sink uses the pipeline's credentials where the workers have none of their own,
 * as on Google Cloud. {@link #toString()} names the provider's type only, never a key.
 */
public final class SinkCredentials implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new AwsModule());

  private final String json;

  private SinkCredentials(String json) {
    this.json = json;
  }

  /** The credentials of {@code provider}, one of the providers Beam's AWS options can carry. */
  public static SinkCredentials of(AwsCredentialsProvider provider) {
    try {
      return new SinkCredentials(
          MAPPER.writerFor(AwsCredentialsProvider.class).writeValueAsString(provider));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "credentials provider " + provider.getClass().getSimpleName()
              + " cannot be carried to the workers: " + e.getOriginalMessage(),
          e);
    }
  }

  /** A new provider with these credentials. */
  public AwsCredentialsProvider provider() {
    try {
      return MAPPER.readValue(json, AwsCredentialsProvider.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable credentials provider", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SinkCredentials && ((SinkCredentials) o).json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    try {
      return "SinkCredentials{" + MAPPER.readTree(json).path("@type").asText("?") + "}";
    } catch (JsonProcessingException e) {
      return "SinkCredentials{?}";
    }
  }
}
