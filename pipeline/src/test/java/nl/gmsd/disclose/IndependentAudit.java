package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A straightforward re-audit for tests, written apart from {@link Audit}: one full program over
 * every audited region's cells (all within-region relations of {@link CellRelations}, the reader's
 * of SPEC 7 included, provinces and Nederland included, and the region sums) per secret cell, for
 * nearest rounding, solved with ojAlgo (not OR-Tools' GLOP, which the audit uses). {@link #integer}
 * makes it the integer attacker of issue 13: counts are whole numbers, each program solved exactly
 * by SCIP ({@link IntegerProgram}).
 */
final class IndependentAudit {

  record Key(String region, Cell cell) {}

  private final PublicationTable table;
  private final DisclosureSettings s;
  private final List<String> regionCodes = new ArrayList<>();
  private final Map<String, String> parentOf = new HashMap<>();
  private final Map<Key, TableCell> published = new HashMap<>();
  private final Map<Key, Double> upper = new HashMap<>();
  private boolean integer;
  private int programs;

  /** Stands for "no upper bound" in integer mode: far above any count of a test table. */
  static final double UNBOUNDED = 1e6;

  IndependentAudit(PublicationTable table, List<TableCell> cells, DisclosureSettings s) {
    this.table = table;
    this.s = s;
    Map<String, Integer> publishedBelow = new HashMap<>();
    for (PublicationTable.Region r : table.regions()) {
      if (r.level().equals(TableLayout.LEVEL_GEMEENTE) && r.published()) {
        regionCodes.add(r.code());
        parentOf.put(r.code(), r.parentCode());
        publishedBelow.merge(r.parentCode(), 1, Integer::sum);
        publishedBelow.merge(TableLayout.NEDERLAND_CODE, 1, Integer::sum);
      }
    }
    for (PublicationTable.Region r : table.regions()) {
      if (!r.level().equals(TableLayout.LEVEL_GEMEENTE) && publishedBelow.containsKey(r.code())) {
        regionCodes.add(r.code());
        if (r.parentCode() != null) {
          parentOf.put(r.code(), r.parentCode());
        }
      }
    }
    for (TableCell c : cells) {
      published.put(new Key(c.getRegionCode(), new Cell(c.getDimension(), c.getCategory(), c.getMeasure())), c);
    }
  }

  /** Whole-number counts from now on (an integer program per bound instead of an LP). */
  IndependentAudit integer() {
    this.integer = true;
    return this;
  }

  /** Integer programs solved so far. */
  int programs() {
    return programs;
  }

  List<String> regions() {
    return regionCodes;
  }

  boolean secret(String region, Cell cell) {
    return published.get(new Key(region, cell)).getStatus().equals(TableLayout.STATUS_SECRET);
  }

  private double lower(String region, Cell cell) {
    TableCell c = published.get(new Key(region, cell));
    if (c.getStatus().equals(TableLayout.STATUS_SECRET)) {
      return 0;
    }
    long r = Long.parseLong(c.getValue());
    return Math.max(s.minCount(), r - s.roundingBase() / 2);
  }

  private double upper(String region, Cell cell) {
    Key k = new Key(region, cell);
    Double u = upper.get(k);
    if (u != null) {
      return u;
    }
    TableCell c = published.get(k);
    if (!c.getStatus().equals(TableLayout.STATUS_SECRET)) {
      u = (double) Long.parseLong(c.getValue()) + (s.roundingBase() + 1) / 2 - 1;
    } else if (table.exact(region, cell) < s.minCount()) {
      u = (double) s.minCount() - 1;
    } else if (!cell.dimension().equals(TableLayout.TOTAAL)) {
      u = upper(region, new Cell(TableLayout.TOTAAL, TableLayout.TOTAAL, cell.measure()));
    } else if (cell.measure().equals(TableLayout.HUISHOUDENS)) {
      u = upper(region, new Cell(TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN));
    } else if (parentOf.containsKey(region)) {
      u = upper(parentOf.get(region), cell);
    } else {
      u = Double.POSITIVE_INFINITY;
    }
    upper.put(k, u);
    return u;
  }

  /**
   * The attacker's bounds that the true table breaks (none, for a sound model: the truth is one of
   * the tables the attacker cannot rule out), as readable lines.
   */
  List<String> boundsTheTruthBreaks() {
    List<String> out = new ArrayList<>();
    for (String r : regionCodes) {
      for (Cell c : TableLayout.countCells()) {
        long v = table.exact(r, c);
        if (v < lower(r, c) || v > upper(r, c)) {
          out.add(r + " " + c + ": true " + v + " outside " + lower(r, c) + ".." + upper(r, c));
        }
      }
    }
    return out;
  }

  /** {min, max} of one cell over the whole system (in integer mode: one program, two objectives). */
  double[] range(String region, Cell target) {
    if (integer) {
      try (IntegerProgram p = new IntegerProgram()) {
        Map<Key, Double> cell = Map.of(new Key(region, target), 1.0);
        return new double[] {p.optimum(cell, false, null), p.optimum(cell, true, null)};
      }
    }
    return new double[] {solve(region, target, false), solve(region, target, true)};
  }

  /** The program of the whole system, its variables by cell. */
  private record Program(ExpressionsBasedModel model, Map<Key, Variable> x) {}

  private Program program() {
    ExpressionsBasedModel m = new ExpressionsBasedModel();
    List<Cell> cells = TableLayout.countCells();
    Map<Key, Variable> x = new HashMap<>();
    for (String r : regionCodes) {
      for (Cell c : cells) {
        Variable v = m.addVariable(r + c).lower(lower(r, c)).integer(integer);
        double u = upper(r, c);
        if (Double.isFinite(u)) {
          v.upper(u);
        } else if (integer) {
          v.upper(UNBOUNDED); // ojAlgo's integer solver wants bounded variables
        }
        x.put(new Key(r, c), v);
      }
      for (CellRelations.Relation rel : CellRelations.RELATIONS) {
        Expression e = m.addExpression(r + rel.name());
        for (int i = 0; i < rel.cells().length; i++) {
          e.set(x.get(new Key(r, cells.get(rel.cells()[i]))), rel.coef()[i]);
        }
        if (rel.equality()) {
          e.level(0);
        } else {
          e.upper(0);
        }
      }
    }
    for (String parent : regionCodes) {
      List<String> children = regionCodes.stream().filter(r -> parent.equals(parentOf.get(r))).toList();
      if (children.isEmpty()) {
        continue;
      }
      for (Cell c : cells) {
        Expression e = m.addExpression("sum " + parent + c).level(0);
        e.set(x.get(new Key(parent, c)), -1);
        for (String ch : children) {
          e.set(x.get(new Key(ch, c)), 1);
        }
      }
    }
    return new Program(m, x);
  }

  /** The optimum of one cell by the linear program (continuous mode). */
  private double solve(String targetRegion, Cell target, boolean max) {
    Program p = program();
    ExpressionsBasedModel m = p.model();
    Variable t = p.x().get(new Key(targetRegion, target));
    t.weight(1);
    Optimisation.Result res = max ? m.maximise() : m.minimise();
    if (res.getState() == Optimisation.State.UNBOUNDED) {
      return max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (!res.getState().isOptimal()) {
      throw new AssertionError("independent audit program not solved: " + res.getState());
    }
    return res.doubleValue(m.getVariables().indexOf(t));
  }

  /**
   * The integer attacker's program, written here apart from the audit's code, solved by SCIP
   * through OR-Tools' MPSolver (the audit's own LPs use GLOP; ojAlgo's integer solver was tried
   * first and called feasible tables infeasible; CP-SAT needs a newer protobuf than Beam's): the
   * whole system, built once and solved for as many
   * objectives as asked (only the objective changes between solves). A linear program beside it
   * for witnesses was tried: its optima are seldom whole (the reader's relations with k·clients
   * give fifths and quarters), so nearly every witness fell back to SCIP anyway.
   */
  private final class IntegerProgram implements AutoCloseable {
    private final com.google.ortools.linearsolver.MPSolver m;
    private final Map<Key, com.google.ortools.linearsolver.MPVariable> x = new HashMap<>();

    IntegerProgram() {
      com.google.ortools.Loader.loadNativeLibraries();
      m = com.google.ortools.linearsolver.MPSolver.createSolver("SCIP");
      List<Cell> cells = TableLayout.countCells();
      for (String r : regionCodes) {
        for (Cell c : cells) {
          double u = upper(r, c);
          x.put(new Key(r, c), m.makeIntVar(Math.ceil(lower(r, c) - 1e-9), Double.isFinite(u) ? Math.floor(u + 1e-9)
              : UNBOUNDED, r + c));
        }
        for (CellRelations.Relation rel : CellRelations.RELATIONS) {
          com.google.ortools.linearsolver.MPConstraint e = m.makeConstraint(rel.equality() ? 0 : -UNBOUNDED * 1e3, 0);
          for (int i = 0; i < rel.cells().length; i++) {
            e.setCoefficient(x.get(new Key(r, cells.get(rel.cells()[i]))), rel.coef()[i]);
          }
        }
      }
      for (String parent : regionCodes) {
        List<String> children = regionCodes.stream().filter(r -> parent.equals(parentOf.get(r))).toList();
        if (children.isEmpty()) {
          continue;
        }
        for (Cell c : cells) {
          com.google.ortools.linearsolver.MPConstraint e = m.makeConstraint(0, 0);
          e.setCoefficient(x.get(new Key(parent, c)), -1);
          for (String ch : children) {
            e.setCoefficient(x.get(new Key(ch, c)), 1);
          }
        }
      }
    }

    /** The optimum of Σ coef·cell; every cell's value of the optimal table into {@code values} if not null. */
    double optimum(Map<Key, Double> objective, boolean max, Map<Key, Double> values) {
      programs++;
      m.objective().clear();
      objective.forEach((k, c) -> m.objective().setCoefficient(x.get(k), c));
      if (max) {
        m.objective().setMaximization();
      } else {
        m.objective().setMinimization();
      }
      com.google.ortools.linearsolver.MPSolver.ResultStatus st = m.solve();
      if (st != com.google.ortools.linearsolver.MPSolver.ResultStatus.OPTIMAL) {
        throw new AssertionError("integer attacker's program not solved: " + st);
      }
      if (values != null) {
        x.forEach((k, v) -> values.put(k, (double) Math.round(v.solutionValue())));
      }
      return Math.round(m.objective().value());
    }

    /** A whole-number table the attacker cannot rule out, optimal for the objective. */
    Map<Key, Double> witness(Map<Key, Double> objective, boolean max) {
      Map<Key, Double> values = new HashMap<>();
      optimum(objective, max, values);
      return values;
    }

    @Override
    public void close() {
      m.delete();
    }
  }

  /**
   * The secret cells whose whole-number range is narrower than minIntervalWidth, each with its
   * range {min, max} (integer mode only). Exact, but cheaper than two programs per cell: every
   * optimal solution is a whole-number table the attacker cannot rule out, so the values it gives
   * every other secret cell are witnesses too; a cell whose witnesses already lie minIntervalWidth
   * apart is proven wide without programs of its own. The witnesses come first from tables with
   * every secret cell as low and as high as it goes together, then from tables that push the cells
   * still unproven up and down in random directions (a fixed seed: the same programs every run),
   * as long as such a table proves at least one more cell; every cell left gets its own maximum and
   * minimum.
   */
  Map<Key, double[]> narrowCells() {
    List<Key> secret = new ArrayList<>();
    for (String r : regionCodes) {
      for (Cell c : TableLayout.countCells()) {
        if (secret(r, c)) {
          secret.add(new Key(r, c));
        }
      }
    }
    return narrowCells(secret);
  }

  /** {@link #narrowCells()} of some secret cells only. */
  Map<Key, double[]> narrowCells(List<Key> secret) {
    if (!integer) {
      throw new IllegalStateException("narrowCells is for the integer attacker");
    }
    double w = s.minIntervalWidth() - 1e-6;
    Map<Key, double[]> seen = new HashMap<>();
    java.util.function.Predicate<Key> wide = k -> seen.containsKey(k) && seen.get(k)[1] - seen.get(k)[0] >= w;
    try (IntegerProgram p = new IntegerProgram()) {
      java.util.function.BiConsumer<Map<Key, Double>, Boolean> witness =
          (objective, max) -> record(secret, p.witness(objective, max), seen);
      Map<Key, Double> all = new HashMap<>();
      secret.forEach(k -> all.put(k, 1.0));
      witness.accept(all, false);
      witness.accept(all, true);
      java.util.Random directions = new java.util.Random(secret.size());
      for (long open = secret.stream().filter(wide.negate()).count(); open > 1; ) {
        Map<Key, Double> mixed = new HashMap<>();
        secret.stream().filter(wide.negate()).forEach(k -> mixed.put(k, directions.nextBoolean() ? 1.0 : -1.0));
        witness.accept(mixed, true);
        long left = secret.stream().filter(wide.negate()).count();
        if (left == open) {
          break;
        }
        open = left;
      }
      Map<Key, double[]> narrow = new java.util.LinkedHashMap<>();
      for (Key k : secret) {
        if (wide.test(k)) {
          continue;
        }
        double[] exact = new double[2];
        for (int side = 1; side >= 0; side--) {
          Map<Key, Double> values = p.witness(Map.of(k, 1.0), side == 1);
          exact[side] = values.get(k);
          record(secret, values, seen);
          if (wide.test(k)) {
            break; // wide already: the maximum and one witness below it
          }
        }
        if (!wide.test(k)) {
          narrow.put(k, exact);
        }
      }
      return narrow;
    }
  }

  /** Widens each secret cell's range of values seen by its value in one whole-number table. */
  private static void record(List<Key> secret, Map<Key, Double> values, Map<Key, double[]> seen) {
    for (Key o : secret) {
      double v = values.get(o);
      seen.merge(o, new double[] {v, v}, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
  }

  /**
   * The secret cells of {@code cells} the integer attacker narrows below minIntervalWidth, less
   * those beyond protection (narrow even in {@link #allSecret}), each with its range.
   */
  static Map<Key, double[]> narrowButProtectable(PublicationTable table, List<TableCell> cells, DisclosureSettings s) {
    Map<Key, double[]> narrow = new IndependentAudit(table, cells, s).integer().narrowCells();
    if (!narrow.isEmpty()) {
      narrow.keySet().removeAll(new IndependentAudit(table, allSecret(table, cells), s).integer()
          .narrowCells(new ArrayList<>(narrow.keySet())).keySet());
    }
    return narrow;
  }

  /**
   * The same output with every count cell of every audited region secret: the widest the
   * attacker's view can get, so a cell narrow there is narrow whatever is suppressed (beyond
   * protection).
   */
  static List<TableCell> allSecret(PublicationTable table, List<TableCell> cells) {
    List<TableCell> out = new ArrayList<>();
    for (TableCell c : cells) {
      boolean count = !c.getMeasure().endsWith("_per_1000");
      boolean shown = c.getStatus().equals(TableLayout.STATUS_SECRET) || c.getStatus().equals(TableLayout.STATUS_PUBLISHED);
      out.add(count && shown ? TableCell.newBuilder(c).setStatus(TableLayout.STATUS_SECRET).setValue(".").build() : c);
    }
    return out;
  }
}
