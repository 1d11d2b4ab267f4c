package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.check.FileKinds;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.costs.CostFigures;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.intake.Withdrawal;
import nl.gmsd.testing.CostVerdicts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The costs on the op-orde pages (SPEC 12): Schiermonnikoog (0088) spends 10 euros per inhabitant
 * on JEUGD category 1, the ten other gemeenten of its comparison group 1, 2, ... 10 euros (median
 * 5,50; ten is the fewest peers a median is shown over, OpOrdeSettings.DEFAULTS); Vlieland
 * (0096) withdrew, Amsterdam's SBO file is not asked.
 */
class CostSectionTest {

  static final Period P = Period.parse("H12018");
  static final ReferenceData REF = ReferenceData.shipped();
  static final String OWN = "0088";
  static final String WITHDRAWN = "0096";
  static List<String> peers;
  static CostFigures figures;
  static CostSection section;

  static FileVerdict approved(String kind, String file, String gemeente, int minute) {
    return CostVerdicts.approved(kind, file, gemeente, P, minute);
  }

  static long inhabitants(String code) {
    return REF.inhabitants(2018, code).orElseThrow().count();
  }

  @BeforeAll
  static void scenario() {
    ComparisonGroups.Group group = ComparisonGroups.forYear(REF, 2018, ComparisonGroups.MIN_GROUP_SIZE)
        .groupOf(OWN).orElseThrow();
    peers = group.members().stream().filter(c -> !c.equals(OWN) && !c.equals(WITHDRAWN)).limit(10).toList();
    List<FileVerdict> verdicts = new ArrayList<>();
    List<CostRecord> rows = new ArrayList<>();
    verdicts.add(approved("JEUGD", "J_own.csv", OWN, 1));
    rows.add(new CostRecord("J_own.csv", "JEUGD", OWN, P.code(), 2, "1", 10 * inhabitants(OWN)));
    rows.add(new CostRecord("J_own.csv", "JEUGD", OWN, P.code(), 3, "5", 123_456L));
    for (int i = 0; i < peers.size(); i++) {
      String file = "J_" + peers.get(i) + ".csv";
      verdicts.add(approved("JEUGD", file, peers.get(i), 2 + i));
      rows.add(new CostRecord(file, "JEUGD", peers.get(i), P.code(), 2, "1", (i + 1) * inhabitants(peers.get(i))));
    }
    verdicts.add(approved("JEUGD", "J_w.csv", WITHDRAWN, 20));
    verdicts.add(approved("SBO", "S_ams.csv", "0363", 21));
    rows.add(new CostRecord("S_ams.csv", "SBO", "0363", P.code(), 2, "670", 5_000_000L));
    Withdrawal w = new Withdrawal(WITHDRAWN, P.code(), "2018-09-01T00:00:00Z",
        Instant.parse("2018-09-01T00:00:00Z").toEpochMilli(), 2);
    DeliveryRules.Decision d = DeliveryRules.apply(verdicts, List.of(w), DeliveryRules.Settings.defaults());
    figures = CostFigures.of(List.of(P), rows.stream().filter(r -> !r.getGemeentecode().equals(WITHDRAWN)).toList(),
        d, REF, FileKinds.shipped());
    section = new CostSection(figures, REF, OpOrdeSettings.DEFAULTS);
  }

  @Test
  void showsTheGemeentesCostsPerInhabitantAgainstTheMedianOfItsGroup() {
    String html = section.html(P, OWN);
    assertTrue(html.startsWith("<section id=\"kosten\">"), html);
    String row1 = row(html, "kosten-jeugd", "1");
    assertTrue(row1.contains(">" + DutchNumbers.integer(10 * inhabitants(OWN)) + "<"), row1);
    assertTrue(row1.contains(">10,00<"), row1);
    assertEquals(10, peers.size(), "the group's other gemeenten but the withdrawn one");
    assertTrue(row1.contains(">5,50<"), "median of 1..10: " + row1);
    assertTrue(row1.contains(">3,25\u20137,75<"), "P25-P75 of 1..10: " + row1);
    assertTrue(row1.contains("class=\"n peers\">10<"), row1);
    String row5 = row(html, "kosten-jeugd", "5");
    assertTrue(row5.contains(">123.456<") && row5.contains("te weinig vergelijkbare gemeenten"), row5);
    assertTrue(row(html, "kosten-jeugd", "2").contains("niet geleverd"));
    assertTrue(html.contains("<svg"), "a chart");
    assertTrue(html.contains("Wordt gepubliceerd (bestand in behandeling: J_own.csv)"), html);
    assertTrue(html.contains("data-status=\"niet_geleverd\""), "no SBO file of its own: " + html);
  }

  @Test
  void neverShowsAPeersFigure() {
    String html = section.html(P, OWN);
    for (int i = 0; i < peers.size(); i++) {
      assertFalse(html.contains(">" + DutchNumbers.integer((i + 1) * inhabitants(peers.get(i))) + "<"), peers.get(i));
      assertFalse(html.contains(REF.division(2018).get(peers.get(i)).name()), peers.get(i));
    }
  }

  @Test
  void aWithdrawnGemeenteAndANotRequestedOneSaySo() {
    String withdrawn = section.html(P, WITHDRAWN);
    assertTrue(withdrawn.contains("data-status=\"ingetrokken\""), withdrawn);
    assertFalse(withdrawn.contains("<table"), "no figures of withdrawn costs");
    String ams = section.html(P, "0363");
    assertTrue(ams.contains("Niet gevraagd: de gemeente heeft 20.000 inwoners of meer"), ams);
    assertFalse(ams.contains("5.000.000"), ams);
  }

  @Test
  void aPeriodWithoutCostFilesHasNoSection() {
    assertEquals("", section.html(Period.parse("H22017"), OWN));
  }

  @Test
  void thePageOfTheRunCarriesTheSection() {
    SortedMap<String, String> pages = OpOrdeReports.renderAll(List.of(P), List.of(), REF, List.of(),
        (p, g) -> TableLayout.STATUS_NOT_DELIVERED, Set.of(P), OpOrdeSettings.DEFAULTS, section::html);
    String page = pages.get(OpOrdeReports.pagePath(OWN, P));
    assertTrue(page.contains("<section id=\"kosten\">"), page);
    assertTrue(page.indexOf("id=\"kosten\"") < page.indexOf("</body>"));
    assertFalse(OpOrdeReports.renderAll(List.of(P), List.of(), REF, List.of(),
        (p, g) -> TableLayout.STATUS_NOT_DELIVERED, Set.of(P), OpOrdeSettings.DEFAULTS)
        .get(OpOrdeReports.pagePath(OWN, P)).contains("id=\"kosten\""));
  }

  private static String row(String html, String table, String category) {
    int t = html.indexOf("id=\"t-" + table + "\"");
    int r = html.indexOf("data-category=\"" + category + "\"", t);
    return html.substring(r, html.indexOf("</tr>", r));
  }
}
