package dev.augur.pipelines.config;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.options.ArchiveOptions;
import dev.augur.pipelines.options.StreamOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * {@link StreamConfig#CHOICES}, which the launch templates offer, names the values each option
 * really takes: a bad value's error lists exactly them.
 */
public class StreamChoicesTest {
  @Test
  public void everyChoiceListsTheValuesTheConfigTakes() {
    for (Map.Entry<String, Class<? extends Enum<?>>> c : StreamConfig.CHOICES.entrySet()) {
      // The source options are read for the source chosen, and refused for any other.
      boolean kafka = c.getKey().startsWith("kafka");
      List<String> args =
          new ArrayList<>(
              kafka
                  ? List.of("--kafkaBootstrapServers=broker:9092", "--kafkaTopics=events")
                  : List.of("--kinesisStream=events"));
      args.add("--forecasts=/tmp/forecasts");
      if (!c.getKey().equals("source")) {
        args.add("--source=" + (kafka ? "KAFKA" : "KINESIS"));
      }
      args.add("--" + c.getKey() + "=nonsense");
      // The archive's own choices are read by its config, with its options; the rest by the
      // stream's.
      boolean archive = c.getKey().startsWith("archive");
      if (archive) {
        args.remove("--forecasts=/tmp/forecasts");
        args.add("--archive=/tmp/archive");
      }
      InvalidOptionException e =
          assertThrows(
              c.getKey(),
              InvalidOptionException.class,
              () -> {
                if (archive) {
                  ArchiveConfig.from(
                      PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
                          .as(ArchiveOptions.class));
                } else {
                  StreamConfig.from(
                      PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
                          .as(StreamOptions.class));
                }
              });
      assertTrue(e.getMessage(), e.getMessage().startsWith("--" + c.getKey() + " "));
      assertTrue(
          e.getMessage(),
          e.getMessage().contains(Arrays.toString(c.getValue().getEnumConstants())));
    }
  }
}
