package nl.gmsd.costs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.TableCell;
import nl.gmsd.check.FileKinds;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableCodebook;
import nl.gmsd.common.TableLayout;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.intake.Withdrawal;
import nl.gmsd.testing.CostVerdicts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kosten table of SPEC 12 on hand-made cost files of four gemeenten, figures computed by hand
 * (inhabitants: the shipped counts of 1 January 2024, the nearest year that has counts).
 */
class KostenTableTest {

  static final Period P = Period.parse("H12018");
  static final ReferenceData REF = ReferenceData.shipped();
  static final long SCHIER = 972;   // 0088 Schiermonnikoog, Friesland
  static final long VLIELAND = 1255; // 0096 Vlieland, Friesland

  static FileVerdict approved(String kind, String file, String gemeente, int minute) {
    return CostVerdicts.approved(kind, file, gemeente, P, minute);
  }

  static CostRecord row(String kind, String file, String gemeente, String category, long kosten) {
    return new CostRecord(file, kind, gemeente, P.code(), 2, category, kosten);
  }

  static Map<String, TableCell> table() {
    List<FileVerdict> verdicts = List.of(
        approved("JEUGD", "J_schier.csv", "0088", 1),
        approved("JEUGD", "J_vlie.csv", "0096", 2),
        approved("JEUGD", "J_ameland.csv", "0060", 3),
        approved("SBO", "S_schier.csv", "0088", 4),
        approved("SBO", "S_ams.csv", "0363", 5));
    // Ameland withdraws after its delivery.
    Withdrawal w = new Withdrawal("0060", P.code(), "2018-09-01T00:00:00Z",
        Instant.parse("2018-09-01T00:00:00Z").toEpochMilli(), 2);
    DeliveryRules.Decision d = DeliveryRules.apply(verdicts, List.of(w), DeliveryRules.Settings.defaults());
    List<CostRecord> rows = List.of(
        row("JEUGD", "J_schier.csv", "0088", "1", 1000), row("JEUGD", "J_schier.csv", "0088", "3", 5000),
        row("JEUGD", "J_vlie.csv", "0096", "1", 2000), row("JEUGD", "J_vlie.csv", "0096", "2", 700),
        row("SBO", "S_schier.csv", "0088", "670", 500), row("SBO", "S_schier.csv", "0088", "671", 250),
        row("SBO", "S_ams.csv", "0363", "670", 1_000_000));
    CostFigures figures = CostFigures.of(List.of(P), rows, d, REF, FileKinds.shipped());
    Map<String, TableCell> cells = new TreeMap<>();
    for (TableCell c : KostenTable.cells(figures, REF)) {
      String key = c.getRegionCode() + ";" + c.getDimension() + ";" + c.getCategory() + ";" + c.getMeasure();
      assertEquals(null, cells.put(key, c), "one cell per key: " + key);
    }
    return cells;
  }

  static void assertCell(Map<String, TableCell> cells, String key, String value, String status) {
    TableCell c = cells.get(key);
    assertTrue(c != null, "no cell " + key);
    assertEquals(value + ";" + status, c.getValue() + ";" + c.getStatus(), key);
  }

  @Test
  void aGemeentesDeliveredCategoriesAndItsTotal() {
    Map<String, TableCell> t = table();
    assertCell(t, "0088;jeugd;1;kosten", "1000", "gepubliceerd");
    assertCell(t, "0088;jeugd;1;kosten_per_inwoner", "1.03", "gepubliceerd"); // 1000 / 972 = 1.0288
    assertCell(t, "0088;jeugd;2;kosten", ".", "niet_geleverd");  // left out: not delivered, not zero
    assertCell(t, "0088;jeugd;2;kosten_per_inwoner", ".", "niet_geleverd");
    assertCell(t, "0088;jeugd;totaal;kosten", "6000", "gepubliceerd");
    assertCell(t, "0088;jeugd;totaal;kosten_per_inwoner", "6.17", "gepubliceerd"); // 6000 / 972 = 6.1728
    assertCell(t, "0088;sbo;671;kosten_per_inwoner", "0.26", "gepubliceerd"); // 250 / 972 = 0.2572
  }

