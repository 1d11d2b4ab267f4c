package nl.gmsd.count;

import static nl.gmsd.count.CountFixtures.GEMEENTE;
import static nl.gmsd.count.CountFixtures.person;
import static nl.gmsd.count.CountFixtures.pseudonym;
import static nl.gmsd.count.CountFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.Person;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.merge.ArrangementMerger;
import org.junit.jupiter.api.Test;

/**
 * A small hand-made gemeente: records go through the merger, then clients and cells are counted
 * and compared with counts worked out by hand.
 *
 * <pre>
 * P1 (born 1950-03-01: 75 on 2025-06-30, V, household hh-A)
 *    01 ZIN 2025-01-01..2025-03-31, 02 ZIN 2025-02-01..open
 * P2 (born 2010-01-01: 15, M, household hh-A, the same as P1)
 *    15 PGB 2025-01-01..2025-12-31
 * P3 (not in personen.csv)
 *    02 ZIN 2025-01-01..01-31 + 02 ZIN 2025-02-03..02-28 (start 3 days after end: one arrangement),
 *    02 PGB 2025-03-01..04-30 (other leveringsvorm: its own), 07 ZIN 2025-05-01..05-31,
 *    16 ZIN 2025-06-01..open
 * P4 (born 1990-07-01, V, household hh-B)
 *    10 PGB 2025-07-01..open (H2 only); and, merged in the 2024 scope, 01 ZIN 2024-09-01..open
 *    (overlaps H1 2025 but belongs to 2024: not counted for 2025)
 * P5 (born 1940-01-01: 85, sex missing, household hh-C)
 *    05 08 11 12 13 14, all ZIN 2025-01-01..2025-06-30 (six arrangements)
 * unknown person (BSN 999999999): two records 01 ZIN 2025-01-01..2025-06-30, never merged
 * </pre>
 */
class ExactCountsTest {

  private static final Period H1 = Period.parse("H12025");
  private static final Period H2 = Period.parse("H22025");
  private static final String P1 = pseudonym(1);
  private static final String P2 = pseudonym(2);
  private static final String P3 = pseudonym(3);
  private static final String P4 = pseudonym(4);
  private static final String P5 = pseudonym(5);

  private static List<Arrangement> arrangements() {
    List<PseudonymisedRecord> y2025 = new ArrayList<>();
    int line = 2;
    y2025.add(record("H12025", line++, P1, "01", "ZIN", "2025-01-01", "2025-03-31"));
    y2025.add(record("H12025", line++, P1, "02", "ZIN", "2025-02-01", ""));
    y2025.add(record("H12025", line++, P2, "15", "PGB", "2025-01-01", "2025-12-31"));
    y2025.add(record("H12025", line++, P3, "02", "ZIN", "2025-01-01", "2025-01-31"));
    y2025.add(record("H12025", line++, P3, "02", "ZIN", "2025-02-03", "2025-02-28"));
    y2025.add(record("H12025", line++, P3, "02", "PGB", "2025-03-01", "2025-04-30"));
    y2025.add(record("H12025", line++, P3, "07", "ZIN", "2025-05-01", "2025-05-31"));
    y2025.add(record("H12025", line++, P3, "16", "ZIN", "2025-06-01", ""));
    y2025.add(record("H22025", 2, P4, "10", "PGB", "2025-07-01", ""));
    for (String type : List.of("05", "08", "11", "12", "13", "14")) {
      y2025.add(record("H12025", line++, P5, type, "ZIN", "2025-01-01", "2025-06-30"));
    }
    y2025.add(record("H12025", line++, null, "01", "ZIN", "2025-01-01", "2025-06-30"));
    y2025.add(record("H12025", line++, null, "01", "ZIN", "2025-01-01", "2025-06-30"));
    ArrangementMerger merger = ArrangementMerger.withDefaults();
    List<Arrangement> all = new ArrayList<>(merger.merge(GEMEENTE, 2025, y2025));
    all.addAll(merger.merge(GEMEENTE, 2024,
        List.of(record("H22024", 2, P4, "01", "ZIN", "2024-09-01", ""))));
    return all;
  }

  private static Map<String, Person> persons() {
    return Map.of(
        P1, person(P1, "1950-03-01", "V", "hh-A"),
        P2, person(P2, "2010-01-01", "M", "hh-A"),
        P4, person(P4, "1990-07-01", "V", "hh-B"),
        P5, person(P5, "1940-01-01", null, "hh-C"));
  }

