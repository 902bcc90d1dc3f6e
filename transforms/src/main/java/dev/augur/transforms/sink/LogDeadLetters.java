package dev.augur.transforms.sink;

import dev.augur.transforms.records.DeadLetter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Says in the job's log why input records went to the dead letters, passing them on unchanged: a
 * live job has no summary at its end, and a producer sending lines no step can read should show
 * where an operator looks first, not only in the dead-letter files. Throttled as the sinks' own
 * failures are ({@link FailureLog}): at most a line per step every ten seconds, naming how many
 * more there were in between. The sinks log the records they dead-letter themselves, so only the
 * steps before them (parsing, lateness) go through here.
 */
public final class LogDeadLetters
    extends PTransform<PCollection<DeadLetter>, PCollection<DeadLetter>> {
  /** The longest part of a refused line quoted in the log. */
  static final int QUOTED_CHARS = 200;

  public static LogDeadLetters of() {
    return new LogDeadLetters();
  }

  private LogDeadLetters() {}

  @Override
  public PCollection<DeadLetter> expand(PCollection<DeadLetter> deadLetters) {
    return deadLetters
        .apply(ParDo.of(new LogFn()))
        .setCoder(deadLetters.getCoder());
  }

  /**
   * What the log says of one dead letter after its step: the reason and the start of the line,
   * its control characters escaped so that one line of the log stays one.
   */
  static String describe(DeadLetter d) {
    String payload = d.getPayload();
    String start = payload.length() <= QUOTED_CHARS ? payload : payload.substring(0, QUOTED_CHARS);
    StringBuilder quoted = new StringBuilder();
    for (char ch : start.toCharArray()) {
      if (Character.isISOControl(ch)) {
        quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        quoted.append(ch);
      }
    }
    if (payload.length() > QUOTED_CHARS) {
      quoted.append("... (").append(payload.length()).append(" chars)");
    }
    return d.getError() + " (" + (d.getSource() == null ? "" : "from " + d.getSource() + ", ")
        + "line: " + quoted + ")";
  }

  private static final class LogFn extends DoFn<DeadLetter, DeadLetter> {
    @ProcessElement
    public void process(@Element DeadLetter d, OutputReceiver<DeadLetter> out) {
      FailureLog.record(d.getStep(), describe(d));
      out.output(d);
    }
  }
}
