package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The linked table with only a few gemeenten free (SPEC 8: the audit may split the system): a
 * variable per count cell of each free gemeente, within its interval and its region's relations;
 * every other gemeente keeps its true counts, so a province's (Nederland's) cell is a known
 * constant plus its free gemeenten's cells and must stay within its own interval (a row, or the
 * variable's bounds when one free gemeente is below it).
 *
 * <p>Every point of this system, with the other gemeenten at their true counts, is a point of the
 * whole system, because the fixed gemeenten satisfy their relations and every relation is
 * homogeneous (so a province's relations hold as the sum of its gemeenten's). So a whole-number
 * optimum here is a table the attacker cannot rule out ({@link Certificates#check} checks it
 * again, exactly), and the range of a cell here lies inside its range over the whole system.
 */
final class RestrictedSystem implements AutoCloseable {

  static final double INTEGRAL = 1e-6;

  final AuditState s;
  final int[] free;
  final LinearSystem lp = new LinearSystem();
  private final int n = CellRelations.CELLS.size();
  /** Per aggregate region (province, Nederland) above the free gemeenten: its free gemeenten's positions. */
  private final Map<Integer, int[]> freeBelow = new TreeMap<>();
  /** Per aggregate region: the LP row of each of its cells, or -1 where folded into a variable's bounds. */
  private final Map<Integer, int[]> aggregateRows = new TreeMap<>();

  RestrictedSystem(AuditState s, int[] free) {
    this.s = s;
    this.free = free.clone();
    Arrays.sort(this.free);
    Map<Integer, List<Integer>> below = new TreeMap<>();
    for (int k = 0; k < this.free.length; k++) {
      for (int a = s.parent(this.free[k]); a >= 0; a = s.parent(a)) {
        below.computeIfAbsent(a, x -> new ArrayList<>()).add(k);
      }
    }
    below.forEach((a, ks) -> freeBelow.put(a, ks.stream().mapToInt(Integer::intValue).toArray()));
    double[][][] b = variableBounds();
    for (int k = 0; k < this.free.length; k++) {
      for (int j = 0; j < n; j++) {
        lp.variable(b[0][k][j], b[1][k][j]);
      }
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        int[] vars = new int[r.cells().length];
        double[] coef = new double[vars.length];
        for (int i = 0; i < vars.length; i++) {
          vars[i] = k * n + r.cells()[i];
          coef[i] = r.coef()[i];
        }
        lp.row(vars, coef, r.equality() ? 0 : Double.NEGATIVE_INFINITY, 0);
      }
    }
    for (Map.Entry<Integer, int[]> e : freeBelow.entrySet()) {
      int a = e.getKey();
      int[] ks = e.getValue();
      int[] rowOf = new int[n];
      Arrays.fill(rowOf, -1);
      if (ks.length > 1) {
        double[] ones = new double[ks.length];
        Arrays.fill(ones, 1);
        for (int j = 0; j < n; j++) {
          double[] rb = aggregateBounds(a, ks, j);
          rowOf[j] = lp.row(vars(ks, j), ones, rb[0], rb[1]);
        }
      }
      aggregateRows.put(a, rowOf);
    }
  }

  /**
   * Each free gemeente's cell's bounds, {lo, hi}[k][j]: its interval, and where it is the only
   * free gemeente below a province (Nederland), what that interval leaves it.
   */
  private double[][][] variableBounds() {
    double[][] lo = new double[free.length][n];
    double[][] hi = new double[free.length][n];
    for (int k = 0; k < free.length; k++) {
      for (int j = 0; j < n; j++) {
        lo[k][j] = s.lo[free[k]][j];
        hi[k][j] = bound(s.hi[free[k]][j]);
      }
    }
    // Aggregates with one free gemeente below: their interval bounds that gemeente's cell.
    for (Map.Entry<Integer, int[]> e : freeBelow.entrySet()) {
      if (e.getValue().length == 1) {
        int a = e.getKey();
        int k = e.getValue()[0];
        for (int j = 0; j < n; j++) {
          long others = s.exact[a][j] - s.exact[free[k]][j];
          lo[k][j] = Math.max(lo[k][j], s.lo[a][j] - others);
          hi[k][j] = Math.min(hi[k][j], bound(s.hi[a][j]) - others);
        }
      }
    }
    return new double[][][] {lo, hi};
  }

  /** The bounds of an aggregate's row for cell j: its interval less the fixed gemeenten's counts. */
  private double[] aggregateBounds(int a, int[] ks, int j) {
    long others = s.exact[a][j];
    for (int k : ks) {
      others -= s.exact[free[k]][j];
    }
    return new double[] {s.lo[a][j] - others, bound(s.hi[a][j]) - others};
  }

  /**
   * Brings every bound up to the intervals as they are now (cells made secret or published again
   * since the system was built); the model and the solver's last basis are kept, so the next solve
   * starts from there.
   */
  void refresh() {
    double[][][] b = variableBounds();
    for (int k = 0; k < free.length; k++) {
      for (int j = 0; j < n; j++) {
        int v = k * n + j;
        if (lp.lower(v) != b[0][k][j] || lp.upper(v) != b[1][k][j]) {
          lp.setBounds(v, b[0][k][j], b[1][k][j]);
        }
      }
    }
    for (Map.Entry<Integer, int[]> e : freeBelow.entrySet()) {
      int[] rowOf = aggregateRows.get(e.getKey());
      for (int j = 0; j < n; j++) {
        if (rowOf[j] >= 0) {
          double[] rb = aggregateBounds(e.getKey(), e.getValue(), j);
          double[] now = lp.rowBounds(rowOf[j]);
          if (now[0] != rb[0] || now[1] != rb[1]) {
            lp.setRowBounds(rowOf[j], rb[0], rb[1]);
          }
        }
      }
    }
  }

  private static double bound(long hi) {
    return hi >= AuditState.INF ? Double.POSITIVE_INFINITY : hi;
  }

  private int[] vars(int[] ks, int j) {
    int[] v = new int[ks.length];
    for (int i = 0; i < ks.length; i++) {
      v[i] = ks[i] * n + j;
    }
    return v;
  }

  /**
   * Whether a cell of this region moves in the system of these free gemeenten (a free gemeente, or
   * a province or Nederland above one), without building the system.
   */
  static boolean covers(AuditState s, int[] free, int region) {
    for (int g : free) {
      for (int r : s.chain(g)) {
        if (r == region) {
          return true;
        }
      }
    }
    return false;
  }

  /** The position of a free gemeente, or -1. */
  int position(int region) {
    int k = Arrays.binarySearch(free, region);
    return k >= 0 ? k : -1;
  }

  /** The LP variables whose sum is the deviation of the region's cell: one, or a province's free gemeenten. */
  int[] objective(int region, int cell) {
    int k = position(region);
    if (k >= 0) {
      return new int[] {k * n + cell};
    }
    int[] ks = freeBelow.get(region);
    if (ks == null) {
      throw new IllegalArgumentException("region " + s.code(region) + " does not move in this system");
    }
    return vars(ks, cell);
  }

  /** The free gemeenten's positions below an aggregate, or null. */
  int[] freeBelow(int aggregate) {
    return freeBelow.get(aggregate);
  }

  /** The LP row of an aggregate's cell, or -1 where it bounds a variable directly. */
  int aggregateRow(int aggregate, int cell) {
    int[] rows = aggregateRows.get(aggregate);
    return rows == null ? -1 : rows[cell];
  }

  /**
   * The cells whose published bounds hold an optimum where it is: a variable's bound with a
   * reduced cost (with the province's or Nederland's cell folded into it), an aggregate's row with
   * a dual value. By weak duality, widening only other cells' bounds leaves the optimum as it is.
   * The optimum must come with its duals.
   */
  void binding(LinearSystem.Optimum o, java.util.function.BiConsumer<Integer, Integer> cell) {
    for (int v = 0; v < o.reducedCosts().length; v++) {
      if (Math.abs(o.reducedCosts()[v]) > DUAL_TOLERANCE) {
        int g = free[v / n];
        int j = v % n;
        cell.accept(g, j);
        for (int a : s.chain(g)) {
          if (freeBelow(a) != null && freeBelow(a).length == 1) {
            cell.accept(a, j);
          }
        }
      }
    }
    for (int a : aggregates()) {
      for (int j = 0; j < n; j++) {
        int row = aggregateRow(a, j);
        if (row >= 0 && Math.abs(o.rowDuals()[row]) > DUAL_TOLERANCE) {
          cell.accept(a, j);
        }
      }
    }
  }

  private static final double DUAL_TOLERANCE = 1e-6;

  /** The aggregates (provinces, Nederland) above the free gemeenten. */
  java.util.Set<Integer> aggregates() {
    return freeBelow.keySet();
  }

  /** The true value of LP variable {@code var}. */
  double truth(int var) {
    return s.exact[free[var / n]][var % n];
  }

  /** The value of {@code objective(region, cell)} at an LP point, as the cell's value. */
  double valueAt(double[] point, int region, int cell) {
    double v = constant(region, cell);
    for (int var : objective(region, cell)) {
      v += point[var];
    }
    return v;
  }

  /** The cell's smallest and largest value on this system ({min, max}; max +infinity when unbounded). */
  double[] range(int region, int cell) {
    double[] r = lp.range(objective(region, cell));
    double c = constant(region, cell);
    return new double[] {r[0] + c, r[1] + c};
  }

  /**
   * What the cell's value adds to its objective's sum: 0 for a free gemeente's cell, the true
   * counts of the gemeenten kept fixed for a province's or Nederland's. An optimum's value is the
   * sum only; plus this, it is the cell's.
   */
  double constant(int region, int cell) {
    double v = s.exact[region][cell];
    for (int var : objective(region, cell)) {
      v -= s.exact[free[var / n]][cell];
    }
    return v;
  }

  /**
   * The deviations from the true table at an LP point, when every coordinate is a whole number
   * (within {@link #INTEGRAL}); null otherwise.
   */
  long[][] deviations(double[] point) {
    long[][] d = new long[free.length][n];
    for (int k = 0; k < free.length; k++) {
      for (int j = 0; j < n; j++) {
        double v = point[k * n + j];
        long r = Math.round(v);
        if (Math.abs(v - r) > INTEGRAL) {
          return null;
        }
        d[k][j] = r - s.exact[free[k]][j];
      }
    }
    return d;
  }

  @Override
  public void close() {
    lp.close();
  }
}
