package nl.gmsd.disclose;

import static nl.gmsd.common.TableLayout.AANTAL_ARRANGEMENTEN;
import static nl.gmsd.common.TableLayout.ARRANGEMENTEN;
import static nl.gmsd.common.TableLayout.CLIENTEN;
import static nl.gmsd.common.TableLayout.HUISHOUDENS;
import static nl.gmsd.common.TableLayout.TOTAAL;
import static nl.gmsd.common.TableLayout.TYPE;
import static nl.gmsd.common.TableLayout.TYPEGROEP;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.TableLayout;

/**
 * Whole-number tables found without a linear program: small changes of the population of one
 * gemeente, mirrored in a sibling gemeente of the same province (so the province and Nederland do
 * not move) or absorbed by the rounding slack of the province and Nederland. Each change is what
 * one person's record would do to the counts: a client moves to another category of a partition
 * (age, sex, financieringsvorm, number of arrangements), a client with one arrangement has another
 * type, an arrangement of an unknown person appears, a household appears. {@link
 * Certificates#check} decides exactly whether the changed table is one the attacker cannot rule
 * out; the moves only propose. At small scales most secret cells lie in small gemeenten whose
 * every cell is secret, and one such move with a sibling proves them: this saves most of the
 * linear programs there.
 */
final class Moves {

  /** How many sibling gemeenten are tried as the mirror of a move. */
  static final int PARTNERS = 6;

  private static final int N = CellRelations.CELLS.size();
  private static final int CLIENTS = CellRelations.index(TOTAAL, TOTAAL, CLIENTEN);
  private static final int ARRANGEMENTS = CellRelations.index(TOTAAL, TOTAAL, ARRANGEMENTEN);
  private static final int HOUSEHOLDS = CellRelations.index(TOTAAL, TOTAAL, HUISHOUDENS);
  private static final int EXCL_CLIENTS =
      CellRelations.index(TYPEGROEP, ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, CLIENTEN);
  private static final int EXCL_ARR =
      CellRelations.index(TYPEGROEP, ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, ARRANGEMENTEN);
  /** The population moves that change each cell, built once: per cell, a list of moves. */
  private static final List<List<Move>> MOVES = build();

  /**
   * One move: its change of every cell, and the cells it changes (a few of the table's cells: the
   * quick interval test and the loop over thousands of moves per cell read only those).
   */
  private record Move(long[] dense, int[] changed) {
    static Move of(long[] dense) {
      return new Move(dense, IntStream.range(0, dense.length).filter(j -> dense[j] != 0).toArray());
    }
  }

  private final AuditState s;
  private final Certificates cert;

  Moves(AuditState s, Certificates cert) {
    this.s = s;
    this.cert = cert;
  }

  /** What the moves found for one gemeente: the checked tables, as (free gemeenten, deviations). */
  record Found(List<int[]> free, List<long[][]> tables) {}