  @Test
  void aWithdrawnGemeenteANotDeliveredOneAndANotRequestedOne() {
    Map<String, TableCell> t = table();
    for (String c : List.of("1", "2", "3", "4", "5", "6", "totaal")) {
      assertCell(t, "0060;jeugd;" + c + ";kosten", ".", "ingetrokken");
    }
    assertCell(t, "0363;jeugd;totaal;kosten", ".", "niet_geleverd");
    assertCell(t, "0060;sbo;670;kosten", ".", "niet_geleverd");
    // Amsterdam has far more than 20 000 inhabitants: its SBO file is accepted, not published.
    assertCell(t, "0363;sbo;670;kosten", ".", "niet_gevraagd");
    assertCell(t, "0363;sbo;totaal;kosten_per_inwoner", ".", "niet_gevraagd");
    assertCell(t, "0599;sbo;670;kosten", ".", "niet_gevraagd");
  }

  @Test
  void provinceAndNederlandSumOverTheDeliveringPublishedGemeentenOnly() {
    Map<String, TableCell> t = table();
    // Friesland (PV21), JEUGD 1: Schiermonnikoog 1000 + Vlieland 2000 (Ameland withdrawn).
    assertCell(t, "PV21;jeugd;1;kosten", "3000", "gepubliceerd");
    assertCell(t, "PV21;jeugd;1;gemeenten_geleverd", "2", "gepubliceerd");
    assertCell(t, "PV21;jeugd;1;inwoners_geleverd", Long.toString(SCHIER + VLIELAND), "gepubliceerd");
    assertCell(t, "PV21;jeugd;1;kosten_per_inwoner", "1.35", "gepubliceerd"); // 3000 / 2227 = 1.3471
    // JEUGD 2: Vlieland only, over its inhabitants only.
    assertCell(t, "PV21;jeugd;2;kosten", "700", "gepubliceerd");
    assertCell(t, "PV21;jeugd;2;inwoners_geleverd", Long.toString(VLIELAND), "gepubliceerd");
    assertCell(t, "PV21;jeugd;2;kosten_per_inwoner", "0.56", "gepubliceerd"); // 700 / 1255 = 0.5578
    // JEUGD 4: nobody delivered it.
    assertCell(t, "PV21;jeugd;4;kosten", ".", "niet_geleverd");
    assertCell(t, "PV21;jeugd;4;kosten_per_inwoner", ".", "niet_geleverd");
    assertCell(t, "PV21;jeugd;4;gemeenten_geleverd", "0", "gepubliceerd");
    assertCell(t, "PV21;jeugd;4;inwoners_geleverd", "0", "gepubliceerd");
    // Totals: 6000 + 2700 = 8700 over 2227 inhabitants = 3.9066.
    assertCell(t, "PV21;jeugd;totaal;kosten", "8700", "gepubliceerd");
    assertCell(t, "PV21;jeugd;totaal;kosten_per_inwoner", "3.91", "gepubliceerd");
    assertCell(t, "NL01;jeugd;totaal;kosten", "8700", "gepubliceerd");
    // SBO: Amsterdam's million is not asked and not summed.
    assertCell(t, "PV27;sbo;670;kosten", ".", "niet_geleverd");
    assertCell(t, "NL01;sbo;670;kosten", "500", "gepubliceerd");
    assertCell(t, "NL01;sbo;670;gemeenten_geleverd", "1", "gepubliceerd");
    assertCell(t, "NL01;sbo;670;kosten_per_inwoner", "0.51", "gepubliceerd"); // 500 / 972 = 0.5144
  }

  @Test
  void theTableIsDense() {
    Map<String, TableCell> t = table();
    int gemeenten = REF.division(2018).size();
    int provinces = 12;
    // per gemeente: (SBO 2 + 1, JEUGD 6 + 1 categories) x 2 measures; per province and NL x 4
    assertEquals(gemeenten * 10 * 2 + (provinces + 1) * 10 * 4, t.size());
    Set<String> levels = new HashSet<>();
    t.values().forEach(c -> levels.add(c.getRegionLevel()));
    assertEquals(Set.of("gemeente", "provincie", "nederland"), levels);
  }

  @Test
  void aRowOfAFileNotInForceIsRefused() {
    DeliveryRules.Decision d = DeliveryRules.apply(List.of(approved("SBO", "S.csv", "0088", 1)), List.of(),
        DeliveryRules.Settings.defaults());
    assertThrows(IllegalArgumentException.class, () -> CostFigures.of(List.of(P),
        List.of(row("SBO", "other.csv", "0088", "670", 1)), d, REF, FileKinds.shipped()));
  }

