package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether making some cells secret widens an unsafe cell f: the test every candidate of the
 * heuristic stage must pass (SPEC 8, revised: each round adds cells that the audit shows widen a
 * failing interval).
 *
 * <p>f is measured on one system: its gemeente and a few neighbours ({@link Audit#neighbourhood};
 * for a province's or Nederland's cell, the gemeenten holding most of it). Its smallest and largest
 * value there come with the solver's reduced costs and row duals: the published cells whose bounds
 * hold those optima where they are ({@link #binding}). By weak duality, making secret only cells
 * whose bounds do not hold either optimum cannot move it, so a candidate must contain a binding
 * cell to be tried at all ({@link #canWiden}). A candidate that passes is made secret tentatively
 * and f measured again: if its range grew, or the audit now proves a wider interval with
 * whole-number tables, the cells stay secret (and the tables count as certificates); otherwise
 * everything is as it was.
 */
final class Widening {

  private static final double TOLERANCE = 1e-6;

  private final Protection p;
  private final int[] f;
  final int[] free;
  private double lpWidth;
  private boolean[][] binding;

  /** Measures f on its system, with the bounds that hold its optima. */
  Widening(Protection p, int[] f) {
    this.p = p;
    this.f = f;
    this.free = systemFor(p, f);
    analyse();
  }

  static int[] systemFor(Protection p, int[] f) {
    if (p.state.isGemeente(f[0])) {
      return Arrays.stream(p.audit.neighbourhood(f[0], List.of(f), Audit.NEIGHBOURS, Audit.DONORS)).sorted().toArray();
    }
    return Arrays.stream(p.audit.candidates(f[0], f[1], Audit.NEIGHBOURS + 1)).sorted().toArray();
  }

  private void analyse() {
    AuditState s = p.state;
    int n = CellRelations.CELLS.size();
    binding = new boolean[s.size()][n];
    RestrictedSystem sys = p.audit.systems.take(free);
    try {
      int[] obj = sys.objective(f[0], f[1]);
      LinearSystem.Optimum hi = sys.lp.optimum(obj, true, true);
      LinearSystem.Optimum lo = sys.lp.optimum(obj, false, true);
      p.addLps(2);
      double min = sys.constant(f[0], f[1]) + lo.value();
      if (hi == null) {
        lpWidth = Double.POSITIVE_INFINITY;
        p.cert.recordRange(f[0], f[1], min, Double.POSITIVE_INFINITY, free, lo.point(), null);
        return;
      }
      lpWidth = hi.value() - lo.value();
      p.cert.recordRange(f[0], f[1], min, sys.constant(f[0], f[1]) + hi.value(), free, lo.point(), hi.point());
      for (LinearSystem.Optimum o : List.of(hi, lo)) {
        sys.binding(o, (r, j) -> binding[r][j] = true);
      }
    } finally {
      p.audit.systems.give(sys);
    }
  }

  /** Whether a candidate's new cells include a binding one (else it cannot widen f). */
  boolean canWiden(List<int[]> fresh) {
    for (int[] c : fresh) {
      if (binding[c[0]][c[1]]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes {@code fresh} secret tentatively and keeps it when f widens; {@code alsoTry} are further
   * unsafe cells of f's system the audit may prove safe at the same time.
   */
  boolean tryCells(List<int[]> fresh, List<int[]> alsoTry) {
    AuditState s = p.state;
    long w = s.settings.minIntervalWidth();
    long certBefore = p.cert.width(f[0], f[1]);
    boolean shrank = s.suppress(fresh);
    double[] range = measure();
    double after = range[1] - range[0];
    boolean wideByLp = Certificates.wholeWidth(range[0], range[1]) >= w;
    Audit.Found found = null;
    long up = shrank ? 0 : p.cert.up[f[0]][f[1]];
    long down = shrank ? 0 : p.cert.down[f[0]][f[1]];
    if (after >= w - TOLERANCE && !wideByLp) {
      // Wide enough for the linear program: look for the whole-number tables that prove it.
      List<int[]> targets = new ArrayList<>();
      targets.add(f);
      for (int[] c : alsoTry) {
        if (c != f && RestrictedSystem.covers(s, free, c[0])) {
          targets.add(c);
        }
      }
      found = p.audit.certify(free, targets);
      for (long[][] t : found.tables()) {
        long d = deviation(s, found.free(), t, f);
        up = Math.max(up, d);
        down = Math.min(down, d);
      }
    }
    if (after > lpWidth + TOLERANCE || up - down > certBefore) {
      if (shrank) {
        p.cert.reset();
      }
      if (found != null) {
        for (long[][] t : found.tables()) {
          p.cert.record(found.free(), t);
        }
      }
      p.cert.recordRange(f[0], f[1], range[0], range[1], free);
      lpWidth = after;
      analyse();
      return true;
    }
    s.unsuppress(fresh);
    return false;
  }

  /** Whether every region of the cells moves in f's system (else the test cannot see them). */
  boolean sees(List<int[]> cells) {
    for (int[] c : cells) {
      if (!RestrictedSystem.covers(p.state, free, c[0])) {
        return false;
      }
    }
    return true;
  }

  /** f's smallest and largest value on its system. */
  private double[] measure() {
    RestrictedSystem sys = p.audit.systems.take(free);
    try {
      double[] r = sys.range(f[0], f[1]);
      p.addLps(2);
      return r;
    } finally {
      p.audit.systems.give(sys);
    }
  }

  /** The deviation of a cell in a table given on free gemeenten. */
  static long deviation(AuditState s, int[] free, long[][] delta, int[] cell) {
    long d = 0;
    for (int k = 0; k < free.length; k++) {
      for (int r : s.chain(free[k])) {
        if (r == cell[0]) {
          d += delta[k][cell[1]];
        }
      }
    }
    return d;
  }
}