  /** The nonzero cells as "dimension/category/measure=count" lines, sorted. */
  private static String nonzero(Map<Cell, Long> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((c, n) -> {
      if (n != 0) {
        sorted.put(c.dimension() + "/" + c.category() + "/" + c.measure(), n);
      }
    });
    StringBuilder b = new StringBuilder();
    sorted.forEach((k, n) -> b.append(k).append('=').append(n).append('\n'));
    return b.toString();
  }

  private static String sortedLines(String text) {
    return String.join("\n", text.strip().lines().map(String::strip).sorted().toList()) + "\n";
  }

  @Test
  void mergesTheScenarioAsExpected() {
    List<Arrangement> as = arrangements();
    // 2025: P1 2, P2 1, P3 4 (the two ZIN 02 records joined), P4 1, P5 6, unknown 2; 2024: P4 1.
    assertEquals(17, as.size());
    assertEquals(1, as.stream().filter(a -> a.getRecords() == 2).count());
  }

  @Test
  void countsOfTheFirstHalfYear() {
    // Clients active in H1 2025: P1, P2, P3, P5 (P4 only in H2, and its 2024 arrangement is
    // out of scope). Arrangements: P1 2 + P2 1 + P3 4 + P5 6 + unknown 2 = 15.
    // Households: hh-A (P1 and P2, once), hh-C (P5); P3 not found: 2.
    String expected = """
        totaal/totaal/clienten=4
        totaal/totaal/arrangementen=15
        totaal/totaal/huishoudens=2
        type/01/clienten=1
        type/01/arrangementen=3
        type/02/clienten=2
        type/02/arrangementen=3
        type/05/clienten=1
        type/05/arrangementen=1
        type/07/clienten=1
        type/07/arrangementen=1
        type/08/clienten=1
        type/08/arrangementen=1
        type/11/clienten=1
        type/11/arrangementen=1
        type/12/clienten=1
        type/12/arrangementen=1
        type/13/clienten=1
        type/13/arrangementen=1
        type/14/clienten=1
        type/14/arrangementen=1
        type/15/clienten=1
        type/15/arrangementen=1
        type/16/clienten=1
        type/16/arrangementen=1
        typegroep/Hulp bij het huishouden/clienten=1
        typegroep/Hulp bij het huishouden/arrangementen=3
        typegroep/Ondersteuning thuis/clienten=2
        typegroep/Ondersteuning thuis/arrangementen=4
        typegroep/Hulpmiddelen en diensten/clienten=1
        typegroep/Hulpmiddelen en diensten/arrangementen=6
        typegroep/Verblijf en opvang/clienten=2
        typegroep/Verblijf en opvang/arrangementen=2
        typegroep/Totaal exclusief verblijf en opvang/clienten=3
        typegroep/Totaal exclusief verblijf en opvang/arrangementen=13
        financieringsvorm/ZIN/clienten=2
        financieringsvorm/PGB/clienten=1
        financieringsvorm/ZIN+PGB/clienten=1
        aantal_arrangementen/1/clienten=1
        aantal_arrangementen/2/clienten=1
        aantal_arrangementen/4/clienten=1
        aantal_arrangementen/6+/clienten=1
        leeftijd/0-17/clienten=1
        leeftijd/75-84/clienten=1
        leeftijd/85+/clienten=1
        leeftijd/onbekend/clienten=1
        geslacht/M/clienten=1
        geslacht/V/clienten=1
        geslacht/onbekend/clienten=2
        """;
    // Notes: type 01 arrangements = P1's one + the unknown person's two, but only P1 is a client.
    // Ondersteuning thuis arrangements: P1 02, P3 02 ZIN, P3 02 PGB, P3 07 = 4.
    // Totaal excl. verblijf: clients P1, P3, P5 (P2 has only 15); arrangements 15 - (15, 16) = 13.
    // ZIN: P1, P5; PGB: P2; both: P3. Geslacht onbekend: P3 (not found) and P5 (no sex).
    assertEquals(sortedLines(expected),
        sortedLines(nonzero(ExactCounts.forPeriod(GEMEENTE, H1, arrangements(), persons()))));
  }

