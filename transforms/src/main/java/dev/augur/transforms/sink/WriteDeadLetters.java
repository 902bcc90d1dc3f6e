package dev.augur.transforms.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Writes dead letters as JSON lines ({@code payload}, {@code error}, {@code step}, {@code source},
 * {@code time}) under a directory or {@code s3://} prefix. A bounded input becomes one set of
 * files; an unbounded one is written in fixed processing windows ({@code flushEvery}) with a fixed
 * shard count, as unbounded file writes require.
 */
public class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final String directory;
  private final Duration flushEvery;

  public WriteDeadLetters(String directory) {
    this(directory, Duration.standardMinutes(1));
  }

  public WriteDeadLetters(String directory, Duration flushEvery) {
    this.directory = directory.endsWith("/") ? directory : directory + "/";
    this.flushEvery = flushEvery;
  }

  /** The JSON line of one dead letter. */
  public static String toJson(DeadLetter d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("payload", d.getPayload());
    n.put("error", d.getError());
    n.put("step", d.getStep());
    if (d.getSource() != null) {
      n.put("source", d.getSource());
    }
    n.put("time", d.getTime().toString());
    return n.toString();
  }

  @Override
  public PDone expand(PCollection<DeadLetter> deadLetters) {
    PCollection<String> lines =
        deadLetters.apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(WriteDeadLetters::toJson));
    TextIO.Write write = TextIO.write().to(directory + "dead-letters").withSuffix(".jsonl");
    if (deadLetters.isBounded() == PCollection.IsBounded.UNBOUNDED) {
      return lines
          .apply("FlushWindows", Window.into(FixedWindows.of(flushEvery)))
          .apply("Write", write.withWindowedWrites().withNumShards(1));
    }
    return lines.apply("Write", write);
  }
}
