package nl.gmsd.count;

import static nl.gmsd.count.CountFixtures.GEMEENTE;
import static nl.gmsd.count.CountFixtures.arrangement;
import static nl.gmsd.count.CountFixtures.pseudonym;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellContributionsTest {

  private static final Set<Cell> COUNT_CELLS = Set.copyOf(TableLayout.countCells());

  private static ClientPeriod client(List<String> types, int arrangements, boolean zin, boolean pgb,
      String age, String sex) {
    return ClientPeriod.newBuilder()
        .setGemeentecode(GEMEENTE).setPeriod("H12025").setPseudonym(pseudonym(1))
        .setTypes(types).setArrangements(arrangements).setZin(zin).setPgb(pgb)
        .setAgeGroup(age).setSex(sex).setHousehold(null).build();
  }

  private static String render(List<Cell> cells) {
    return String.join(" ", cells.stream()
        .map(c -> c.dimension() + "/" + c.category() + "/" + c.measure()).toList());
  }

  @Test
  void clientWithTwoTypesCountsOnceInTotalAndOnceInEachTypeAndGroup() {
    ClientPeriod c = client(List.of("01", "02"), 3, true, false, "18-64", "V");
    assertEquals("totaal/totaal/clienten type/01/clienten type/02/clienten"
        + " typegroep/Hulp bij het huishouden/clienten typegroep/Ondersteuning thuis/clienten"
        + " typegroep/Totaal exclusief verblijf en opvang/clienten financieringsvorm/ZIN/clienten"
        + " aantal_arrangementen/3/clienten leeftijd/18-64/clienten geslacht/V/clienten",
        render(CellContributions.ofClient(c)));
  }

  @Test
  void twoTypesOfOneGroupCountTheGroupOnce() {
    List<Cell> cells = CellContributions.ofClient(
        client(List.of("02", "03"), 2, false, true, "onbekend", "onbekend"));
    assertEquals(1, cells.stream().filter(
        x -> x.equals(new Cell("typegroep", "Ondersteuning thuis", "clienten"))).count());
    assertTrue(cells.contains(new Cell("financieringsvorm", "PGB", "clienten")));
  }

  @ParameterizedTest
  @CsvSource({
      "15,    false",
      "15 16, false",
      "15 01, true",
      "10,    true",
      "18 14, true"})
  void totalExcludingVerblijfOnlyWithATypeOutsideIt(String types, boolean counted) {
    List<Cell> cells = CellContributions.ofClient(
        client(List.of(types.split(" ")), 2, true, true, "85+", "M"));
    assertEquals(counted, cells.contains(
        new Cell("typegroep", ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, "clienten")));
    assertTrue(cells.contains(new Cell("financieringsvorm", "ZIN+PGB", "clienten")));
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "5, 5", "6, 6+", "7, 6+", "40, 6+"})
  void arrangementCountCategories(int n, String category) {
    assertEquals(category, CellContributions.arrangementCount(n));
  }

  @Test
  void clientWithoutArrangementOrLeveringsvormIsABug() {
    assertThrows(IllegalArgumentException.class, () -> CellContributions.arrangementCount(0));
    assertThrows(IllegalArgumentException.class, () -> CellContributions.financieringsvorm(
        client(List.of("01"), 1, false, false, "0-17", "M")));
  }

  @ParameterizedTest
  @CsvSource({
      "01, Hulp bij het huishouden,  true",
      "02, Ondersteuning thuis,      true",
      "05, Hulpmiddelen en diensten, true",
      "10, Overig,                   true",
      "15, Verblijf en opvang,       false",
      "18, Verblijf en opvang,       false"})
  void arrangementCells(String type, String group, boolean inTotalExcluding) {
    List<Cell> cells = CellContributions.ofArrangement(arrangement(null, type, "ZIN", "2025-01-01", ""));
    String expected = "totaal/totaal/arrangementen type/" + type + "/arrangementen typegroep/"
        + group + "/arrangementen"
        + (inTotalExcluding ? " typegroep/Totaal exclusief verblijf en opvang/arrangementen" : "");
    assertEquals(expected, render(cells));
  }

  @Test
  void everyArrangementCellIsACountCell() {
    for (String type : ArrangementTypes.codes()) {
      for (Cell c : CellContributions.ofArrangement(arrangement(null, type, "PGB", "2025-01-01", ""))) {
        assertTrue(COUNT_CELLS.contains(c), c::toString);
      }
    }
    assertTrue(COUNT_CELLS.contains(CellContributions.household()));
  }

  /** Generated clients: every cell is a count cell and none is named twice. */
  @Test
  void everyClientCellIsACountCellAndDistinct() {
    List<String> ages = new ArrayList<>(TableLayout.AGE_GROUPS);
    ages.add(TableLayout.UNKNOWN);
    List<String> sexes = List.of("M", "V", TableLayout.UNKNOWN);
    List<String> codes = ArrangementTypes.codes();
    long seed = 7_2025L;
    Random random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      List<String> types = new ArrayList<>();
      for (String code : codes) {
        if (random.nextInt(6) == 0) {
          types.add(code);
        }
      }
      if (types.isEmpty()) {
        types.add(codes.get(random.nextInt(codes.size())));
      }
      int zinPgb = 1 + random.nextInt(3);
      ClientPeriod c = client(types, types.size() + random.nextInt(4), (zinPgb & 1) != 0,
          (zinPgb & 2) != 0, ages.get(random.nextInt(ages.size())),
          sexes.get(random.nextInt(sexes.size())));
      List<Cell> cells = CellContributions.ofClient(c);
      if (!COUNT_CELLS.containsAll(cells) || new HashSet<>(cells).size() != cells.size()) {
        fail("seed " + seed + " case " + i + ": " + render(cells));
      }
      // totaal + types + groups + (excl) + fin + aantal + age + sex
      long groups = types.stream().map(ArrangementTypes::groupOf).distinct().count();
      boolean excl = types.stream().anyMatch(
          t -> !ArrangementTypes.groupOf(t).equals(ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG));
      assertEquals(1 + types.size() + groups + (excl ? 1 : 0) + 4, cells.size(),
          "seed " + seed + " case " + i);
    }
  }

  @Test
  void cellCountCarriesItsCoordinates() {
    CellCount cc = CellContributions.toCellCount(Period.parse("H22025"), GEMEENTE,
        CellContributions.household(), 42);
    assertEquals("H22025", cc.getPeriod());
    assertEquals(GEMEENTE, cc.getGemeentecode());
    assertEquals("totaal", cc.getDimension());
    assertEquals("totaal", cc.getCategory());
    assertEquals("huishoudens", cc.getMeasure());
    assertEquals(42L, cc.getCount());
  }
}
