package nl.gmsd.disclose;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.gmsd.avro.TableCell;

/**
 * Bench tooling (issue 13, item 4): the cheapest safe secondary suppression of a small table, by
 * integer program, to measure the job's chain against. Not part of the job.
 *
 * <p><b>The problem.</b> After primary suppression, choose further published cells of any audited
 * region (gemeenten, province, Nederland) to make secret, at the least cost, the cost of the job's
 * exact stage (SPEC 8): the sum of the chosen cells' exact values plus {@link
 * HypercubeRounds#TOTAL_CELL_PENALTY} per total cell, such that every secret cell (primary, and
 * every chosen one) is safe by SPEC 8's audit: over the whole table (every interval, every relation
 * of {@link CellRelations}, the region sums; continuous values) its smallest and largest value,
 * rounded inwards to whole numbers as the job's {@link Certificates} do, lie at least
 * minIntervalWidth apart. Cells beyond protection ({@link Protection#beyondProtection()}) are left
 * out, as the job leaves them.
 *
 * <p><b>The method</b>: Fischetti and Salazar's model, as in τ-ARGUS's optimal method, with the
 * attacker's linear programs written out and its constraints generated lazily. A 0/1 variable per
 * candidate cell; for each <i>target</i> cell two attacker tables, an "up" and a "down" one, as
 * (continuous) deviations from the true counts of every gemeente, each within every cell's
 * interval (a candidate's published interval when not chosen, [0, its secondary upper bound] when
 * chosen: linear in the 0/1 variable) and every relation; the target's value in each a whole
 * number (the rounding inwards), the two at least minIntervalWidth apart (for a candidate target:
 * only when it is chosen). Targets are the cells the job's own audit ({@link Protection#audit()})
 * cannot prove safe: first after primary suppression, then after each program's choice, with the
 * program's tables given to the audit as ranges of the targets; up to {@link #TARGETS_PER_ROUND}
 * new ones per round. Every program asks safety for a subset of the cells, so it is a relaxation
 * and its optimum a lower bound; the first choice the audit accepts is therefore optimal.
 *
 * <p><b>Termination.</b> Targets only grow and are cells of a finite table; a round whose audit
 * finds a target unsafe stops (the program and the audit disagree, reported as such), so there are
 * at most as many rounds as cells. A wall-clock limit over all rounds ends the rest, reported and
 * never counted as optimal.
 *
 * <p><b>One conservative simplification.</b> A chosen cell's upper bound is its parent's upper
 * bound with the parent published (a total made secret too would raise it). The program is then
 * at most stricter than the truth, and only for choices with a total cell among them: a choice
 * without one is judged exactly. So an optimum without total cells is the true optimum (a choice
 * with a total costs at least the penalty, more than any choice without); one with a total cell is
 * reported as an upper bound only ({@link Status#WITH_TOTAL}).
 */
final class OptimalSuppression {

  enum Status {
    /** Proven: the cheapest choice that every secret cell survives. */
    OPTIMAL,
    /** The time limit ended it first; the choice, if any, is not proven optimal (or safe). */
    TIME_LIMIT,
    /** The optimum chose a total cell: an upper bound only (see the class documentation). */
    WITH_TOTAL,
    /** The program and the independent attacker disagree on a target: a bug in one of them. */
    MODEL_MISMATCH
  }

  /**
   * What the optimum is.
   *
   * @param chosen the secondary cells {region index, cell index} of {@link AuditState}
   * @param value their exact values summed (no penalty)
   * @param totals total cells among them
   * @param targets cells the final program protects explicitly
   * @param rounds programs solved
   * @param lowerBound no safe choice costs less (penalties included): the last program's bound
   */
  record Outcome(Status status, List<int[]> chosen, long value, int totals, int targets, int rounds, double seconds,
      double lowerBound) {
    int cells() {
      return chosen.size();
    }
  }

  /**
   * Unsafe cells that become targets per round, in ordinal cell-key order: a choice that protects
   * some often protects the others, so few programs need them all.
   */
  static final int TARGETS_PER_ROUND = 6;

  /** Stands for "no upper bound" in the program: far above any count of a table this small. */
  private static final double BIG = 1e6;

  private final PublicationTable table;
  private final DisclosureSettings settings;
  private final AuditState s;
  private final int n = CellRelations.CELLS.size();

  OptimalSuppression(PublicationTable table, DisclosureSettings settings) {
    this.table = table;
    this.settings = settings;
    this.s = new AuditState(table, settings);
    s.suppressPrimary();
  }

  /** The optimum within {@code millis} of wall-clock time. */
  Outcome solve(long millis) {
    return solve(millis, List.of());
  }

