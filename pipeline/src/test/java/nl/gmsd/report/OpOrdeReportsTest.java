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

  /** The scenario's group has 9 published peers of Eemnes: one fewer than the default minimum. */
  static final OpOrdeSettings NINE_PEERS = OpOrdeSettings.DEFAULTS.withMinPeersForStatistics(9);

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
    // Peers: 60, 61, ... clients per 1 000 (Eemnes has 15,4), rising 0%, 1%, ... since PREV (Eemnes +50%).
    int i = 0;
    for (String code : group12) {
      if (code.equals(EEMNES)) {
        continue;
      }
      long inh = ref.inhabitants(2025, code).orElseThrow().count();
      boolean published = STATUS.apply(code).equals(TableLayout.STATUS_PUBLISHED);
      long clients = published ? Math.round(inh * (60 + i) / 1000.0) : inh; // unpublished: 1 000 per 1 000
      count(P, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, clients);
      count(PREV, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, Math.round(clients / (1 + i / 100.0)));
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
        verdicts.add(verdict(code + "/WMO_H22024_x.csv", "2025-01-05T09:00:00Z", code, PREV, "GOEDGEKEURD", 0, false,
            100, true, List.of()));
      }
    }
    verdicts.add(verdict("Hertogenbosch/WMO_H12025_x.csv", "2025-07-05T09:00:00Z", "0796", P, "GOEDGEKEURD", 0,
        false, 100, true, List.of()));
    out = OpOrdeReports.render(P, counts, ref, verdicts, STATUS, Set.of(P, PREV), NINE_PEERS);
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
    return out.get(OpOrdeReports.pagePath(code, P));
  }

  /** The row of a figure table: previous and current values as shown. */
  static String[] figure(String html, String cell) {
    Matcher m = Pattern.compile("data-cell=\"" + Pattern.quote(cell) + "\"><td>[^<]*</td>"
        + "(?:<td class=\"n prev\">([^<]*)</td>)?(?:<td class=\"n cur\">([^<]*)</td>)?").matcher(html);
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
  void thePeriodBeforePMinusOneIsCountedWhereTheRunReadIt() {
    Period before = PREV.previous(); // H12024: a run for H12025 reads it (calendar year of H22024)
    List<CellCount> cs = new ArrayList<>(counts);
    cs.add(CellCount.newBuilder().setPeriod(before.code()).setGemeentecode(EEMNES).setDimension(TableLayout.TOTAAL)
        .setCategory(TableLayout.TOTAAL).setMeasure(TableLayout.CLIENTEN).setCount(80).build());
    List<FileVerdict> vs = new ArrayList<>(verdicts);
    vs.add(verdict("Eemnes/WMO_H12024_a.csv", "2024-07-10T09:00:00Z", EEMNES, before, "GOEDGEKEURD", 0, false, 150,
        true, List.of()));
    SortedMap<String, String> read = OpOrdeReports.renderAll(List.of(PREV, P), cs, ref, vs,
        (p, code) -> TableLayout.STATUS_PUBLISHED, Set.of(before, PREV, P), NINE_PEERS);
    String html = read.get(OpOrdeReports.pagePath(EEMNES, PREV));
    assertEquals("80", figure(html, "totaal/totaal/clienten")[0], "H12024 as counted");
    assertEquals("100", figure(html, "totaal/totaal/clienten")[1]);
    assertEquals("0", figure(html, "totaal/totaal/arrangementen")[0], "a real count of 0 is shown as 0");
    assertTrue(html.contains("<td class=\"n\">+25,0%</td>"));
    // Not read (a run for H22025 does not read H22024): no column, a note, never a 0.
    SortedMap<String, String> notRead = OpOrdeReports.renderAll(List.of(PREV, P), cs, ref, vs,
        (p, code) -> TableLayout.STATUS_PUBLISHED, Set.of(PREV, P), NINE_PEERS);
    String without = notRead.get(OpOrdeReports.pagePath(EEMNES, PREV));
    assertFalse(without.contains("n prev"));
    assertTrue(without.contains("De vorige periode (H12024) is in deze verwerking niet gelezen"));
    // Read, but no delivery in force for H12024: no column either.
    String noDelivery = OpOrdeReports.renderAll(List.of(PREV, P), cs, ref, verdicts,
        (p, code) -> TableLayout.STATUS_PUBLISHED, Set.of(before, PREV, P), NINE_PEERS)
        .get(OpOrdeReports.pagePath(EEMNES, PREV));
    assertFalse(noDelivery.contains("n prev"));
    assertTrue(noDelivery.contains("Voor de vorige periode (H12024) zijn geen cijfers"));
  }

  @Test
  void withoutFiguresForThePeriodThereIsNoColumnOfZeros() {
    String html = page(WITHDRAWN);
    assertFalse(html.contains("n cur"), "withdrawn: nothing was counted for H12025");
    assertTrue(html.contains("Voor H12025 zijn geen cijfers"));
    assertTrue(html.contains("De tabellen tonen alleen de vorige periode."));
    long prev = counts.stream().filter(c -> c.getGemeentecode().equals(WITHDRAWN) && c.getPeriod().equals(PREV.code())
        && c.getDimension().equals(TableLayout.TOTAAL)).findFirst().orElseThrow().getCount();
    assertEquals(DutchNumbers.integer(prev), figure(html, "totaal/totaal/clienten")[0]);
    assertEquals(null, figure(html, "totaal/totaal/clienten")[1]);
    assertFalse(html.contains("id=\"t-vergelijking\""), "no comparison without figures");
    String none = page(NO_DELIVERY_ANYWHERE);
    assertFalse(none.contains("data-cell="), "neither period: no tables at all");
  }

  @Test
  void anEmptyDeliveryGetsOneFlag() {
    List<FileVerdict> vs = new ArrayList<>(verdicts.stream().filter(v -> !v.getGemeentecode().equals(EEMNES)).toList());
    vs.add(verdict("a/WMO_H12025_leeg.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 0, false, 0, true,
        List.of()));
    vs.add(verdict("a/WMO_H22024_a.csv", "2025-01-10T09:00:00Z", EEMNES, PREV, "GOEDGEKEURD", 0, false, 200, true,
        List.of()));
    List<CellCount> cs = new ArrayList<>(counts.stream()
        .filter(c -> !(c.getGemeentecode().equals(EEMNES) && c.getPeriod().equals(P.code()))).toList());
    String html = OpOrdeReports.renderPage(P, EEMNES, cs, ref, vs, STATUS, Set.of(P, PREV), NINE_PEERS);
    assertEquals(List.of("Lege levering"), flagsOf(html));
    assertTrue(html.contains("(a/WMO_H12025_leeg.csv) bevat geen records"));
  }

  @Test
  void theCodesOfTheCheckAreExplained() {
    String html = page(EEMNES);
    assertTrue(html.contains("<th>Betekenis</th>"));
    assertTrue(html.contains("<tr><td>W32</td><td>BSN</td><td>" + Html.esc(nl.gmsd.check.Protocol.wmo().text("W32")
        .description()) + "</td>"));
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
    assertEquals(DutchNumbers.decimal(Math.max(0, expected.lowerFence(1.5)), 1) + "\u2013"
        + DutchNumbers.decimal(expected.upperFence(1.5), 1), m.group(3));
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
    assertTrue(html.contains("Sprong Alle cli\u00ebnten:"), "jump 100 -> 150 where peers changed 0..10%");
    assertFalse(html.contains("Sprong " + THUIS), "85 -> 90 is no jump");
    assertTrue(html.contains("Velden leeggemaakt:"));
    assertTrue(html.contains("Veel onbekende BSN&#39;s:"), "20 of 200 records is 10%");
    assertTrue(html.contains("Afwijkend Alle cli\u00ebnten:"), "15,4 per 1 000 against peers 60..70");
    assertTrue(html.contains("Geen cli\u00ebnten " + HULP + ":"), "zero where peers have ~20 per 1 000");
    assertEquals(1, flagsOf(html).stream().filter(f -> f.endsWith(HULP)).count(), "one flag per row");
    String index = out.get(OpOrdeReports.periodIndexName(P));
    assertTrue(index.contains("sprong Alle cli\u00ebnten; "));
  }

  /** The labels of a page's flags, in order. */
  static List<String> flagsOf(String html) {
    List<String> labels = new ArrayList<>();
    Matcher m = Pattern.compile("<li><span class=\"flag\">([^<]*):</span>").matcher(html);
    while (m.find()) {
      labels.add(m.group(1));
    }
    return labels;
  }

  @Test
  void theRulesAreStatedOnThePage() {
    String html = page(EEMNES);
    assertTrue(html.contains("<section id=\"regels\"><h2>Hoe de aandachtspunten worden bepaald</h2>"));
    assertTrue(html.contains("met ten minste 25% \u00e9n ten minste 20 cli\u00ebnten, \u00e9n die verandering"));
    assertTrue(html.contains("uw aantal verschilt ten minste 25% \u00e9n ten minste 20 cli\u00ebnten van het aantal"));
    assertTrue(html.contains("P25 \u2212 1,5 \u00d7 IQR tot P75 + 1,5 \u00d7 IQR"));
    assertTrue(html.contains("ten minste 9 zijn"), "the minimum number of peers as set");
  }

  @Test
  void noComparisonWithoutThePreviousPeriodRead() {
    SortedMap<String, String> only = OpOrdeReports.render(P, counts, ref, verdicts, STATUS, Set.of(P));
    String html = only.get(OpOrdeReports.pagePath(EEMNES, P));
    assertFalse(html.contains("n prev"));
    assertTrue(flagsOf(html).stream().noneMatch(f -> f.startsWith("Sprong")), flagsOf(html).toString());
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
  void jumpNeedsTwentyFivePercentAndTwentyClientsOutsideTheGroupsChanges(long previous, long current,
      boolean flagged) {
    String html = eemnesWithTotals(previous, current, 0.0);
    assertEquals(flagged, html.contains("Sprong Alle cli\u00ebnten:"), previous + " -> " + current);
    assertFalse(html.contains("Velden leeggemaakt:"), "not blanked");
  }

  @ParameterizedTest
  @CsvSource({"100,150,0.40,false", "100,150,0.0,true", "100,60,-0.45,false", "100,60,0.0,true"})
  void aChangeTheWholeGroupSharesIsNoJump(long previous, long current, double groupChange, boolean flagged) {
    assertEquals(flagged, eemnesWithTotals(previous, current, groupChange).contains("Sprong Alle cli\u00ebnten:"));
  }

  @Test
  void aLevelIsFlaggedOnlyOutsideTheFencesAndAQuarterFromTheMedian() {
    List<Double> published = new ArrayList<>();
    for (CellCount c : counts) {
      if (c.getPeriod().equals(P.code()) && !c.getGemeentecode().equals(EEMNES)
          && c.getDimension().equals(TableLayout.TOTAAL) && c.getMeasure().equals(TableLayout.CLIENTEN)
          && STATUS.apply(c.getGemeentecode()).equals(TableLayout.STATUS_PUBLISHED)) {
        published.add(c.getCount() * 1000.0 / ref.inhabitants(2025, c.getGemeentecode()).orElseThrow().count());
      }
    }
    PeerStatistics peers = PeerStatistics.of(published);
    double inh = ref.inhabitants(2025, EEMNES).orElseThrow().count() / 1000.0;
    long outsideButClose = (long) Math.ceil((peers.upperFence(1.5) + 0.2) * inh);
    long outsideAndFar = (long) Math.ceil(1.26 * peers.median() * inh);
    assertTrue(outsideButClose < 1.25 * peers.median() * inh, "the scenario has room between fence and +25%");
    assertTrue(outsideButClose - peers.median() * inh >= 20, "and the difference is 20 clients or more");
    String label = "Afwijkend Alle cli\u00ebnten";
    assertFalse(flagsOf(eemnesWithTotals(outsideButClose, outsideButClose, 0.0)).contains(label));
    assertTrue(flagsOf(eemnesWithTotals(outsideAndFar, outsideAndFar, 0.0)).contains(label));
    long insideFences = Math.round(peers.median() * inh);
    assertFalse(flagsOf(eemnesWithTotals(insideFences, insideFences, 0.0)).contains(label));
  }

  @Test
  void noJumpWithoutTheGroupsSpreadOfChanges() {
    // With the default minimum of 10 peers the 9 of the scenario give no spread: +50% alone is no flag.
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, verdicts, STATUS, Set.of(P, PREV),
        OpOrdeSettings.DEFAULTS);
    assertTrue(flagsOf(html).stream().noneMatch(f -> f.startsWith("Sprong")), flagsOf(html).toString());
  }

  /**
   * Eemnes' page with its total clients {@code previous -> current}; its peers of the scenario
   * change by {@code groupChange} plus 0%, 1%, ... each.
   */
  static String eemnesWithTotals(long previous, long current, double groupChange) {
    List<CellCount> cs = new ArrayList<>();
    for (CellCount c : counts) {
      boolean total = c.getDimension().equals(TableLayout.TOTAAL) && c.getMeasure().equals(TableLayout.CLIENTEN);
      if (!total || !c.getGemeentecode().equals(EEMNES) && !c.getPeriod().equals(PREV.code())) {
        cs.add(c);
      } else if (!c.getGemeentecode().equals(EEMNES)) {
        long cur = counts.stream().filter(x -> x.getGemeentecode().equals(c.getGemeentecode())
            && x.getPeriod().equals(P.code()) && x.getDimension().equals(TableLayout.TOTAAL)
            && x.getMeasure().equals(TableLayout.CLIENTEN)).findFirst().orElseThrow().getCount();
        double own = (double) cur / c.getCount() - 1;
        cs.add(CellCount.newBuilder(c).setCount(Math.round(cur / (1 + own + groupChange))).build());
      }
    }
    for (Period p : List.of(PREV, P)) {
      cs.add(CellCount.newBuilder().setPeriod(p.code()).setGemeentecode(EEMNES).setDimension(TableLayout.TOTAAL)
          .setCategory(TableLayout.TOTAAL).setMeasure(TableLayout.CLIENTEN).setCount(p.equals(P) ? current : previous)
          .build());
    }
    List<FileVerdict> vs = new ArrayList<>(verdicts.stream().filter(v -> !v.getGemeentecode().equals(EEMNES)).toList());
    vs.add(verdict("a/WMO_H12025_a.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 0, false, 200, true, List.of()));
    vs.add(verdict("a/WMO_H22024_a.csv", "2025-01-10T09:00:00Z", EEMNES, PREV, "GOEDGEKEURD", 0, false, 200, true,
        List.of()));
    return OpOrdeReports.renderPage(P, EEMNES, cs, ref, vs, STATUS, Set.of(P, PREV), NINE_PEERS);
  }

  @Test
  void noJumpWithoutADeliveryInForceForThePreviousPeriod() {
    List<FileVerdict> vs = List.of(
        verdict("a/WMO_H12025_a.csv", "2025-07-10T09:00:00Z", EEMNES, P, "GOEDGEKEURD", 0, false, 200, true, List.of()));
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, vs, STATUS, Set.of(P, PREV), OpOrdeSettings.DEFAULTS);
    assertTrue(flagsOf(html).stream().noneMatch(f -> f.startsWith("Sprong")), flagsOf(html).toString());
    assertFalse(html.contains("n prev"));
    assertTrue(html.contains("Voor de vorige periode (H22024) zijn geen cijfers"));
  }

  @Test
  void withdrawnAndNotDeliveredAreFlagged() {
    assertTrue(page(WITHDRAWN).contains("Ingetrokken:"));
    assertTrue(page(NOT_DELIVERED).contains("Geen levering:"));
    assertTrue(page(NO_DELIVERY_ANYWHERE).contains("Geen levering:"));
    String index = out.get(OpOrdeReports.periodIndexName(P));
    assertTrue(index.contains("<td>0363</td><td><a href=\"0363/0363_H12025.html\">Amsterdam</a></td>"
        + "<td>geen levering</td><td>niet geleverd</td><td>geen levering</td>"));
  }

  @Test
  void everyGemeenteOfTheDivisionGetsAPage() {
    Set<String> expected = new TreeSet<>();
    for (String code : ref.division(2025).keySet()) {
      expected.add(OpOrdeReports.pagePath(code, P));
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
        NINE_PEERS));
  }

  @Test
  void noPeerStatisticsOverFewerThanTenPublishedPeers() {
    // The defaults: peer figures only as aggregates over at least 10 gemeenten; the scenario has 9.
    assertEquals(10, OpOrdeSettings.DEFAULTS.minPeersForStatistics());
    String html = OpOrdeReports.renderPage(P, EEMNES, counts, ref, verdicts, STATUS, Set.of(P, PREV),
        OpOrdeSettings.DEFAULTS);
    assertTrue(html.contains("te weinig vergelijkbare gemeenten (minder dan 10)"));
    assertFalse(html.contains("class=\"n peers\""));
    assertTrue(flagsOf(html).stream().noneMatch(f -> f.startsWith("Afwijkend")), flagsOf(html).toString());
    assertFalse(html.contains("Geen cli\u00ebnten " + HULP));
    assertTrue(html.contains("Veel onbekende BSN&#39;s:"), "flags that need no peers still fire");
  }

  @Test
  void outputIsDeterministic() {
    SortedMap<String, String> again = OpOrdeReports.render(P, reversed(counts), ref,
        reversed(verdicts), STATUS, Set.of(PREV, P), NINE_PEERS);
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
  void everyLinkResolvesToAGeneratedPageAndAPageOnlyToItsOwnFolder() {
    SortedMap<String, String> all = OpOrdeReports.renderAll(List.of(PREV, P), counts, ref, verdicts,
        (p, code) -> p.equals(P) ? STATUS.apply(code) : TableLayout.STATUS_PUBLISHED, Set.of(P, PREV));
    Pattern href = Pattern.compile("href=\"([^\"#]*)(#[^\"]*)?\"");
    int links = 0;
    for (Map.Entry<String, String> e : all.entrySet()) {
      String folder = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().lastIndexOf('/') + 1) : "";
      Matcher m = href.matcher(e.getValue());
      while (m.find()) {
        if (m.group(1).isEmpty()) {
          continue; // a link within the page
        }
        assertTrue(all.containsKey(folder + m.group(1)), e.getKey() + " links to " + m.group(1));
        if (!folder.isEmpty()) {
          assertFalse(m.group(1).contains("/"), e.getKey() + " links out of its folder: " + m.group(1));
        }
        links++;
      }
    }
    assertTrue(links >= 4 * 342, "index to every page, every page to its other period");
  }

  @Test
  void everyPageLiesInItsGemeentesFolderAndTheIndexSaysItIsNotForHandingOut() {
    SortedMap<String, String> all = OpOrdeReports.renderAll(List.of(PREV, P), counts, ref, verdicts,
        (p, code) -> p.equals(P) ? STATUS.apply(code) : TableLayout.STATUS_PUBLISHED, Set.of(P, PREV));
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (e.getKey().equals(OpOrdeReports.INDEX_FILE)) {
        continue;
      }
      Matcher m = Pattern.compile("([0-9]{4})/\\1_H[12][0-9]{4}\\.html").matcher(e.getKey());
      assertTrue(m.matches(), e.getKey());
      assertTrue(e.getValue().contains("<span id=\"gemeentecode\">" + m.group(1) + "</span>"), e.getKey());
      assertFalse(e.getValue().contains("index"), e.getKey() + " points to the office's overview");
    }
    String index = all.get(OpOrdeReports.INDEX_FILE);
    assertTrue(index.contains("<p class=\"office\">Overzicht voor het verwerkingsbureau &middot; niet uitdelen</p>"));
    assertTrue(index.contains("Geef de co\u00f6rdinator van een gemeente alleen de map met de eigen gemeentecode"));
  }

  @Test
  void renderAllWritesOneIndexForBothPeriods() {
    SortedMap<String, String> all = OpOrdeReports.renderAll(List.of(PREV, P), counts, ref, verdicts,
        (p, code) -> p.equals(P) ? STATUS.apply(code) : TableLayout.STATUS_PUBLISHED, Set.of(P, PREV));
    assertEquals(2 * 342 + 1, all.size());
    String index = all.get(OpOrdeReports.INDEX_FILE);
    assertTrue(index.indexOf("<section id=\"H12025\">") < index.indexOf("<section id=\"H22024\">"));
    assertTrue(index.contains("href=\"0317/0317_H22024.html\""));
    assertTrue(all.get(OpOrdeReports.pagePath(EEMNES, P)).contains("href=\"0317_H22024.html\""));
    assertEquals("1.000", figure(all.get(OpOrdeReports.pagePath(EEMNES, PREV)), "totaal/totaal/arrangementen")[1]);
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
    List<FileVerdict> vs = new ArrayList<>();
    for (String code : given.keySet()) { // figures are shown only with a delivery in force
      vs.add(verdict(code + "/WMO_H12025_r.csv", "2025-07-05T09:00:00Z", code, P, "GOEDGEKEURD", 0, false, 1, true,
          List.of()));
    }
    SortedMap<String, String> pages = OpOrdeReports.render(P, cs, ref, vs, code -> TableLayout.STATUS_PUBLISHED,
        Set.of(P));
    Pattern nineDigits = Pattern.compile("(?<![0-9.])[0-9]{9}(?![0-9])");
    for (Map.Entry<String, Long> e : given.entrySet()) {
      String html = pages.get(OpOrdeReports.pagePath(e.getKey(), P));
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