  @Test
  void countsOfTheSecondHalfYear() {
    // Active in H2 2025: P1 02 (open), P2 15 (to 31 Dec), P3 16 (open), P4 10 (from 1 Jul).
    // P4 is 35 on 2025-12-31. Households: hh-A (P1, P2), hh-B (P4).
    String expected = """
        totaal/totaal/clienten=4
        totaal/totaal/arrangementen=4
        totaal/totaal/huishoudens=2
        type/02/clienten=1
        type/02/arrangementen=1
        type/10/clienten=1
        type/10/arrangementen=1
        type/15/clienten=1
        type/15/arrangementen=1
        type/16/clienten=1
        type/16/arrangementen=1
        typegroep/Ondersteuning thuis/clienten=1
        typegroep/Ondersteuning thuis/arrangementen=1
        typegroep/Overig/clienten=1
        typegroep/Overig/arrangementen=1
        typegroep/Verblijf en opvang/clienten=2
        typegroep/Verblijf en opvang/arrangementen=2
        typegroep/Totaal exclusief verblijf en opvang/clienten=2
        typegroep/Totaal exclusief verblijf en opvang/arrangementen=2
        financieringsvorm/ZIN/clienten=2
        financieringsvorm/PGB/clienten=2
        aantal_arrangementen/1/clienten=4
        leeftijd/0-17/clienten=1
        leeftijd/18-64/clienten=1
        leeftijd/75-84/clienten=1
        leeftijd/onbekend/clienten=1
        geslacht/M/clienten=1
        geslacht/V/clienten=2
        geslacht/onbekend/clienten=1
        """;
    assertEquals(sortedLines(expected),
        sortedLines(nonzero(ExactCounts.forPeriod(GEMEENTE, H2, arrangements(), persons()))));
  }

  @Test
  void countsAreDenseAndConvertToCellCounts() {
    Map<Cell, Long> counts = ExactCounts.forPeriod(GEMEENTE, H1, arrangements(), persons());
    assertEquals(TableLayout.countCells(), List.copyOf(counts.keySet()));
    List<CellCount> cellCounts = ExactCounts.toCellCounts(H1, GEMEENTE, counts);
    assertEquals(TableLayout.countCells().size(), cellCounts.size());
    CellCount first = cellCounts.get(0);
    assertEquals("totaal/totaal/clienten=4", first.getDimension() + "/" + first.getCategory()
        + "/" + first.getMeasure() + "=" + first.getCount());
  }

  @Test
  void onlyTheGemeenteAndTheYearScopeOfThePeriodCount() {
    assertEquals("", nonzero(ExactCounts.forPeriod("0014", H1, arrangements(), persons())));
    // H1 2024: P4's 2024 arrangement starts in September.
    assertEquals("", nonzero(
        ExactCounts.forPeriod(GEMEENTE, Period.parse("H12024"), arrangements(), persons())));
    // H2 2024: P4 (34 on 2024-12-31) with the 2024-scope arrangement only.
    assertEquals(sortedLines("""
        totaal/totaal/clienten=1
        totaal/totaal/arrangementen=1
        totaal/totaal/huishoudens=1
        type/01/clienten=1
        type/01/arrangementen=1
        typegroep/Hulp bij het huishouden/clienten=1
        typegroep/Hulp bij het huishouden/arrangementen=1
        typegroep/Totaal exclusief verblijf en opvang/clienten=1
        typegroep/Totaal exclusief verblijf en opvang/arrangementen=1
        financieringsvorm/ZIN/clienten=1
        aantal_arrangementen/1/clienten=1
        leeftijd/18-64/clienten=1
        geslacht/V/clienten=1
        """), sortedLines(nonzero(
        ExactCounts.forPeriod(GEMEENTE, Period.parse("H22024"), arrangements(), persons()))));
  }

  @Test
  void aClientWithoutActiveArrangementsIsABug() {
    ClientPeriod bad = ClientPeriod.newBuilder()
        .setGemeentecode(GEMEENTE).setPeriod("H12025").setPseudonym(P1).setTypes(List.of("01"))
        .setArrangements(0).setZin(true).setPgb(false).setAgeGroup("onbekend").setSex("onbekend")
        .setHousehold(null).build();
    assertThrows(IllegalArgumentException.class, () -> ExactCounts.of(List.of(bad), List.of()));
  }
}
