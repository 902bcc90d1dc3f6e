package dev.augur.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.pipelines.config.DurationText;
import dev.augur.pipelines.config.InvalidOptionException;
import dev.augur.synthetic.GeneratorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;

public class ProduceCommandTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new ProduceCommand()).setExecutionExceptionHandler(new Augur.Errors());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new String[] {String.valueOf(status), out.toString(), err.toString()};
  }

  /** The pipelines' names for the same settings work here too, so a user can copy them across. */
  @Test
  public void thePipelinesOptionNamesAreAccepted() {
    ProduceCommand kinesis = new ProduceCommand();
    new CommandLine(kinesis)
        .parseArgs("--target=KINESIS", "--kinesisStream=events", "--awsRegion=eu-west-1");
    assertEquals("events", kinesis.stream);
    assertEquals("eu-west-1", kinesis.region);
    ProduceCommand kafka = new ProduceCommand();
    new CommandLine(kafka)
        .parseArgs("--target=KAFKA", "--kafkaTopics=events", "--kafkaBootstrapServers=127.0.0.1:9092");
    assertEquals("events", kafka.topic);
    assertEquals("127.0.0.1:9092", kafka.bootstrap);
  }

  @Test
  public void parsesRates() {
    assertEquals(250.0, ProduceCommand.parseRate("250/s"), 0);
    assertEquals(2.5, ProduceCommand.parseRate("2.5"), 0);
    assertEquals(0.0, ProduceCommand.parseRate("0"), 0);
    InvalidOptionException e =
        assertThrows(InvalidOptionException.class, () -> ProduceCommand.parseRate("fast"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--rate '"));
    assertEquals("rate", e.option());
  }

  /**
   * With {@code --rate=live} an event goes out when the time since the start reaches its event
   * time's distance from the first event's; a line without a time does not wait.
   */
  @Test
  public void liveSendsEachEventWhenItsTimeComes() throws Exception {
    long t0 = 1_700_000_000_000L;
    List<ProduceCommand.Keyed> keyed =
        List.of(
            new ProduceCommand.Keyed("a", "first", t0),
            new ProduceCommand.Keyed("unparseable", "no time", ProduceCommand.Keyed.NO_TIME),
            new ProduceCommand.Keyed("a", "second", t0 + 400),
            new ProduceCommand.Keyed("b", "late", t0 + 100));
    Iterator<ProduceCommand.Keyed> it = keyed.iterator();
    ProduceCommand.Events events =
        new ProduceCommand.Events("four") {
          @Override
          boolean hasNext() {
            return it.hasNext();
          }

          @Override
          ProduceCommand.Keyed next() {
            return it.next();
          }
        };
    List<String> sent = new ArrayList<>();
    Map<String, Long> sentNanos = new HashMap<>();
    List<Integer> flushedAfter = new ArrayList<>();
    EventPublisher publisher =
        new EventPublisher() {
          @Override
          public void prepare(boolean create, int partitions, PrintWriter err) {}

          @Override
          public void send(String key, String json) {
            sent.add(json);
            sentNanos.put(json, System.nanoTime());
          }

          @Override
          public void flush() {
            flushedAfter.add(sent.size());
          }

          @Override
          public String describe() {
            return "test";
          }

          @Override
          public void close() {}
        };
    ProduceCommand command = new ProduceCommand();
    command.count = -1;
    long before = System.nanoTime();
    assertEquals(4, command.send(events, publisher, 0, true, new PrintWriter(new StringWriter())));
    assertEquals(List.of("first", "no time", "second", "late"), sent);
    // Not before its time: 400 ms after the first event's, counted from the start.
    assertTrue(sentNanos.get("second") - before >= 400_000_000L);
    // What was due went out before the wait.
    assertTrue(flushedAfter.toString(), flushedAfter.contains(2));
  }

  @Test
  public void aMissingDestinationIsAUsageErrorNamingTheOption() {
    String[] kafka = run("--target=KAFKA", "--topic=events");
    assertEquals("2", kafka[0]);
    assertTrue(
        kafka[2], kafka[2].contains(": --bootstrap is required with --target=KAFKA"));
    String[] kinesis = run("--target=KINESIS", "--endpoint=http://127.0.0.1:1");
    assertEquals("2", kinesis[0]);
    assertTrue(kinesis[2], kinesis[2].contains(": --stream is required with --target=KINESIS"));
  }

  @Test
  public void theTargetIsTakenInAnyCase() {
    StringWriter err = new StringWriter();
    CommandLine cli = Augur.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.getSubcommands().get("produce").setErr(new PrintWriter(err));
    // Parsed as KAFKA, so the next complaint is the missing broker, not the target's spelling.
    assertEquals(2, cli.execute("produce", "--target=kafka", "--topic=events"));
    assertTrue(err.toString(), err.toString().contains("--bootstrap"));
    assertFalse(err.toString(), err.toString().contains("Invalid value"));
  }

  @Test
  public void aMissingInputFileIsAUsageError() {
    String[] r =
        run("--target=KAFKA", "--topic=t", "--bootstrap=127.0.0.1:1", "--input=/no/such/file");
    assertEquals("2", r[0]);
    assertTrue(r[2], r[2].contains(": --input '/no/such/file' is not a readable file"));
  }

  @Test
  public void shortSpansGetAnomaliesShortEnoughToFit() {
    for (String d : List.of("30m", "3h", "6h", "1d", "7d")) {
      java.time.Duration span = java.time.Duration.ofMillis(DurationText.parse("duration", d).getMillis());
      java.time.Duration[] lengths = ProduceCommand.anomalyDurations(span, 1.0);
      // The generator accepts the lengths for the span (it refuses anomalies that cannot fit).
      GeneratorConfig.builder()
          .duration(span)
          .cleanPeriod(java.time.Duration.ZERO)
          .anomaliesPerSeriesPerDay(1.0)
          .anomalyDuration(lengths[0], lengths[1])
          .build();
    }
    assertEquals(
        List.of(java.time.Duration.ofMinutes(15), java.time.Duration.ofMinutes(15)),
        List.of(ProduceCommand.anomalyDurations(java.time.Duration.ofMinutes(30), 1.0)));
    assertEquals(
        List.of(java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(120)),
        List.of(ProduceCommand.anomalyDurations(java.time.Duration.ofDays(1), 1.0)));
    assertEquals(null, ProduceCommand.anomalyDurations(java.time.Duration.ofMinutes(1), 1.0));
  }

  @Test
  public void aBadDurationNamesItsOptionOnce() {
    String[] r = run("--target=KAFKA", "--topic=t", "--bootstrap=127.0.0.1:1", "--duration=forever");
    assertEquals("2", r[0]);
    assertTrue(r[2], r[2].contains(": --duration 'forever' is not"));
  }

  @Test
  public void kinesisBatchesStayWithinThePutRecordsLimits() {
    KinesisPublisher.Batch batch = new KinesisPublisher.Batch();
    for (int i = 0; i < KinesisPublisher.MAX_RECORDS; i++) {
      assertTrue(batch.fits(100));
      batch.add(null, 100);
    }
    assertFalse("501 records", batch.fits(1));
    batch.clear();
    batch.add(null, KinesisPublisher.MAX_BATCH_BYTES - 10);
    assertTrue(batch.fits(10));
    assertFalse("over 5 MiB", batch.fits(11));
  }
}
