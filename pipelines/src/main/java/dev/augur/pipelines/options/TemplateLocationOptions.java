package dev.augur.pipelines.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A view of the Dataflow runner's own {@code --templateLocation}, so Augur can tell that a run
 * only wrote the job's specification without depending on that runner. It is never registered:
 * the option is accepted on the command line only where the Dataflow runner is on the class path
 * (the Dataflow bundle), and read through {@code options.as(TemplateLocationOptions.class)}.
 */
@Hidden
public interface TemplateLocationOptions extends PipelineOptions {
  @Description(
      "Where the Dataflow runner writes the job's specification (a classic template) instead of"
          + " running the job.")
  String getTemplateLocation();

  void setTemplateLocation(String value);
}
