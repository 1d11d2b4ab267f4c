package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiny run H12025 on the shipped 2025 division: Eemnes (0317, comparison group 1-2) with
 * hand-made figures, its eleven group members as peers with rates 20, 25, ... per 1 000, two of
 * them not published (with extreme figures that must not count).
 */
class OpOrdeReportsTest {

  static final Period P = Period.parse("H12025");
  static final Period PREV = P.previous();
  static final String EEMNES = "0317";
  static final String WITHDRAWN = "0088"; // Schiermonnikoog
  static final String NOT_DELIVERED = "0096"; // Vlieland
  static final String NO_DELIVERY_ANYWHERE = "0363"; // Amsterdam: no verdicts at all
  static final String HULP = "Hulp bij het huishouden";
  static final String THUIS = "Ondersteuning thuis";
  static final String FILE_IN_FORCE = "Eemnes/WMO_H12025_jan.csv";
  static final String FILE_REJECTED = "Eemnes/WMO_H12025_<feb>.csv";

  static ReferenceData ref;
  static List<String> group12;
  static List<CellCount> counts;
  static List<FileVerdict> verdicts;
  static SortedMap<String, String> out;

  static final Function<String, String> STATUS = code -> switch (code) {
    case WITHDRAWN -> TableLayout.STATUS_WITHDRAWN;
    case NOT_DELIVERED, NO_DELIVERY_ANYWHERE -> TableLayout.STATUS_NOT_DELIVERED;
    default -> TableLayout.STATUS_PUBLISHED;
  };

  @BeforeAll
  static void scenario() {
    ref = ReferenceData.shipped();
    group12 = new ArrayList<>(ComparisonGroups.forYear(ref, 2025, ComparisonGroups.MIN_GROUP_SIZE)
        .groupOf(EEMNES).orElseThrow().members());
    counts = new ArrayList<>();
    count(P, EEMNES, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, 150);
    count(P, EEMNES, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.ARRANGEMENTEN, 1234);
    count(P, EEMNES, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.HUISHOUDENS, 120);
    count(P, EEMNES, TableLayout.TYPEGROEP, THUIS, TableLayout.CLIENTEN, 90);
    count(P, EEMNES, TableLayout.LEEFTIJD, "65-74", TableLayout.CLIENTEN, 33);
    count(P, EEMNES, TableLayout.GESLACHT, "V", TableLayout.CLIENTEN, 88);
    count(P, EEMNES, TableLayout.FINANCIERINGSVORM, "ZIN+PGB", TableLayout.CLIENTEN, 7);
    count(PREV, EEMNES, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, 100);
    count(PREV, EEMNES, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.ARRANGEMENTEN, 1000);
    count(PREV, EEMNES, TableLayout.TYPEGROEP, THUIS, TableLayout.CLIENTEN, 85);
    int i = 0;
    for (String code : group12) {
      if (code.equals(EEMNES)) {
        continue;
      }
      long inh = ref.inhabitants(2025, code).orElseThrow().count();
      boolean published = STATUS.apply(code).equals(TableLayout.STATUS_PUBLISHED);
      long clients = published ? Math.round(inh * (20 + 5 * i) / 1000.0) : inh; // unpublished: 1 000 per 1 000
      count(P, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, clients);
      count(P, code, TableLayout.TYPEGROEP, HULP, TableLayout.CLIENTEN, Math.round(inh * 20 / 1000.0));
      i++;
    }
    verdicts = new ArrayList<>();
    verdicts.add(verdict(FILE_IN_FORCE, "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 3, true, 200, true,
        List.of(finding("O21", "VOLUME", 3), finding("W32", "BSN", 20))));
    verdicts.add(verdict(FILE_REJECTED, "2025-07-20T09:00:00Z", EEMNES, P, "AFGEKEURD", 5, false, 210, false,
        List.of(finding("R14", "TYPE_ARRANGEMENT", 5))));
    verdicts.add(verdict("Eemnes/WMO_H22024_a.csv", "2025-01-10T09:00:00Z", EEMNES, PREV, "GOEDGEKEURD", 0, false,
        190, true, List.of()));
    for (String code : group12) {
      if (!code.equals(EEMNES) && !code.equals(NOT_DELIVERED)) {
        verdicts.add(verdict(code + "/WMO_H12025_x.csv", "2025-07-05T09:00:00Z", code, P, "GOEDGEKEURD", 0, false,
            100, true, List.of()));
      }
    }
    verdicts.add(verdict("Hertogenbosch/WMO_H12025_x.csv", "2025-07-05T09:00:00Z", "0796", P, "GOEDGEKEURD", 0,
        false, 100, true, List.of()));
    out = OpOrdeReports.render(P, counts, ref, verdicts, STATUS, Set.of(P, PREV));
  }

