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
 * The linear relations among the count cells of one region that every reader of the table knows
 * (SPEC 7, 8), as rows {@code sum(coef * x) = 0} (equality) or {@code sum(coef * x) <= 0}
 * (inequality) over cell indexes of {@link #CELLS}. Between regions the relation is always the sum
 * gemeenten to province to Nederland, per cell; that one is handled by the audit itself. Every
 * relation is homogeneous (right-hand side 0) with integer coefficients, so it holds for a province
 * and for Nederland as soon as it holds for each of their gemeenten, and the sum of two tables that
 * satisfy it satisfies it too.
 *
 * <p><b>What the count stage counts</b> (package {@code nl.gmsd.count}), per gemeente and period: a
 * client is a pseudonym with at least one arrangement active in the period (unknown persons, BSN
 * 999999999, are never clients, but each of their arrangements counts); {@code arrangementen} counts
 * every active arrangement; a client counts once in each type it has, once in each group of those
 * types, once in "Totaal exclusief verblijf en opvang" when it has a group other than Verblijf en
 * opvang; its {@code aantal_arrangementen} is the number of its active arrangements in that
 * gemeente and period, all types together (the same arrangements the arrangement cells count, see
 * {@code JoinReferenceData} and {@code ExactCounts}); each arrangement has exactly one leveringsvorm,
 * ZIN or PGB ({@code ClientSummariser}); households are the distinct non-empty household ids of the
 * clients found in the register.
 *
 * <p><b>The relations</b>, each true for every possible population, so the true table always
 * satisfies them ({@link PublicationTable#build} checks every one on every gemeente):
 * <ul>
 *   <li>The partitions of the clients (financieringsvorm, aantal_arrangementen, leeftijd, geslacht):
 *       the categories sum to the clients total.
 *   <li>Types and groups, clients: a client of a type is a client of its group ({@code type <=
 *       group}); a client of a group has one of its types ({@code group <= sum of its types}); a
 *       group's clients are clients ({@code group <= total}); likewise for "Totaal exclusief
 *       verblijf en opvang" (every group other than Verblijf en opvang {@code <=} it {@code <=} the
 *       sum of those groups, and it {@code <=} the total); every client has a group ({@code total <=
 *       sum of the groups}), and is outside Verblijf en opvang or in it ({@code total <= excl +
 *       Verblijf en opvang}).
 *   <li>Types and groups, arrangements: an arrangement has exactly one type, so the types of a
 *       group sum to the group, the groups to the total, and the groups other than Verblijf en opvang
 *       to "Totaal exclusief verblijf en opvang" (equalities).
 *   <li>Arrangements bound clients, per type: each client of a type has at least one arrangement
 *       of that type, and two clients never share one, so {@code clients_t <= arrangements_t}. (Per
 *       group and in total this follows by summing; arrangements of unknown persons only add to the
 *       right-hand side, so the relation stays true with them.)
 *   <li>Clients by number of arrangements bound the arrangements: a client in category k (1..5)
 *       has exactly k arrangements, one in "6+" at least 6, and the unknown persons' arrangements
 *       come on top: {@code 1*c1 + 2*c2 + 3*c3 + 4*c4 + 5*c5 + 6*c6+ <= arrangements}.
 *   <li>... and bound the types and groups: a client with k arrangements has at most min(k, 18)
 *       types and min(k, 5) groups, so {@code sum over types of clients_t <= c1 + 2*c2 + 3*c3 +
 *       4*c4 + 5*c5 + 18*c6+} and {@code sum over groups of clients_g <= c1 + 2*c2 + 3*c3 + 4*c4 +
 *       5*c5 + 5*c6+} (the 5 groups, not "Totaal exclusief").
 *   <li>A client with both ZIN and PGB has at least two arrangements: {@code clients ZIN+PGB <=
 *       c2 + c3 + c4 + c5 + c6+}.
 *   <li>Households are households of clients: {@code households <= clients}.
 * </ul>
 *
 * <p><b>Left out, because they do not hold exactly.</b> Arrangements give no upper bound on clients
 * or on anything else (unknown persons' arrangements are unbounded, and "6+" has no upper end).
 * Households and the age or sex category {@code onbekend} are not tied: a person found in the
 * register may have an unreadable birth date or sex (then {@code onbekend}) and still a household,
 * and a person born after the period's end is {@code onbekend} by age ({@code TableLayout#ageGroup}).
 * Every count is a whole number; that is not a row here but part of the audit (its certificates are
 * integer tables).
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
    int verblijfClients = index(TYPEGROEP, ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG, CLIENTEN);
    rows.add(new Relation("clienten totaal <= totaal excl + verblijf en opvang",
        new int[] {clients, exclClients, verblijfClients}, new int[] {1, -1, -1}, false));
    for (String t : ArrangementTypes.codes()) {
      rows.add(new Relation("clienten type " + t + " <= arrangementen type " + t,
          new int[] {index(TYPE, t, CLIENTEN), index(TYPE, t, ARRANGEMENTEN)}, new int[] {1, -1}, false));
    }
    List<String> counts = TableLayout.ARRANGEMENT_COUNTS;
    int k = counts.size();
    // sum_k lowest(k) * clients_k - arrangements <= 0, with lowest("6+") = 6.
    int[] cells = new int[k + 1];
    int[] coef = new int[k + 1];
    for (int i = 0; i < k; i++) {
      cells[i] = index(AANTAL_ARRANGEMENTEN, counts.get(i), CLIENTEN);
      coef[i] = i + 1;
    }
    cells[k] = arrangements;
    coef[k] = -1;
    rows.add(new Relation("som k * clienten met k arrangementen <= arrangementen", cells, coef, false));
    rows.add(atMostPerClient("som clienten per type <= som min(k, types) * clienten met k arrangementen",
        typeCells(), ArrangementTypes.codes().size()));
    List<Integer> groups = new ArrayList<>();
    for (String g : ArrangementTypes.groups()) {
      groups.add(index(TYPEGROEP, g, CLIENTEN));
    }
    rows.add(atMostPerClient("som clienten per typegroep <= som min(k, groepen) * clienten met k arrangementen",
        groups, ArrangementTypes.groups().size()));
    int[] zpCells = new int[k];
    int[] zpCoef = new int[k];
    zpCells[0] = index(FINANCIERINGSVORM, nl.gmsd.count.CellContributions.ZIN_AND_PGB, CLIENTEN);
    zpCoef[0] = 1;
    for (int i = 1; i < k; i++) {
      zpCells[i] = index(AANTAL_ARRANGEMENTEN, counts.get(i), CLIENTEN);
      zpCoef[i] = -1;
    }
    rows.add(new Relation("clienten ZIN+PGB <= clienten met 2 of meer arrangementen", zpCells, zpCoef, false));
    return List.copyOf(rows);
  }

  private static List<Integer> typeCells() {
    List<Integer> out = new ArrayList<>();
    for (String t : ArrangementTypes.codes()) {
      out.add(index(TYPE, t, CLIENTEN));
    }
    return out;
  }

  /**
   * {@code sum(cells) <= sum_k min(lowest(k), max) * clients_k}: a client with k arrangements counts
   * in at most min(k, max) of the cells (types, or groups); "6+" (6 or more, no upper end) counts
   * as {@code max}.
   */
  private static Relation atMostPerClient(String name, List<Integer> parts, int max) {
    List<String> counts = TableLayout.ARRANGEMENT_COUNTS;
    int k = counts.size();
    int[] cells = new int[parts.size() + k];
    int[] coef = new int[parts.size() + k];
    for (int i = 0; i < parts.size(); i++) {
      cells[i] = parts.get(i);
      coef[i] = 1;
    }
    for (int i = 0; i < k; i++) {
      cells[parts.size() + i] = index(AANTAL_ARRANGEMENTEN, counts.get(i), CLIENTEN);
      // Category i holds clients with exactly i + 1 arrangements, the last one with i + 1 or more.
      coef[parts.size() + i] = -(i == k - 1 ? max : Math.min(i + 1, max));
    }
    return new Relation(name, cells, coef, false);
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
