package dev.augur.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded, deterministic generator of many series of events with labelled anomalies, for demos,
 * tests and benchmarks.
 *
 * <p>Each series (identified by its dimensions, e.g. {@code region=eu-west-1,service=checkout}) has
 * its own rate scale, value level, local time zone, daily and weekly seasonality and mild trend.
 * Its events arrive as a non-homogeneous Poisson process, so window counts are seasonal and
 * heteroscedastic; its values are a seasonal level times lognormal noise. Anomalies ({@link
 * AnomalyKind}) are injected only after the configured clean period, never overlap on one series,
 * and are reported by {@link #labels()}.
 *
 * <pre>{@code
 * SyntheticGenerator gen = new SyntheticGenerator(GeneratorConfig.builder().seed(1).build());
 * for (Iterator<SyntheticEvent> it = gen.events(); it.hasNext(); ) {
 *   SyntheticEvent e = it.next();   // in global timestamp order
 * }
 * gen.writeJsonLines(Path.of("out/events"), 4, true);
 * gen.writeLabels(Path.of("out/labels.jsonl"));
 * }</pre>
 *
 * <p>Output depends only on the configuration: every series draws from its own random streams
 * derived from the seed and its index, and every call to {@link #events()} starts afresh. Streaming
 * needs memory proportional to the number of series, not of events. Instances are immutable and may
 * be shared; the iterators they return are not thread-safe.
 */
public final class SyntheticGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticGenerator.class);
  private static final Pattern EVENT_FILE =
      Pattern.compile("events-\\d{5}-of-\\d{5}\\.jsonl(\\.gz)?");

  private final GeneratorConfig config;
  private final List<SeriesPlan> plans;
  private final List<AnomalyLabel> labels;
  private volatile long expectedEventCount = -1;

  /** Plans all series and anomalies of {@code config}; cheap, draws no events. */
  public SyntheticGenerator(GeneratorConfig config) {
    this.config = config;
    List<SeriesPlan> p = new ArrayList<>(config.seriesCount());
    List<AnomalyLabel> l = new ArrayList<>();
    for (SeriesIdentity identity : SeriesCatalog.identities(config)) {
      SeriesPlan plan = SeriesPlan.of(config, identity);
      p.add(plan);
      for (PlannedAnomaly a : plan.anomalies) {
        l.add(a.label);
      }
    }
    l.sort(Comparator.comparingLong(AnomalyLabel::startMillis).thenComparing(AnomalyLabel::series));
    this.plans = Collections.unmodifiableList(p);
    this.labels = Collections.unmodifiableList(l);
  }

  public GeneratorConfig config() {
    return config;
  }

  /** The canonical keys of all series, by series index. */
  public List<String> seriesKeys() {
    List<String> keys = new ArrayList<>(plans.size());
    for (SeriesPlan p : plans) {
      keys.add(p.identity.key);
    }
    return keys;
  }

  /** The keys of the series whose events carry no value. */
  public Set<String> countOnlySeriesKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (SeriesPlan p : plans) {
      if (p.profile.countOnly) {
        keys.add(p.identity.key);
      }
    }
    return keys;
  }

  /**
   * A fresh iterator over all events in non-decreasing timestamp order (ties by series index), all
   * within {@code [start, start + duration)}. Each call replays the same events.
   */
  public Iterator<SyntheticEvent> events() {
    return new MergedEventIterator(config, plans);
  }

  /** The injected anomalies, sorted by start then series; empty when anomalies are off. */
  public List<AnomalyLabel> labels() {
    return labels;
  }

  /**
   * The expected number of events (the integral of the event rates, anomalies included); the actual
   * count differs by Poisson noise, about its square root. The first call costs one step per
   * series-minute (some 30 ms per million); later calls return the cached result.
   */
  public long expectedEventCount() {
    long cached = expectedEventCount;
    if (cached < 0) {
      double sum = 0;
      long durationMs = config.duration().toMillis();
      for (SeriesPlan p : plans) {
        sum += p.expectedEvents(durationMs);
      }
      cached = Math.round(sum);
      expectedEventCount = cached;
    }
    return cached;
  }

  /**
   * Writes all events as JSON lines (see {@link SyntheticEvent}) into {@code files} files in {@code
   * dir}, named {@code events-00000-of-00004.jsonl} (plus {@code .gz} when {@code gzip}). File
   * {@code k} holds the events of the {@code k}-th of {@code files} equal time ranges, in time
   * order, so reading the files in name order yields all events in time order. Every file is
   * created, even if empty. Existing files in {@code dir} named like {@code
   * events-NNNNN-of-NNNNN.jsonl[.gz]} are deleted first, so stale parts of an earlier run with
   * another file count cannot mix in.
   *
   * @return the number of events written
   */
  public long writeJsonLines(Path dir, int files, boolean gzip) throws IOException {
    if (files < 1 || files > 99_999) {
      throw new IllegalArgumentException("files must be in [1, 99999], got " + files);
    }
    Files.createDirectories(dir);
    deleteOldEventFiles(dir);
    long startMillis = config.start().toEpochMilli();
    long durationMs = config.duration().toMillis();
    long began = System.nanoTime();
    long written = 0;
    Timestamps timestamps = new Timestamps();
    StringBuilder line = new StringBuilder(128);
    Iterator<SyntheticEvent> it = events();
    SyntheticEvent pending = it.hasNext() ? it.next() : null;
    for (int k = 0; k < files; k++) {
      long fileEnd = startMillis + rangeEnd(durationMs, k, files);
      try (Writer w = open(dir.resolve(eventFileName(k, files, gzip)), gzip)) {
        while (pending != null && pending.timestampMillis() < fileEnd) {
          line.setLength(0);
          pending.appendJson(line, timestamps);
          w.append(line.append('\n'));
          written++;
          pending = it.hasNext() ? it.next() : null;
        }
      }
    }
    if (pending != null) {
      throw new IllegalStateException("event beyond the last file's time range: " + pending);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    LOG.info(
        "wrote {} events of {} series to {} file(s) in {} in {} s ({} events/s)",
        written,
        plans.size(),
        files,
        dir,
        String.format(Locale.ROOT, "%.1f", seconds),
        String.format(Locale.ROOT, "%.0f", written / Math.max(seconds, 1e-9)));
    return written;
  }

  /** Writes {@link #labels()} to {@code file} as JSON lines (see {@link AnomalyLabel}). */
  public void writeLabels(Path file) throws IOException {
    AnomalyLabel.writeAll(file, labels);
  }

  /** The name of part {@code k} of {@code files}, e.g. {@code events-00000-of-00004.jsonl.gz}. */
  public static String eventFileName(int k, int files, boolean gzip) {
    return String.format(Locale.ROOT, "events-%05d-of-%05d.jsonl%s", k, files, gzip ? ".gz" : "");
  }

  private static long rangeEnd(long durationMs, int k, int files) {
    return k == files - 1 ? durationMs : Math.multiplyExact(durationMs, (long) k + 1) / files;
  }

  private static void deleteOldEventFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (EVENT_FILE.matcher(p.getFileName().toString()).matches()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Writer open(Path file, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (gzip) {
      out = new FastGzipOutputStream(out);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Gzip at the fastest compression level, which keeps writing well ahead of generation. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
