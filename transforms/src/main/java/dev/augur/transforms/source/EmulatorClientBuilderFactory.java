package dev.augur.transforms.source;

import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * Beam's AWS clients, configured as usual from the pipeline options and each IO's {@link
 * ClientConfiguration}, made to work with local emulators such as moto and kinesalite: Kinesis
 * requests are sent as JSON rather than CBOR, and asynchronous clients speak HTTP/1.1 instead of
 * HTTP/2. Enhanced fan-out reads need HTTP/2, so do not use this factory with a real consumer ARN.
 *
 * <pre>{@code
 * --clientBuilderFactory=dev.augur.transforms.source.EmulatorClientBuilderFactory
 * }</pre>
 *
 * <p>{@link ReadEventStream} chooses it by itself for a Kinesis source with an endpoint override.
 * The SDK's CBOR switch ({@code aws.cborEnabled}) is JVM-wide: this factory sets it to false when
 * nothing else set it, which is harmless for real Kinesis, which accepts JSON too.
 */
public class EmulatorClientBuilderFactory implements ClientBuilderFactory {
  static final String CBOR_PROPERTY = "aws.cborEnabled";

  private final ClientBuilderFactory defaults = ClientBuilderFactory.defaultFactory();

  @Override
  public <BuilderT extends AwsClientBuilder<BuilderT, ClientT>, ClientT> BuilderT create(
      BuilderT builder, ClientConfiguration config, @Nullable AwsOptions options) {
    if (System.getProperty(CBOR_PROPERTY) == null && System.getenv("CBOR_ENABLED") == null) {
      System.setProperty(CBOR_PROPERTY, "false");
    }
    BuilderT configured = defaults.create(builder, config, options);
    if (configured instanceof SdkAsyncClientBuilder) {
      ((SdkAsyncClientBuilder<?, ?>) configured)
          .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1));
    }
    return configured;
  }

  @Override
  public void checkConfiguration(ClientConfiguration config, @Nullable AwsOptions options) {
    defaults.checkConfiguration(config, options);
  }
}
