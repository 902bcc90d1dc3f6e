package dev.augur.pipelines.options;

import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of the streaming detection pipeline. AWS region, endpoint and credentials come from
 * Beam's {@link AwsOptions} ({@code --awsRegion}, {@code --endpoint}) or the SDK's default chains.
 */
public interface StreamOptions
    extends EventFieldsOptions,
        WindowOptions,
        StreamSourceOptions,
        LatenessOptions,
        DetectionOptions,
        SinkOptions,
        StreamingOptions,
        AwsOptions {}