  static void count(Period p, String code, String dim, String cat, String measure, long n) {
    counts.add(CellCount.newBuilder().setPeriod(p.code()).setGemeentecode(code).setDimension(dim)
        .setCategory(cat).setMeasure(measure).setCount(n).build());
  }

  static Finding finding(String code, String field, long n) {
    return Finding.newBuilder().setCode(code).setField(field).setCount(n).setLines(List.of(2)).build();
  }

  static FileVerdict verdict(String file, String receivedAt, String code, Period p, String verdict, long errors,
      boolean blanked, long records, boolean inForce, List<Finding> findings) {
    return FileVerdict.newBuilder().setFile(file).setReceivedAt(receivedAt)
        .setReceivedAtMillis(java.time.Instant.parse(receivedAt).toEpochMilli()).setAccount(code)
        .setWindow(Period.windowOf(java.time.Instant.parse(receivedAt)).code()).setGemeentecode(code)
        .setPeriod(p.code()).setVerdict(verdict).setErrors(errors).setBlanked(blanked).setRecords(records)
        .setInForce(inForce).setInForceFile(inForce ? file : null).setFindings(findings).build();
  }

  static String page(String code) {
    return out.get(OpOrdeReports.pageName(code, P));
  }

  /** The row of a figure table: previous and current values as shown. */
  static String[] figure(String html, String cell) {
    Matcher m = Pattern.compile("data-cell=\"" + Pattern.quote(cell) + "\"><td>[^<]*</td>"
        + "(?:<td class=\"n prev\">([^<]*)</td>)?<td class=\"n cur\">([^<]*)</td>").matcher(html);
    assertTrue(m.find(), "no row for " + cell);
    return new String[] {m.group(1), m.group(2)};
  }

  @Test
  void pageShowsTheExactFiguresOfBothPeriods() {
    String html = page(EEMNES);
    assertEquals("100", figure(html, "totaal/totaal/clienten")[0]);
    assertEquals("150", figure(html, "totaal/totaal/clienten")[1]);
    assertEquals("1.000", figure(html, "totaal/totaal/arrangementen")[0]);
    assertEquals("1.234", figure(html, "totaal/totaal/arrangementen")[1]);
    assertEquals("120", figure(html, "totaal/totaal/huishoudens")[1]);
    assertEquals("90", figure(html, "typegroep/" + THUIS + "/clienten")[1]);
    assertEquals("33", figure(html, "leeftijd/65-74/clienten")[1]);
    assertEquals("88", figure(html, "geslacht/V/clienten")[1]);
    assertEquals("7", figure(html, "financieringsvorm/ZIN+PGB/clienten")[1]);
    assertEquals("0", figure(html, "geslacht/M/clienten")[1]);
    assertTrue(html.contains("<td class=\"n\">+50,0%</td>"), "change in % of the clients");
    assertTrue(html.contains("<h1>Op-orde-rapport Wmo: Eemnes</h1>"));
    assertTrue(html.contains("eerste halfjaar 2025 (H12025)"));
    // Eemnes' own rate: 150 per 9 755 inhabitants.
    long inh = ref.inhabitants(2025, EEMNES).orElseThrow().count();
    assertTrue(html.contains(">" + DutchNumbers.decimal(150 * 1000.0 / inh, 1) + "</td>"));
  }

  @Test
  void pageNamesTheDeliveryInForceAndTheLaterRejectedOne() {
    String html = page(EEMNES);
    assertTrue(html.contains("<tr><th>Bestand</th><td>" + FILE_IN_FORCE + "</td></tr>"));
    assertTrue(html.contains("<tr><th>Ontvangen</th><td>2025-07-10T09:00:00Z</td></tr>"));
    assertTrue(html.contains("<tr><th>Aantal fouten</th><td>3</td></tr>"));
    assertTrue(html.contains("<tr><th>Optionele velden leeggemaakt</th><td>ja: VOLUME</td></tr>"));
    assertTrue(html.contains("Eemnes/WMO_H12025_&lt;feb&gt;.csv"), "file names are escaped");
    assertFalse(html.contains("<feb>"));
    assertTrue(html.contains("Laatste levering afgekeurd:"));
  }

