package nl.gmsd.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the op-orde pages; no scripts, fonts or external references. Every
 * chart has a visible title, an axis with its unit, and one scale shared by all its rows, with
 * round tick values ({@link #niceScale}).
 */
final class SvgCharts {

  private SvgCharts() {}

  /** One row of the band chart: a rate of the gemeente against its peers (null = no peers). */
  record BandRow(String label, double rate, PeerStatistics peers) {}

  /** One row of the bar chart: counts in the previous and this period (null = not shown). */
  record BarRow(String label, Long previous, Long current) {}

  /** A linear axis from 0 to {@code top} in steps of {@code step}. */
  record Scale(double top, double step) {
    int decimals() {
      return step >= 1 ? 0 : Math.abs(step * 10 - Math.rint(step * 10)) < 1e-9 ? 1 : 2;
    }
  }

  private static final int WIDTH = 720;
  private static final int LABEL_WIDTH = 230;
  private static final int VALUE_WIDTH = 70;
  private static final int PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  private static final int TITLE_HEIGHT = 26;
  private static final int AXIS_HEIGHT = 38;
  private static final int ROW_HEIGHT = 34;

  /**
   * An axis from 0 that holds {@code max}, with about five ticks at 1, 2, 2.5 or 5 times a power
   * of ten; whole steps only when {@code integers}. Terminates: one candidate of the fixed list
   * always fits, since the largest is ten times the magnitude of {@code max / 5}.
   */
  static Scale niceScale(double max, boolean integers) {
    if (!(max > 0) || Double.isInfinite(max)) {
      return new Scale(integers ? 5 : 1, integers ? 1 : 0.2);
    }
    double raw = max / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = 10 * magnitude;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    if (integers) {
      step = Math.max(1, Math.ceil(step));
    }
    double top = Math.ceil(max / step - 1e-9) * step;
    return new Scale(top, step);
  }

  /**
   * A horizontal band chart, all rows on one scale: light band between the group's fences (the
   * range without a flag), dark band P25-P75, a line at the median and a diamond for the gemeente
   * (red when outside the fences).
   */
  static String bandChart(String titleNl, String unitNl, List<BandRow> rows, double fenceFactor) {
    double max = 0;
    for (BandRow r : rows) {
      max = Math.max(max, r.rate());
      if (r.peers() != null) {
        max = Math.max(max, r.peers().upperFence(fenceFactor));
      }
    }
    Scale scale = niceScale(max, false);
    int plotTop = TITLE_HEIGHT;
    int height = plotTop + ROW_HEIGHT * rows.size() + AXIS_HEIGHT + 22;
    StringBuilder sb = open(titleNl, height);
    grid(sb, scale, plotTop, plotTop + ROW_HEIGHT * rows.size(), unitNl);
    int y = plotTop;
    for (BandRow r : rows) {
      double mid = y + ROW_HEIGHT / 2.0;
      sb.append(label(mid, r.label()));
      boolean outside = false;
      if (r.peers() != null) {
        PeerStatistics p = r.peers();
        double lo = Math.max(0, p.lowerFence(fenceFactor));
        double hi = p.upperFence(fenceFactor);
        sb.append(rect(LABEL_WIDTH + x(lo, scale), mid - 8, x(hi, scale) - x(lo, scale), 16, "#d6e4f5"));
        sb.append(rect(LABEL_WIDTH + x(p.p25(), scale), mid - 8, x(p.p75(), scale) - x(p.p25(), scale), 16,
            "#7fa9d6"));
        double mx = LABEL_WIDTH + x(p.median(), scale);
        sb.append(line(mx, mid - 11, mx, mid + 11, "#0b3d78", 2));
        outside = p.outside(r.rate(), fenceFactor);
      }
      double gx = LABEL_WIDTH + x(r.rate(), scale);
      sb.append(diamond(gx, mid, 7, outside ? "#c1121f" : "#f4a261"));
      sb.append("<text x=\"").append(WIDTH - VALUE_WIDTH + 8).append("\" y=\"").append(f(mid + 4))
          .append("\" font-size=\"12\">").append(DutchNumbers.decimal(r.rate(), 1)).append("</text>\n");
      y += ROW_HEIGHT;
    }
    sb.append(bandLegend(y + AXIS_HEIGHT + 12));
    sb.append("</svg>");
    return sb.toString();
  }

  /** Horizontal bars per row on one shared scale: previous period grey, this period blue. */
  static String barChart(String titleNl, String unitNl, String previousLabel, String currentLabel,
      List<BarRow> rows) {
    boolean withPrevious = rows.stream().anyMatch(r -> r.previous() != null);
    boolean withCurrent = rows.stream().anyMatch(r -> r.current() != null);
    int barH = 11;
    int bars = (withPrevious ? 1 : 0) + (withCurrent ? 1 : 0);
    int rowH = Math.max(1, bars) * (barH + 1) + 9;
    long max = 0;
    for (BarRow r : rows) {
      max = Math.max(max, r.current() == null ? 0 : r.current());
      max = Math.max(max, r.previous() == null ? 0 : r.previous());
    }
    Scale scale = niceScale(max, true);
    int plotTop = TITLE_HEIGHT;
    int plotBottom = plotTop + rowH * rows.size();
    int height = plotBottom + AXIS_HEIGHT + 22;
    StringBuilder sb = open(titleNl, height);
    grid(sb, scale, plotTop, plotBottom, unitNl);
    int y = plotTop;
    for (BarRow r : rows) {
      sb.append(label(y + rowH / 2.0, r.label()));
      double by = y + 4;
      if (withPrevious) {
        bar(sb, by, barH, r.previous(), scale, "#a6a6a6");
        by += barH + 1;
      }
      if (withCurrent) {
        bar(sb, by, barH, r.current(), scale, "#1d5fa8");
      }
      sb.append('\n');
      y += rowH;
    }
    double ly = plotBottom + AXIS_HEIGHT + 12;
    double lx = LABEL_WIDTH;
    if (withPrevious) {
      sb.append(rect(lx, ly - 9, 16, 10, "#a6a6a6")).append(text(lx + 20, ly, previousLabel));
      lx += 110;
    }
    if (withCurrent) {
      sb.append(rect(lx, ly - 9, 16, 10, "#1d5fa8")).append(text(lx + 20, ly, currentLabel));
    }
    sb.append("</svg>");
    return sb.toString();
  }

  private static void bar(StringBuilder sb, double y, int h, Long value, Scale scale, String fill) {
    if (value == null) {
      sb.append(text(LABEL_WIDTH + 4, y + h - 1, "\u2013"));
      return;
    }
    sb.append(rect(LABEL_WIDTH, y, x(value, scale), h, fill));
    sb.append(text(LABEL_WIDTH + x(value, scale) + 4, y + h - 1, DutchNumbers.integer(value)));
  }

  private static StringBuilder open(String titleNl, int height) {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(titleNl)).append("\">")
        .append("<title>").append(Html.esc(titleNl)).append("</title>\n")
        .append("<text class=\"chart-title\" x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"600\">")
        .append(Html.esc(titleNl)).append("</text>\n");
    return sb;
  }

  /** Vertical grid lines at every tick, the tick values below the plot and the unit under them. */
  private static void grid(StringBuilder sb, Scale scale, double top, double bottom, String unitNl) {
    int ticks = (int) Math.round(scale.top() / scale.step());
    for (int i = 0; i <= ticks; i++) {
      double v = i * scale.step();
      double gx = LABEL_WIDTH + x(v, scale);
      sb.append(line(gx, top, gx, bottom, i == 0 ? "#555" : "#e2e2e2", 1));
      sb.append("<text class=\"tick\" x=\"").append(f(gx)).append("\" y=\"").append(f(bottom + 14))
          .append("\" font-size=\"10\" text-anchor=\"middle\">")
          .append(DutchNumbers.decimal(v, scale.decimals())).append("</text>");
    }
    sb.append(line(LABEL_WIDTH, bottom, LABEL_WIDTH + PLOT_WIDTH, bottom, "#555", 1));
    sb.append("<text class=\"unit\" x=\"").append(f(LABEL_WIDTH + PLOT_WIDTH / 2.0)).append("\" y=\"")
        .append(f(bottom + 30)).append("\" font-size=\"11\" text-anchor=\"middle\">").append(Html.esc(unitNl))
        .append("</text>\n");
  }

  private static String bandLegend(double y) {
    StringBuilder sb = new StringBuilder();
    double lx = LABEL_WIDTH;
    sb.append(rect(lx, y - 9, 16, 10, "#d6e4f5")).append(text(lx + 20, y, "binnen de grenzen"));
    lx += 118;
    sb.append(rect(lx, y - 9, 16, 10, "#7fa9d6")).append(text(lx + 20, y, "P25\u2013P75"));
    lx += 78;
    sb.append(line(lx, y - 10, lx, y + 1, "#0b3d78", 2)).append(text(lx + 6, y, "mediaan"));
    lx += 62;
    sb.append(diamond(lx + 5, y - 5, 5, "#f4a261")).append(text(lx + 14, y, "uw gemeente"));
    lx += 92;
    sb.append(diamond(lx + 5, y - 5, 5, "#c1121f")).append(text(lx + 14, y, "buiten de grenzen"));
    return sb.toString();
  }

  private static String label(double mid, String labelText) {
    return "<text x=\"0\" y=\"" + f(mid + 4) + "\" font-size=\"12\">" + Html.esc(labelText) + "</text>";
  }

  private static String diamond(double cx, double cy, double r, String fill) {
    return "<path d=\"M" + f(cx) + ' ' + f(cy - r) + " L" + f(cx + r) + ' ' + f(cy) + " L" + f(cx) + ' '
        + f(cy + r) + " L" + f(cx - r) + ' ' + f(cy) + " Z\" fill=\"" + fill + "\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>";
  }

  private static double x(double value, Scale scale) {
    return Math.max(0, Math.min(PLOT_WIDTH, value / scale.top() * PLOT_WIDTH));
  }

  private static String rect(double x, double y, double w, double h, String fill) {
    return "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(Math.max(w, 0)) + "\" height=\""
        + f(h) + "\" fill=\"" + fill + "\"/>";
  }

  private static String line(double x1, double y1, double x2, double y2, String stroke, int w) {
    return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2)
        + "\" stroke=\"" + stroke + "\" stroke-width=\"" + w + "\"/>";
  }

  private static String text(double x, double y, String s) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"10\">" + Html.esc(s) + "</text>";
  }

  /** SVG coordinates: fixed one decimal, dot, whatever the default locale. */
  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
