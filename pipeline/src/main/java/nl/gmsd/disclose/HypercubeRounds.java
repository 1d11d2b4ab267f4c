package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The cheap heuristic of SPEC 8, in rounds: secondary suppression hypercube style, as in τ-ARGUS.
 *
 * <p>Unsafe cells are handled in ordinal cell-key order. A candidate for an unsafe cell f is a
 * rectangle: f, the same cell of a sibling region (another published gemeente of its province;
 * for a province another province), and another category of f's dimension and measure (its total
 * included; in the totaal dimension another totaal measure) in both regions; where f's region has
 * no sibling (Nederland, a gemeente alone in its province) the line of f and that category; and,
 * as more candidates, f paired with a cell it shares a relation with, or with its own cell in a
 * region above, below or beside it. A candidate's cost is the exact values of the cells it newly
 * makes secret plus {@link #TOTAL_CELL_PENALTY} per total cell among them; candidates are tried
 * cheapest first (ties by the ordinal keys of their cells).
 *
 * <p><b>A candidate is taken only if it widens f</b>: it is made secret tentatively, and the
 * audit measures f on the system of f's gemeente and the gemeenten of the candidate before and
 * after (the linear program's range of f, and the width the audit can prove with whole-number
 * tables); if neither grew, the candidate is taken back. So no round adds a cell that does not
 * help (the stall of a type whose group has only that type: rectangles whose corners are pinned by
 * other published cells are refused, and the next candidate is tried). Where none of the first
 * {@link #CANDIDATES_TRIED} widens f, f is left to the exact stage.
 *
 * <p><b>Termination.</b> Every round makes at least one more cell secret or ends the stage, and
 * there are finitely many cells; at most {@code maxAuditRounds} rounds run. An unsafe cell already
 * covered by a cell made secret earlier in the same round waits for the next audit.
 */
final class HypercubeRounds implements ProtectionStage {

  /**
   * Cost added per total cell (dimension totaal, "Totaal exclusief verblijf en opvang") a
   * candidate newly makes secret: totals are the most used figures, so they go only when nothing
   * cheaper helps ([decision], as the large penalty of τ-ARGUS).
   */
  static final long TOTAL_CELL_PENALTY = 1_000_000_000L;

  /**
   * What making cell {@code j} of region {@code r} secret costs, the one measure every stage
   * minimises: its exact value, plus {@link #TOTAL_CELL_PENALTY} for a total cell.
   */
  static long secretCellCost(AuditState s, int r, int j) {
    return secretCellCost(s, r, j, TOTAL_CELL_PENALTY);
  }

  /**
   * {@link #secretCellCost(AuditState, int, int)} with another price per total: one that orders
   * every choice as {@link #TOTAL_CELL_PENALTY} does (the exact stage's program).
   */
  static long secretCellCost(AuditState s, int r, int j, long totalPenalty) {
    return s.exact[r][j] + (isTotalCell(j) ? totalPenalty : 0);
  }

  /** Whether cell {@code j} is a total, the kind of cell {@link #TOTAL_CELL_PENALTY} is for. */
  private static boolean isTotalCell(int j) {
    return CellRelations.isDimensionTotal(CellRelations.CELLS.get(j));
  }

  /** How many candidates are tested for widening per unsafe cell and round. */
  static final int CANDIDATES_TRIED = 6;

  private final int maxRounds;

  HypercubeRounds(int maxRounds) {
    this.maxRounds = maxRounds;
  }

  @Override
  public String name() {
    return "heuristic_rounds";
  }

  @Override
  public Report protect(Protection p) {
    int rounds = 0;
    int added = 0;
    while (!p.unsafe().isEmpty() && rounds < maxRounds) {
      rounds++;
      boolean[][] newNow = new boolean[p.state.size()][CellRelations.CELLS.size()];
      int before = added;
      for (int[] f : p.unsafe()) {
        if (p.state.isSecret(f[0], f[1]) && p.cert.certified(f[0], f[1])) {
          continue; // certified while protecting an earlier cell
        }
        added += protectOne(p, f, newNow, p.unsafe());
      }
      if (added == before) {
        break; // nothing widens any unsafe cell: the exact stage takes over
      }
      p.audit();
    }
    return new Report(name(), added, 0, rounds, p.unsafe().size());
  }

  /**
   * Makes secret the cheapest candidates that widen f, one after the other, until f is proven safe
   * or {@link #CANDIDATES_TRIED} candidates were tried; returns how many cells.
   */
  private int protectOne(Protection p, int[] f, boolean[][] newNow, List<int[]> unsafe) {
    Widening test = null;
    int added = 0;
    int tried = 0;
    while (tried < CANDIDATES_TRIED && !p.cert.certified(f[0], f[1])) {
      List<Candidate> ranked = ranked(p.state, f, newNow);
      if (ranked == null) {
        return added; // covered by a cell made secret this round: wait for the audit
      }
      if (test == null) {
        test = new Widening(p, f);
      }
      boolean took = false;
      for (Candidate c : ranked) {
        if (tried >= CANDIDATES_TRIED) {
          break;
        }
        if (!test.canWiden(c.fresh()) || !test.sees(c.fresh())) {
          continue; // by the LP's duals it cannot widen f
        }
        tried++;
        if (test.tryCells(c.fresh(), unsafe)) {
          for (int[] cell : c.fresh()) {
            newNow[cell[0]][cell[1]] = true;
          }
          added += c.fresh().size();
          took = true;
          break;
        }
      }
      if (!took) {
        break;
      }
    }
    return added;
  }

  /** f's candidates that make a cell secret, cheapest first; null when f is covered this round. */
  private static List<Candidate> ranked(AuditState s, int[] f, boolean[][] newNow) {
    List<int[][]> candidates = new ArrayList<>(rectangles(s, f[0], f[1]));
    candidates.addAll(relatedPairs(s, f[0], f[1]));
    List<Candidate> ranked = new ArrayList<>();
    for (int[][] c : candidates) {
      List<int[]> fresh = new ArrayList<>();
      boolean touchesNew = false;
      long cost = 0;
      for (int[] cell : c) {
        if (!s.isSecret(cell[0], cell[1])) {
          fresh.add(cell);
          cost += secretCellCost(s, cell[0], cell[1]);
        } else if (newNow[cell[0]][cell[1]]) {
          touchesNew = true;
        }
      }
      if (fresh.isEmpty()) {
        if (touchesNew && !s.isSecret(f[0], f[1])) {
          return null;
        }
        continue;
      }
      ranked.add(new Candidate(c, fresh, cost, key(s, c)));
    }
    ranked.sort(Comparator.comparingLong(Candidate::cost).thenComparing(Candidate::key));
    return ranked;
  }

  private record Candidate(int[][] cells, List<int[]> fresh, long cost, String key) {}

  private static String key(AuditState s, int[][] cells) {
    List<int[]> corners = new ArrayList<>(List.of(cells));
    corners.sort(s.cellOrder());
    StringBuilder b = new StringBuilder();
    for (int[] c : corners) {
      b.append(s.key(c[0], c[1])).append('\u0000');
    }
    return b.toString();
  }

  /** Rectangles (or lines, where the region has no sibling) for a cell. */
  static List<int[][]> rectangles(AuditState s, int region, int cell) {
    List<Integer> siblings = siblings(s, region);
    List<int[][]> out = new ArrayList<>();
    for (int other : otherCells(cell)) {
      if (siblings.isEmpty()) {
        out.add(new int[][] {{region, cell}, {region, other}});
      }
      for (int sib : siblings) {
        out.add(new int[][] {{region, cell}, {sib, cell}, {region, other}, {sib, other}});
      }
    }
    return out;
  }

  static List<Integer> siblings(AuditState s, int region) {
    List<Integer> out = new ArrayList<>();
    int parent = s.parent(region);
    if (parent >= 0) {
      for (int sib : s.members(parent)) {
        if (sib != region) {
          out.add(sib);
        }
      }
    }
    return out;
  }

  /**
   * Pairs of the cell with a cell of the same region it shares a relation with, or with its own
   * cell in a region below, beside or above it.
   */
  static List<int[][]> relatedPairs(AuditState s, int region, int cell) {
    List<int[][]> out = new ArrayList<>();
    TreeSet<Integer> related = new TreeSet<>();
    for (CellRelations.Relation r : CellRelations.RELATIONS) {
      boolean in = false;
      for (int c : r.cells()) {
        in |= c == cell;
      }
      if (in) {
        for (int c : r.cells()) {
          if (c != cell) {
            related.add(c);
          }
        }
      }
    }
    for (int c : related) {
      out.add(new int[][] {{region, cell}, {region, c}});
    }
    for (int child : s.members(region)) {
      out.add(new int[][] {{region, cell}, {child, cell}});
    }
    int parent = s.parent(region);
    if (parent >= 0) {
      out.add(new int[][] {{region, cell}, {parent, cell}});
      for (int sib : siblings(s, region)) {
        out.add(new int[][] {{region, cell}, {sib, cell}});
      }
    }
    return out;
  }

  /** The other categories of the cell's dimension and measure, the dimension's total included. */
  static List<Integer> otherCells(int cell) {
    Cell c = CellRelations.CELLS.get(cell);
    List<Integer> out = new ArrayList<>();
    if (c.dimension().equals(TableLayout.TOTAAL)) {
      for (String m : TableLayout.countMeasures(TableLayout.TOTAAL)) {
        if (!m.equals(c.measure())) {
          out.add(CellRelations.index(TableLayout.TOTAAL, TableLayout.TOTAAL, m));
        }
      }
      return out;
    }
    for (String cat : TableLayout.categories(c.dimension())) {
      if (!cat.equals(c.category())) {
        out.add(CellRelations.index(c.dimension(), cat, c.measure()));
      }
    }
    out.add(CellRelations.index(TableLayout.TOTAAL, TableLayout.TOTAAL, c.measure()));
    return out;
  }
}