  @Test
  void peersAreTheOtherPublishedGemeentenOfTheMergedGroup() {
    assertEquals(12, group12.size());
    List<Double> published = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (CellCount c : counts) {
      if (c.getPeriod().equals(P.code()) && !c.getGemeentecode().equals(EEMNES)
          && c.getDimension().equals(TableLayout.TOTAAL) && c.getMeasure().equals(TableLayout.CLIENTEN)) {
        double rate = c.getCount() * 1000.0 / ref.inhabitants(2025, c.getGemeentecode()).orElseThrow().count();
        all.add(rate);
        if (STATUS.apply(c.getGemeentecode()).equals(TableLayout.STATUS_PUBLISHED)) {
          published.add(rate);
        }
      }
    }
    assertEquals(9, published.size());
    PeerStatistics expected = PeerStatistics.of(published);
    assertNotEquals(DutchNumbers.decimal(expected.median(), 1),
        DutchNumbers.decimal(PeerStatistics.of(all).median(), 1), "scenario must tell the two apart");
    Matcher m = Pattern.compile("<tr data-rate=\"totaal\"><td>[^<]*</td><td class=\"n\">[^<]*</td>"
        + "<td class=\"n\">([^<]*)</td><td class=\"n\">([^<]*)</td><td class=\"n\">([^<]*)</td>"
        + "<td class=\"n peers\">([^<]*)</td>").matcher(page(EEMNES));
    assertTrue(m.find());
    assertEquals(DutchNumbers.decimal(expected.median(), 1), m.group(1));
    assertEquals(DutchNumbers.decimal(expected.p25(), 1) + "\u2013" + DutchNumbers.decimal(expected.p75(), 1),
        m.group(2));
    assertEquals(DutchNumbers.decimal(expected.p10(), 1) + "\u2013" + DutchNumbers.decimal(expected.p90(), 1),
        m.group(3));
    assertEquals("9", m.group(4));
    assertTrue(page(EEMNES).contains("grootteklassen 1\u20132 (minder dan 10.000 inwoners), 12 gemeenten"));
  }

  @Test
  void pageNeverNamesAnotherGemeente() {
    String html = page(EEMNES);
    for (String code : group12) {
      if (!code.equals(EEMNES)) {
        String name = ref.gemeente(2025, code).orElseThrow().name();
        assertFalse(html.contains(Html.esc(name)), name);
        assertFalse(html.contains(code), code);
      }
    }
  }

  @Test
  void flagsFireForJumpBlankedFieldsUnknownBsnsOutlierAndMissingTypeGroup() {
    String html = page(EEMNES);
    assertTrue(html.contains("Sprong Alle cli\u00ebnten:"), "jump 100 -> 150");
    assertFalse(html.contains("Sprong " + THUIS), "85 -> 90 is no jump");
    assertTrue(html.contains("Velden leeggemaakt:"));
    assertTrue(html.contains("Veel onbekende BSN&#39;s:"), "20 of 200 records is 10%");
    assertTrue(html.contains("Buiten P10\u2013P90 Alle cli\u00ebnten:"), "15,4 per 1 000 against peers 20..");
    assertTrue(html.contains("Geen cli\u00ebnten " + HULP + ":"), "zero where peers have ~20 per 1 000");
    String index = out.get(OpOrdeReports.periodIndexName(P));
    assertTrue(index.contains("sprong Alle cli\u00ebnten; "));
  }

  @Test
  void noComparisonWithoutThePreviousPeriodRead() {
    SortedMap<String, String> only = OpOrdeReports.render(P, counts, ref, verdicts, STATUS, Set.of(P));
    String html = only.get(OpOrdeReports.pageName(EEMNES, P));
    assertFalse(html.contains("n prev"));
    assertFalse(html.contains("Sprong"));
    assertEquals("150", figure(html, "totaal/totaal/clienten")[1]);
    assertTrue(html.contains("is in deze verwerking niet gelezen"));
  }

