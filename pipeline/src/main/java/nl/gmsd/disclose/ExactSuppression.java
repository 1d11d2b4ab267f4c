package nl.gmsd.disclose;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The exact final stage (SPEC 8, revised): for the cells the heuristic left unsafe, the cheapest
 * set of further secret cells in their linked part of the table, chosen by an integer program
 * (the classic formulation of Fischetti and Salazar, as in τ-ARGUS's optimal and modular methods,
 * with the attacker's whole-number tables written out), solved with SCIP through OR-Tools.
 *
 * <p><b>The linked part.</b> An unsafe cell's gemeente and up to {@link #NEIGHBOURS} gemeenten of
 * its province ({@link Audit#neighbourhood}; for a province's or Nederland's cell, the gemeenten
 * holding most of it); every other gemeente keeps its true counts. Candidates are the published
 * cells of those gemeenten and of the province and Nederland above them.
 *
 * <p><b>The program.</b> A 0/1 variable s per candidate (1: make it secret). For each unsafe cell
 * of the part (at most {@link #TARGETS_PER_PROGRAM} per program), two whole-number tables, an
 * "up" and a "down" one, as deviations y from the true counts of the part's gemeenten: each
 * satisfies every relation of {@link CellRelations} in every gemeente, and every cell (of the
 * gemeenten, of the province and Nederland as sums) stays within its interval, where a candidate's
 * interval is its published one when s = 0 and [0, its would-be secondary upper bound] when s = 1
 * (linear in s). The cell's two values must lie minIntervalWidth apart. Cost: minimise the sum of
 * the exact values of the chosen cells plus {@link HypercubeRounds#TOTAL_CELL_PENALTY} per total
 * among them (in the program a smaller price per total that orders every choice the same way,
 * {@link #totalPenalty}). A solution is two certificates per cell at once; they are checked exactly
 * ({@link Certificates#check}) against the table as it is after the suppression, whose intervals
 * contain the program's (a secondary cell's upper bound only grows when its parent is made secret
 * too).
 *
 * <p><b>Limits and determinism.</b> SCIP runs single-threaded with a fixed seed and a node limit
 * ({@code nodeLimit}), a deterministic measure of work instead of a wall-clock limit, so the same
 * table gives the same choice on every machine. Where no solution is found within it, or none
 * exists in the part, the cell is left to the group fallback. New secret cells are audited again;
 * the stage runs up to {@link #PASSES} passes.
 */
final class ExactSuppression implements ProtectionStage {

  static final int NEIGHBOURS = 3;
  static final int TARGETS_PER_PROGRAM = 4;
  static final int PASSES = 3;
  /**
   * {@link #certify} frees every gemeente of the period at once only up to this many (the program
   * grows with them; at national size a cell it cannot prove stays reported as not proven).
   */
  static final int CERTIFY_ALL_UP_TO = 40;
  /** SCIP's node limit per program ([decision]: about a second of work at most here). */
  static final long NODE_LIMIT = 2_000;
  /**
   * The first program for a part keeps every cell of the attacker's two tables within this many
   * times minIntervalWidth of its true value ([decision]: 8, room for the weight 6 of the "6 of
   * meer" relation). Narrower tables only make the program harder to satisfy, never unsafe (its
   * tables are still checked exactly), and its big-M rows much tighter: programs solve several
   * times faster. Where it finds no solution, the program runs again without the limit.
   */
  static final int REACH_PER_WIDTH = 8;
  /**
   * No relative gap: OR-Tools' default (1e-4) lets SCIP stop anywhere within 10^5 of the optimum
   * once a total cell's penalty (10^9) is in the cost, which ignores the cells' values and chose
   * about a quarter more cells on the demo's archive.
   */
  private static final MPSolverParameters EXACT_OPTIMUM = exactOptimum();

  private static MPSolverParameters exactOptimum() {
    LinearSystem.loadNative();
    MPSolverParameters p = new MPSolverParameters();
    p.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0);
    return p;
  }

  /** Stands for "no upper bound" in the program. */
  private static final double BIG = 1e7;

  private final long nodeLimit;
  private final int reachPerWidth;

  ExactSuppression() {
    this(NODE_LIMIT, REACH_PER_WIDTH);
  }

  /**
   * With another node limit (0 makes every program end without a solution: tests of the fallback)
   * and reach (0 makes every first program infeasible: tests of the program without the limit).
   */
  ExactSuppression(long nodeLimit, int reachPerWidth) {
    this.nodeLimit = nodeLimit;
    this.reachPerWidth = reachPerWidth;
  }

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public Report protect(Protection p) {
    int added = 0;
    int passes = 0;
    while (!p.unsafe().isEmpty() && passes < PASSES) {
      passes++;
      int before = added;
      Map<Integer, List<int[]>> parts = new LinkedHashMap<>();
      for (int[] c : p.unsafe()) {
        parts.computeIfAbsent(c[0], x -> new ArrayList<>()).add(c);
      }
      for (Map.Entry<Integer, List<int[]>> part : parts.entrySet()) {
        List<int[]> cells = part.getValue();
        for (int i = 0; i < cells.size(); i += TARGETS_PER_PROGRAM) {
          List<int[]> targets = new ArrayList<>();
          for (int[] c : cells.subList(i, Math.min(cells.size(), i + TARGETS_PER_PROGRAM))) {
            if (!p.cert.certified(c[0], c[1])) {
              targets.add(c);
            }
          }
          if (!targets.isEmpty()) {
            // Earlier programs' choices often protect these already: an LP over the same part
            // proves that in milliseconds, where the integer program takes a good part of a second.
            int[] free = part(p, part.getKey(), targets);
            targets = p.audit.prove(free, targets);
          }
          if (!targets.isEmpty()) {
            added += solve(p, part.getKey(), targets);
          }
        }
      }
      int unsafeBefore = p.unsafe().size();
      p.audit(); // also picks up cells the programs proved safe without new secret cells
      if (added == before && p.unsafe().size() == unsafeBefore) {
        break;
      }
    }
    return new Report(name(), added, 0, passes, p.unsafe().size());
  }

  /** The part's gemeenten for a region's unsafe cells. */
  static int[] part(Protection p, int region, List<int[]> targets) {
    if (p.state.isGemeente(region)) {
      return Arrays.stream(p.audit.neighbourhood(region, targets, NEIGHBOURS, Audit.DONORS)).sorted().toArray();
    }
    Set<Integer> free = new LinkedHashSet<>();
    for (int[] t : targets) {
      Arrays.stream(p.audit.candidates(region, t[1], NEIGHBOURS + 1)).forEach(free::add);
    }
    return free.stream().mapToInt(Integer::intValue).limit(2L * (NEIGHBOURS + 1)).sorted().toArray();
  }

  /**
   * Completes the audit where its linear programs found no proof: for every unsafe cell, the same
   * program with no candidates (nothing is made secret), so its solution, where one exists within
   * the node limit, is a pair of whole-number tables that prove the cell safe as the table is.
   * Used by the group fallback, whose last level leaves no candidate at all.
   *
   * @return the cells now proven safe
   */
  static int certify(Protection p) {
    int before = p.unsafe().size();
    if (before == 0) {
      return 0;
    }
    ExactSuppression e = new ExactSuppression();
    Map<Integer, List<int[]>> parts = new LinkedHashMap<>();
    for (int[] c : p.unsafe()) {
      parts.computeIfAbsent(c[0], x -> new ArrayList<>()).add(c);
    }
    int[] all = p.state.gemeenten();
    for (Map.Entry<Integer, List<int[]>> part : parts.entrySet()) {
      for (int[] c : part.getValue()) {
        if (!p.cert.certified(c[0], c[1])) {
          e.solve(p, part.getKey(), List.of(c), false, null);
        }
        if (!p.cert.certified(c[0], c[1]) && all.length <= CERTIFY_ALL_UP_TO) {
          // A pin through Nederland: other provinces must move too.
          e.solve(p, part.getKey(), List.of(c), false, all);
        }
      }
    }
    p.audit();
    return before - p.unsafe().size();
  }

  /** Solves the program for the targets; applies and records what it found; returns cells made secret. */
  private int solve(Protection p, int region, List<int[]> targets) {
    return solve(p, region, targets, true, null);
  }

  /** With {@code free} null: the targets' part; else those gemeenten. */
  private int solve(Protection p, int region, List<int[]> targets, boolean withCandidates, int[] freeOrNull) {
    return chosen(p, region, targets, withCandidates, freeOrNull).size();
  }

  /**
   * For a secondary cell published again ({@link ReleaseRedundantCells}): the cheapest cells
   * that protect the cells it leaves unproven, in a part of every gemeente below its province
   * (up to {@link ReleaseRedundantCells#SWAP_GEMEENTEN}), made secret and their tables recorded.
   *
   * @return the cells made secret (none when the program found nothing)
   */
  List<int[]> replace(Protection p, int[] released, List<int[]> unproven) {
    int province = p.state.isGemeente(released[0]) ? p.state.parent(released[0]) : released[0];
    int[] free = p.state.gemeentenBelow(province).clone();
    Arrays.sort(free);
    return chosen(p, unproven.get(0)[0], unproven.subList(0, Math.min(unproven.size(), TARGETS_PER_PROGRAM)), true,
        free);
  }

  private List<int[]> chosen(Protection p, int region, List<int[]> targets, boolean withCandidates,
      int[] freeOrNull) {
    AuditState s = p.state;
    int[] free = freeOrNull != null ? freeOrNull : part(p, region, targets);
    Map<Integer, int[]> below = new java.util.TreeMap<>();
    for (int k = 0; k < free.length; k++) {
      for (int a = s.parent(free[k]); a >= 0; a = s.parent(a)) {
        int kk = k;
        below.merge(a, new int[] {k}, (x, y) -> {
          int[] z = Arrays.copyOf(x, x.length + 1);
          z[x.length] = kk;
          return z;
        });
      }
    }
    if (nodeLimit <= 0) {
      return List.of(); // the fallback is forced (tests)
    }
    double reach = reachPerWidth * (double) s.settings.minIntervalWidth();
    List<int[]> chosen = program(p, targets, withCandidates, free, below, reach);
    return chosen != null ? chosen : Objects.requireNonNullElse(
        program(p, targets, withCandidates, free, below, Double.POSITIVE_INFINITY), List.of());
  }

  /**
   * Builds and solves the program with every deviation within {@code reach}; applies and records
   * its solution. Returns the cells made secret, null when it found no solution.
   */
  private List<int[]> program(Protection p, List<int[]> targets, boolean withCandidates, int[] free,
      Map<Integer, int[]> below, double reach) {
    AuditState s = p.state;
    int n = CellRelations.CELLS.size();
    LinearSystem.loadNative();
    MPSolver m = MPSolver.createSolver("SCIP");
    if (m == null) {
      throw new IllegalStateException("OR-Tools has no SCIP solver on this platform");
    }
    try {
      m.setSolverSpecificParametersAsString("limits/totalnodes = " + Math.max(1, nodeLimit) + "\n"
          + "randomization/randomseedshift = 0\nparallel/maxnthreads = 1\n");
      // Candidates: published cells of the free gemeenten and of the aggregates above them.
      Map<Long, MPVariable> choose = new LinkedHashMap<>();
      MPObjective cost = m.objective();
      List<Integer> candidateRegions = withCandidates ? regionsOf(free, below) : List.of();
      long penalty = totalPenalty(s, candidateRegions);
      for (int r : candidateRegions) {
        for (int j = 0; j < n; j++) {
          if (!s.isSecret(r, j)) {
            MPVariable v = m.makeBoolVar("");
            cost.setCoefficient(v, HypercubeRounds.secretCellCost(s, r, j, penalty));
            choose.put(key(r, j), v);
          }
        }
      }
      cost.setMinimization();
      long w = s.settings.minIntervalWidth();
      List<MPVariable[][]> tables = new ArrayList<>();
      for (int[] t : targets) {
        MPVariable[][] up = table(m, s, free, below, choose, reach);
        MPVariable[][] down = table(m, s, free, below, choose, reach);
        tables.add(up);
        tables.add(down);
        // up's value of the cell minus down's >= w
        MPConstraint apart = m.makeConstraint(w, Double.POSITIVE_INFINITY, "");
        for (int k = 0; k < free.length; k++) {
          if (free[k] == t[0] || contains(s.chain(free[k]), t[0])) {
            apart.setCoefficient(up[k][t[1]], 1);
            apart.setCoefficient(down[k][t[1]], -1);
          }
        }
      }
      long t0 = System.nanoTime();
      MPSolver.ResultStatus status = m.solve(EXACT_OPTIMUM);
      double took = (System.nanoTime() - t0) / 1e9;
      if (LOG.isDebugEnabled()) {
        LOG.debug(String.format(java.util.Locale.ROOT, "exact program (reach %.0f): %d targets, %d gemeenten, %d variables, %d rows: %s in %.2f s, %.0f cost", reach,
            targets.size(), free.length, m.numVariables(), m.numConstraints(), status, took, 
            status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE ? m.objective().value() : -1));
      }
      if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
        return null;
      }
      List<int[]> chosen = new ArrayList<>();
      choose.forEach((k, v) -> {
        if (v.solutionValue() > 0.5) {
          chosen.add(new int[] {(int) (k >> 32), (int) (long) k});
        }
      });
      if (!chosen.isEmpty()) {
        p.suppress(chosen);
      }
      for (MPVariable[][] t : tables) {
        long[][] d = new long[free.length][n];
        for (int k = 0; k < free.length; k++) {
          for (int j = 0; j < n; j++) {
            d[k][j] = Math.round(t[k][j].solutionValue());
          }
        }
        if (Certificates.check(s, free, d)) {
          p.cert.record(free, d);
        }
      }
      return chosen;
    } finally {
      m.delete();
    }
  }

  /**
   * The program's price of a total cell: one more than the values of all its candidates together.
   * A choice with fewer totals then always costs less than one with more, and among choices with
   * as many totals the values decide, exactly as with {@link HypercubeRounds#TOTAL_CELL_PENALTY}
   * (10^9): the cheapest choice is the same. Far smaller than that constant, it keeps the
   * objective within the precision at which SCIP proves an optimum (with 10^9 per total, one
   * program of scale 0.002 took 13.6 s).
   */
  private static long totalPenalty(AuditState s, List<Integer> regions) {
    long values = 1;
    for (int r : regions) {
      for (int j = 0; j < CellRelations.CELLS.size(); j++) {
        if (!s.isSecret(r, j)) {
          values += s.exact[r][j];
        }
      }
    }
    return Math.min(values, HypercubeRounds.TOTAL_CELL_PENALTY);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExactSuppression.class);

  private static boolean contains(int[] a, int x) {
    for (int v : a) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  private static long key(int r, int j) {
    return ((long) r << 32) | j;
  }

  private static List<Integer> regionsOf(int[] free, Map<Integer, int[]> below) {
    List<Integer> out = new ArrayList<>();
    for (int g : free) {
      out.add(g);
    }
    out.addAll(below.keySet());
    return out;
  }

  /** One attacker table: integer deviations of the free gemeenten's cells, with every constraint. */
  private static MPVariable[][] table(MPSolver m, AuditState s, int[] free, Map<Integer, int[]> below,
      Map<Long, MPVariable> choose, double reach) {
    int n = CellRelations.CELLS.size();
    MPVariable[][] y = new MPVariable[free.length][n];
    for (int k = 0; k < free.length; k++) {
      int g = free[k];
      for (int j = 0; j < n; j++) {
        long x = s.exact[g][j];
        MPVariable v;
        MPVariable sv = choose.get(key(g, j));
        if (sv == null) {
          v = m.makeIntVar(Math.max(s.lo[g][j] - x, -reach), Math.min(cap(s.hi[g][j]) - x, reach), "");
        } else {
          v = m.makeIntVar(Math.max(-x, -reach), Math.min(cap(s.secondaryUpper(g, j)) - x, reach), "");
          bounded(m, new MPVariable[] {v}, sv, s.lo[g][j] - x, s.lo[g][j], s.hi[g][j] - x,
              cap(s.secondaryUpper(g, j)) - s.hi[g][j], reach);
        }
        y[k][j] = v;
      }
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        double rhs = -r.lhs(s.exact[g]);
        MPConstraint row = m.makeConstraint(r.equality() ? rhs : Double.NEGATIVE_INFINITY, rhs, "");
        for (int i = 0; i < r.cells().length; i++) {
          row.setCoefficient(y[k][r.cells()[i]], row.getCoefficient(y[k][r.cells()[i]]) + r.coef()[i]);
        }
      }
    }
    for (Map.Entry<Integer, int[]> e : below.entrySet()) {
      int a = e.getKey();
      for (int j = 0; j < n; j++) {
        MPVariable[] sum = new MPVariable[e.getValue().length];
        for (int i = 0; i < sum.length; i++) {
          sum[i] = y[e.getValue()[i]][j];
        }
        long x = s.exact[a][j];
        MPVariable sv = choose.get(key(a, j));
        if (sv == null) {
          MPConstraint row = m.makeConstraint(s.lo[a][j] - x, cap(s.hi[a][j]) - x, "");
          for (MPVariable v : sum) {
            row.setCoefficient(v, 1);
          }
        } else {
          MPConstraint row = m.makeConstraint(-x, cap(s.secondaryUpper(a, j)) - x, "");
          for (MPVariable v : sum) {
            row.setCoefficient(v, 1);
          }
          bounded(m, sum, sv, s.lo[a][j] - x, s.lo[a][j], s.hi[a][j] - x, cap(s.secondaryUpper(a, j)) - s.hi[a][j],
              sum.length * reach);
        }
      }
    }
    return y;
  }

  /**
   * sum(v) + lo * s >= loDev (published lower bound unless secret) and sum(v) - widen * s <= hiDev
   * (published upper bound unless secret, then the secondary one). Where the variables' bounds
   * keep the sum within ±{@code reach}, the big-M coefficients shrink to what can matter: the
   * same feasible set, a much tighter linear relaxation for SCIP.
   */
  private static void bounded(MPSolver m, MPVariable[] v, MPVariable s, double loDev, double lo, double hiDev,
      double widen, double reach) {
    lo = Math.min(lo, Math.max(0, reach + loDev));
    widen = Math.min(widen, Math.max(0, reach - hiDev));
    MPConstraint low = m.makeConstraint(loDev, Double.POSITIVE_INFINITY, "");
    MPConstraint high = m.makeConstraint(Double.NEGATIVE_INFINITY, hiDev, "");
    for (MPVariable x : v) {
      low.setCoefficient(x, 1);
      high.setCoefficient(x, 1);
    }
    low.setCoefficient(s, lo);
    high.setCoefficient(s, -widen);
  }

  private static double cap(long hi) {
    return hi >= AuditState.INF ? BIG : Math.min(hi, BIG);
  }
}
