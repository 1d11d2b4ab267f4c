package nl.gmsd.disclose;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * A small continuous linear system (bounded variables, bounded linear rows) over which sums of
 * variables are minimised and maximised with OR-Tools' GLOP (a sparse primal/dual simplex). The
 * model is built on the first solve and kept: between solves only the objective or a variable's
 * bounds change, so GLOP starts each from the previous optimal basis. An optimum comes with its
 * point, the reduced cost of every variable and the dual value of every row, which name the bounds
 * that hold the optimum where it is. Not thread-safe; one per task; {@link #close} frees the
 * native model.
 */
final class LinearSystem implements AutoCloseable {

  private final List<double[]> bounds = new ArrayList<>();
  private final List<int[]> rowVars = new ArrayList<>();
  private final List<double[]> rowCoef = new ArrayList<>();
  private final List<double[]> rowBounds = new ArrayList<>();
  private int solves;
  /**
   * Presolve off: the audit's systems are small and solved many times with another objective or
   * bounds; without presolve GLOP starts from the previous basis (about twice as fast here).
   */
  private static final MPSolverParameters PARAMS = noPresolve();

  private static MPSolverParameters noPresolve() {
    Native.load();
    MPSolverParameters p = new MPSolverParameters();
    p.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
        MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
    return p;
  }
  private MPSolver solver;
  private MPVariable[] x;
  private MPConstraint[] rows;

  /** An optimal point, with the objective's value, reduced costs and row duals at it. */
  record Optimum(double value, double[] point, double[] reducedCosts, double[] rowDuals) {}

  /** Adds a variable with {@code lo <= x <= hi}; {@code hi} may be +infinity. Returns its index. */
  int variable(double lo, double hi) {
    if (lo > hi) {
      throw new IllegalStateException("empty variable interval");
    }
    if (solver != null) {
      throw new IllegalStateException("the model is built already");
    }
    bounds.add(new double[] {lo, hi});
    return bounds.size() - 1;
  }

  int size() {
    return bounds.size();
  }

  int rowCount() {
    return rowVars.size();
  }

  /** Adds {@code lo <= sum(coef * x[vars]) <= hi}; either bound may be infinite. Returns its index. */
  int row(int[] vars, double[] coef, double lo, double hi) {
    if (solver != null) {
      throw new IllegalStateException("the model is built already");
    }
    rowVars.add(vars);
    rowCoef.add(coef);
    rowBounds.add(new double[] {lo, hi});
    return rowVars.size() - 1;
  }

  double[] rowCoef(int row) {
    return rowCoef.get(row);
  }

  double[] rowBounds(int row) {
    return rowBounds.get(row);
  }

  int[] rowVars(int row) {
    return rowVars.get(row);
  }

  /** Number of LPs solved so far. */
  int solves() {
    return solves;
  }

  double lower(int var) {
    return bounds.get(var)[0];
  }

  double upper(int var) {
    return bounds.get(var)[1];
  }

  /** Changes a row's bounds (also on a built model, for the next solve). */
  void setRowBounds(int row, double lo, double hi) {
    rowBounds.set(row, new double[] {lo, hi});
    if (solver != null) {
      rows[row].setBounds(lo, hi);
    }
  }

  /** Changes a variable's bounds (also on a built model, for the next solve). */
  void setBounds(int var, double lo, double hi) {
    bounds.set(var, new double[] {lo, hi});
    if (solver != null) {
      x[var].setBounds(lo, hi);
    }
  }

  /**
   * The smallest and largest value of {@code sum(x[objective])} over the system: {min, max}, max
   * = +infinity when unbounded.
   *
   * @throws IllegalStateException when the system is infeasible or the solver fails
   */
  double[] range(int[] objective) {
    Optimum lo = optimum(objective, false);
    Optimum hi = optimum(objective, true);
    return new double[] {lo == null ? Double.NEGATIVE_INFINITY : lo.value(),
        hi == null ? Double.POSITIVE_INFINITY : hi.value()};
  }

  /** GLOP's native library, loaded once per JVM (class loader). */
  private static final class Native {
    static {
      Loader.loadNativeLibraries();
    }

    static void load() {
      // the static initialiser did it
    }

    static MPSolver glop() {
      MPSolver solver = MPSolver.createSolver("GLOP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools has no GLOP solver on this platform");
      }
      return solver;
    }
  }

  /** Loads OR-Tools' native library (for the other users of OR-Tools in this package). */
  static void loadNative() {
    Native.load();
  }

  private void build() {
    solver = Native.glop();
    x = new MPVariable[bounds.size()];
    for (int i = 0; i < x.length; i++) {
      double[] b = bounds.get(i);
      x[i] = solver.makeNumVar(b[0], b[1], "");
    }
    rows = new MPConstraint[rowVars.size()];
    for (int r = 0; r < rowVars.size(); r++) {
      double[] b = rowBounds.get(r);
      MPConstraint row = solver.makeConstraint(b[0], b[1], "");
      int[] vars = rowVars.get(r);
      double[] coef = rowCoef.get(r);
      for (int k = 0; k < vars.length; k++) {
        row.setCoefficient(x[vars[k]], coef[k]);
      }
      rows[r] = row;
    }
  }

  /** Frees the native model; the next solve builds it again. */
  @Override
  public void close() {
    if (solver != null) {
      solver.delete();
      solver = null;
      x = null;
      rows = null;
    }
  }

  /**
   * The optimum of {@code sum(x[objective])} (a variable listed twice counts twice), or null when
   * unbounded. The system must be feasible (the audit's always are: the true table is a point of
   * them).
   *
   * @throws IllegalStateException when the solver fails
   */
  Optimum optimum(int[] objective, boolean maximise) {
    return optimum(objective, maximise, false);
  }

  /** {@link #optimum}, with the reduced costs and row duals at the optimum when {@code duals}. */
  Optimum optimum(int[] objective, boolean maximise, boolean duals) {
    Optimum o = solve(objective, maximise, duals);
    if (o == INFEASIBLE) {
      throw new IllegalStateException("audit LP not solved: INFEASIBLE");
    }
    return o;
  }

  /** Returned by {@link #solve} for an infeasible system. */
  static final Optimum INFEASIBLE = new Optimum(Double.NaN, null, null, null);

  /**
   * {@link #optimum} for a system that may be infeasible (after bounds were changed): {@link
   * #INFEASIBLE} then.
   */
  Optimum solve(int[] objective, boolean maximise, boolean duals) {
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
    MPSolver.ResultStatus status = solver.solve(PARAMS);
    if (status == MPSolver.ResultStatus.UNBOUNDED) {
      return null;
    }
    if (status == MPSolver.ResultStatus.INFEASIBLE) {
      return INFEASIBLE;
    }
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      throw new IllegalStateException("audit LP not solved: " + status);
    }
    double[] point = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      point[i] = x[i].solutionValue();
    }
    if (!duals) {
      return new Optimum(goal.value(), point, null, null);
    }
    double[] reduced = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      reduced[i] = x[i].reducedCost();
    }
    double[] rowDuals = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      rowDuals[r] = rows[r].dualValue();
    }
    return new Optimum(goal.value(), point, reduced, rowDuals);
  }
}
