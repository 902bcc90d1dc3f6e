package dev.augur.report;

import static dev.augur.report.ReportFixture.EVIL;
import static dev.augur.report.ReportFixture.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.augur.evaluation.DetectionScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HtmlReportTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private ReportFixture threeSeries() throws Exception {
    return new ReportFixture(tmp.getRoot().toPath())
        .series("service=quiet", 96, -1, 0, 1)
        .series("service=loud", 96, 40, 6.0, 2)
        .series(EVIL, 96, 60, -3.0, 3)
        .incident(EVIL, "mean", 61, 66, "mean below " + EVIL + " since <b>10:00</b>")
        .label(EVIL, 60, 63)
        .label("service=loud", 40, 43)
        .write();
  }

  /**
   * A backtest's training windows, never compared, are drawn only as context: the charts start a
   * quarter of the compared span before the first compared window.
   */
  @Test
  public void aBacktestsTrainingSpanIsDrawnOnlyAsContext() throws Exception {
    ReportFixture f = new ReportFixture(tmp.newFolder("backtest").toPath());
    for (String statistic : new String[] {"count", "mean"}) {
      for (int i = 0; i < 80; i++) {
        f.comparison("s", statistic, i, 100.0, null, null, null, null); // training: no forecast
      }
      for (int i = 80; i < 100; i++) {
        f.comparison("s", statistic, i, 100.0, 100.0, 90.0, 110.0, 0.0);
      }
    }
    String html = HtmlReport.render(f.write().load(ReportOptions.defaults()));
    // 20 compared windows, and a quarter of that (5) before them.
    assertEquals(2, ReportFixture.count(html, "data-points=\"25\""));
    assertTrue(html.contains("windows from 2024-05-01 18:45 to 2024-05-02 01:00 UTC"));
  }

  @Test
  public void seriesNamesAndSummariesFromDataAreEscaped() throws Exception {
    String html = HtmlReport.render(threeSeries().load(ReportOptions.defaults()));
    assertThat(html, containsString("&lt;img src=x onerror=alert(1)&gt;"));
    assertThat(html, containsString("since &lt;b&gt;10:00&lt;/b&gt;"));
    assertThat(html, not(containsString("<img")));
    assertThat(html, not(containsString("<b>10:00")));
    assertThat(html, not(containsString("<script")));
    // Inside attributes too (the chart's aria-label carries the series name).
    assertThat(html, containsString("aria-label=\"count of &lt;img src=x onerror=alert(1)&gt;\""));
  }

  @Test
  public void seriesAreSortedByIncidentsThenExcessBeyondTheBand() throws Exception {
    ReportData data = threeSeries().load(ReportOptions.defaults());
    List<String> order = data.series().stream().map(SeriesReport::series).collect(Collectors.toList());
    // EVIL has the only incident; loud deviates further (3 windows at 6) than quiet (none).
    assertEquals(List.of(EVIL, "service=loud", "service=quiet"), order);
    String html = HtmlReport.render(data);
    int evil = html.indexOf("id=\"s1\"");
    int loud = html.indexOf("id=\"s2\"");
    int quiet = html.indexOf("id=\"s3\"");
    assertTrue(evil >= 0 && evil < loud && loud < quiet);
    assertThat(html.substring(loud, quiet), containsString("service=loud"));
    assertEquals(2 * 5.0 * 3, data.series().get(1).excess(), 1e-9);
  }

  @Test
  public void oneChartPerSeriesAndStatistic() throws Exception {
    String html = HtmlReport.render(threeSeries().load(ReportOptions.defaults()));
    assertEquals(3, count(html, "<section class=\"series\""));
    assertEquals(3 * 2, count(html, "<svg class=\"chart\""));
    assertEquals(3, count(html, "data-statistic=\"count\""));
    assertEquals(3, count(html, "data-statistic=\"mean\""));
    // The incident is shaded on its own statistic's chart, the labels on every chart of their series.
    String charts = html.substring(html.indexOf("id=\"s1\""));
    assertEquals(1, count(charts, "<rect class=\"incident\""));
    assertEquals(2 * 2, count(charts, "<rect class=\"label\""));
  }

  @Test
  public void emptyInputsSayWhyThereIsNothingToChart() throws Exception {
    Path comparisons = tmp.newFolder("comparisons").toPath();
    Path incidents = tmp.newFolder("incidents").toPath();
    ReportData data = ReportData.load(comparisons, incidents, null, ReportOptions.defaults());
    assertTrue(data.isEmpty());
    Path out = tmp.getRoot().toPath().resolve("out/report.html");
    HtmlReport.write(data, out);
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(html, containsString("id=\"empty\""));
    assertThat(html, containsString("No comparisons and no incidents were found"));
    assertEquals(0, count(html, "<svg class=\"chart\""));
    assertNull(data.detection());
  }

  @Test
  public void aMissingPathFailsNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReportData.load(tmp.getRoot().toPath().resolve("nope"), tmp.getRoot().toPath(), null, ReportOptions.defaults()));
    assertThat(e.getMessage(), containsString("--comparisons"));
  }

  @Test
  public void unreadableLinesAreCountedAndListedEscaped() throws Exception {
    ReportFixture f = new ReportFixture(tmp.getRoot().toPath()).series("service=a", 8, -1, 0, 1);
    f.comparisonLines.add("{\"series\":\"x\",\"statistic\":\"count\"}");
    f.comparisonLines.add("<not json>");
    f.comparisonLines.add(f.comparisonLines.get(0).replace("\"actual\":", "\"actual\":\"many\",\"was\":"));
    f.write();
    ReportData data = f.load(ReportOptions.defaults());
    assertEquals(3, data.problemCount());
    assertEquals(16, data.comparisons());
    String html = HtmlReport.render(data);
    assertThat(html, containsString("3 input lines could not be read"));
    assertThat(html, containsString("lacks &#39;direction&#39;"));
    assertThat(html, containsString("&#39;actual&#39; is not a number"));
    assertThat(html, not(containsString("<not json>")));
  }

  @Test
  public void replayedLinesCountOnceAndIncidentsAreThreadedByKey() throws Exception {
    ReportFixture f =
        new ReportFixture(tmp.getRoot().toPath())
            .series("service=a", 10, 3, 4.0, 1)
            .incident("service=a", "count", 4, 8, "count above")
            .incident("service=a", "mean", 4, -1, "mean above");
    f.comparisonLines.addAll(List.copyOf(f.comparisonLines));
    f.incidentLines.addAll(List.copyOf(f.incidentLines));
    f.write();
    ReportData data = f.load(ReportOptions.defaults());
    SeriesReport s = data.series().get(0);
    assertEquals(2, s.incidents());
    StatisticChart count = s.charts().get(0);
    assertEquals("count", count.statistic());
    assertEquals(10, count.points().size());
    IncidentSpan closed = count.incidents().get(0);
    assertEquals("HIGH", closed.severity());
    assertEquals(ReportFixture.at(9).getMillis(), (long) closed.resolvedAtMillis());
    assertEquals(3, closed.events());
    assertEquals("resolved: count above", closed.summary());
    IncidentSpan open = s.charts().get(1).incidents().get(0);
    assertFalse(open.resolved());
    assertThat(HtmlReport.render(data), containsString("<rect class=\"incident open\""));
  }

  @Test
  public void anIncidentOfTheSeriesIsShadedOnEachStatisticItCoversAndListedOnce() throws Exception {
    ReportData data =
        new ReportFixture(tmp.getRoot().toPath())
            .series("service=a", 10, 3, 4.0, 1)
            .seriesIncident("service=a", 4, 8, "count and mean above")
            .write()
            .load(ReportOptions.defaults());
    SeriesReport s = data.series().get(0);
    assertEquals(1, s.incidents());
    assertEquals(List.of("count", "mean"), List.of(s.charts().get(0).statistic(), s.charts().get(1).statistic()));
    for (StatisticChart c : s.charts()) {
      assertEquals(1, c.incidents().size());
      assertEquals("count,mean", c.incidents().get(0).statistic());
    }
    String html = HtmlReport.render(data);
    // The legend's swatch and one shade per chart.
    assertEquals(1 + 2, ReportFixture.count(html, "<rect class=\"incident\""));
    assertEquals(1, ReportFixture.count(html, "<td>count, mean</td>"));
  }

  @Test
  public void detectionFiguresAreDetectionScoresOverLabelsInTheSpan() throws Exception {
    ReportFixture f =
        threeSeries();
    // A label before the compared span (say in the training history) is not scored.
    f.label("service=quiet", -200, -190).write();
    ReportData data = f.load(ReportOptions.defaults());
    DetectionScore.Result r = data.detection();
    DetectionScore.Result expected =
        DetectionScore.score(
            List.of(
                new DetectionScore.Label(EVIL, f.labelList.get(0).startMillis(), f.labelList.get(0).endMillis(), "SPIKE"),
                new DetectionScore.Label("service=loud", f.labelList.get(1).startMillis(), f.labelList.get(1).endMillis(), "SPIKE")),
            List.of(new DetectionScore.Detection(EVIL, ReportFixture.at(62).getMillis())),
            4 * ReportFixture.WINDOW);
    assertEquals(expected, r);
    assertEquals(2, r.labels());
    assertEquals(1, r.detectedLabels());
    assertEquals(1.0, r.precision(), 0);
    assertEquals(1, data.series().get(0).detectedLabels());
    assertEquals(0, data.series().get(1).detectedLabels());
    String html = HtmlReport.render(data);
    assertThat(html, containsString("50.0 %"));
    assertThat(html, containsString("100.0 %"));
  }

  @Test
  public void labelsBeforeTheFirstWindowWithAForecastAreNotScored() throws Exception {
    // As a backtest writes it: its training span has windows but no forecast yet.
    ReportFixture f = new ReportFixture(tmp.getRoot().toPath());
    for (int i = 0; i < 100; i++) {
      boolean compared = i >= 50;
      f.comparison(
          "service=a", "count", i, 100.0, compared ? 100.0 : null, compared ? 90.0 : null,
          compared ? 110.0 : null, compared ? 0.0 : null);
    }
    f.label("service=a", 10, 12).label("service=a", 70, 72).write();
    DetectionScore.Result r = f.load(ReportOptions.defaults()).detection();
    assertEquals(1, r.labels());
    assertEquals(0, r.detectedLabels());
    // A span given explicitly still wins.
    assertEquals(
        2,
        f.load(ReportOptions.defaults().withEvaluationSpan(java.time.Instant.ofEpochMilli(ReportFixture.START), null))
            .detection()
            .labels());
  }

  @Test
  public void onlyTheMostAnomalousSeriesAreChartedAndLongSeriesAreThinned() throws Exception {
    ReportFixture f = new ReportFixture(tmp.getRoot().toPath());
    for (int i = 0; i < 5; i++) {
      f.series("service=s" + i, 3000, 100 * i, 2.0 + i, i);
    }
    f.write();
    ReportData data = f.load(ReportOptions.defaults().withLimits(400, 2));
    String html = HtmlReport.render(data);
    assertEquals(2, count(html, "<section class=\"series\""));
    assertEquals(4, count(html, "<svg class=\"chart\""));
    assertEquals(5, count(html, "<td class=\"series-name\">"));
    assertThat(html, containsString("Charts are drawn for the first 2 only"));
    assertThat(html, containsString("drawn: "));
    assertTrue("report of " + html.length() + " chars", html.length() < 200_000);
    assertThat(html.substring(html.indexOf("id=\"s1\"")), containsString("service=s4"));
  }

  @Test
  public void badLimitsFailNamingTheOption() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReportOptions.defaults().withLimits(2, 10));
    assertThat(e.getMessage(), containsString("--maxPoints"));
  }
}
