package nl.gmsd.disclose;

import com.google.ortools.linearsolver.*;
import java.util.*;

/** Experiment: integer vs LP widths of cells left unsafe after the chain. */
public final class IpProbe {
  public static void main(String[] args) {
    PublicationTable t = CountedTablesExport.load(java.nio.file.Paths.get(args[0]));
    if (System.getProperty("provinces") != null) t = t.onlyProvinces(Set.of(System.getProperty("provinces").split(",")));
    DisclosureSettings set = DisclosureSettings.defaults();
    Protection p = new Protection(new AuditState(t, set));
    DisclosureControl dc = new DisclosureControl();
    for (ProtectionStage st : dc.chain(set)) {
      ProtectionStage.Report r = st.protect(p);
      System.out.println(r);
      if (st.name().equals(args[2])) break;
    }
    AuditState s = p.state;
    LinearSystem.loadNative();
    int shown = 0;
    for (int[] c : p.unsafe()) {
      if (shown++ >= Integer.parseInt(args[1])) break;
      for (int[] free : new int[][] {{c[0]}, p.audit.neighbourhood(c[0], List.of(c), 4)}) {
        try (RestrictedSystem sys = new RestrictedSystem(s, free)) {
          double[] lpr = sys.lp.range(sys.objective(c[0], c[1]));
          double[] ipr = ip(sys, sys.objective(c[0], c[1]));
          System.out.printf("%s v=%d free=%d lp=[%.2f,%.2f] ip=[%.0f,%.0f] cert=[%d,%d]%n", s.key(c[0], c[1]), s.exact[c[0]][c[1]], free.length,
              lpr[0], lpr[1], ipr[0], ipr[1], p.cert.down[c[0]][c[1]], p.cert.up[c[0]][c[1]]);
        }
      }
    }
  }

  static double[] ip(RestrictedSystem sys, int[] obj) {
    LinearSystem lp = sys.lp;
    double[] out = new double[2];
    for (int dir = 0; dir < 2; dir++) {
      MPSolver m = MPSolver.createSolver("SCIP");
      m.setTimeLimit(20000);
      MPVariable[] x = new MPVariable[lp.size()];
      for (int i = 0; i < x.length; i++) x[i] = m.makeIntVar(Math.ceil(lp.lower(i) - 1e-9), Double.isInfinite(lp.upper(i)) ? 1e7 : Math.floor(lp.upper(i) + 1e-9), "");
      for (int r = 0; r < lp.rowCount(); r++) {
        double[] b = lp.rowBounds(r); double[] co = lp.rowCoef(r);
        MPConstraint row = m.makeConstraint(b[0], b[1], "");
        int[] vs = lp.rowVars(r);
        for (int k = 0; k < vs.length; k++) row.setCoefficient(x[vs[k]], row.getCoefficient(x[vs[k]]) + co[k]);
      }
      for (int v : obj) m.objective().setCoefficient(x[v], m.objective().getCoefficient(x[v]) + 1);
      if (dir == 1) m.objective().setMaximization(); else m.objective().setMinimization();
      MPSolver.ResultStatus st = m.solve();
      out[dir] = st == MPSolver.ResultStatus.OPTIMAL ? m.objective().value() : Double.NaN;
      m.delete();
    }
    return out;
  }
}
