package dev.augur.transforms.alarm;

import dev.augur.models.Statistic;
import dev.augur.transforms.records.Comparison;
import dev.augur.transforms.records.IncidentEvent;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * Turns the comparisons of one series and statistic, fed in window order, into incident events.
 * Plain Java and deterministic: the same comparisons give the same events, dedupe keys and
 * summaries on every run. Holds only the {@link AlarmConfig}; the per-key state is an {@link
 * AlarmState} passed to {@link #advance}.
 *
 * <h2>Window verdicts</h2>
 *
 * <ul>
 *   <li>BREACHING: outside the interval and material (see {@link AlarmConfig}), or without an
 *       actual value under {@link MissingDataPolicy#BREACHING}.
 *   <li>NORMAL: inside the interval, outside it by an immaterial amount, or without an actual value
 *       under {@link MissingDataPolicy#NORMAL}.
 *   <li>MISSING: without an actual value under {@link MissingDataPolicy#IGNORE}, or ABOVE/BELOW
 *       without the numbers to judge it. Neither breaching nor normal.
 *   <li>NO_FORECAST: no forecast covers the window. Never breaching, whatever the policy.
 * </ul>
 *
 * <p>With {@link AlarmConfig#firstWindowPartial()}, the first window fed to a fresh state counts
 * as MISSING whatever its comparison says: a live source started mid-window saw only part of it.
 *
 * <h2>Transitions</h2>
 *
 * <ul>
 *   <li><b>Open</b>: a BREACHING window opens an incident (OPENED) when at least M ({@code
 *       datapointsToAlarm}) of the last N ({@code evaluationPeriods}) windows, itself included,
 *       breach, no incident is open, and the window does not start within the cooldown. The last N
 *       windows are counted by time on the series' window grid: a window for which no comparison
 *       arrived at all (a gap) takes its place in the range as neither breaching nor normal, so
 *       breaches separated by a long gap do not add up.
 *   <li><b>Update</b>: a BREACHING window of an open incident emits UPDATED when the severity
 *       rises, or when the sustained score reaches {@code escalationFactor} times the sustained
 *       score last reported (and exceeds it). Severity never falls within an incident.
 *   <li><b>Resolve</b>: K ({@code resolveAfterNormalWindows}) consecutive NORMAL windows resolve
 *       the incident (RESOLVED). A BREACHING window restarts the count; MISSING, NO_FORECAST
 *       windows and gaps neither count nor restart it.
 *   <li><b>No longer assessable</b>: {@code resolveAfterNoForecastWindows} consecutive NO_FORECAST
 *       windows (0: never) resolve an open incident (RESOLVED, with a summary saying so), because
 *       without a forecast it can neither be confirmed nor cleared; a NORMAL or BREACHING window
 *       restarts the count. Fewer of them leave it open.
 *   <li><b>Cooldown</b>: after a resolve, windows starting within {@code cooldownWindows} windows
 *       of the resolving window's end cannot open an incident (their breaches still count towards M
 *       of N once the cooldown is over). A resolve also forgets earlier breaches, so a new incident
 *       needs M fresh ones.
 * </ul>
 *
 * <h2>Severity</h2>
 *
 * The <em>sustained score</em> is the smallest |score| among the latest M breaching windows of the
 * incident (0 for a window breaching by missing data): every one of the M windows was at least this
 * far out. It maps to LOW below {@code mediumScore}, MEDIUM below {@code highScore}, HIGH below
 * {@code criticalScore}, else CRITICAL. Persistence then raises it one level (up to CRITICAL) once
 * the incident has {@code persistentWindows} breaching windows (0: never).
 *
 * <h2>Events</h2>
 *
 * All events of one incident share a dedupe key: the first 32 hex digits of SHA-256 over series,
 * statistic and the start of the opening window, so it is identical on replay and distinct per
 * incident. {@code openedAt} is the end of the opening window and {@code eventTime} the end of the
 * window causing the event. Evidence is the incident's latest breaching windows (at most {@code
 * maxEvidence}), oldest first; for OPENED these are the breaching windows of the last N. Summaries
 * read e.g. "count of region=eu-west-1,service=checkout 3.4× above forecast since
 * 2024-05-01T10:15Z: actual 340, expected 100 (interval 80 to 120), score 12; 3 of last 5 windows
 * breaching".
 *
 * <p>Usage: {@code List<IncidentEvent> events = machine.advance(state, comparison)} per window, with
 * one {@link AlarmState} per series and statistic; {@link AlarmReference} does this over a list,
 * and the Beam transform {@code DetectIncidents} over a stream.
 */
public final class AlarmStateMachine implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How one window counts. */
  public enum Verdict {
    BREACHING,
    NORMAL,
    MISSING,
    NO_FORECAST
  }

  private static final DateTimeFormatter MINUTES =
      DateTimeFormat.forPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(DateTimeZone.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormat.forPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(DateTimeZone.UTC);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final AlarmConfig config;

  public AlarmStateMachine(AlarmConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must be set");
    }
    this.config = config;
  }

  public AlarmConfig config() {
    return config;
  }

  /** How {@code c} counts under this configuration. */
  public Verdict classify(Comparison c) {
    switch (c.getDirection()) {
      case WITHIN:
        return Verdict.NORMAL;
      case NO_FORECAST:
        return Verdict.NO_FORECAST;
      case NO_ACTUAL:
        switch (config.missingData()) {
          case NORMAL:
            return Verdict.NORMAL;
          case BREACHING:
            return Verdict.BREACHING;
          default:
            return Verdict.MISSING;
        }
      default:
        Double score = c.getScore();
        Double actual = c.getActual();
        Double expected = c.getExpected();
        if (score == null || score.isNaN() || actual == null || expected == null) {
          return Verdict.MISSING;
        }
        double deviation = Math.abs(actual - expected);
        boolean material =
            Math.abs(score) >= config.minScore()
                && deviation >= config.minAbsoluteDeviation()
                && deviation >= config.minRelativeDeviation() * Math.abs(expected);
        return material ? Verdict.BREACHING : Verdict.NORMAL;
    }
  }

  /**
   * Advances {@code state} by one window and returns the events it causes (none or one).
   *
   * @throws IllegalArgumentException if {@code c} belongs to another series or statistic than the
   *     state, does not start after the last processed window ({@link AlarmState#accepts}), or has
   *     an empty window
   */
  public List<IncidentEvent> advance(AlarmState state, Comparison c) {
    long start = c.getWindowStart().getMillis();
    long end = c.getWindowEnd().getMillis();
    long length = end - start;
    if (length <= 0) {
      throw new IllegalArgumentException("window of " + describeKey(c) + " is empty: " + c);
    }
    if (state.series == null) {
      state.series = c.getSeries();
      state.statistic = c.getStatistic();
    } else if (!state.series.equals(c.getSeries()) || !state.statistic.equals(c.getStatistic())) {
      throw new IllegalArgumentException(
          "comparison of "
              + describeKey(c)
              + " fed to the state of "
              + state.statistic
              + " of "
              + state.series);
    }
    if (!state.accepts(c)) {
      throw new IllegalArgumentException(
          "comparisons must be fed in window order: "
              + c.getWindowStart()
              + " of "
              + describeKey(c)
              + " is not after "
              + state.lastWindowStart());
    }
    int n = config.evaluationPeriods();
    long steps = state.started ? Math.max(1, (start - state.lastWindowStart) / length) : n;
    // A fresh start's first window may hold only its later events (see AlarmConfig).
    Verdict verdict = !state.started && config.firstWindowPartial() ? Verdict.MISSING : classify(c);
    long mask = n == 64 ? -1L : (1L << n) - 1;
    long shifted = steps >= 64 ? 0 : state.history << steps;
    state.history = (shifted | (verdict == Verdict.BREACHING ? 1 : 0)) & mask;
    state.started = true;
    state.lastWindowStart = start;

    List<IncidentEvent> events = new ArrayList<>(1);
    if (!state.open) {
      long rangeStart = start - (n - 1) * length;
      while (!state.evidence.isEmpty()
          && state.evidence.peekFirst().getWindowStart().getMillis() < rangeStart) {
        state.evidence.pollFirst();
      }
      if (verdict == Verdict.BREACHING) {
        addEvidence(state, c);
        if (Long.bitCount(state.history) >= config.datapointsToAlarm()
            && start >= state.quietUntil) {
          events.add(open(state, c, length));
        }
      }
      return events;
    }
    switch (verdict) {
      case BREACHING:
        addEvidence(state, c);
        state.breachCount++;
        state.normalStreak = 0;
        state.noForecastStreak = 0;
        double sustained = sustainedScore(state);
        IncidentEvent.Severity severity = severityFor(sustained, state.breachCount);
        boolean rose = severity.compareTo(state.severity) > 0;
        boolean grew =
            sustained > state.reportedScore
                && sustained >= config.escalationFactor() * state.reportedScore;
        if (rose || grew) {
          if (rose) {
            state.severity = severity;
          }
          state.reportedScore = Math.max(state.reportedScore, sustained);
          events.add(event(state, IncidentEvent.Type.UPDATED, c, updatedSummary(state, c, rose)));
        }
        break;
      case NORMAL:
        state.noForecastStreak = 0;
        if (++state.normalStreak >= config.resolveAfterNormalWindows()) {
          events.add(resolve(state, c, length, resolvedSummary(state, c, false)));
        }
        break;
      case NO_FORECAST:
        int limit = config.resolveAfterNoForecastWindows();
        if (++state.noForecastStreak >= limit && limit > 0) {
          events.add(resolve(state, c, length, resolvedSummary(state, c, true)));
        }
        break;
      default:
        break;
    }
    return events;
  }

  /**
   * The dedupe key of the incident of {@code series} and {@code statistic} opened at {@code start}.
   */
  public static String dedupeKey(String series, String statistic, Instant openingWindowStart) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // Length prefixes keep the fields from running together whatever characters they hold.
      String identity =
          series.length()
              + ":"
              + series
              + "|"
              + statistic.length()
              + ":"
              + statistic
              + "|"
              + openingWindowStart.getMillis();
      byte[] digest = sha.digest(identity.getBytes(StandardCharsets.UTF_8));
      char[] hex = new char[32];
      for (int i = 0; i < 16; i++) {
        hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX[digest[i] & 0xf];
      }
      return new String(hex);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private IncidentEvent open(AlarmState state, Comparison c, long length) {
    state.open = true;
    state.openingWindowStart = c.getWindowStart().getMillis();
    int oldest = 63 - Long.numberOfLeadingZeros(state.history);
    state.since = state.openingWindowStart - oldest * length;
    state.breachCount = Long.bitCount(state.history);
    state.normalStreak = 0;
    state.noForecastStreak = 0;
    state.reportedScore = sustainedScore(state);
    state.severity = severityFor(state.reportedScore, state.breachCount);
    return event(state, IncidentEvent.Type.OPENED, c, openedSummary(state, c));
  }

  private IncidentEvent resolve(AlarmState state, Comparison c, long length, String summary) {
    IncidentEvent resolved = event(state, IncidentEvent.Type.RESOLVED, c, summary);
    state.open = false;
    state.quietUntil = c.getWindowEnd().getMillis() + config.cooldownWindows() * length;
    state.history = 0;
    state.evidence.clear();
    state.breachCount = 0;
    state.normalStreak = 0;
    state.noForecastStreak = 0;
    state.reportedScore = 0;
    state.severity = IncidentEvent.Severity.LOW;
    return resolved;
  }

  private IncidentEvent event(
      AlarmState state, IncidentEvent.Type type, Comparison c, String summary) {
    Instant openingStart = new Instant(state.openingWindowStart);
    return IncidentEvent.create(
        dedupeKey(state.series, state.statistic, openingStart),
        type,
        state.series,
        state.statistic,
        state.severity,
        openingStart.plus(c.getWindowEnd().getMillis() - c.getWindowStart().getMillis()),
        c.getWindowEnd(),
        summary,
        new ArrayList<>(state.evidence));
  }

  private void addEvidence(AlarmState state, Comparison c) {
    state.evidence.addLast(c);
    while (state.evidence.size() > config.maxEvidence()) {
      state.evidence.pollFirst();
    }
  }

  /** Smallest |score| among the latest M breaching windows; 0 for a window without a score. */
  private double sustainedScore(AlarmState state) {
    double min = Double.POSITIVE_INFINITY;
    Iterator<Comparison> latest = state.evidence.descendingIterator();
    for (int i = 0; i < config.datapointsToAlarm() && latest.hasNext(); i++) {
      Double score = latest.next().getScore();
      min = Math.min(min, score == null || score.isNaN() ? 0 : Math.abs(score));
    }
    // Only reached with evidence: an incident opens on a breaching window.
    return min;
  }

  private IncidentEvent.Severity severityFor(double sustained, int breachCount) {
    int level =
        sustained >= config.criticalScore()
            ? 3
            : sustained >= config.highScore() ? 2 : sustained >= config.mediumScore() ? 1 : 0;
    if (config.persistentWindows() > 0 && breachCount >= config.persistentWindows()) {
      level = Math.min(3, level + 1);
    }
    return IncidentEvent.Severity.values()[level];
  }

  /**
   * How far and which way {@code c} deviates: "3.4× above forecast", or below it as a share, "40%
   * of forecast" ("0.4× below forecast" would read as neither how far nor which way, and an
   * outage as "0× below"); a count of 0 reads as what it is to whoever is paged, "silent (no
   * events)".
   */
  static String deviation(Comparison c) {
    switch (c.getDirection()) {
      case ABOVE:
      case BELOW:
        boolean above = c.getDirection() == Comparison.Direction.ABOVE;
        Double actual = c.getActual();
        Double expected = c.getExpected();
        if (actual == null || expected == null || !(expected > 0)) {
          return above ? "above forecast" : "below forecast";
        }
        if (!above && actual == 0 && Statistic.COUNT.id().equals(c.getStatistic())) {
          return "silent (no events)";
        }
        return above
            ? number(actual / expected) + "× above forecast"
            : number(100 * actual / expected) + "% of forecast";
      default:
        return "without a value (missing data counts as breaching)";
    }
  }

  private String openedSummary(AlarmState state, Comparison c) {
    return describeKey(c)
        + " "
        + deviation(c)
        + " since "
        + time(state.since)
        + ": "
        + values(c)
        + "; "
        + state.breachCount
        + " of last "
        + config.evaluationPeriods()
        + " windows breaching";
  }

  private static String updatedSummary(AlarmState state, Comparison c, boolean rose) {
    return describeKey(c)
        + (rose ? " escalated to " : " deviation grew, still ")
        + state.severity
        + ": "
        + deviation(c)
        + " since "
        + time(state.since)
        + ": "
        + values(c)
        + "; "
        + state.breachCount
        + " windows breaching";
  }

  private String resolvedSummary(AlarmState state, Comparison c, boolean unassessable) {
    String why =
        unassessable
            ? " no longer assessable: no forecast for " + state.noForecastStreak + " windows"
            : " back to normal: " + state.normalStreak + " normal windows";
    return describeKey(c)
        + why
        + " up to "
        + time(c.getWindowEnd().getMillis())
        + "; deviated since "
        + time(state.since)
        + ", "
        + state.breachCount
        + " windows breaching";
  }

  private static String describeKey(Comparison c) {
    return c.getStatistic() + " of " + c.getSeries();
  }

  private static String values(Comparison c) {
    StringBuilder s = new StringBuilder();
    s.append("actual ").append(c.getActual() == null ? "none" : number(c.getActual()));
    if (c.getExpected() != null) {
      s.append(", expected ").append(number(c.getExpected()));
    }
    if (c.getLower() != null && c.getUpper() != null) {
      s.append(" (interval ")
          .append(number(c.getLower()))
          .append(" to ")
          .append(number(c.getUpper()))
          .append(')');
    }
    if (c.getScore() != null) {
      s.append(", score ").append(number(c.getScore()));
    }
    return s.toString();
  }

  /** Three significant digits, or whole numbers from 1000 on; no exponent. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    BigDecimal d = new BigDecimal(v);
    d = Math.abs(v) >= 1000 ? d.setScale(0, RoundingMode.HALF_UP) : d.round(new MathContext(3));
    String s = d.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  private static String time(long millis) {
    return (millis % 60_000 == 0 ? MINUTES : SECONDS).print(millis);
  }
}
