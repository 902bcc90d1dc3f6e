package dev.augur.transforms.aws;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client, configured as usual from the pipeline options, but addressing buckets by path
 * ({@code http://host/bucket/key}) instead of by host name. Needed for S3-compatible stores on a
 * private endpoint (MinIO, moto, Ceph), whose buckets have no DNS names:
 *
 * <pre>{@code
 * --endpoint=http://127.0.0.1:5000 --awsRegion=us-east-1 \
 *   --s3ClientFactoryClass=dev.augur.transforms.aws.PathStyleS3ClientBuilderFactory
 * }</pre>
 */
public class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  private final DefaultS3ClientBuilderFactory defaults = new DefaultS3ClientBuilderFactory();

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return defaults.createBuilder(options).forcePathStyle(true);
  }
}
