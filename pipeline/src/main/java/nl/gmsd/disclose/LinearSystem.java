package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A small continuous linear system (bounded variables, bounded linear rows) whose feasible range
 * of a sum of variables is found by two LPs (ojAlgo). A fresh ojAlgo model is built for every
 * solve, so solves never see each other's presolve state. Not thread-safe; one per task.
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
    return new double[] {solve(objective, false), solve(objective, true)};
  }

  /**
   * Proven lower bounds on the width (max - min) of each objective (a sum of variables), cheaply:
   * every feasible point seen (the given {@code known} point, the optima of the sum of all
   * objectives up and down, and every optimum solved on the way) is a witness, so an objective
   * whose witnesses already differ by {@code target} needs no LP of its own; the others get their
   * exact min and max. {@code known} must be feasible (the true table is).
   */
  double[] provenWidths(List<int[]> objectives, double target, double[] known) {
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

  /** From this many variables on, LPs are solved with ojAlgo's sparse (revised) simplex. */
  static final int SPARSE_FROM_VARIABLES = 2000;

  /** The optimal point, or null when unbounded. */
  private double[] optimum(int[] objective, boolean maximise) {
    solves++;
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    // ojAlgo uses a dense tableau below 500 000 variables: for a national system (~24 000
    // variables) that is a dense matrix of gigabytes. Its revised simplex keeps the system sparse.
    if (bounds.size() > SPARSE_FROM_VARIABLES) {
      model.options.sparse = Boolean.TRUE;
    }
    Variable[] x = new Variable[bounds.size()];
    for (int i = 0; i < x.length; i++) {
      double[] b = bounds.get(i);
      x[i] = model.addVariable("x" + i).lower(b[0]);
      if (Double.isFinite(b[1])) {
        x[i].upper(b[1]);
      }
    }
    for (int r = 0; r < rowVars.size(); r++) {
      Expression e = model.addExpression("r" + r);
      int[] vars = rowVars.get(r);
      double[] coef = rowCoef.get(r);
      for (int k = 0; k < vars.length; k++) {
        e.set(x[vars[k]], coef[k]);
      }
      double[] b = rowBounds.get(r);
      if (b[0] == b[1]) {
        e.level(b[0]);
      } else {
        if (Double.isFinite(b[0])) {
          e.lower(b[0]);
        }
        if (Double.isFinite(b[1])) {
          e.upper(b[1]);
        }
      }
    }
    int[] weight = new int[x.length];
    for (int v : objective) {
      weight[v]++;
    }
    for (int i = 0; i < x.length; i++) {
      if (weight[i] != 0) {
        x[i].weight(weight[i]);
      }
    }
    Optimisation.Result result = maximise ? model.maximise() : model.minimise();
    Optimisation.State state = result.getState();
    if (state == Optimisation.State.UNBOUNDED) {
      return null;
    }
    if (!state.isOptimal()) {
      throw new IllegalStateException("audit LP not solved: " + state);
    }
    double[] point = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      point[i] = result.doubleValue(i);
    }
    return point;
  }
}
