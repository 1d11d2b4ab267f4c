package nl.gmsd.disclose;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The linear relations among the count cells of one region (SPEC 8), as rows {@code sum(coef *
 * x) = 0} (equality) or {@code sum(coef * x) <= 0} (inequality) over cell indexes of {@link
 * #CELLS}. Between regions the relation is always the sum gemeenten to province to Nederland, per
 * cell; that one is handled by the audit itself.
 */
final class CellRelations {

  /** A relation {@code sum(coef[i] * x[cells[i]]) (= or <=) 0}. */
  record Relation(String name, int[] cells, int[] coef, boolean equality) {
    /** Left-hand side at the given values. */
    long lhs(long[] x) {
      long s = 0;
      for (int i = 0; i < cells.length; i++) {
        s += coef[i] * x[cells[i]];
      }
      return s;
    }

    boolean holds(long[] x) {
      long s = lhs(x);
      return equality ? s == 0 : s <= 0;
    }
  }

  /** Every count cell of one region, in layout order: the index space of the audit. */
  static final List<Cell> CELLS = TableLayout.countCells();

  private static final Map<Cell, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < CELLS.size(); i++) {
      INDEX.put(CELLS.get(i), i);
    }
  }

  /** The dimensions whose categories partition the clients (each client in exactly one). */
  static final List<String> CLIENT_PARTITIONS = List.of(FINANCIERINGSVORM, AANTAL_ARRANGEMENTEN, LEEFTIJD, GESLACHT);

  static final List<Relation> RELATIONS = build();

  private CellRelations() {}

  static int index(Cell cell) {
    Integer i = INDEX.get(cell);
    if (i == null) {
      throw new IllegalArgumentException("not a count cell of the table: " + cell);
    }
    return i;
  }

  static int index(String dimension, String category, String measure) {
    return index(new Cell(dimension, category, measure));
  }

  /** Total cell of the dimension: clients or arrangements in totaal/totaal. */
  static boolean isDimensionTotal(Cell c) {
    return c.dimension().equals(TOTAAL) || c.category().equals(ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF);
  }

  /**
   * The cell whose upper bound bounds a secondary secret cell of the same region: the totaal
   * cell of the same measure for a category cell, the clients total for households; -1 for the
   * totaal clients and arrangements cells, whose parent is the same cell of the parent region.
   */
  static int parentInRegion(int cell) {
    Cell c = CELLS.get(cell);
    if (c.dimension().equals(TOTAAL)) {
      return c.measure().equals(HUISHOUDENS) ? index(TOTAAL, TOTAAL, CLIENTEN) : -1;
    }
    return index(TOTAAL, TOTAAL, c.measure());
  }

  private static List<Relation> build() {
    List<Relation> rows = new ArrayList<>();
    int clients = index(TOTAAL, TOTAAL, CLIENTEN);
    int arrangements = index(TOTAAL, TOTAAL, ARRANGEMENTEN);
    int households = index(TOTAAL, TOTAAL, HUISHOUDENS);
    // Partitions of the clients: sum of the categories equals the total.
    for (String d : CLIENT_PARTITIONS) {
      List<Integer> cells = new ArrayList<>();
      for (String c : TableLayout.categories(d)) {
        cells.add(index(d, c, CLIENTEN));
      }
      rows.add(sum(d + " clienten = totaal", cells, clients, true));
    }
    String excl = ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF;
    int exclClients = index(TYPEGROEP, excl, CLIENTEN);
    int exclArr = index(TYPEGROEP, excl, ARRANGEMENTEN);
    List<Integer> groupClients = new ArrayList<>();
    List<Integer> groupArr = new ArrayList<>();
    List<Integer> nonVerblijfClients = new ArrayList<>();
    List<Integer> nonVerblijfArr = new ArrayList<>();
    for (String g : ArrangementTypes.groups()) {
      int gc = index(TYPEGROEP, g, CLIENTEN);
      int ga = index(TYPEGROEP, g, ARRANGEMENTEN);
      groupClients.add(gc);
      groupArr.add(ga);
      boolean verblijf = g.equals(ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG);
      if (!verblijf) {
        nonVerblijfClients.add(gc);
        nonVerblijfArr.add(ga);
      }
      List<Integer> typeClients = new ArrayList<>();
      List<Integer> typeArr = new ArrayList<>();
      for (String t : ArrangementTypes.codes()) {
        if (ArrangementTypes.groupOf(t).equals(g)) {
          int tc = index(TYPE, t, CLIENTEN);
          typeClients.add(tc);
          typeArr.add(index(TYPE, t, ARRANGEMENTEN));
          // A client of a type is a client of its group.
          rows.add(new Relation("clienten type " + t + " <= groep", new int[] {tc, gc}, new int[] {1, -1}, false));
        }
      }
      // A client of the group has at least one of its types.
      rows.add(sum("clienten groep " + g + " <= som types", typeClients, gc, false, true));
      rows.add(new Relation("clienten groep " + g + " <= totaal", new int[] {gc, clients}, new int[] {1, -1}, false));
      rows.add(sum("arrangementen types = groep " + g, typeArr, ga, true));
      if (!verblijf) {
        rows.add(new Relation("clienten groep " + g + " <= totaal excl", new int[] {gc, exclClients}, new int[] {1, -1}, false));
      }
    }
    rows.add(sum("clienten totaal <= som groepen", groupClients, clients, false, true));
    rows.add(new Relation("clienten totaal excl <= totaal", new int[] {exclClients, clients}, new int[] {1, -1}, false));
    rows.add(sum("clienten totaal excl <= som groepen", nonVerblijfClients, exclClients, false, true));
    rows.add(sum("arrangementen groepen excl = totaal excl", nonVerblijfArr, exclArr, true));
    rows.add(sum("arrangementen groepen = totaal", groupArr, arrangements, true));
    rows.add(new Relation("huishoudens <= clienten", new int[] {households, clients}, new int[] {1, -1}, false));
    return List.copyOf(rows);
  }

  /** {@code sum(parts) - total = 0}, or {@code <= 0} when not an equality. */
  private static Relation sum(String name, List<Integer> parts, int total, boolean equality) {
    int[] cells = new int[parts.size() + 1];
    int[] coef = new int[parts.size() + 1];
    for (int i = 0; i < parts.size(); i++) {
      cells[i] = parts.get(i);
      coef[i] = 1;
    }
    cells[parts.size()] = total;
    coef[parts.size()] = -1;
    return new Relation(name, cells, coef, equality);
  }

  /** {@code total - sum(parts) <= 0}: the total is at most the sum of its parts. */
  private static Relation sum(String name, List<Integer> parts, int total, boolean equality, boolean totalAtMost) {
    Relation r = sum(name, parts, total, equality);
    int[] coef = r.coef().clone();
    for (int i = 0; i < coef.length; i++) {
      coef[i] = -coef[i];
    }
    return new Relation(name, r.cells(), coef, equality);
  }
}