  @ParameterizedTest
  @CsvSource({"10,false", "11,true", "0,false", "200,true"})
  void unknownBsnFlagAboveFivePercentOfRecords(long w32, boolean flagged) {
    List<FileVerdict> vs = List.of(verdict("a/WMO_H12025_a.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD",
        0, false, 200, true, List.of(finding("W32", "BSN", w32))));
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, vs, STATUS, Set.of(P), OpOrdeSettings.DEFAULTS);
    assertEquals(flagged, html.contains("Veel onbekende BSN&#39;s:"));
  }

  @ParameterizedTest
  @CsvSource({
    "100,125,true", "100,124,false", "100,75,true", "100,76,false", "80,100,true", "10,29,false",
    "0,20,true", "0,19,false", "200,150,true", "1000,1200,false"
  })
  void jumpNeedsTwentyFivePercentAndTwentyClients(long previous, long current, boolean flagged) {
    List<CellCount> cs = new ArrayList<>();
    for (Period p : List.of(PREV, P)) {
      cs.add(CellCount.newBuilder().setPeriod(p.code()).setGemeentecode(EEMNES).setDimension(TableLayout.TOTAAL)
          .setCategory(TableLayout.TOTAAL).setMeasure(TableLayout.CLIENTEN).setCount(p.equals(P) ? current : previous)
          .build());
    }
    List<FileVerdict> vs = List.of(
        verdict("a/WMO_H12025_a.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 0, false, 200, true, List.of()),
        verdict("a/WMO_H22024_a.csv", "2025-01-10T09:00:00Z", EEMNES, PREV, "GOEDGEKEURD", 0, false, 200, true,
            List.of()));
    String html = OpOrdeReports.renderPage(P, EEMNES, cs, ref, vs, STATUS, Set.of(P, PREV), OpOrdeSettings.DEFAULTS);
    assertEquals(flagged, html.contains("Sprong Alle cli\u00ebnten:"));
    assertFalse(html.contains("Velden leeggemaakt:"), "not blanked");
  }

  @Test
  void noJumpWithoutADeliveryInForceForThePreviousPeriod() {
    List<FileVerdict> vs = List.of(
        verdict("a/WMO_H12025_a.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 0, false, 200, true, List.of()));
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, vs, STATUS, Set.of(P, PREV), OpOrdeSettings.DEFAULTS);
    assertFalse(html.contains("Sprong"));
    assertFalse(html.contains("n prev"));
    assertTrue(html.contains("Voor de vorige periode (H22024) zijn geen cijfers"));
  }

  @Test
  void withdrawnAndNotDeliveredAreFlagged() {
    assertTrue(page(WITHDRAWN).contains("Ingetrokken:"));
    assertTrue(page(NOT_DELIVERED).contains("Geen levering:"));
    assertTrue(page(NO_DELIVERY_ANYWHERE).contains("Geen levering:"));
    String index = out.get(OpOrdeReports.periodIndexName(P));
    assertTrue(index.contains("<td>0363</td><td><a href=\"0363_H12025.html\">Amsterdam</a></td>"
        + "<td>geen levering</td><td>niet geleverd</td><td>geen levering</td>"));
  }

  @Test
  void everyGemeenteOfTheDivisionGetsAPage() {
    Set<String> expected = new TreeSet<>();
    for (String code : ref.division(2025).keySet()) {
      expected.add(OpOrdeReports.pageName(code, P));
    }
    expected.add(OpOrdeReports.periodIndexName(P));
    assertEquals(343, expected.size());
    assertEquals(expected, out.keySet());
  }

  @Test
  void namesAreEscaped() {
    String html = page("0796");
    assertTrue(html.contains("<h1>Op-orde-rapport Wmo: &#39;s-Hertogenbosch</h1>"));
    assertFalse(html.contains("'s-Hertogenbosch"));
    assertTrue(out.get(OpOrdeReports.periodIndexName(P)).contains(">&#39;s-Hertogenbosch</a>"));
  }

  @Test
  void aSinglePageEqualsThePageOfTheWholeRender() {
    assertEquals(page(EEMNES), OpOrdeReports.renderPage(P, EEMNES, counts, ref, verdicts, STATUS, Set.of(P, PREV),
        OpOrdeSettings.DEFAULTS));
  }

  @Test
  void noPeerStatisticsOverTooFewPublishedPeers() {
    OpOrdeSettings tenPeers = new OpOrdeSettings(10, 10, 0.25, 20, 1.0, 0.05); // only 9 published peers
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, verdicts, STATUS, Set.of(P, PREV), tenPeers);
    assertTrue(html.contains("te weinig vergelijkbare gemeenten"));
    assertFalse(html.contains("class=\"n peers\""));
    assertFalse(html.contains("Buiten P10"));
    assertFalse(html.contains("Geen cli\u00ebnten " + HULP));
    assertTrue(html.contains("Sprong Alle cli\u00ebnten:"), "flags that need no peers still fire");
  }

  @Test
  void outputIsDeterministic() {
    SortedMap<String, String> again = OpOrdeReports.render(P, reversed(counts), ref,
        reversed(verdicts), STATUS, Set.of(PREV, P));
    assertEquals(out, again);
  }

  @Test
  void pagesAreSelfContained() {
    for (Map.Entry<String, String> e : out.entrySet()) {
      String html = e.getValue();
      for (String bad : List.of("<script", "http://", "https://", "@import", "<link", "<img", "url(")) {
        assertFalse(html.contains(bad), e.getKey() + " contains " + bad);
      }
      assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">"));
    }
  }

  @Test
  void everyLinkResolvesToAGeneratedPage() {
    Pattern href = Pattern.compile("href=\"([^\"]*)\"");
    int links = 0;
    for (Map.Entry<String, String> e : out.entrySet()) {
      Matcher m = href.matcher(e.getValue());
      while (m.find()) {
        assertTrue(out.containsKey(m.group(1)), e.getKey() + " links to " + m.group(1));
        links++;
      }
    }
    assertTrue(links >= 2 * 342);
  }

  @Test
  void renderAllWritesOneIndexForBothPeriods() {
    SortedMap<String, String> all = OpOrdeReports.renderAll(List.of(PREV, P), counts, ref, verdicts,
        (p, code) -> p.equals(P) ? STATUS.apply(code) : TableLayout.STATUS_PUBLISHED, Set.of(P, PREV));
    assertEquals(2 * 342 + 1, all.size());
    String index = all.get(OpOrdeReports.INDEX_FILE);
    assertTrue(index.indexOf("<section id=\"H12025\">") < index.indexOf("<section id=\"H22024\">"));
    assertTrue(index.contains("href=\"0317_H22024.html\""));
    assertTrue(all.get(OpOrdeReports.pageName(EEMNES, P)).contains("href=\"index.html\""));
    assertEquals("1.000", figure(all.get(OpOrdeReports.pageName(EEMNES, PREV)), "totaal/totaal/arrangementen")[1]);
  }

  /** Seeded: random counts for random gemeenten show up exactly, and no page holds a valid BSN. */
  @Test
  void randomCountsShowUpExactlyAndNoBsnAppears() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    List<String> codes = new ArrayList<>(ref.division(2025).keySet());
    Map<String, Long> given = new TreeMap<>();
    List<CellCount> cs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String code = codes.get(rnd.nextInt(codes.size()));
      long n = rnd.nextInt(4) == 0 ? rnd.nextInt(8) : 100_000_000L + rnd.nextInt(900_000_000);
      if (given.putIfAbsent(code, n) == null) {
        cs.add(CellCount.newBuilder().setPeriod(P.code()).setGemeentecode(code).setDimension(TableLayout.TOTAAL)
            .setCategory(TableLayout.TOTAAL).setMeasure(TableLayout.ARRANGEMENTEN).setCount(n).build());
      }
    }
    SortedMap<String, String> pages = OpOrdeReports.render(P, cs, ref, verdicts, STATUS, Set.of(P));
    Pattern nineDigits = Pattern.compile("(?<![0-9.])[0-9]{9}(?![0-9])");
    for (Map.Entry<String, Long> e : given.entrySet()) {
      String html = pages.get(OpOrdeReports.pageName(e.getKey(), P));
      assertEquals(DutchNumbers.integer(e.getValue()), figure(html, "totaal/totaal/arrangementen")[1], "seed " + seed);
    }
    for (String html : pages.values()) {
      Matcher m = nineDigits.matcher(html);
      while (m.find()) {
        assertFalse(elevenProof(m.group()), "seed " + seed + ": 11-proof number " + m.group());
      }
    }
  }

  static <T> List<T> reversed(List<T> l) {
    List<T> r = new ArrayList<>(l);
    java.util.Collections.reverse(r);
    return r;
  }

  static boolean elevenProof(String s) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (s.charAt(i) - '0');
    }
    sum -= s.charAt(8) - '0';
    return sum % 11 == 0;
  }
}
