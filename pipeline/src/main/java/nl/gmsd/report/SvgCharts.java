package nl.gmsd.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the op-orde pages; no scripts, fonts or external references. */
final class SvgCharts {

  private SvgCharts() {}

  /** One row of the band chart: a rate of the gemeente against its peers (null = no peers). */
  record BandRow(String label, double rate, PeerStatistics peers) {}

  /** One row of the bar chart: a count in the previous period (null = not shown) and this one. */
  record BarRow(String label, Long previous, long current) {}

  private static final int WIDTH = 720;
  private static final int LABEL_WIDTH = 250;
  private static final int VALUE_WIDTH = 90;
  private static final int ROW_HEIGHT = 34;

  /**
   * A horizontal band chart, one row per type group, each row on its own scale (type groups
   * differ by orders of magnitude): light band P10-P90, dark band P25-P75, a line at the median
   * and a diamond for the gemeente (red when outside P10-P90).
   */
  static String bandChart(String titleNl, List<BandRow> rows) {
    int height = ROW_HEIGHT * rows.size() + 30;
    int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(titleNl)).append("\">")
        .append("<title>").append(Html.esc(titleNl)).append("</title>\n");
    int y = 0;
    for (BandRow r : rows) {
      double max = r.rate();
      if (r.peers() != null) {
        max = Math.max(max, r.peers().p90());
      }
      max = max <= 0 ? 1.0 : max * 1.15;
      double mid = y + ROW_HEIGHT / 2.0;
      sb.append("<text x=\"0\" y=\"").append(f(mid + 4)).append("\" font-size=\"12\">")
          .append(Html.esc(r.label())).append("</text>");
      sb.append(line(LABEL_WIDTH, mid, LABEL_WIDTH + plotWidth, mid, "#999", 1));
      boolean outside = false;
      if (r.peers() != null) {
        PeerStatistics p = r.peers();
        sb.append(rect(LABEL_WIDTH + x(p.p10(), max, plotWidth), mid - 8,
            x(p.p90(), max, plotWidth) - x(p.p10(), max, plotWidth), 16, "#cfe0f3"));
        sb.append(rect(LABEL_WIDTH + x(p.p25(), max, plotWidth), mid - 8,
            x(p.p75(), max, plotWidth) - x(p.p25(), max, plotWidth), 16, "#7fa9d6"));
        double mx = LABEL_WIDTH + x(p.median(), max, plotWidth);
        sb.append(line(mx, mid - 11, mx, mid + 11, "#0b3d78", 2));
        outside = r.rate() < p.p10() || r.rate() > p.p90();
      }
      double gx = LABEL_WIDTH + x(r.rate(), max, plotWidth);
      sb.append("<path d=\"M").append(f(gx)).append(' ').append(f(mid - 7)).append(" L")
          .append(f(gx + 7)).append(' ').append(f(mid)).append(" L").append(f(gx)).append(' ')
          .append(f(mid + 7)).append(" L").append(f(gx - 7)).append(' ').append(f(mid))
          .append(" Z\" fill=\"").append(outside ? "#c1121f" : "#f4a261")
          .append("\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>");
      sb.append("<text x=\"").append(WIDTH - VALUE_WIDTH + 8).append("\" y=\"").append(f(mid + 4))
          .append("\" font-size=\"12\">").append(DutchNumbers.decimal(r.rate(), 1)).append("</text>");
      sb.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(f(mid + 17))
          .append("\" font-size=\"9\" fill=\"#555\">0</text>");
      sb.append("<text x=\"").append(LABEL_WIDTH + plotWidth).append("\" y=\"").append(f(mid + 17))
          .append("\" font-size=\"9\" fill=\"#555\" text-anchor=\"end\">")
          .append(DutchNumbers.decimal(max, 1)).append("</text>\n");
      y += ROW_HEIGHT;
    }
    sb.append(legend(y + 14));
    sb.append("</svg>");
    return sb.toString();
  }

  private static String legend(double y) {
    StringBuilder sb = new StringBuilder();
    sb.append(rect(LABEL_WIDTH, y - 9, 16, 10, "#cfe0f3"))
        .append(text(LABEL_WIDTH + 20, y, "P10\u2013P90"))
        .append(rect(LABEL_WIDTH + 90, y - 9, 16, 10, "#7fa9d6"))
        .append(text(LABEL_WIDTH + 110, y, "P25\u2013P75"))
        .append(line(LABEL_WIDTH + 185, y - 10, LABEL_WIDTH + 185, y + 1, "#0b3d78", 2))
        .append(text(LABEL_WIDTH + 192, y, "mediaan"))
        .append("<path d=\"M").append(f(LABEL_WIDTH + 262.0)).append(' ').append(f(y - 10))
        .append(" L").append(f(LABEL_WIDTH + 267.0)).append(' ').append(f(y - 5)).append(" L")
        .append(f(LABEL_WIDTH + 262.0)).append(' ').append(f(y)).append(" L")
        .append(f(LABEL_WIDTH + 257.0)).append(' ').append(f(y - 5))
        .append(" Z\" fill=\"#f4a261\" stroke=\"#1b1b1b\" stroke-width=\"1\"/>")
        .append(text(LABEL_WIDTH + 272, y, "uw gemeente"));
    return sb.toString();
  }

  /** Horizontal bars per row on one shared scale: previous period grey, this period blue. */
  static String barChart(String titleNl, String previousLabel, String currentLabel, List<BarRow> rows) {
    boolean withPrevious = rows.stream().anyMatch(r -> r.previous() != null);
    int barH = 11;
    int rowH = withPrevious ? 2 * barH + 10 : barH + 10;
    int height = rowH * rows.size() + 24;
    int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    long max = 1;
    for (BarRow r : rows) {
      max = Math.max(max, r.current());
      if (r.previous() != null) {
        max = Math.max(max, r.previous());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.esc(titleNl)).append("\">")
        .append("<title>").append(Html.esc(titleNl)).append("</title>\n");
    int y = 0;
    for (BarRow r : rows) {
      sb.append("<text x=\"0\" y=\"").append(f(y + rowH / 2.0)).append("\" font-size=\"12\">")
          .append(Html.esc(r.label())).append("</text>");
      double by = y + 3;
      if (withPrevious) {
        long prev = r.previous() == null ? 0 : r.previous();
        sb.append(rect(LABEL_WIDTH, by, x(prev, max, plotWidth), barH, "#b0b0b0"));
        sb.append(text(LABEL_WIDTH + x(prev, max, plotWidth) + 4, by + barH - 1,
            r.previous() == null ? "\u2013" : DutchNumbers.integer(prev)));
        by += barH + 1;
      }
      sb.append(rect(LABEL_WIDTH, by, x(r.current(), max, plotWidth), barH, "#1d5fa8"));
      sb.append(text(LABEL_WIDTH + x(r.current(), max, plotWidth) + 4, by + barH - 1,
          DutchNumbers.integer(r.current())));
      sb.append('\n');
      y += rowH;
    }
    double ly = y + 14;
    if (withPrevious) {
      sb.append(rect(LABEL_WIDTH, ly - 9, 16, 10, "#b0b0b0"))
          .append(text(LABEL_WIDTH + 20, ly, previousLabel));
    }
    sb.append(rect(LABEL_WIDTH + 110, ly - 9, 16, 10, "#1d5fa8"))
        .append(text(LABEL_WIDTH + 130, ly, currentLabel));
    sb.append("</svg>");
    return sb.toString();
  }

  private static double x(double value, double max, int plotWidth) {
    return Math.max(0, Math.min(plotWidth, value / max * plotWidth));
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