  /**
   * The optimum within {@code millis}, each program told first of a choice known to be safe (a hint
   * for the solver: a first solution to prune with; it changes no result).
   */
  Outcome solve(long millis, List<int[]> safeChoice) {
    hint = new HashSet<>();
    safeChoice.forEach(c -> hint.add(key(c[0], c[1])));
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    List<int[]> targets = new ArrayList<>();
    Set<Long> targetKeys = new HashSet<>();
    List<int[]> chosen = List.of();
    List<double[]> ranges = List.of();
    int rounds = 0;
    bound = 0;
    while (true) {
      List<int[]> unsafe = audit(chosen, targets, ranges);
      if (unsafe.isEmpty()) {
        boolean total = chosen.stream().anyMatch(c -> isTotal(c[1]));
        return outcome(total ? Status.WITH_TOTAL : Status.OPTIMAL, chosen, targets, rounds, start);
      }
      int added = 0;
      for (int[] c : unsafe) {
        if (targetKeys.contains(key(c[0], c[1]))) {
          return outcome(Status.MODEL_MISMATCH, chosen, targets, rounds, start);
        }
        if (added < TARGETS_PER_ROUND) {
          targetKeys.add(key(c[0], c[1]));
          targets.add(c);
          added++;
        }
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return outcome(Status.TIME_LIMIT, chosen, targets, rounds, start);
      }
      rounds++;
      Master m = master(targets, left);
      if (m == null) {
        return outcome(Status.TIME_LIMIT, chosen, targets, rounds, start);
      }
      chosen = m.chosen;
      ranges = m.ranges;
      bound = m.bound;
      if (!m.optimal) {
        return outcome(Status.TIME_LIMIT, chosen, targets, rounds, start);
      }
    }
  }

  /**
   * The job's audit of the table with the primary cells and {@code chosen} secret, the program's
   * whole-number tables given as certificates (each checked exactly first): the secret cells not
   * proven safe, beyond-protection ones left out.
   */
  private List<int[]> audit(List<int[]> chosen, List<int[]> targets, List<double[]> ranges) {
    Protection p = new Protection(new AuditState(table, settings));
    p.state.suppressPrimary();
    p.suppress(chosen);
    for (int i = 0; i < ranges.size(); i++) {
      p.cert.recordRange(targets.get(i)[0], targets.get(i)[1], ranges.get(i)[0], ranges.get(i)[1],
          p.state.gemeenten());
    }
    return p.audit();
  }

  private Outcome outcome(Status st, List<int[]> chosen, List<int[]> targets, int rounds, long start) {
    long value = 0;
    int totals = 0;
    for (int[] c : chosen) {
      value += s.exact[c[0]][c[1]];
      totals += isTotal(c[1]) ? 1 : 0;
    }
    return new Outcome(st, List.copyOf(chosen), value, totals, targets.size(), rounds,
        (System.nanoTime() - start) / 1e9, st == Status.OPTIMAL ? value : bound);
  }

  static boolean isTotal(int cell) {
    return CellRelations.isDimensionTotal(CellRelations.CELLS.get(cell));
  }

  /** The output with the primary cells and {@code chosen} secret. */
  List<TableCell> publish(List<int[]> chosen) {
    AuditState t = new AuditState(table, settings);
    t.suppressPrimary();
    t.suppress(chosen);
    return PublishedCells.of(table, t);
  }

  private static long key(int r, int j) {
    return ((long) r << 32) | j;
  }

  private record Master(List<int[]> chosen, List<double[]> ranges, boolean optimal, double bound) {}

  private Set<Long> hint = Set.of();
  private double bound;

