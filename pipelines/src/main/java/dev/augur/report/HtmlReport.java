package dev.augur.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.augur.evaluation.DetectionScore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Writes a {@link ReportData} as one self-contained HTML file: a summary with the detection
 * figures (when labels were given) and a table of every series, most anomalous first, then per
 * series a chart per statistic of actual against expected with the prediction band, incidents
 * shaded from opening to resolution and labelled anomalies shaded in another colour.
 *
 * <p>The page fetches nothing: charts are inline SVG drawn by {@link SvgChart}, styles are inline
 * and fonts are the reader's own. It holds no script. Every string that came from data (series
 * names, statistics, summaries, file names) is escaped with Guava's HTML escaper, and attribute
 * values are always double-quoted, so a series named {@code <img src=x onerror=alert(1)>} shows
 * as that text.
 *
 * <p>Large inputs stay small: at most {@link ReportOptions#maxChartedSeries()} series are drawn
 * (the table lists all) and each chart at most {@link ReportOptions#maxPointsPerChart()} windows
 * ({@link Downsample}).
 *
 * <pre>{@code
 * bin/augur report --comparisons=out/comparisons --incidents=out/incidents \
 *     --labels=events/labels.jsonl --output=report.html
 * }</pre>
 */
public final class HtmlReport {
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  private static final String STYLE =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
          + "margin:24px auto;max-width:1000px;padding:0 16px;color:#1d2430;background:#fff}"
          + "h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;margin:28px 0 6px}"
          + ".meta,.note{color:#5b6473;font-size:.9em}"
          + "table{border-collapse:collapse;font-size:.88em;margin:8px 0}"
          + "th,td{border-bottom:1px solid #e1e4ea;padding:3px 8px;text-align:left;vertical-align:top}"
          + "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
          + ".empty{padding:12px 16px;background:#fff4e0;border-left:4px solid #e08a00}"
          + ".problems{padding:8px 16px;background:#fdeeee;border-left:4px solid #c0392b}"
          + "section.series{border-top:1px solid #e1e4ea;margin-top:22px}"
          + ".series-name{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}"
          + "figure{margin:10px 0}figcaption{font-size:.9em;color:#3a4250;margin-bottom:2px}"
          + "svg.chart{width:100%;height:auto;display:block}"
          + ".plot{fill:#fbfcfe;stroke:#d5d9e0}.grid{stroke:#e6e9ef;stroke-width:1}"
          + ".tick{font-size:11px;fill:#5b6473}.tick.y,.tick.x.end{text-anchor:end}.tick.x{text-anchor:middle}"
          + ".tick.x.start{text-anchor:start}"
          + ".band{fill:#9cc3ef;fill-opacity:.55;stroke:none}"
          + ".expected{fill:none;stroke:#2f6db5;stroke-width:1.3;stroke-dasharray:5 3}"
          + ".actual{fill:none;stroke:#1d2430;stroke-width:1.4}"
          + ".actual-dot{fill:#1d2430}.expected-dot{fill:#2f6db5}"
          + ".outside{fill:#d62828;stroke:#fff;stroke-width:.6}"
          + ".incident{fill:#f4a261;fill-opacity:.35}"
          + ".incident.open{fill-opacity:.22;stroke:#e08a00;stroke-dasharray:4 3}"
          + ".label{fill:#8e6bbf;fill-opacity:.16;stroke:#8e6bbf;stroke-dasharray:3 3}"
          + ".label-strip{fill:#8e6bbf}"
          + ".nodata{font-size:13px;fill:#8a93a3;text-anchor:middle}"
          + "svg.legend{height:18px;vertical-align:middle}.legend-item{margin-right:14px;font-size:.88em;white-space:nowrap;display:inline-block}";

  private HtmlReport() {}

  /** Writes the report to {@code file}, creating its directory. */
  public static void write(ReportData data, Path file) throws IOException {
    write(data, file.toAbsolutePath().toString());
  }

  /**
   * Writes the report to {@code location} through Beam's file systems (a local path, creating its
   * directory, or an {@code s3://} object).
   */
  public static void write(ReportData data, String location) throws IOException {
    ResourceId id = FileSystems.matchNewResource(location, false);
    try (Writer w =
        new OutputStreamWriter(
            Channels.newOutputStream(FileSystems.create(id, "text/html")),
            StandardCharsets.UTF_8)) {
      w.write(render(data));
    }
  }

  /** The whole page. */
  public static String render(ReportData data) {
    StringBuilder out = new StringBuilder(64 * 1024);
    String title = data.options().title();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>").append(esc(title)).append("</title><style>").append(STYLE)
        .append("</style></head>\n<body>\n<header><h1>").append(esc(title)).append("</h1>");
    out.append("<p class=\"meta\">Generated ").append(SvgChart.FULL.format(Instant.now()))
        .append(" UTC");
    if (!data.isEmpty()) {
      out.append(" · windows from ").append(time(data.startMillis())).append(" to ")
          .append(time(data.endMillis())).append(" UTC");
      if (data.windowMillis() > 0) {
        out.append(" · ").append(duration(data.windowMillis())).append(" windows");
      }
    }
    out.append("</p><p class=\"meta\">");
    for (String source : data.sources()) {
      out.append(esc(source)).append("<br>");
    }
    out.append("</p></header>\n");

    if (data.problemCount() > 0) {
      out.append("<div class=\"problems\" id=\"problems\"><p>").append(data.problemCount())
          .append(data.problemCount() == 1 ? " input line" : " input lines")
          .append(" could not be read and are left out")
          .append(data.problemCount() > data.problems().size() ? "; the first " + data.problems().size() + ":" : ":")
          .append("</p><ul>");
      for (String p : data.problems()) {
        out.append("<li>").append(esc(p)).append("</li>");
      }
      out.append("</ul></div>\n");
    }

    if (data.isEmpty()) {
      out.append("<p class=\"empty\" id=\"empty\">No comparisons and no incidents were found, so ")
          .append("there is nothing to chart. Check that the paths point at the comparisons and ")
          .append("incidents files a stream or backtest wrote (JSON lines, *.jsonl).</p>\n");
    } else if (data.comparisons() == 0) {
      out.append("<p class=\"empty\" id=\"empty\">No comparisons were found: the charts show ")
          .append("incidents only.</p>\n");
    }

    detection(out, data);
    summaryTable(out, data);
    charts(out, data);
    out.append("<p class=\"note\">A self-contained page: no scripts, nothing fetched. Times are UTC.</p>\n")
        .append("</body></html>\n");
    return out.toString();
  }

  private static void detection(StringBuilder out, ReportData data) {
    out.append("<section id=\"evaluation\"><h2>Detection quality</h2>");
    DetectionScore.Result r = data.detection();
    if (r == null) {
      out.append("<p class=\"note\">No labels were given, so precision, recall and time to ")
          .append("detect are not computed.</p></section>\n");
      return;
    }
    out.append("<p class=\"note\">Incidents against the labelled anomalies that start");
    if (data.evaluatedFrom() != null) {
      out.append(" from ").append(esc(SvgChart.FULL.format(data.evaluatedFrom())));
    }
    if (data.evaluatedTo() != null) {
      out.append(" before ").append(esc(SvgChart.FULL.format(data.evaluatedTo())));
    }
    out.append(" UTC. An incident finds a label of its series when it opens after the label ")
        .append("starts and at most ").append(data.options().graceWindows())
        .append(" windows after it ends.</p>");
    out.append("<table class=\"figures\"><tr><th>labelled anomalies</th><th class=\"n\">detected</th>")
        .append("<th class=\"n\">recall</th><th class=\"n\">incidents</th><th class=\"n\">true</th>")
        .append("<th class=\"n\">precision</th><th class=\"n\">F1</th>")
        .append("<th class=\"n\">mean time to detect</th></tr><tr>")
        .append("<td class=\"n\">").append(r.labels()).append("</td>")
        .append("<td class=\"n\">").append(r.detectedLabels()).append("</td>")
        .append("<td class=\"n\">").append(percent(r.recall())).append("</td>")
        .append("<td class=\"n\">").append(r.incidents()).append("</td>")
        .append("<td class=\"n\">").append(r.truePositiveIncidents()).append("</td>")
        .append("<td class=\"n\">").append(percent(r.precision())).append("</td>")
        .append("<td class=\"n\">").append(fixed(r.f1(), 3)).append("</td>")
        .append("<td class=\"n\">")
        .append(Double.isNaN(r.meanTimeToDetectMillis()) ? "–" : fixed(r.meanTimeToDetectMillis() / 60_000, 0) + " min")
        .append("</td></tr></table>");
    if (!r.missed().isEmpty()) {
      out.append("<p class=\"note\">Missed:</p><table class=\"missed\"><tr><th>series</th><th>kind</th>")
          .append("<th>from</th><th>to</th></tr>");
      for (DetectionScore.Label l : r.missed()) {
        out.append("<tr><td class=\"series-name\">").append(esc(l.series())).append("</td><td>")
            .append(esc(l.kind())).append("</td><td>").append(time(l.startMillis())).append("</td><td>")
            .append(time(l.endMillis())).append("</td></tr>");
      }
      out.append("</table>");
    }
    out.append("</section>\n");
  }

  private static void summaryTable(StringBuilder out, ReportData data) {
    List<SeriesReport> series = data.series();
    if (series.isEmpty()) {
      return;
    }
    out.append("<section id=\"summary\"><h2>Series</h2><p class=\"note\">")
        .append(series.size()).append(" series")
        .append(", most anomalous first: by incidents, then by the excess beyond the prediction ")
        .append("interval summed over windows (Σ max(0, |score| − 1), in interval half-widths), ")
        .append("then by the largest |score|.");
    int charted = Math.min(series.size(), data.options().maxChartedSeries());
    if (charted < series.size()) {
      out.append(" Charts are drawn for the first ").append(charted).append(" only.");
    }
    out.append("</p><table class=\"series-table\"><tr><th class=\"n\">#</th><th>series</th>")
        .append("<th class=\"n\">incidents</th><th class=\"n\">windows outside</th>")
        .append("<th class=\"n\">max |score|</th><th class=\"n\">excess</th>");
    boolean labels = data.detection() != null;
    if (labels) {
      out.append("<th class=\"n\">labels found</th>");
    }
    out.append("</tr>");
    for (int i = 0; i < series.size(); i++) {
      SeriesReport s = series.get(i);
      out.append("<tr><td class=\"n\">").append(i + 1).append("</td><td class=\"series-name\">");
      if (i < charted) {
        out.append("<a href=\"#s").append(i + 1).append("\">").append(esc(s.series())).append("</a>");
      } else {
        out.append(esc(s.series()));
      }
      out.append("</td><td class=\"n\">").append(s.incidents()).append("</td><td class=\"n\">")
          .append(s.outside()).append(" of ").append(s.scored()).append("</td><td class=\"n\">")
          .append(fixed(s.maxAbsScore(), 2)).append("</td><td class=\"n\">")
          .append(fixed(s.excess(), 1)).append("</td>");
      if (labels) {
        out.append("<td class=\"n\">").append(s.detectedLabels()).append(" of ")
            .append(s.labels().size()).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</table></section>\n");
  }

  private static void charts(StringBuilder out, ReportData data) {
    List<SeriesReport> series = data.series();
    if (series.isEmpty()) {
      return;
    }
    out.append("<section id=\"legend\"><h2>Charts</h2><p>")
        .append(legend("band", "<rect class=\"band\" x=\"0\" y=\"2\" width=\"26\" height=\"14\"/>", "prediction interval"))
        .append(legend("expected", "<line class=\"expected\" x1=\"0\" y1=\"9\" x2=\"26\" y2=\"9\"/>", "expected"))
        .append(legend("actual", "<line class=\"actual\" x1=\"0\" y1=\"9\" x2=\"26\" y2=\"9\"/>", "actual"))
        .append(legend("outside", "<circle class=\"outside\" cx=\"13\" cy=\"9\" r=\"4\"/>", "outside the interval"))
        .append(legend("incident", "<rect class=\"incident\" x=\"0\" y=\"0\" width=\"26\" height=\"18\"/>", "incident, opened to resolved (dashed: still open)"))
        .append(legend("label", "<rect class=\"label\" x=\"0\" y=\"0\" width=\"26\" height=\"18\"/><rect class=\"label-strip\" x=\"0\" y=\"0\" width=\"26\" height=\"4\"/>", "labelled anomaly"))
        .append("</p></section>\n");
    int charted = Math.min(series.size(), data.options().maxChartedSeries());
    for (int i = 0; i < charted; i++) {
      SeriesReport s = series.get(i);
      out.append("<section class=\"series\" id=\"s").append(i + 1).append("\"><h2>").append(i + 1)
          .append(". <span class=\"series-name\">").append(esc(s.series())).append("</span></h2>");
      out.append("<p class=\"note\">").append(s.incidents()).append(s.incidents() == 1 ? " incident" : " incidents")
          .append(", ").append(s.outside()).append(" of ").append(s.scored())
          .append(" scored windows outside the interval, largest |score| ")
          .append(fixed(s.maxAbsScore(), 2));
      if (!s.labels().isEmpty()) {
        out.append(", ").append(s.detectedLabels()).append(" of ").append(s.labels().size())
            .append(" labelled anomalies found");
      }
      out.append(".</p>");
      for (StatisticChart c : s.charts()) {
        List<Point> drawn = Downsample.thin(c.points(), data.options().maxPointsPerChart());
        out.append("<figure><figcaption><b>").append(esc(c.statistic())).append("</b> — ")
            .append(c.incidents().size()).append(c.incidents().size() == 1 ? " incident" : " incidents")
            .append(", ").append(c.outside()).append(" of ").append(c.scored())
            .append(" windows outside, max |score| ").append(fixed(c.maxAbsScore(), 2));
        if (drawn.size() < c.points().size()) {
          out.append(" (drawn: ").append(drawn.size()).append(" of ").append(c.points().size())
              .append(" windows, thinned keeping extremes)");
        }
        out.append("</figcaption>");
        SvgChart.render(out, s.series(), c, drawn, s.labels(), data.startMillis(), data.endMillis());
        out.append("</figure>");
      }
      incidents(out, s);
      out.append("</section>\n");
    }
  }

  private static void incidents(StringBuilder out, SeriesReport s) {
    if (s.incidents() == 0) {
      return;
    }
    out.append("<table class=\"incidents\"><tr><th>statistic</th><th>severity</th><th>opened</th>")
        .append("<th>resolved</th><th>summary</th></tr>");
    for (IncidentSpan i : SeriesReport.distinctIncidents(s.charts())) {
      out.append("<tr><td>").append(esc(i.statistic().replace(",", ", "))).append("</td><td>")
          .append(esc(i.severity()))
          .append("</td><td>").append(time(i.openedAtMillis())).append("</td><td>")
          .append(i.resolvedAtMillis() == null ? "still open" : time(i.resolvedAtMillis()))
          .append("</td><td>").append(esc(i.summary())).append("</td></tr>");
    }
    out.append("</table>");
  }

  private static String legend(String cls, String shape, String text) {
    return "<span class=\"legend-item\"><svg class=\"legend\" viewBox=\"0 0 26 18\" width=\"26\" height=\"18\">"
        + shape + "</svg> " + text + "</span>";
  }

  static String esc(String s) {
    return HTML.escape(s);
  }

  private static String time(long millis) {
    return SvgChart.FULL.format(Instant.ofEpochMilli(millis));
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
  }

  private static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String duration(long millis) {
    long minutes = millis / 60_000;
    if (minutes > 0 && millis % 60_000 == 0) {
      return minutes % 60 == 0 ? minutes / 60 + "-hour" : minutes + "-minute";
    }
    return millis / 1000.0 + "-second";
  }
}