  @Test
  void onlyTheRunsPeriodsWithACostKindAreTabulated() {
    FileKinds k = FileKinds.shipped();
    assertEquals(List.of(Period.parse("H12018"), Period.parse("H22018")),
        CostFigures.costPeriods(List.of(Period.parse("H22018"), Period.parse("H12018")), k));
    assertEquals(List.of(Period.parse("H22019")),
        CostFigures.costPeriods(List.of(Period.parse("H12020"), Period.parse("H22019")), k));
    assertEquals(List.of(Period.parse("H12016")),
        CostFigures.costPeriods(List.of(Period.parse("H12016"), Period.parse("H22015")), k));
    assertEquals(List.of(), CostFigures.costPeriods(List.of(Period.parse("H22020"), Period.parse("H12020")), k));
  }

  @ParameterizedTest
  @CsvSource({"0,5,0.00", "1,8,0.13", "1000,3,333.33", "2,3,0.67", "5,1000,0.01", "4,1000,0.00",
      "999999999,1,999999999.00", "12345,100,123.45", "1,200,0.01", "1,201,0.00"})
  void perInhabitantHasTwoDecimalsHalvesUp(long euros, long inhabitants, String expected) {
    assertEquals(expected, KostenTable.perInhabitant(euros, inhabitants));
  }

  @Test
  void perInhabitantAgreesWithExactDecimalDivisionOnRandomInputs() {
    long seed = Long.getLong("costs.seed", 18L);
    Random r = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      long euros = (long) (r.nextDouble() * 400 * 999_999_999L);
      long inh = 1 + (long) (r.nextDouble() * 18_000_000L);
      String exact = BigDecimal.valueOf(euros).divide(BigDecimal.valueOf(inh), 2, RoundingMode.HALF_UP).toPlainString();
      assertEquals(exact, KostenTable.perInhabitant(euros, inh), "seed " + seed + ": " + euros + " / " + inh);
    }
  }

  @Test
  void theCodebookNamesEveryCodeOfTheTableAfterTheWmoTablesCodes() {
    String csv = TableCodebook.csv(KostenTable.codebookEntries(List.of(P), FileKinds.shipped()));
    assertTrue(csv.startsWith(TableCodebook.csv()), "the Wmo table's codes first, as they are without costs");
    Set<String> coded = new HashSet<>();
    for (String line : csv.split("\n")) {
      String[] f = line.split(";", -1);
      assertEquals(4, f.length, "a ';' inside a label: " + line);
      assertTrue(coded.add(f[0] + "|" + f[1] + "|" + f[2]), "twice: " + line);
    }
    for (TableCell c : table().values()) {
      String d = c.getDimension();
      assertTrue(coded.contains("dimension||" + d), c.toString());
      assertTrue(coded.contains("category|" + d + "|" + c.getCategory()), c.toString());
      assertTrue(coded.contains("measure||" + c.getMeasure()), c.toString());
      // The Wmo table's region levels, statuses and '.' speak of rounding and suppression: the
      // kosten table's have entries of their own under their dimension.
      assertTrue(coded.contains("region_level|" + d + "|" + c.getRegionLevel())
          || c.getRegionLevel().equals(TableLayout.LEVEL_GEMEENTE) && coded.contains("region_level||gemeente"), c.toString());
      assertTrue(coded.contains("status|" + d + "|" + c.getStatus()), c.toString());
      if (c.getValue().equals(TableLayout.SECRET_VALUE)) {
        assertTrue(coded.contains("value|" + d + "|" + TableLayout.SECRET_VALUE), c.toString());
      }
    }
    assertTrue(csv.contains("\ncategory;jeugd;5;5 Jeugdreclassering\n"), csv);
    assertTrue(csv.contains("\nstatus;sbo;niet_gevraagd;Niet gevraagd: de uitvraag geldt alleen voor gemeenten met minder"
        + " dan 20.000 inwoners"), csv);
    assertFalse(coded.contains("status|jeugd|niet_gevraagd"), "JEUGD is asked of every gemeente");
  }

  @Test
  void aRunWithoutCostPeriodsHasNoCostCodes() {
    assertEquals(List.of(), KostenTable.codebookEntries(List.of(Period.parse("H12020"), Period.parse("H22015")),
        FileKinds.shipped()));
  }
}
