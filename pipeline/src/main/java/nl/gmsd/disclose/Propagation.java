package nl.gmsd.disclose;

/**
 * Bound propagation over one region's relations (no linear program): each relation {@code
 * sum(a_i * x_i) <= 0} (or {@code = 0}) bounds each of its cells by the others' bounds, repeated a
 * few times, in whole numbers. What it derives is implied by the region's bounds and relations, so
 * a cell whose derived range is narrower than minIntervalWidth is pinned in its own region for
 * certain (the other direction is not decided here).
 */
final class Propagation {

  static final int PASSES = 4;

  private Propagation() {}

  /**
   * Tightened bounds of a region's cells: {lo, hi}, with hi possibly {@link AuditState#INF}.
   */
  static long[][] tighten(long[] lo0, long[] hi0) {
    int n = lo0.length;
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int j = 0; j < n; j++) {
      lo[j] = lo0[j];
      hi[j] = hi0[j] >= AuditState.INF ? Double.POSITIVE_INFINITY : hi0[j];
    }
    for (int pass = 0; pass < PASSES; pass++) {
      boolean changed = false;
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        changed |= propagate(r.cells(), r.coef(), lo, hi, false);
        if (r.equality()) {
          changed |= propagate(r.cells(), r.coef(), lo, hi, true);
        }
      }
      if (!changed) {
        break;
      }
    }
    long[][] out = new long[2][n];
    for (int j = 0; j < n; j++) {
      out[0][j] = (long) Math.ceil(lo[j] - 1e-9);
      out[1][j] = Double.isInfinite(hi[j]) ? AuditState.INF : (long) Math.floor(hi[j] + 1e-9);
    }
    return out;
  }

  /** One row {@code sum(a x) <= 0} (or, negated, {@code >= 0}): tightens each cell's bound. */
  private static boolean propagate(int[] cells, int[] coef, double[] lo, double[] hi, boolean negate) {
    boolean changed = false;
    int m = cells.length;
    // The smallest value of each term a_k x_k (negated row: of -a_k x_k).
    double minSum = 0;
    int infinite = 0;
    double[] min = new double[m];
    for (int k = 0; k < m; k++) {
      double a = negate ? -coef[k] : coef[k];
      double v = a > 0 ? a * lo[cells[k]] : a * hi[cells[k]];
      min[k] = v;
      if (Double.isInfinite(v)) {
        infinite++;
      } else {
        minSum += v;
      }
    }
    for (int k = 0; k < m; k++) {
      double a = negate ? -coef[k] : coef[k];
      double rest;
      if (Double.isInfinite(min[k])) {
        rest = infinite > 1 ? Double.NEGATIVE_INFINITY : minSum;
      } else {
        rest = infinite > 0 ? Double.NEGATIVE_INFINITY : minSum - min[k];
      }
      if (Double.isInfinite(rest)) {
        continue;
      }
      // a x_k <= -rest
      int j = cells[k];
      if (a > 0) {
        double ub = Math.floor(-rest / a + 1e-9);
        if (ub < hi[j]) {
          hi[j] = ub;
          changed = true;
        }
      } else if (a < 0) {
        double lb = Math.ceil(-rest / a - 1e-9);
        if (lb > lo[j]) {
          lo[j] = lb;
          changed = true;
        }
      }
    }
    return changed;
  }
}
