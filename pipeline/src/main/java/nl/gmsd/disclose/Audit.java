package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import nl.gmsd.common.TableLayout;

/**
 * The audit of SPEC 8 over one period's linked tables, sound by construction.
 *
 * <p>The full system: a variable per count cell of every audited region (published gemeenten,
 * provinces and Nederland with at least one published gemeente), the within-region relations of
 * {@link CellRelations}, gemeenten summing to their province and provinces to Nederland per cell,
 * and each cell's interval ({@link AuditState#lo}, {@link AuditState#hi}). The true table is a
 * feasible point of it.
 *
 * <p><b>Why a secret cell declared safe is safe.</b> Take a subset F of the gemeenten and fix every
 * other gemeente's cells at their true values. Province and Nederland cells are then F's cells plus
 * known constants, and their within-region relations follow from the gemeenten's (sums of linear
 * equalities and homogeneous inequalities that every gemeente satisfies). So every solution of the
 * restricted system over F, extended by the true values elsewhere, is a solution of the full
 * system: the restricted range of a cell is inside its full range, and a restricted width of at
 * least minIntervalWidth proves the full width is too. Stage 1 takes F = the cell's gemeente (a
 * 69-variable LP); for a province or Nederland cell, F = one of a few of its gemeenten. Stage 2,
 * for cells stage 1 cannot prove, takes F = the gemeente and up to {@link #STAGE2_NEIGHBOURS}
 * other gemeenten of its province (for a province or Nederland cell: a few of its gemeenten).
 * Stage 3, when the period has at most {@link #FULL_SYSTEM_MAX_GEMEENTEN} published gemeenten,
 * takes F = all of them: the full system, exact. {@link DisclosureControl} also settles ({@link
 * #settle}: per province with all its gemeenten free, then on the full system) the cells that
 * fail again after a round of suppression, or that no further suppression can help.
 *
 * <p>Within one restricted system, LPs are saved with witnesses ({@link
 * LinearSystem#provenWidths}): the true point and every optimum found are feasible points, so two
 * of them that differ by minIntervalWidth in a cell prove its width without an LP of its own.
 *
 * <p><b>Why a cell declared unsafe is unsafe (or at least not provably safe).</b> Dropping all
 * relations to other regions relaxes the full system, so the range of a cell over its own region
 * (its bounds and relations only) contains its full range; when that width is already below
 * minIntervalWidth, the cell is unsafe without further LPs. A cell that neither test decides and
 * that stage 2 cannot prove safe is treated as unsafe, which can only over-protect.
 *
 * <p>LP values are floating point; a width counts as reaching minIntervalWidth within {@link
 * #TOLERANCE}. Every region's LPs are independent tasks, run in parallel, whose results are stored
 * by index, so the outcome does not depend on thread timing.
 */
final class Audit {

  /** Numerical tolerance on LP widths: far above the solver's error, far below a width's unit. */
  static final double TOLERANCE = 1e-6;

  /** How many gemeenten stage 1 tries for a province or Nederland cell. */
  static final int STAGE1_CANDIDATES = 3;

  /**
   * Up to this many published gemeenten, cells that stages 1 and 2 cannot prove safe are settled
   * on the full system (stage 3, exact); above it (national scale) they count as unsafe, which
   * only over-protects.
   */
  static final int FULL_SYSTEM_MAX_GEMEENTEN = 40;

  /** How many other gemeenten stage 2 frees around a region's undecided cells. */
  static final int STAGE2_NEIGHBOURS = 4;

  /** The audit's outcome: a proven lower bound on the width of every secret cell. */
  record Outcome(double[][] width, List<int[]> failing, long lps) {}

  private final AuditState s;
  private final double minWidth;
  private final AtomicLong lps = new AtomicLong();
  private boolean[][] todo;

  private final int fullSystemMaxGemeenten;

  Audit(AuditState state) {
    this(state, FULL_SYSTEM_MAX_GEMEENTEN);
  }

  /** With another stage-3 limit: tests use 0 to exercise stage 2 on small tables. */
  Audit(AuditState state, int fullSystemMaxGemeenten) {
    this.fullSystemMaxGemeenten = fullSystemMaxGemeenten;
    this.s = state;
    this.minWidth = state.settings.minIntervalWidth();
  }

