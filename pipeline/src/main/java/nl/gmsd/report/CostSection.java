package nl.gmsd.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.costs.CostFigures;
import nl.gmsd.costs.KostenTable;

/**
 * The costs section of an op-orde page (SPEC 12): for the periods of the 2016-2019 protocol, per
 * cost kind (SBO, JEUGD) the gemeente's delivered costs per category and in total, in euros and
 * per inhabitant, next to the median and P25-P75 per inhabitant of its comparison group (the size
 * classes of SPEC 9), with a chart. Peers are the other gemeenten of the group whose costs of that
 * category are published; only aggregates over at least {@link OpOrdeSettings#minPeersForStatistics}
 * of them are shown, never another gemeente's figure. Costs are not about persons, but the page is
 * restricted output all the same.
 */
final class CostSection {

  private final CostFigures figures;
  private final ReferenceData ref;
  private final OpOrdeSettings settings;

  CostSection(CostFigures figures, ReferenceData ref, OpOrdeSettings settings) {
    this.figures = figures;
    this.ref = ref;
    this.settings = settings;
  }

  /** The section of one page; empty for a period without cost kinds. */
  String html(Period period, String gemeentecode) {
    List<CostFigures.Kind> kinds = figures.kinds(period);
    if (kinds.isEmpty()) {
      return "";
    }
    ComparisonGroups groups = ComparisonGroups.forYear(ref, period.year(), settings.minComparisonGroupSize());
    Optional<ComparisonGroups.Group> group = groups.groupOf(gemeentecode);
    Optional<ReferenceData.Inhabitants> inh = ref.inhabitants(period.year(), gemeentecode);
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"kosten\"><h2>Kosten (aanleverprotocol 2016\u20132019)</h2>\n");
    b.append("<p>De kosten uit de kostenbestanden in behandeling, in euro's en per inwoner");
    if (group.isPresent()) {
      b.append(", vergeleken met de andere gemeenten van ").append(Html.esc(group.get().labelNl()))
          .append(" waarvan de kosten worden gepubliceerd. Alleen samenvattende cijfers van ten minste ")
          .append(settings.minPeersForStatistics()).append(" gemeenten worden getoond");
    }
    b.append(". Een categorie die niet in het bestand staat, telt als niet geleverd (niet als nul).</p>\n");
    for (CostFigures.Kind kind : kinds) {
      kind(b, period, gemeentecode, kind, group, inh);
    }
    b.append("</section>\n");
    return b.toString();
  }

  private void kind(StringBuilder b, Period period, String gemeentecode, CostFigures.Kind kind,
      Optional<ComparisonGroups.Group> group, Optional<ReferenceData.Inhabitants> inh) {
    CostFigures.Delivery own = figures.of(period, kind.id(), gemeentecode);
    String id = "kosten-" + KostenTable.dimension(kind.id());
    b.append("<h3 id=\"").append(id).append("\">").append(Html.esc(kind.protocol().title())).append("</h3>\n");
    b.append("<p data-status=\"").append(Html.esc(own.status())).append("\">").append(statusNl(own, kind)).append("</p>\n");
    if (!own.published() || inh.isEmpty() || inh.get().count() <= 0) {
      return;
    }
    long inhabitants = inh.get().count();
    b.append("<table id=\"t-").append(id).append("\"><tr><th>Categorie</th><th class=\"n\">Kosten (euro)</th>"
        + "<th class=\"n\">Per inwoner</th><th class=\"n\">Mediaan per inwoner</th><th class=\"n\">P25\u2013P75</th>"
        + "<th class=\"n\">Aantal gemeenten</th></tr>\n");
    List<SvgCharts.BandRow> bands = new ArrayList<>();
    List<String> categories = new ArrayList<>(kind.categories());
    categories.add(TableLayout.TOTAAL);
    for (String c : categories) {
      boolean total = c.equals(TableLayout.TOTAAL);
      String label = total ? "Totaal (geleverde categorie\u00ebn)" : c + " " + kind.protocol().categoryLabel(c);
      Long v = total ? own.total().orElse(null) : own.kosten().get(c);
      b.append("<tr data-category=\"").append(Html.esc(c)).append("\"><td>").append(Html.esc(label)).append("</td>");
      if (v == null) {
        b.append("<td class=\"n\" colspan=\"5\">niet geleverd</td></tr>\n");
        continue;
      }
      String perInhabitant = KostenTable.perInhabitant(v, inhabitants);
      b.append("<td class=\"n\">").append(DutchNumbers.integer(v)).append("</td><td class=\"n\">")
          .append(euroNl(perInhabitant)).append("</td>");
      PeerStatistics peers = peers(period, kind, c, gemeentecode, group);
      if (peers == null) {
        b.append("<td class=\"n\" colspan=\"3\">te weinig vergelijkbare gemeenten</td>");
      } else {
        b.append("<td class=\"n\">").append(DutchNumbers.decimal(peers.median(), 2)).append("</td><td class=\"n\">")
            .append(DutchNumbers.decimal(peers.p25(), 2)).append("\u2013").append(DutchNumbers.decimal(peers.p75(), 2))
            .append("</td><td class=\"n peers\">").append(DutchNumbers.integer(peers.peers())).append("</td>");
      }
      b.append("</tr>\n");
      bands.add(new SvgCharts.BandRow(chartLabel(label), Double.parseDouble(perInhabitant), peers));
    }
    b.append("</table>\n");
    if (!bands.isEmpty()) {
      b.append(SvgCharts.bandChart("Kosten per inwoner, " + kind.protocol().title()
          + ", tegenover vergelijkbare gemeenten", "euro per inwoner", bands, settings.fenceFactor())).append('\n');
    }
  }

  /** Per inhabitant of the group's other published gemeenten that delivered the category. */
  private PeerStatistics peers(Period period, CostFigures.Kind kind, String category, String gemeentecode,
      Optional<ComparisonGroups.Group> group) {
    if (group.isEmpty()) {
      return null;
    }
    List<Double> values = new ArrayList<>();
    for (String peer : group.get().members()) {
      if (peer.equals(gemeentecode)) {
        continue;
      }
      CostFigures.Delivery d = figures.of(period, kind.id(), peer);
      Long v = category.equals(TableLayout.TOTAAL) ? d.total().orElse(null) : d.kosten().get(category);
      Optional<ReferenceData.Inhabitants> inh = ref.inhabitants(period.year(), peer);
      if (d.published() && v != null && inh.isPresent() && inh.get().count() > 0) {
        values.add((double) v / inh.get().count());
      }
    }
    return values.size() < settings.minPeersForStatistics() ? null : PeerStatistics.of(values);
  }

  private static String statusNl(CostFigures.Delivery d, CostFigures.Kind kind) {
    String file = d.file() == null ? "" : " (bestand in behandeling: " + Html.esc(d.file()) + ")";
    return switch (d.status()) {
      case TableLayout.STATUS_PUBLISHED -> "Wordt gepubliceerd" + file + ".";
      case TableLayout.STATUS_WITHDRAWN -> "Ingetrokken: de kosten worden niet gepubliceerd" + file + ".";
      case TableLayout.STATUS_NOT_DELIVERED -> "Niet geleverd: er is geen goedgekeurd bestand in behandeling.";
      case CostFigures.STATUS_NOT_REQUESTED -> "Niet gevraagd: de gemeente heeft "
          + kind.protocol().optionalSetting("request.inhabitantsBelow").map(n -> DutchNumbers.integer(Long.parseLong(n)))
              .orElse("te veel") + " inwoners of meer, dus de uitvraag vervalt; een geleverd bestand wordt niet"
          + " gepubliceerd" + file + ".";
      default -> Html.esc(d.status());
    };
  }

  /** A category's name cut to fit the chart's label column (the table beside it has it whole). */
  static String chartLabel(String label) {
    return label.length() <= CHART_LABEL_CHARS ? label : label.substring(0, CHART_LABEL_CHARS - 1).strip() + "\u2026";
  }

  /** About what fits the band chart's 230-pixel label column at its 12-pixel font. */
  private static final int CHART_LABEL_CHARS = 34;

  /** {@code "1234.50"} (two decimals, exact) as {@code 1.234,50}. */
  static String euroNl(String twoDecimals) {
    int dot = twoDecimals.indexOf('.');
    return DutchNumbers.integer(Long.parseLong(twoDecimals.substring(0, dot))) + "," + twoDecimals.substring(dot + 1);
  }
}
