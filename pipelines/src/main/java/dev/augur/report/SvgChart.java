package dev.augur.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.augur.evaluation.DetectionScore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Draws one chart as inline SVG: the prediction band, the expected and the actual values over
 * time, windows outside the band marked, incidents shaded from opening to resolution and labelled
 * anomalies shaded in another colour, with value and time axes. Styling comes from the page's CSS
 * classes. Every string taken from data goes through the HTML escaper, which is also safe inside
 * SVG in an HTML document.
 *
 * <p>Drawn in Java rather than by a JavaScript chart library so the report needs no script at all:
 * it renders the same in any browser or mail client, cannot run anything a series name smuggles
 * in, and carries no third-party code to keep up to date.
 */
final class SvgChart {
  static final int WIDTH = 960;
  static final int HEIGHT = 220;
  private static final int LEFT = 64;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 26;
  private static final int LABEL_STRIP = 6;
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long MINUTE = 60_000L;
  private static final long[] TIME_STEPS = {
    MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 120 * MINUTE, 180 * MINUTE,
    360 * MINUTE, 720 * MINUTE, 1440 * MINUTE, 2 * 1440 * MINUTE, 7 * 1440 * MINUTE,
    14 * 1440 * MINUTE, 28 * 1440 * MINUTE, 91 * 1440 * MINUTE, 365 * 1440 * MINUTE
  };

  private final long t0;
  private final long t1;
  private double yMin;
  private double yMax;

  private SvgChart(long t0, long t1) {
    this.t0 = t0;
    this.t1 = t1 > t0 ? t1 : t0 + 1;
  }

  /**
   * Appends the SVG of {@code points} (already thinned) with {@code chart}'s incidents and the
   * series' {@code labels}, on the common time axis {@code [t0, t1]}.
   */
  static void render(
      StringBuilder out,
      String series,
      StatisticChart chart,
      List<Point> points,
      List<DetectionScore.Label> labels,
      long t0,
      long t1) {
    new SvgChart(t0, t1).draw(out, series, chart, points, labels);
  }