  Outcome run() {
    return run(null);
  }

  /**
   * Audits the secret cells that {@code previous} (the widths of the previous round, or null) does
   * not already prove safe. Secondary suppression only widens intervals (a cell's interval becomes
   * [0, parent's upper bound], a superset, since rounding is monotone), so every witness of an
   * earlier round stays feasible and a cell proven safe stays safe.
   */
  Outcome run(double[][] previous) {
    int n = CellRelations.CELLS.size();
    double[][] width = new double[s.size()][n];
    todo = new boolean[s.size()][n];
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < n; j++) {
        boolean known = previous != null && !Double.isNaN(previous[r][j]) && safe(previous[r][j]);
        width[r][j] = known && s.isSecret(r, j) ? previous[r][j] : Double.NaN;
        todo[r][j] = s.isSecret(r, j) && !known;
      }
    }
    boolean[][] undecided = new boolean[s.size()][n];

    // Which gemeenten stage 1 tries for each secret province / Nederland cell.
    List<List<int[]>> extraCells = new ArrayList<>(); // per region: {aggregateRegion, cell}
    for (int r = 0; r < s.size(); r++) {
      extraCells.add(new ArrayList<>());
    }
    for (int a : s.aggregates()) {
      for (int j = 0; j < n; j++) {
        if (todo[a][j]) {
          for (int g : candidates(a, j)) {
            extraCells.get(g).add(new int[] {a, j});
          }
          width[a][j] = Double.NEGATIVE_INFINITY;
        }
      }
    }
    // Stage 1: per gemeente, its own cells free, everything else at its true value.
    int[] gemeenten = s.gemeenten();
    double[][] stage1 = new double[s.size()][];
    IntStream.range(0, gemeenten.length).parallel().forEach(k -> {
      int g = gemeenten[k];
      stage1[g] = stage1(g, extraCells.get(g));
    });
    for (int g : gemeenten) {
      double[] w = stage1[g];
      for (int j = 0; j < n; j++) {
        if (todo[g][j]) {
          width[g][j] = w[j];
        }
      }
      for (int[] e : extraCells.get(g)) {
        width[e[0]][e[1]] = Math.max(width[e[0]][e[1]], w[e[1]]);
      }
    }
    // Cells stage 1 could not prove: unsafe for sure if their own region already pins them.
    int[] regions = IntStream.range(0, s.size()).toArray();
    boolean[][] ownPins = new boolean[s.size()][];
    IntStream.range(0, regions.length).parallel().forEach(r -> ownPins[r] = ownRegionPins(r, width[r]));
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < n; j++) {
        if (todo[r][j] && !safe(width[r][j]) && !ownPins[r][j]) {
          undecided[r][j] = true;
        }
      }
    }
    // Stage 2: per region with undecided cells, a small neighbourhood of gemeenten free.
    boolean small = s.gemeenten().length <= fullSystemMaxGemeenten;
    int[] stage2Regions = small ? new int[0]
        : IntStream.range(0, s.size()).filter(r -> anyTrue(undecided[r])).toArray();
    int[][] freeSets = new int[stage2Regions.length][];
    double[][] stage2 = new double[stage2Regions.length][];
    boolean[][][] wantedSets = new boolean[stage2Regions.length][][];
    IntStream.range(0, stage2Regions.length).parallel().forEach(k -> {
      int r = stage2Regions[k];
      boolean[][] wanted = new boolean[s.size()][];
      for (int q = 0; q < s.size(); q++) {
        wanted[q] = q == r ? undecided[q] : new boolean[n];
      }
      freeSets[k] = stage2Set(r);
      stage2[k] = freeRange(freeSets[k], wanted);
      wantedSets[k] = wanted;
    });
    for (int k = 0; k < stage2Regions.length; k++) {
      mergeFreeRange(freeSets[k], wantedSets[k], stage2[k], width);
    }
    List<int[]> failing = new ArrayList<>();
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < n; j++) {
        if (s.isSecret(r, j) && !safe(width[r][j])) {
          failing.add(new int[] {r, j});
        }
      }
    }
    if (!failing.isEmpty() && small) {
      // Stage 3: small enough to settle the remaining cells on the full system, exactly.
      fullSystem(failing, width);
      failing.removeIf(c -> safe(width[c[0]][c[1]]));
    }
    failing.sort(s.cellOrder());
    return new Outcome(width, failing, lps.get());
  }

  private boolean safe(double w) {
    return w >= minWidth - TOLERANCE;
  }

  private static boolean anyTrue(boolean[] b) {
    for (boolean x : b) {
      if (x) {
        return true;
      }
    }
    return false;
  }

  /** Up to {@link #STAGE1_CANDIDATES} gemeenten below an aggregate: published cells first, then by code. */
  private int[] candidates(int aggregate, int cell) {
    int[] below = s.gemeentenBelow(aggregate);
    return Arrays.stream(below)
        .boxed()
        .sorted(Comparator.<Integer>comparingInt(g -> s.isSecret(g, cell) ? 1 : 0).thenComparing(g -> s.code(g)))
        .limit(STAGE1_CANDIDATES)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Widths of every cell of gemeente g that is secret or asked for, with only g free. */
  private double[] stage1(int g, List<int[]> extra) {
    int n = CellRelations.CELLS.size();
    int p = s.parent(g);
    int nl = s.parent(p);
    LinearSystem sys = new LinearSystem();
    for (int j = 0; j < n; j++) {
      long own = s.exact[g][j];
      double lo = s.lo[g][j];
      double hi = s.hi[g][j];
      for (int a : new int[] {p, nl}) {
        long others = s.exact[a][j] - own;
        lo = Math.max(lo, s.lo[a][j] - others);
        hi = Math.min(hi, s.hi[a][j] - others);
      }
      sys.variable(lo, hi);
    }
    addRelations(sys, 0);
    boolean[] asked = new boolean[n];
    for (int j = 0; j < n; j++) {
      asked[j] = todo[g][j];
    }
    for (int[] e : extra) {
      asked[e[1]] = true;
    }
    List<int[]> objectives = new ArrayList<>();
    List<Integer> cells = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (asked[j]) {
        objectives.add(new int[] {j});
        cells.add(j);
      }
    }
    double[] known = new double[n];
    for (int j = 0; j < n; j++) {
      known[j] = s.exact[g][j];
    }
    double[] proven = sys.provenWidths(objectives, minWidth, known);
    double[] w = new double[n];
    Arrays.fill(w, Double.NaN);
    for (int i = 0; i < cells.size(); i++) {
      w[cells.get(i)] = proven[i];
    }
    lps.addAndGet(sys.solves());
    return w;
  }

  /**
   * For region r: true where a secret cell that stage 1 did not prove safe is pinned below
   * minIntervalWidth by its own region's bounds and relations alone (so unsafe for sure).
   */
  private boolean[] ownRegionPins(int r, double[] proven) {
    int n = CellRelations.CELLS.size();
    boolean[] pinned = new boolean[n];
    List<int[]> objectives = new ArrayList<>();
    List<Integer> cells = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (todo[r][j] && !safe(proven[j])) {
        objectives.add(new int[] {j});
        cells.add(j);
      }
    }
    if (objectives.isEmpty()) {
      return pinned;
    }
    LinearSystem sys = new LinearSystem();
    double[] known = new double[n];
    for (int i = 0; i < n; i++) {
      sys.variable(s.lo[r][i], s.hi[r][i]);
      known[i] = s.exact[r][i];
    }
    addRelations(sys, 0);
    // provenWidths gives an exact width for every objective it cannot prove wide.
    double[] w = sys.provenWidths(objectives, minWidth, known);
    for (int i = 0; i < cells.size(); i++) {
      pinned[cells.get(i)] = !safe(w[i]);
    }
    lps.addAndGet(sys.solves());
    return pinned;
  }

  /**
   * The gemeenten stage 2 frees for a region with undecided cells: a gemeente with up to {@link
   * #STAGE2_NEIGHBOURS} other gemeenten of its province; a province with up to that many plus one
   * of its gemeenten; Nederland with the same number from the whole country. Preferred are those
   * with the most published cells (they carry the most slack), then by code. Small systems keep
   * every LP fast at national scale.
   */
  int[] stage2Set(int region) {
    List<Integer> free = new ArrayList<>();
    int[] pool;
    if (s.level(region).equals(TableLayout.LEVEL_GEMEENTE)) {
      free.add(region);
      pool = s.members(s.parent(region));
    } else {
      pool = s.gemeentenBelow(region);
    }
    int limit = free.isEmpty() ? STAGE2_NEIGHBOURS + 1 : STAGE2_NEIGHBOURS;
    Arrays.stream(pool).boxed()
        .filter(g -> g != region)
        .sorted(Comparator.<Integer>comparingInt(g -> -publishedCells(g)).thenComparing(g -> s.code(g)))
        .limit(limit)
        .forEach(free::add);
    return free.stream().mapToInt(Integer::intValue).toArray();
  }

  private int publishedCells(int g) {
    int k = 0;
    for (int j = 0; j < CellRelations.CELLS.size(); j++) {
      k += s.isSecret(g, j) ? 0 : 1;
    }
    return k;
  }

  /**
   * Widths with the gemeenten {@code free} free and every other gemeente at its true value. Index
   * k * n + j: free gemeente k's cell j; m * n + q * n + j (q = index in {@link
   * AuditState#provinces()}): province q's cell j (sum of its free gemeenten); m * n + P * n + j:
   * Nederland's cell j (sum of all free gemeenten). Only cells marked in {@code wanted} are solved.
   */
  double[] freeRange(int[] free, boolean[][] wanted) {
    int n = CellRelations.CELLS.size();
    int m = free.length;
    int[] provinces = s.provinces();
    int nl = s.nederland();
    LinearSystem sys = new LinearSystem();
    for (int g : free) {
      int base = sys.size();
      for (int j = 0; j < n; j++) {
        sys.variable(s.lo[g][j], s.hi[g][j]);
      }
      addRelations(sys, base);
    }
    int[][] provinceVars = new int[provinces.length][];
    for (int qi = 0; qi < provinces.length; qi++) {
      int q = provinces[qi];
      List<Integer> ks = new ArrayList<>();
      for (int k = 0; k < m; k++) {
        if (s.parent(free[k]) == q) {
          ks.add(k);
        }
      }
      provinceVars[qi] = ks.stream().mapToInt(Integer::intValue).toArray();
    }
    for (int j = 0; j < n; j++) {
      long freeTotal = 0;
      for (int qi = 0; qi < provinces.length; qi++) {
        int[] ks = provinceVars[qi];
        if (ks.length == 0) {
          continue;
        }
        long freeExact = 0;
        for (int k : ks) {
          freeExact += s.exact[free[k]][j];
        }
        freeTotal += freeExact;
        long others = s.exact[provinces[qi]][j] - freeExact;
        sys.row(vars(ks, n, j), ones(ks.length), s.lo[provinces[qi]][j] - others, s.hi[provinces[qi]][j] - others);
      }
      long others = s.exact[nl][j] - freeTotal;
      sys.row(vars(IntStream.range(0, m).toArray(), n, j), ones(m), s.lo[nl][j] - others, s.hi[nl][j] - others);
    }
    List<int[]> objectives = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        if (wanted[free[k]][j]) {
          objectives.add(new int[] {k * n + j});
          slots.add(k * n + j);
        }
      }
    }
    for (int qi = 0; qi < provinces.length; qi++) {
      for (int j = 0; j < n; j++) {
        if (wanted[provinces[qi]][j] && provinceVars[qi].length > 0) {
          objectives.add(vars(provinceVars[qi], n, j));
          slots.add((m + qi) * n + j);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      if (wanted[nl][j]) {
        objectives.add(vars(IntStream.range(0, m).toArray(), n, j));
        slots.add((m + provinces.length) * n + j);
      }
    }
    double[] known = new double[m * n];
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        known[k * n + j] = s.exact[free[k]][j];
      }
    }
    double[] proven = sys.provenWidths(objectives, minWidth, known);
    double[] w = new double[(m + provinces.length + 1) * n];
    Arrays.fill(w, Double.NaN);
    for (int i = 0; i < slots.size(); i++) {
      w[slots.get(i)] = proven[i];
    }
    lps.addAndGet(sys.solves());
    return w;
  }

  /** Merges the widths of {@link #freeRange} into {@code width} for the wanted cells. */
  void mergeFreeRange(int[] free, boolean[][] wanted, double[] w, double[][] width) {
    int n = CellRelations.CELLS.size();
    int m = free.length;
    int[] provinces = s.provinces();
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < n; j++) {
        if (wanted[free[k]][j]) {
          width[free[k]][j] = Math.max(width[free[k]][j], w[k * n + j]);
        }
      }
    }
    for (int qi = 0; qi < provinces.length; qi++) {
      for (int j = 0; j < n; j++) {
        double v = w[(m + qi) * n + j];
        if (wanted[provinces[qi]][j] && !Double.isNaN(v)) {
          width[provinces[qi]][j] = Math.max(width[provinces[qi]][j], v);
        }
      }
    }
    int nl = s.nederland();
    for (int j = 0; j < n; j++) {
      if (wanted[nl][j]) {
        width[nl][j] = Math.max(width[nl][j], w[(m + provinces.length) * n + j]);
      }
    }
  }

  /**
   * Stage 3, for the few cells that secondary suppression cannot help: every published gemeente
   * free, i.e. the full system. Updates {@code width} for the given cells.
   */
  void fullSystem(List<int[]> cells, double[][] width) {
    boolean[][] wanted = new boolean[s.size()][CellRelations.CELLS.size()];
    for (int[] c : cells) {
      wanted[c[0]][c[1]] = true;
    }
    int[] all = s.gemeenten();
    mergeFreeRange(all, wanted, freeRange(all, wanted), width);
  }

  /**
   * Settles cells the restricted stages could not prove: first per province with every gemeente
   * of that province free (provinces in parallel; far smaller systems than the full one), then
   * the cells still unproven on the full system. Updates {@code width} for the given cells.
   */
  void settle(List<int[]> cells, double[][] width) {
    int n = CellRelations.CELLS.size();
    int[] provinces = s.provinces();
    boolean[][][] wanted = new boolean[provinces.length][][];
    for (int qi = 0; qi < provinces.length; qi++) {
      wanted[qi] = new boolean[s.size()][n];
    }
    boolean[] any = new boolean[provinces.length];
    for (int[] c : cells) {
      int q = s.level(c[0]).equals(TableLayout.LEVEL_GEMEENTE) ? s.parent(c[0]) : c[0];
      for (int qi = 0; qi < provinces.length; qi++) {
        if (provinces[qi] == q) {
          wanted[qi][c[0]][c[1]] = true;
          any[qi] = true;
        }
      }
    }
    double[][] ranges = new double[provinces.length][];
    int[][] free = new int[provinces.length][];
    IntStream.range(0, provinces.length).parallel().filter(qi -> any[qi]).forEach(qi -> {
      free[qi] = s.gemeentenBelow(provinces[qi]);
      ranges[qi] = freeRange(free[qi], wanted[qi]);
    });
    for (int qi = 0; qi < provinces.length; qi++) {
      if (any[qi]) {
        mergeFreeRange(free[qi], wanted[qi], ranges[qi], width);
      }
    }
    List<int[]> rest = cells.stream().filter(c -> !safe(width[c[0]][c[1]])).toList();
    if (!rest.isEmpty()) {
      fullSystem(rest, width);
    }
  }

  boolean isSafe(double w) {
    return safe(w);
  }

  long lps() {
    return lps.get();
  }

  private static int[] vars(int[] ks, int n, int j) {
    int[] v = new int[ks.length];
    for (int i = 0; i < ks.length; i++) {
      v[i] = ks[i] * n + j;
    }
    return v;
  }

  private static double[] ones(int k) {
    double[] o = new double[k];
    Arrays.fill(o, 1);
    return o;
  }

  private static void addRelations(LinearSystem sys, int base) {
    for (CellRelations.Relation r : CellRelations.RELATIONS) {
      int[] vars = new int[r.cells().length];
      double[] coef = new double[vars.length];
      for (int i = 0; i < vars.length; i++) {
        vars[i] = base + r.cells()[i];
        coef[i] = r.coef()[i];
      }
      sys.row(vars, coef, r.equality() ? 0 : Double.NEGATIVE_INFINITY, 0);
    }
  }
}
