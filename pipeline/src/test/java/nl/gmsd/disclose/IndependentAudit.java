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
 * nearest rounding, solved with ojAlgo (not OR-Tools, which the audit uses). {@link #integer}
 * makes it the integer attacker of issue 13: counts are whole numbers.
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

  /** {min, max} of one cell over the whole system. */
  double[] range(String region, Cell target) {
    return new double[] {solve(region, target, false), solve(region, target, true)};
  }

  private double solve(String targetRegion, Cell target, boolean max) {
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
    Variable t = x.get(new Key(targetRegion, target));
    t.weight(1);
    Optimisation.Result res = max ? m.maximise() : m.minimise();
    if (res.getState() == Optimisation.State.UNBOUNDED) {
      return max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    if (!res.getState().isOptimal()) {
      throw new AssertionError("independent audit LP not solved: " + res.getState());
    }
    return res.doubleValue(m.getVariables().indexOf(t));
  }
}
