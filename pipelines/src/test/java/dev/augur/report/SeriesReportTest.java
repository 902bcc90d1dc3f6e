package dev.augur.report;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class SeriesReportTest {
  private static IncidentSpan span(String key, String statistic, long opened) {
    return new IncidentSpan(key, "s", statistic, "HIGH", opened, opened + 10, opened + 10, "", 2);
  }

  private static StatisticChart chart(String statistic, IncidentSpan... incidents) {
    return new StatisticChart(statistic, List.of(), List.of(incidents), 0, 0, 0, 0);
  }

  /** A series' incident table lists each incident once, earliest first, whichever chart drew it. */
  @Test
  public void incidentsAreListedOnceInTheOrderTheyOpened() {
    IncidentSpan late = span("b", "count", 2_000);
    IncidentSpan early = span("a", "mean,sum", 1_000);
    List<IncidentSpan> listed =
        SeriesReport.distinctIncidents(
            List.of(chart("count", late), chart("mean", early), chart("sum", early)));
    assertEquals(List.of(early, late), listed);
  }
}