  /**
   * Tries moves for the open secret cells of gemeente {@code g}, reading the certificates as they
   * were before (so gemeenten can be done in parallel); returns the tables that passed the check.
   */
  Found tryGemeente(int g) {
    List<int[]> frees = new ArrayList<>();
    List<long[][]> tables = new ArrayList<>();
    long w = s.settings.minIntervalWidth();
    long[] up = cert.up[g].clone();
    long[] down = cert.down[g].clone();
    for (int j = 0; j < N; j++) {
      if (!s.isSecret(g, j) || up[j] - down[j] >= w) {
        continue;
      }
      int[] partners = partners(g, j);
      for (Move move : MOVES.get(j)) {
        if (up[j] - down[j] >= w) {
          break;
        }
        for (int k : new int[] {1, -1, 2, -2}) {
          if (up[j] - down[j] >= w) {
            break;
          }
          long d = k * move.dense()[j];
          if (d <= up[j] && d >= down[j]) {
            continue; // would not widen
          }
          if (fits(g, move, k)) {
            long[] delta = scaled(move, k);
            // Alone, the province and Nederland absorb it within their intervals.
            int[] free = {g};
            long[][] t = {delta};
            if (Certificates.check(s, free, t)) {
              keep(frees, tables, free, t, g, up, down, delta);
              continue;
            }
            long[] mirror = scaled(move, -k);
            boolean done = false;
            for (int p : partners) {
              if (!fits(p, move, -k)) {
                continue;
              }
              int[] pair = {g, p};
              long[][] tp = {delta, mirror};
              if (Certificates.check(s, pair, tp)) {
                keep(frees, tables, pair, tp, g, up, down, delta);
                done = true;
                break;
              }
            }
            if (!done && Math.abs(k) == 2) {
              // Mirrored by two siblings, one each.
              long[] half = scaled(move, -k / 2);
              for (int a = 0; a < partners.length && !done; a++) {
                if (!fits(partners[a], move, -k / 2)) {
                  continue;
                }
                for (int b = a + 1; b < partners.length && !done; b++) {
                  int[] three = {g, partners[a], partners[b]};
                  long[][] t3 = {delta, half, half};
                  if (fits(partners[b], move, -k / 2) && Certificates.check(s, three, t3)) {
                    keep(frees, tables, three, t3, g, up, down, delta);
                    done = true;
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Found(frees, tables);
  }

  private static void keep(List<int[]> frees, List<long[][]> tables, int[] free, long[][] t, int g, long[] up,
      long[] down, long[] delta) {
    frees.add(free);
    tables.add(t);
    for (int j = 0; j < N; j++) {
      up[j] = Math.max(up[j], delta[j]);
      down[j] = Math.min(down[j], delta[j]);
    }
  }

  /** Quick test of the changed cells' own intervals in a gemeente, before the full check. */
  private boolean fits(int g, Move move, int k) {
    for (int j : move.changed()) {
      long x = s.exact[g][j] + k * move.dense()[j];
      if (x < s.lo[g][j] || x > s.hi[g][j]) {
        return false;
      }
    }
    return true;
  }

  private static long[] scaled(Move move, int k) {
    long[] d = new long[N];
    for (int j : move.changed()) {
      d[j] = k * move.dense()[j];
    }
    return d;
  }

  /**
   * Sibling gemeenten to mirror a move of cell j: those where j is secret (its interval is wide)
   * first, then with the most of it (room to move the other way), then by code; at most {@link
   * #PARTNERS}.
   */
  private int[] partners(int g, int j) {
    int p = s.parent(g);
    if (p < 0) {
      return new int[0];
    }
    return Arrays.stream(s.gemeentenBelow(p)).boxed()
        .filter(x -> x != g)
        .sorted(Comparator.<Integer>comparingInt(x -> s.isSecret(x, j) ? 0 : 1)
            .thenComparing(x -> -s.exact[x][j])
            .thenComparing(x -> s.code(x)))
        .limit(PARTNERS)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  // ---- the moves, as changes of one person's record ----

  private static List<List<Move>> build() {
    List<List<Move>> perCell = new ArrayList<>();
    for (int j = 0; j < N; j++) {
      perCell.add(new ArrayList<>());
    }
    List<long[]> all = new ArrayList<>();
    // A client moves to another category of a partition (financieringsvorm, age, sex).
    for (String d : List.of(TableLayout.FINANCIERINGSVORM, TableLayout.LEEFTIJD, TableLayout.GESLACHT)) {
      List<String> cats = TableLayout.categories(d);
      for (String a : cats) {
        for (String b : cats) {
          if (!a.equals(b)) {
            long[] m = new long[N];
            m[CellRelations.index(d, a, CLIENTEN)] = 1;
            m[CellRelations.index(d, b, CLIENTEN)] = -1;
            all.add(m);
          }
        }
      }
    }
    // A client's number of arrangements changes from a to b: its own arrangements of one type
    // come or go with it (the type's clients do not change).
    List<String> counts = TableLayout.ARRANGEMENT_COUNTS;
    for (int a = 0; a < counts.size(); a++) {
      for (int b = 0; b < counts.size(); b++) {
        if (a == b) {
          continue;
        }
        long[] plain = new long[N];
        plain[CellRelations.index(AANTAL_ARRANGEMENTEN, counts.get(b), CLIENTEN)] = 1;
        plain[CellRelations.index(AANTAL_ARRANGEMENTEN, counts.get(a), CLIENTEN)] = -1;
        all.add(plain);
        for (String t : ArrangementTypes.codes()) {
          long[] m = plain.clone();
          addArrangements(m, t, b - a);
          all.add(m);
        }
      }
    }
    // A client with one arrangement has type t instead of u (its group and "excl" follow).
    for (String t : ArrangementTypes.codes()) {
      for (String u : ArrangementTypes.codes()) {
        if (!t.equals(u)) {
          long[] m = new long[N];
          addSimpleClientType(m, t, 1);
          addSimpleClientType(m, u, -1);
          all.add(m);
        }
      }
    }
    // An arrangement of an unknown person (BSN 999999999) of type t; or of type t instead of u.
    for (String t : ArrangementTypes.codes()) {
      long[] m = new long[N];
      addArrangements(m, t, 1);
      all.add(m);
      for (String u : ArrangementTypes.codes()) {
        if (!t.equals(u)) {
          long[] x = m.clone();
          addArrangements(x, u, -1);
          all.add(x);
        }
      }
    }
    // A household of clients.
    long[] h = new long[N];
    h[HOUSEHOLDS] = 1;
    all.add(h);
    // A client with one arrangement of type t, ZIN, of each age and sex (a person more or less).
    for (String t : ArrangementTypes.codes()) {
      for (String age : TableLayout.categories(TableLayout.LEEFTIJD)) {
        for (String sex : TableLayout.categories(TableLayout.GESLACHT)) {
          long[] m = new long[N];
          addSimpleClientType(m, t, 1);
          m[CLIENTS] += 1;
          m[CellRelations.index(TableLayout.FINANCIERINGSVORM, "ZIN", CLIENTEN)] += 1;
          m[CellRelations.index(AANTAL_ARRANGEMENTEN, counts.get(0), CLIENTEN)] += 1;
          m[CellRelations.index(TableLayout.LEEFTIJD, age, CLIENTEN)] += 1;
          m[CellRelations.index(TableLayout.GESLACHT, sex, CLIENTEN)] += 1;
          all.add(m);
        }
      }
    }
    for (long[] m : all) {
      Move move = Move.of(m);
      for (int j : move.changed()) {
        perCell.get(j).add(move);
      }
    }
    return perCell;
  }

  /** k arrangements of type t: the type, its group, "excl" unless Verblijf en opvang, the total. */
  private static void addArrangements(long[] m, String t, int k) {
    String g = ArrangementTypes.groupOf(t);
    m[CellRelations.index(TYPE, t, ARRANGEMENTEN)] += k;
    m[CellRelations.index(TYPEGROEP, g, ARRANGEMENTEN)] += k;
    if (!g.equals(ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG)) {
      m[EXCL_ARR] += k;
    }
    m[ARRANGEMENTS] += k;
  }

  /** A client whose one arrangement is of type t: its type, group and "excl" cells, and the arrangement. */
  private static void addSimpleClientType(long[] m, String t, int k) {
    String g = ArrangementTypes.groupOf(t);
    m[CellRelations.index(TYPE, t, CLIENTEN)] += k;
    m[CellRelations.index(TYPEGROEP, g, CLIENTEN)] += k;
    if (!g.equals(ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG)) {
      m[EXCL_CLIENTS] += k;
    }
    addArrangements(m, t, k);
  }
}
