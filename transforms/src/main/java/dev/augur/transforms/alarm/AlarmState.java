package dev.augur.transforms.alarm;

import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The alarm state of one series and statistic, advanced by {@link AlarmStateMachine}: the window
 * last processed, which of the last N windows breached (a bit mask), the latest breaching windows
 * kept as evidence, the cooldown end and, while an incident is open, its opening window, severity
 * and streaks. Its size is bounded by {@link AlarmConfig#maxEvidence()} comparisons.
 *
 * <p>Mutable; not thread-safe. It is {@link Serializable} and has a compact binary form ({@link
 * #writeTo}/{@link #readFrom}) that stores the series and statistic once rather than in every
 * evidence window.
 */
public final class AlarmState implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte FORMAT_VERSION = 1;
  private static final Comparison.Direction[] DIRECTIONS = Comparison.Direction.values();
  private static final IncidentEvent.Severity[] SEVERITIES = IncidentEvent.Severity.values();

  // The key, bound by the first comparison.
  transient @Nullable String series;
  transient @Nullable String statistic;

  /** Start of the last processed window; meaningful only when {@link #started}. */
  transient boolean started;

  transient long lastWindowStart;

  /** Bit i set: the window i positions before the last one breached. */
  transient long history;

  /** Latest breaching windows, oldest first; while closed, only those within the last N. */
  transient ArrayDeque<Comparison> evidence = new ArrayDeque<>();

  /** Windows starting before this may not open an incident (cooldown after a resolve). */
  transient long quietUntil = Long.MIN_VALUE;

  // The open incident, if any.
  transient boolean open;
  transient long openingWindowStart;
  transient long since;
  transient IncidentEvent.Severity severity = IncidentEvent.Severity.LOW;

  /** Sustained score last reported in an OPENED or UPDATED event. */
  transient double reportedScore;

  transient int breachCount;
  transient int normalStreak;
  transient int noForecastStreak;

  AlarmState() {}

  /** The state of a key nothing has been seen of. */
  public static AlarmState initial() {
    return new AlarmState();
  }

  /** Whether an incident is open. */
  public boolean isOpen() {
    return open;
  }

  /** Start of the last processed window; null before the first. */
  public @Nullable Instant lastWindowStart() {
    return started ? new Instant(lastWindowStart) : null;
  }

  /**
   * Whether {@code c} comes after the last processed window and can be fed to the machine; a
   * comparison of that window or an earlier one is late or repeated.
   */
  public boolean accepts(Comparison c) {
    return !started || c.getWindowStart().getMillis() > lastWindowStart;
  }

  /** The evidence windows held, oldest first. */
  public List<Comparison> evidence() {
    return List.copyOf(evidence);
  }

  /** Writes the compact binary form. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    writeNullableString(out, series);
    writeNullableString(out, statistic);
    out.writeBoolean(started);
    out.writeLong(lastWindowStart);
    out.writeLong(history);
    out.writeLong(quietUntil);
    out.writeBoolean(open);
    out.writeLong(openingWindowStart);
    out.writeLong(since);
    out.writeByte(severity.ordinal());
    out.writeDouble(reportedScore);
    out.writeInt(breachCount);
    out.writeInt(normalStreak);
    out.writeInt(noForecastStreak);
    out.writeInt(evidence.size());
    for (Comparison c : evidence) {
      out.writeLong(c.getWindowStart().getMillis());
      out.writeLong(c.getWindowEnd().getMillis());
      writeNullableDouble(out, c.getActual());
      writeNullableDouble(out, c.getExpected());
      writeNullableDouble(out, c.getLower());
      writeNullableDouble(out, c.getUpper());
      writeNullableDouble(out, c.getScore());
      out.writeByte(c.getDirection().ordinal());
      writeNullableString(out, c.getModelVersion());
    }
  }

  /** Reads the form written by {@link #writeTo}. */
  public static AlarmState readFrom(DataInput in) throws IOException {
    AlarmState s = new AlarmState();
    s.readFields(in);
    return s;
  }

  private void readFields(DataInput in) throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unknown alarm state format " + version);
    }
    series = readNullableString(in);
    statistic = readNullableString(in);
    started = in.readBoolean();
    lastWindowStart = in.readLong();
    history = in.readLong();
    quietUntil = in.readLong();
    open = in.readBoolean();
    openingWindowStart = in.readLong();
    since = in.readLong();
    severity = SEVERITIES[in.readByte()];
    reportedScore = in.readDouble();
    breachCount = in.readInt();
    normalStreak = in.readInt();
    noForecastStreak = in.readInt();
    int n = in.readInt();
    evidence = new ArrayDeque<>(n);
    for (int i = 0; i < n; i++) {
      Instant start = new Instant(in.readLong());
      Instant end = new Instant(in.readLong());
      Double actual = readNullableDouble(in);
      Double expected = readNullableDouble(in);
      Double lower = readNullableDouble(in);
      Double upper = readNullableDouble(in);
      Double score = readNullableDouble(in);
      Comparison.Direction direction = DIRECTIONS[in.readByte()];
      String modelVersion = readNullableString(in);
      evidence.addLast(
          Comparison.create(
              series,
              statistic,
              start,
              end,
              actual,
              expected,
              lower,
              upper,
              score,
              direction,
              modelVersion));
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    writeTo(out);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    readFields(in);
  }

  private static void writeNullableString(DataOutput out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static @Nullable String readNullableString(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void writeNullableDouble(DataOutput out, @Nullable Double d) throws IOException {
    out.writeBoolean(d != null);
    if (d != null) {
      out.writeDouble(d);
    }
  }

  private static @Nullable Double readNullableDouble(DataInput in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AlarmState)) {
      return false;
    }
    AlarmState s = (AlarmState) o;
    return Objects.equals(series, s.series)
        && Objects.equals(statistic, s.statistic)
        && started == s.started
        && lastWindowStart == s.lastWindowStart
        && history == s.history
        && quietUntil == s.quietUntil
        && open == s.open
        && openingWindowStart == s.openingWindowStart
        && since == s.since
        && severity == s.severity
        && Double.compare(reportedScore, s.reportedScore) == 0
        && breachCount == s.breachCount
        && normalStreak == s.normalStreak
        && noForecastStreak == s.noForecastStreak
        && new ArrayList<>(evidence).equals(new ArrayList<>(s.evidence));
  }

  @Override
  public int hashCode() {
    return Objects.hash(series, statistic, lastWindowStart, history, open, openingWindowStart);
  }

  @Override
  public String toString() {
    return "AlarmState{"
        + series
        + "|"
        + statistic
        + (started ? ", last=" + new Instant(lastWindowStart) : "")
        + ", history="
        + Long.toBinaryString(history)
        + ", evidence="
        + evidence.size()
        + (open
            ? ", open since "
                + new Instant(since)
                + " "
                + severity
                + " breaches="
                + breachCount
                + " normal="
                + normalStreak
                + " noForecast="
                + noForecastStreak
            : ", closed")
        + "}";
  }
}
