package dev.augur.evaluation.nab;

import dev.augur.evaluation.nab.NabScorer.Window;
import dev.augur.synthetic.AnomalyKind;
import dev.augur.synthetic.AnomalyLabel;
import dev.augur.synthetic.GeneratorConfig;
import dev.augur.synthetic.SyntheticEvent;
import dev.augur.synthetic.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores {@link AugurNabDetector} under NAB's rules on series it was never tuned on: series from
 * Augur's generator, labelled as NAB labels its files, for a grid of alarm levels and cooldowns;
 * not a unit test. Where the development subset is present ({@link NabData#dir}) the same grid is
 * scored on it too, so a setting chosen on the nine files can be checked against data they do not
 * hold. Run after {@code mvn test-compile}:
 *
 * <pre>{@code
 * java -cp models/target/classes:models/target/test-classes:$(cat models/target/cp.txt) \
 *     dev.augur.evaluation.nab.GeneratedNabBenchmark [seeds=1,2,3] [series=30] [days=14] \
 *     [alarmSurprises=2.25,2.5,2.75] [cooldowns=25,50,75,100,150]
 * }</pre>
 *
 * <p>Each seed generates {@code series} series of {@code days} days (two events a minute, a quarter
 * of the series count-only, anomalies of every kind after the first three days at 0.15 a series a
 * day, 30 minutes to 4 hours long). Each series becomes one NAB file of 5-minute rows: the mean of
 * the window's values, or its count for a count-only series (missing data in a value series repeats
 * the last mean, as a metric agent would report it, and is still labelled). As NAB's labellers do,
 * each anomaly gets a window of {@code 10 % × rows / anomalies} rows centred on its start, and
 * overlapping windows are merged.
 */
public final class GeneratedNabBenchmark {
  private static final long ROW_MILLIS = Duration.ofMinutes(5).toMillis();

  private GeneratedNabBenchmark() {}

  public static void main(String[] args) throws IOException {
    long[] seeds = longs(arg(args, 0, "1,2,3"));
    int seriesCount = Integer.parseInt(arg(args, 1, "30"));
    int days = Integer.parseInt(arg(args, 2, "14"));
    double[] levels =
        Arrays.stream(arg(args, 3, "2.25,2.5,2.75").split(",")).mapToDouble(Double::parseDouble).toArray();
    int[] cooldowns =
        Arrays.stream(arg(args, 4, "25,50,75,100,150").split(",")).mapToInt(Integer::parseInt).toArray();

    Map<String, List<Corpus>> corpora = new TreeMap<>();
    List<Corpus> generated = new ArrayList<>();
    for (long seed : seeds) {
      generated.add(generate(seed, seriesCount, days));
    }
    corpora.put("generated", generated);
    Path nab = NabData.dir();
    if (nab == null) {
      System.out.println("NAB development subset not found (../shared/nab); scoring generated series only");
    } else {
      corpora.put("nab-subset", List.of(nabSubset(nab)));
    }
    Map<String, Map<String, int[]>> defaults = new TreeMap<>();
    for (Map.Entry<String, List<Corpus>> c : corpora.entrySet()) {
      int rows = 0;
      int windows = 0;
      for (Corpus corpus : c.getValue()) {
        rows += corpus.rows();
        windows += corpus.windowCount();
      }
      System.out.printf(
          Locale.ROOT, "%n%s: %d corpus(es), %d rows, %d windows%n", c.getKey(), c.getValue().size(), rows, windows);
      System.out.println(
          "| alarm surprise | cooldown | standard | reward low FP | reward low FN | windows alarmed |"
              + " alarms outside windows | per corpus (standard) |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (double level : levels) {
        for (int cooldown : cooldowns) {
          double[] mean = new double[NabProfile.values().length];
          List<String> each = new ArrayList<>();
          Map<String, int[]> byKind = new TreeMap<>();
          int outside = 0;
          for (Corpus corpus : c.getValue()) {
            List<NabScorer.Series> scored = corpus.score(level, cooldown);
            outside += corpus.tally(scored, byKind);
            for (NabProfile p : NabProfile.values()) {
              double v = NabScorer.score(scored, p).normalized();
              mean[p.ordinal()] += v / c.getValue().size();
              if (p == NabProfile.STANDARD) {
                each.add(String.format(Locale.ROOT, "%.1f", v));
              }
            }
          }
          System.out.printf(
              Locale.ROOT,
              "| %.2f | %d | %.1f | %.1f | %.1f | %d / %d | %d | %s |%n",
              level, cooldown, mean[NabProfile.STANDARD.ordinal()],
              mean[NabProfile.REWARD_LOW_FP_RATE.ordinal()], mean[NabProfile.REWARD_LOW_FN_RATE.ordinal()],
              byKind.values().stream().mapToInt(x -> x[1]).sum(), windows, outside,
              String.join(" ", each));
          if (level == AugurNabDetector.ALARM_SURPRISE && cooldown == AugurNabDetector.COOLDOWN) {
            defaults.put(c.getKey(), byKind);
          }
        }
      }
    }
    printKinds(defaults);
  }

  private static void printKinds(Map<String, Map<String, int[]>> defaults) {
    defaults.forEach(
        (corpus, byKind) -> {
          System.out.printf(Locale.ROOT, "%n%s, windows alarmed at the defaults, by kind:%n", corpus);
          byKind.forEach((k, x) -> System.out.printf(Locale.ROOT, "  %s %d / %d%n", k, x[1], x[0]));
        });
  }

  /** One corpus: its series' rows, labelled windows and each window's kind of anomaly. */
  private record Corpus(
      List<String> names,
      List<long[]> seconds,
      List<double[]> values,
      List<List<Window>> windows,
      List<List<String>> kinds) {
    int rows() {
      return values.stream().mapToInt(v -> v.length).sum();
    }

    int windowCount() {
      return windows.stream().mapToInt(List::size).sum();
    }

    /** Adds each window's kind (windows, alarmed) to {@code byKind}; returns the alarms outside. */
    int tally(List<NabScorer.Series> scored, Map<String, int[]> byKind) {
      int outside = 0;
      for (int i = 0; i < scored.size(); i++) {
        double[] scores = scored.get(i).scores();
        boolean[] inside = new boolean[scores.length];
        List<Window> w = windows.get(i);
        for (int j = 0; j < w.size(); j++) {
          boolean alarmed = false;
          for (int r = w.get(j).first(); r <= w.get(j).last(); r++) {
            inside[r] = true;
            alarmed |= scores[r] == 1.0;
          }
          int[] x = byKind.computeIfAbsent(kinds.get(i).get(j), k -> new int[2]);
          x[0]++;
          x[1] += alarmed ? 1 : 0;
        }
        for (int r = 0; r < scores.length; r++) {
          outside += scores[r] == 1.0 && !inside[r] ? 1 : 0;
        }
      }
      return outside;
    }

    List<NabScorer.Series> score(double alarmSurprise, int cooldown) {
      List<NabScorer.Series> out = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        double[] scores =
            AugurNabDetector.scoreAll(seconds.get(i), values.get(i), alarmSurprise, cooldown);
        out.add(new NabScorer.Series(names.get(i), scores, windows.get(i)));
      }
      return out;
    }
  }

  private static Corpus nabSubset(Path dir) throws IOException {
    Map<String, List<NabCorpus.TimeWindow>> labels =
        NabCorpus.readLabels(dir.resolve("labels/combined_windows.json"));
    Corpus c = new Corpus(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (NabCorpus.Series s : NabCorpus.read(dir.resolve("data"))) {
      c.names().add(s.path());
      c.seconds().add(s.epochSeconds());
      c.values().add(s.values());
      List<Window> w = NabCorpus.windowRows(s, labels.getOrDefault(s.path(), List.of()));
      c.windows().add(w);
      c.kinds().add(w.stream().map(x -> "labelled").toList());
    }
    return c;
  }

  private static Corpus generate(long seed, int seriesCount, int days) {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seed(seed)
            .seriesCount(seriesCount)
            .duration(Duration.ofDays(days))
            .eventsPerMinute(2.0)
            .countOnlyFraction(0.25)
            .cleanPeriod(Duration.ofDays(3))
            .anomaliesPerSeriesPerDay(0.15)
            .anomalyDuration(Duration.ofMinutes(30), Duration.ofHours(4))
            .build();
    SyntheticGenerator generator = new SyntheticGenerator(config);
    long start = config.start().toEpochMilli();
    int rows = (int) (config.duration().toMillis() / ROW_MILLIS);
    Set<String> countOnly = generator.countOnlySeriesKeys();
    Map<String, double[]> sums = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    for (String key : generator.seriesKeys()) {
      sums.put(key, new double[rows]);
      counts.put(key, new int[rows]);
    }
    for (Iterator<SyntheticEvent> it = generator.events(); it.hasNext(); ) {
      SyntheticEvent e = it.next();
      int r = (int) ((e.timestampMillis() - start) / ROW_MILLIS);
      if (r < 0 || r >= rows) {
        continue;
      }
      counts.get(e.seriesKey())[r]++;
      if (e.hasValue()) {
        sums.get(e.seriesKey())[r] += e.value();
      }
    }
    Map<String, List<AnomalyLabel>> labels = new HashMap<>();
    for (AnomalyLabel l : generator.labels()) {
      labels.computeIfAbsent(l.series(), k -> new ArrayList<>()).add(l);
    }
    Corpus c = new Corpus(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (String key : generator.seriesKeys()) {
      double[] v = new double[rows];
      long[] t = new long[rows];
      int[] n = counts.get(key);
      double last = 0.0;
      for (int r = 0; r < rows; r++) {
        t[r] = (start + r * ROW_MILLIS) / 1000;
        if (countOnly.contains(key)) {
          v[r] = n[r];
        } else {
          last = n[r] == 0 ? last : sums.get(key)[r] / n[r];
          v[r] = last;
        }
      }
      c.names().add("seed" + seed + "/" + key);
      c.seconds().add(t);
      c.values().add(v);
      String type = countOnly.contains(key) ? "count" : "value";
      List<String> kinds = new ArrayList<>();
      c.windows().add(windows(labels.getOrDefault(key, List.of()), start, rows, type, kinds));
      c.kinds().add(kinds);
    }
    return c;
  }

  /** NAB's windows: {@code 10 % × rows / anomalies} rows centred on each start, overlaps merged. */
  private static List<Window> windows(
      List<AnomalyLabel> labels, long start, int rows, String type, List<String> kinds) {
    List<Window> out = new ArrayList<>();
    if (labels.isEmpty()) {
      return out;
    }
    int length = Math.max(1, (int) (0.1 * rows / labels.size()));
    List<int[]> spans = new ArrayList<>();
    for (AnomalyLabel l : labels) {
      int centre = (int) ((l.startMillis() - start) / ROW_MILLIS);
      int first = Math.max(0, centre - length / 2);
      spans.add(new int[] {first, Math.min(rows - 1, first + length - 1), l.kind().ordinal()});
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] cur = spans.get(0);
    String kind = AnomalyKind.values()[cur[2]] + "/" + type;
    for (int[] s : spans.subList(1, spans.size())) {
      if (s[0] <= cur[1] + 1) {
        cur = new int[] {cur[0], Math.max(cur[1], s[1]), cur[2]};
        kind = kind + "+" + AnomalyKind.values()[s[2]];
      } else {
        out.add(new Window(cur[0], cur[1]));
        kinds.add(kind);
        cur = s;
        kind = AnomalyKind.values()[cur[2]] + "/" + type;
      }
    }
    out.add(new Window(cur[0], cur[1]));
    kinds.add(kind);
    return out;
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }

  private static long[] longs(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
