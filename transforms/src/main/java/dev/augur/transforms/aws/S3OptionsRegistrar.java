package dev.augur.transforms.aws;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Registers Beam's {@link S3Options}, which Beam's own AWS registrar leaves out, so S3 settings
 * such as {@code --s3ClientFactoryClass} or {@code --SSEAlgorithm} can be given on the command
 * line and in templates.
 */
public class S3OptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3Options.class);
  }
}