  /** Solves the program for the targets; null when it found no choice in time. */
  private Master master(List<int[]> targets, long millis) {
    LinearSystem.loadNative();
    MPSolver m = MPSolver.createSolver("SCIP");
    try {
      m.setSolverSpecificParametersAsString("randomization/randomseedshift = 0\nparallel/maxnthreads = 1\n");
      m.setTimeLimit(Math.max(1, millis));
      int[] gem = s.gemeenten();
      // Per region, the gemeenten (indexes into gem) whose deviations make up its cells.
      List<int[]> under = new ArrayList<>();
      for (int r = 0; r < s.size(); r++) {
        List<Integer> ks = new ArrayList<>();
        for (int k = 0; k < gem.length; k++) {
          for (int a : s.chain(gem[k])) {
            if (a == r) {
              ks.add(k);
            }
          }
        }
        under.add(ks.stream().mapToInt(Integer::intValue).toArray());
      }
      Map<Long, MPVariable> choose = new LinkedHashMap<>();
      MPObjective cost = m.objective();
      for (int r = 0; r < s.size(); r++) {
        for (int j = 0; j < n; j++) {
          if (!s.isSecret(r, j)) {
            MPVariable v = m.makeBoolVar("s" + r + "_" + j);
            cost.setCoefficient(v, s.exact[r][j] + (isTotal(j) ? HypercubeRounds.TOTAL_CELL_PENALTY : 0));
            choose.put(key(r, j), v);
          }
        }
      }
      cost.setMinimization();
      List<MPVariable[]> values = new ArrayList<>();
      for (int[] t : targets) {
        MPVariable[][] up = attacker(m, gem, under, choose);
        MPVariable[][] down = attacker(m, gem, under, choose);
        // The target's value in each table, a whole number: the audit rounds a range's ends inwards.
        MPVariable hi = value(m, up, under.get(t[0]), t);
        MPVariable lo = value(m, down, under.get(t[0]), t);
        values.add(new MPVariable[] {lo, hi});
        MPConstraint apart = m.makeConstraint(0, Double.POSITIVE_INFINITY);
        MPVariable st = choose.get(key(t[0], t[1]));
        if (st == null) {
          apart.setBounds(settings.minIntervalWidth(), Double.POSITIVE_INFINITY);
        } else {
          apart.setCoefficient(st, -settings.minIntervalWidth()); // wide only needed when chosen
        }
        apart.setCoefficient(hi, 1);
        apart.setCoefficient(lo, -1);
      }
      MPSolverParameters p = new MPSolverParameters();
      p.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0);
      MPSolver.ResultStatus status = m.solve(p);
      if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
        return null;
      }
      List<int[]> chosen = choose.entrySet().stream().filter(e -> e.getValue().solutionValue() > 0.5)
          .map(e -> new int[] {(int) (e.getKey() >> 32), e.getKey().intValue()}).toList();
      List<double[]> ranges = new ArrayList<>();
      for (MPVariable[] v : values) {
        ranges.add(new double[] {v[0].solutionValue(), v[1].solutionValue()});
      }
      return new Master(chosen, ranges, status == MPSolver.ResultStatus.OPTIMAL, m.objective().bestBound());
    } finally {
      m.delete();
    }
  }

  /** The target's value in a table, as a whole-number variable. */
  private MPVariable value(MPSolver m, MPVariable[][] y, int[] under, int[] t) {
    MPVariable v = m.makeIntVar(0, BIG, "");
    MPConstraint eq = m.makeConstraint(s.exact[t[0]][t[1]], s.exact[t[0]][t[1]]);
    eq.setCoefficient(v, 1);
    for (int k : under) {
      eq.setCoefficient(y[k][t[1]], -1);
    }
    return v;
  }

  /**
   * One attacker table: deviations y of every gemeente's cells from the true counts;
   * a region's cell is its true value plus the deviations of the gemeenten under it.
   */
  private MPVariable[][] attacker(MPSolver m, int[] gem, List<int[]> under, Map<Long, MPVariable> choose) {
    MPVariable[][] y = new MPVariable[gem.length][n];
    for (int k = 0; k < gem.length; k++) {
      for (int j = 0; j < n; j++) {
        y[k][j] = m.makeNumVar(-s.exact[gem[k]][j], BIG, "");
      }
      for (CellRelations.Relation rel : CellRelations.RELATIONS) {
        double rhs = -rel.lhs(s.exact[gem[k]]);
        MPConstraint row = m.makeConstraint(rel.equality() ? rhs : Double.NEGATIVE_INFINITY, rhs);
        for (int i = 0; i < rel.cells().length; i++) {
          MPVariable v = y[k][rel.cells()[i]];
          row.setCoefficient(v, row.getCoefficient(v) + rel.coef()[i]);
        }
      }
    }
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < n; j++) {
        long x = s.exact[r][j];
        double hi = cap(s.hi[r][j]);
        MPVariable sv = choose.get(key(r, j));
        MPConstraint low = m.makeConstraint(s.lo[r][j] - x, Double.POSITIVE_INFINITY);
        MPConstraint high = m.makeConstraint(Double.NEGATIVE_INFINITY, hi - x);
        for (int k : under.get(r)) {
          low.setCoefficient(y[k][j], 1);
          high.setCoefficient(y[k][j], 1);
        }
        if (sv != null) {
          // chosen: within [0, the secondary upper bound] instead of the published interval
          low.setCoefficient(sv, s.lo[r][j]);
          high.setCoefficient(sv, -(cap(s.secondaryUpper(r, j)) - hi));
        }
      }
    }
    return y;
  }

  private static double cap(long hi) {
    return hi >= AuditState.INF ? BIG : Math.min(hi, BIG);
  }
}
