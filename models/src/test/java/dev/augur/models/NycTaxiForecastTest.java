package dev.augur.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.evaluation.nab.NabData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.Test;

/**
 * Walk-forward accuracy on the NAB {@code nyc_taxi} series (passenger counts per 30 minutes,
 * July 2014 to January 2015): a per-series model is trained on the first 60% and then, fixed,
 * forecasts every later window 1 step (30 min) and 5 steps (2.5 h) ahead from the actual history.
 * WAPE is measured on windows outside the labelled anomaly windows and compared with the weekly
 * seasonal naive forecast on the same windows. Published 2.5 h figures for reference: Numenta HTM
 * 8.09%, LSTM 8.19%, weekly seasonal naive 8.8%.
 */
public class NycTaxiForecastTest {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter LABEL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final long WINDOW = 30 * 60_000L;
  private static final int WEEK = 336;

  @Test
  public void walkForwardBeatsWeeklySeasonalNaive() throws IOException {
    Path nab = NabData.dir();
    assumeTrue("NAB data not found (set -Daugur.nab.dir or place it at ../shared/nab); "
        + "skipping the nyc_taxi evaluation",
        nab != null && Files.isRegularFile(nab.resolve("data/realKnownCause/nyc_taxi.csv")));
    SeriesHistory history = read(nab.resolve("data/realKnownCause/nyc_taxi.csv"));
    boolean[] anomalous = labelled(nab.resolve("labels/combined_windows.json"), history);
    int trainEnd = (int) (history.length() * 0.6);
    ForecastConfig config = ForecastConfig.builder().scope(ModelScope.PER_SERIES).build();

    try (TrainedModel model =
        ForecastTrainer.train(Statistic.COUNT, List.of(history.head(trainEnd)), config)) {
      int[] origins = new int[history.length() - trainEnd];
      for (int i = 0; i < origins.length; i++) {
        origins[i] = trainEnd + i;
      }
      List<List<ForecastPoint>> runs = model.backtest(history, origins, 5);
      double[] x = history.values(Statistic.COUNT);
      double[] wape1 = wape(x, origins, runs, 1, anomalous);
      double[] wape5 = wape(x, origins, runs, 5, anomalous);
      System.out.printf(Locale.ROOT,
          "nyc_taxi: trained on %d windows in %.1f s; %s%n"
              + "nyc_taxi walk-forward over %d windows outside labelled anomalies:%n"
              + "  1 step (30 min): WAPE %.2f%% (weekly seasonal naive %.2f%%)%n"
              + "  5 steps (2.5 h): WAPE %.2f%% (weekly seasonal naive %.2f%%)%n",
          trainEnd, model.trainingSeconds(), model.evaluation().map(Object::toString).orElse(""),
          (int) wape5[2], 100 * wape1[0], 100 * wape1[1], 100 * wape5[0], 100 * wape5[1]);
      assertThat("1-step WAPE vs weekly seasonal naive", wape1[0], lessThan(wape1[1]));
      assertThat("5-step WAPE vs weekly seasonal naive", wape5[0], lessThan(wape5[1]));
      assertThat("1-step WAPE", wape1[0], lessThan(wape5[0]));
      // What this model achieves (3.13% and 6.60% when written), with a little room for
      // XGBoost version drift; the 5% goal at 2.5 h is not reached (see docs/status.md for the
      // variants measured).
      assertThat("1-step WAPE", wape1[0], lessThan(0.035));
      assertThat("5-step WAPE", wape5[0], lessThan(0.07));
    }
  }

  /** {model WAPE, weekly seasonal naive WAPE, windows} at {@code step} ahead. */
  private static double[] wape(double[] x, int[] origins, List<List<ForecastPoint>> runs,
      int step, boolean[] anomalous) {
    List<double[]> rows = new ArrayList<>();
    for (int o = 0; o < origins.length; o++) {
      int t = origins[o] + step - 1;
      if (t >= x.length || anomalous[t] || t - WEEK < 0) {
        continue;
      }
      rows.add(new double[] {x[t], runs.get(o).get(step - 1).expected(), x[t - WEEK]});
    }
    double[] actual = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] model = rows.stream().mapToDouble(r -> r[1]).toArray();
    double[] naive = rows.stream().mapToDouble(r -> r[2]).toArray();
    return new double[] {
      Accuracy.wape(actual, model), Accuracy.wape(actual, naive), actual.length
    };
  }

  static SeriesHistory read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    long start = -1;
    List<Double> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      long t = LocalDateTime.parse(f[0].trim(), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      if (start < 0) {
        start = t;
      }
      int index = (int) ((t - start) / WINDOW);
      if ((t - start) % WINDOW != 0 || index < values.size()) {
        throw new IllegalStateException("irregular timestamp in " + csv + ": " + f[0]);
      }
      while (values.size() < index) {
        values.add(Double.NaN);
      }
      values.add(Double.parseDouble(f[1].trim()));
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new SeriesHistory("nab=nyc_taxi", start, WINDOW, Map.of(Statistic.COUNT, v));
  }

  static boolean[] labelled(Path labels, SeriesHistory history) throws IOException {
    JsonNode windows = new ObjectMapper().readTree(labels.toFile()).get("realKnownCause/nyc_taxi.csv");
    boolean[] out = new boolean[history.length()];
    for (JsonNode w : windows) {
      long from = LocalDateTime.parse(w.get(0).asText(), LABEL_TIME).toInstant(ZoneOffset.UTC)
          .toEpochMilli();
      long to = LocalDateTime.parse(w.get(1).asText(), LABEL_TIME).toInstant(ZoneOffset.UTC)
          .toEpochMilli();
      for (int i = 0; i < out.length; i++) {
        long t = history.windowStart(i);
        out[i] |= t >= from && t <= to;
      }
    }
    return out;
  }
}
