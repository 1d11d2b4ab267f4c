package nl.gmsd.count;

import static nl.gmsd.common.TableLayout.AANTAL_ARRANGEMENTEN;
import static nl.gmsd.common.TableLayout.ARRANGEMENTEN;
import static nl.gmsd.common.TableLayout.CLIENTEN;
import static nl.gmsd.common.TableLayout.FINANCIERINGSVORM;
import static nl.gmsd.common.TableLayout.GESLACHT;
import static nl.gmsd.common.TableLayout.HUISHOUDENS;
import static nl.gmsd.common.TableLayout.LEEFTIJD;
import static nl.gmsd.common.TableLayout.TOTAAL;
import static nl.gmsd.common.TableLayout.TYPE;
import static nl.gmsd.common.TableLayout.TYPEGROEP;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The exact increments one client, one arrangement or one household makes to the count cells of
 * its gemeente and period (SPEC 7). Every cell is one of {@link TableLayout#countCells()}, and each
 * cell appears at most once per contribution, so a count is the number of contributions that name
 * it.
 */
public final class CellContributions {

  /** Financieringsvorm categories (SPEC 10). */
  public static final String ONLY_ZIN = "ZIN";
  public static final String ONLY_PGB = "PGB";
  public static final String ZIN_AND_PGB = "ZIN+PGB";

  private CellContributions() {}

  /**
   * A client's cells: totaal; each of its types; each of its type groups; "Totaal exclusief
   * verblijf en opvang" when it has a type outside Verblijf en opvang; its financieringsvorm;
   * its number of arrangements (1..5, 6+); its age group; its sex. All measure clienten.
   */
  public static List<Cell> ofClient(ClientPeriod c) {
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(TOTAAL, TOTAAL, CLIENTEN));
    TreeSet<String> types = new TreeSet<>(c.getTypes());
    TreeSet<String> groups = new TreeSet<>();
    for (String type : types) {
      cells.add(new Cell(TYPE, type, CLIENTEN));
      groups.add(ArrangementTypes.groupOf(type));
    }
    for (String group : groups) {
      cells.add(new Cell(TYPEGROEP, group, CLIENTEN));
    }
    if (hasGroupOutsideVerblijf(groups)) {
      cells.add(new Cell(TYPEGROEP, ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, CLIENTEN));
    }
    cells.add(new Cell(FINANCIERINGSVORM, financieringsvorm(c), CLIENTEN));
    cells.add(new Cell(AANTAL_ARRANGEMENTEN, arrangementCount(c.getArrangements()), CLIENTEN));
    cells.add(new Cell(LEEFTIJD, c.getAgeGroup(), CLIENTEN));
    cells.add(new Cell(GESLACHT, c.getSex(), CLIENTEN));
    return cells;
  }

  /**
   * An active arrangement's cells: totaal, its type, its type group, and "Totaal exclusief
   * verblijf en opvang" unless its group is Verblijf en opvang. All measure arrangementen.
   * Arrangements of unknown persons count too.
   */
  public static List<Cell> ofArrangement(Arrangement a) {
    String group = ArrangementTypes.groupOf(a.getType());
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(TOTAAL, TOTAAL, ARRANGEMENTEN));
    cells.add(new Cell(TYPE, a.getType(), ARRANGEMENTEN));
    cells.add(new Cell(TYPEGROEP, group, ARRANGEMENTEN));
    if (!ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG.equals(group)) {
      cells.add(new Cell(TYPEGROEP, ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, ARRANGEMENTEN));
    }
    return cells;
  }

  /**
   * The cell of one household with a client. Count each distinct (gemeente, period, household)
   * once, over the clients whose household is not null (clients found in personen.csv only).
   */
  public static Cell household() {
    return new Cell(TOTAAL, TOTAAL, HUISHOUDENS);
  }

  public static CellCount toCellCount(Period period, String gemeentecode, Cell cell, long count) {
    return CellCount.newBuilder()
        .setPeriod(period.code())
        .setGemeentecode(gemeentecode)
        .setDimension(cell.dimension())
        .setCategory(cell.category())
        .setMeasure(cell.measure())
        .setCount(count)
        .build();
  }

  /** The financieringsvorm category of a client; a client has ZIN, PGB or both. */
  public static String financieringsvorm(ClientPeriod c) {
    if (c.getZin() && c.getPgb()) {
      return ZIN_AND_PGB;
    }
    if (c.getZin()) {
      return ONLY_ZIN;
    }
    if (c.getPgb()) {
      return ONLY_PGB;
    }
    throw new IllegalArgumentException("a client has a ZIN or a PGB arrangement");
  }

  /** The aantal_arrangementen category: "1".."5", or the last category ("6+") from 6 on. */
  public static String arrangementCount(int arrangements) {
    List<String> categories = TableLayout.ARRANGEMENT_COUNTS;
    if (arrangements < 1) {
      throw new IllegalArgumentException("a client has at least one arrangement: " + arrangements);
    }
    return categories.get(Math.min(arrangements, categories.size()) - 1);
  }

  private static boolean hasGroupOutsideVerblijf(TreeSet<String> groups) {
    for (String g : groups) {
      if (!ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG.equals(g)) {
        return true;
      }
    }
    return false;
  }
}