  private void draw(
      StringBuilder out,
      String series,
      StatisticChart chart,
      List<Point> points,
      List<DetectionScore.Label> labels) {
    valueRange(points);
    out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" data-statistic=\"").append(HTML.escape(chart.statistic()))
        .append("\" data-points=\"").append(points.size())
        .append("\" aria-label=\"").append(HTML.escape(chart.statistic() + " of " + series))
        .append("\">");
    out.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP)
        .append("\" width=\"").append(WIDTH - LEFT - RIGHT).append("\" height=\"")
        .append(HEIGHT - TOP - BOTTOM).append("\"/>");
    valueAxis(out);
    timeAxis(out);
    for (DetectionScore.Label l : labels) {
      shade(out, "label", l.startMillis(), l.endMillis(),
          l.kind() + " (labelled) " + FULL.format(Instant.ofEpochMilli(l.startMillis())) + " to "
              + FULL.format(Instant.ofEpochMilli(l.endMillis())) + " UTC");
      double x0 = x(l.startMillis());
      double x1 = Math.max(x(l.endMillis()), x0 + 1);
      out.append("<rect class=\"label-strip\" x=\"").append(f(x0)).append("\" y=\"").append(TOP)
          .append("\" width=\"").append(f(x1 - x0)).append("\" height=\"").append(LABEL_STRIP)
          .append("\"/>");
    }
    for (IncidentSpan s : chart.incidents()) {
      Long resolved = s.resolvedAtMillis();
      String when =
          FULL.format(Instant.ofEpochMilli(s.openedAtMillis())) + " to "
              + (resolved == null ? "still open" : FULL.format(Instant.ofEpochMilli(resolved)) + " UTC");
      shade(out, resolved == null ? "incident open" : "incident", s.openedAtMillis(),
          resolved == null ? t1 : resolved, s.severity() + " incident " + when + ": " + s.summary());
    }
    band(out, points);
    line(out, "expected", points, Point::expected);
    line(out, "actual", points, Point::actual);
    for (Point p : points) {
      if (p.outside() && p.actual() != null) {
        out.append("<circle class=\"outside\" cx=\"").append(f(xm(p))).append("\" cy=\"")
            .append(f(y(p.actual()))).append("\" r=\"2.6\"><title>")
            .append(HTML.escape(String.format(Locale.ROOT, "%s UTC: actual %s, expected %s, score %.2f",
                FULL.format(Instant.ofEpochMilli(p.startMillis())), num(p.actual()), num(p.expected()),
                p.score())))
            .append("</title></circle>");
      }
    }
    if (points.isEmpty()) {
      out.append("<text class=\"nodata\" x=\"").append(WIDTH / 2).append("\" y=\"")
          .append(HEIGHT / 2).append("\">no compared windows</text>");
    }
    out.append("</svg>");
  }

  private void shade(StringBuilder out, String cls, long from, long to, String title) {
    double x0 = x(from);
    double x1 = Math.max(x(to), x0 + 1);
    out.append("<rect class=\"").append(cls).append("\" x=\"").append(f(x0)).append("\" y=\"")
        .append(TOP).append("\" width=\"").append(f(x1 - x0)).append("\" height=\"")
        .append(HEIGHT - TOP - BOTTOM).append("\"><title>").append(HTML.escape(title))
        .append("</title></rect>");
  }

  /** The band as one closed path per run of windows that have both bounds. */
  private void band(StringBuilder out, List<Point> points) {
    int i = 0;
    while (i < points.size()) {
      if (!points.get(i).hasBand()) {
        i++;
        continue;
      }
      int j = i;
      while (j < points.size() && points.get(j).hasBand()) {
        j++;
      }
      StringBuilder d = new StringBuilder();
      for (int k = i; k < j; k++) {
        Point p = points.get(k);
        d.append(k == i ? 'M' : 'L').append(f(xm(p))).append(',').append(f(y(p.upper())));
      }
      for (int k = j - 1; k >= i; k--) {
        Point p = points.get(k);
        d.append('L').append(f(xm(p))).append(',').append(f(y(p.lower())));
      }
      out.append("<path class=\"band\" d=\"").append(d).append("Z\"/>");
      i = j;
    }
  }

  /** One polyline per run of windows where {@code value} is known. */
  private void line(StringBuilder out, String cls, List<Point> points, Function<Point, Double> value) {
    StringBuilder run = new StringBuilder();
    int length = 0;
    for (Point p : points) {
      Double v = value.apply(p);
      if (v == null) {
        length = flush(out, cls, run, length);
        continue;
      }
      if (length > 0) {
        run.append(' ');
      }
      run.append(f(xm(p))).append(',').append(f(y(v)));
      length++;
    }
    flush(out, cls, run, length);
  }

  private static int flush(StringBuilder out, String cls, StringBuilder run, int length) {
    if (length == 1) {
      // A lone window between gaps: a dot, since a one-point polyline draws nothing.
      String[] xy = run.toString().split(",");
      out.append("<circle class=\"").append(cls).append("-dot\" cx=\"").append(xy[0])
          .append("\" cy=\"").append(xy[1]).append("\" r=\"1.6\"/>");
    } else if (length > 1) {
      out.append("<polyline class=\"").append(cls).append("\" points=\"").append(run).append("\"/>");
    }
    run.setLength(0);
    return 0;
  }

  private void valueRange(List<Point> points) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      for (Double v : new Double[] {p.actual(), p.expected(), p.lower(), p.upper()}) {
        if (v != null) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    double span = hi - lo;
    if (span == 0) {
      span = lo == 0 ? 1 : Math.abs(lo);
    }
    yMin = lo - 0.05 * span;
    yMax = hi + 0.05 * span;
  }

  private void valueAxis(StringBuilder out) {
    double step = niceStep((yMax - yMin) / 4);
    if (!Double.isFinite(step) || step <= 0) {
      return;
    }
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
    for (double v = Math.ceil(yMin / step) * step; v <= yMax; v += step) {
      double y = y(v);
      out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      out.append("<text class=\"tick y\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
          .append("\">").append(String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0))
          .append("</text>");
    }
  }

  private void timeAxis(StringBuilder out) {
    long step = TIME_STEPS[TIME_STEPS.length - 1];
    for (long s : TIME_STEPS) {
      if ((t1 - t0) / s <= 8) {
        step = s;
        break;
      }
    }
    DateTimeFormatter format = step >= 1440 * MINUTE ? DAYS : MINUTES;
    for (long t = Math.floorDiv(t0 + step - 1, step) * step; t <= t1; t += step) {
      double x = x(t);
      out.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x))
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
      // Labels at the plot's edges are anchored inwards so they are not cut off.
      String anchor = x > WIDTH - RIGHT - 40 ? " end" : x < LEFT + 40 ? " start" : "";
      out.append("<text class=\"tick x").append(anchor).append("\" x=\"").append(f(x)).append("\" y=\"")
          .append(HEIGHT - BOTTOM + 16).append("\">").append(format.format(Instant.ofEpochMilli(t)))
          .append("</text>");
    }
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / magnitude;
    double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private double x(long t) {
    double clamped = Math.max(t0, Math.min(t1, t));
    return LEFT + (clamped - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
  }

  private double xm(Point p) {
    return x(p.startMillis() + (p.endMillis() - p.startMillis()) / 2);
  }

  private double y(double v) {
    return TOP + (yMax - v) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
  }

  /** A coordinate with one decimal, as short as it can be. */
  static String f(double v) {
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
  }

  static String num(Double v) {
    return v == null ? "none" : String.format(Locale.ROOT, "%.4g", v);
  }
}
