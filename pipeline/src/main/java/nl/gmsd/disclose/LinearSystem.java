package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.List;
import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * A small continuous linear system (bounded variables, bounded linear rows) whose feasible range
 * of a sum of variables is found by two LPs, solved with OR-Tools' GLOP (a sparse primal/dual
 * simplex). The model is built once per query ({@link #range}, {@link #provenWidths}) and only
 * the objective changes between its LPs, so GLOP starts each from the previous optimal basis.
 * Not thread-safe; one per task.
 */
final class LinearSystem {

  private final List<double[]> bounds = new ArrayList<>();
  private final List<int[]> rowVars = new ArrayList<>();
  private final List<double[]> rowCoef = new ArrayList<>();
  private final List<double[]> rowBounds = new ArrayList<>();
  private int solves;

  /** Adds a variable with {@code lo <= x <= hi}; {@code hi} may be +infinity. Returns its index. */
  int variable(double lo, double hi) {
    if (lo > hi) {
      throw new IllegalStateException("empty variable interval");
    }
    bounds.add(new double[] {lo, hi});
    return bounds.size() - 1;
  }

  int size() {
    return bounds.size();
  }

  /** Adds {@code lo <= sum(coef * x[vars]) <= hi}; either bound may be infinite. */
  void row(int[] vars, double[] coef, double lo, double hi) {
    rowVars.add(vars);
    rowCoef.add(coef);
    rowBounds.add(new double[] {lo, hi});
  }

  /** Number of LPs solved so far. */
  int solves() {
    return solves;
  }

  /**
   * The smallest and largest value of {@code sum(x[objective])} over the system: {min, max}, max
   * = +infinity when unbounded.
   *
   * @throws IllegalStateException when the system is infeasible or the solver fails
   */
  double[] range(int[] objective) {
    try {
      return new double[] {solve(objective, false), solve(objective, true)};
    } finally {
      release();
    }
  }

  /**
   * Proven lower bounds on the width (max - min) of each objective (a sum of variables), cheaply:
   * every feasible point seen (the given {@code known} point, the optima of the sum of all
   * objectives up and down, and every optimum solved on the way) is a witness, so an objective
   * whose witnesses already differ by {@code target} needs no LP of its own; the others get their
   * exact min and max. {@code known} must be feasible (the true table is).
   */
  double[] provenWidths(List<int[]> objectives, double target, double[] known) {
    try {
      return provenWidthsOnModel(objectives, target, known);
    } finally {
      release();
    }
  }

  private double[] provenWidthsOnModel(List<int[]> objectives, double target, double[] known) {
    List<double[]> points = new ArrayList<>();
    points.add(known);
    double[] result = new double[objectives.size()];
    if (objectives.isEmpty()) {
      return result;
    }
    // Batches: push the sum of the still unproven objectives up and down, while that proves more.
    boolean[] proven = new boolean[objectives.size()];
    int provenCount = 0;
    while (provenCount < objectives.size()) {
      List<Integer> open = new ArrayList<>();
      for (int i = 0; i < objectives.size(); i++) {
        if (!proven[i]) {
          for (int v : objectives.get(i)) {
            open.add(v);
          }
        }
      }
      int[] sum = open.stream().mapToInt(Integer::intValue).toArray();
      addPoint(points, sum, true);
      addPoint(points, sum, false);
      int before = provenCount;
      for (int i = 0; i < objectives.size(); i++) {
        if (!proven[i] && spread(points, objectives.get(i)) >= target) {
          proven[i] = true;
          provenCount++;
        }
      }
      if (provenCount == before) {
        break;
      }
    }
    for (int i = 0; i < objectives.size(); i++) {
      int[] o = objectives.get(i);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] p : points) {
        double v = value(p, o);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi - lo < target) {
        double[] mx = addPoint(points, o, true);
        double[] mn = addPoint(points, o, false);
        hi = mx == null ? Double.POSITIVE_INFINITY : value(mx, o);
        lo = mn == null ? Double.NEGATIVE_INFINITY : value(mn, o);
      }
      result[i] = hi - lo;
    }
    return result;
  }

  private static double spread(List<double[]> points, int[] objective) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] p : points) {
      double v = value(p, objective);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  }

  private static double value(double[] point, int[] objective) {
    double v = 0;
    for (int k : objective) {
      v += point[k];
    }
    return v;
  }

  /** Solves and records the optimum as a witness; null when unbounded. */
  private double[] addPoint(List<double[]> points, int[] objective, boolean maximise) {
    double[] p = optimum(objective, maximise);
    if (p != null) {
      points.add(p);
    }
    return p;
  }

  private double solve(int[] objective, boolean maximise) {
    double[] p = optimum(objective, maximise);
    if (p == null) {
      return maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return value(p, objective);
  }

  private MPSolver solver;
  private MPVariable[] x;

  /** GLOP's native library, loaded once per JVM (class loader). */
  private static final class Native {
    static {
      Loader.loadNativeLibraries();
    }

    static MPSolver glop() {
      MPSolver solver = MPSolver.createSolver("GLOP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools has no GLOP solver on this platform");
      }
      return solver;
    }
  }

  private void build() {
    solver = Native.glop();
    x = new MPVariable[bounds.size()];
    for (int i = 0; i < x.length; i++) {
      double[] b = bounds.get(i);
      x[i] = solver.makeNumVar(b[0], b[1], "");
    }
    for (int r = 0; r < rowVars.size(); r++) {
      double[] b = rowBounds.get(r);
      MPConstraint row = solver.makeConstraint(b[0], b[1], "");
      int[] vars = rowVars.get(r);
      double[] coef = rowCoef.get(r);
      for (int k = 0; k < vars.length; k++) {
        row.setCoefficient(x[vars[k]], coef[k]);
      }
    }
  }

  /** Frees the native model; the next solve builds it again. */
  private void release() {
    if (solver != null) {
      solver.delete();
      solver = null;
      x = null;
    }
  }

  /**
   * The optimal point, or null when unbounded. The system is always feasible (the true table is a
   * point of it), but GLOP's presolve reports an unbounded objective as infeasible (it cannot tell
   * the two apart): such a solve is repeated without presolve, which tells them apart.
   */
  private double[] optimum(int[] objective, boolean maximise) {
    solves++;
    if (solver == null) {
      build();
    }
    MPObjective goal = solver.objective();
    goal.clear();
    for (int v : objective) {
      goal.setCoefficient(x[v], goal.getCoefficient(x[v]) + 1);
    }
    if (maximise) {
      goal.setMaximization();
    } else {
      goal.setMinimization();
    }
    MPSolver.ResultStatus status = solver.solve();
    if (status == MPSolver.ResultStatus.INFEASIBLE) {
      MPSolverParameters noPresolve = new MPSolverParameters();
      noPresolve.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
          MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
      status = solver.solve(noPresolve);
      noPresolve.delete();
    }
    if (status == MPSolver.ResultStatus.UNBOUNDED) {
      return null;
    }
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      throw new IllegalStateException("audit LP not solved: " + status);
    }
    double[] point = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      point[i] = x[i].solutionValue();
    }
    return point;
  }
}
