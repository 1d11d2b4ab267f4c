package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit's proof that secret cells are safe, of two kinds. Whole-number tables, each checked in
 * exact integer arithmetic against every bound and relation the attacker knows, that differ from
 * the true table in a few gemeenten: for every cell, {@code up} and {@code down} hold the largest
 * and smallest deviation from its true value among the tables checked so far (the true table
 * itself counts, so {@code up >= 0 >= down}); when {@code up - down >= minIntervalWidth}, two
 * tables consistent with everything published give it values that far apart, so no attacker, with
 * linear or integer reasoning, can narrow it further. And the values the cell takes at optima of
 * linear programs over parts of the table ({@link #recordRange}): SPEC 8's own (continuous) test.
 * A secret cell is <b>certified</b> when either shows it at least minIntervalWidth wide.
 *
 * <p>A table is given as its deviations on a set of free gemeenten; every other gemeente keeps its
 * true counts, so a province's (Nederland's) cells move by the sum of its free gemeenten's
 * deviations. {@link #check} tests the free gemeenten's cells and every province and Nederland
 * above them: each cell within its interval, each relation of {@link CellRelations} (exact, long
 * arithmetic). Nothing else changes, so nothing else needs checking.
 *
 * <p>Suppression only widens intervals (see {@link AuditState}), so a table checked once stays
 * valid and certificates are never lost; where an interval did shrink (random rounding) the caller
 * starts over with {@link #reset}, and where a cell is published again, with {@link #forget}.
 */
final class Certificates {

  private final AuditState s;
  private final long minWidth;
  final long[][] up;
  final long[][] down;
  /**
   * Per cell the lowest and highest value of it at the optima of the linear programs solved so
   * far, over any part of the table (+infinity and -infinity: none).
   */
  private final double[][] lpLow;
  private final double[][] lpHigh;
  /**
   * Per cell, the checked table that gave up and down, and the linear program's point that gave
   * lpLow and lpHigh (null: the true table, or nothing known): what a proof rests on, so that {@link
   * #forget} drops only the proofs a published cell can invalidate.
   */
  private final Table[][] upBy;
  private final Table[][] downBy;
  private final Point[][] lowBy;
  private final Point[][] highBy;

  /** A checked table: deviations {@code delta[k]} on gemeente {@code free[k]}. */
  private record Table(int[] free, long[][] delta) {}

  /**
   * Where a linear program over the free gemeenten gave a cell's value: the point's values at the
   * cells that were secondary when it was recorded ({@code regions[i]}, {@code cells[i]}: in free
   * gemeenten and the provinces and Nederland above them), or null arrays where the caller kept no
   * point. Those are the only intervals that can have shrunk since: a published cell's interval
   * and a primary cell's are fixed ({@link AuditState}), and only a secondary cell's depends on
   * which cells are secret.
   */
  private record Point(int[] free, int[] regions, int[] cells, double[] values) {}

  /**
   * How far an LP point may lie outside a bound and still count as inside it when {@link #forget}
   * tests it again: the solver's feasibility tolerance, well below the whole numbers the proof is
   * rounded to ({@link #wholeWidth}). A point refused for a difference this small only costs a
   * proof that the audit finds again.
   */
  private static final double FEASIBLE = 1e-7;

  Certificates(AuditState s) {
    this.s = s;
    this.minWidth = s.settings.minIntervalWidth();
    int n = CellRelations.CELLS.size();
    up = new long[s.size()][n];
    down = new long[s.size()][n];
    lpLow = new double[s.size()][n];
    lpHigh = new double[s.size()][n];
    upBy = new Table[s.size()][n];
    downBy = new Table[s.size()][n];
    lowBy = new Point[s.size()][n];
    highBy = new Point[s.size()][n];
    clearRanges();
  }

  private void clearRanges() {
    for (int r = 0; r < s.size(); r++) {
      Arrays.fill(lpLow[r], Double.POSITIVE_INFINITY);
      Arrays.fill(lpHigh[r], Double.NEGATIVE_INFINITY);
      Arrays.fill(upBy[r], null);
      Arrays.fill(downBy[r], null);
      Arrays.fill(lowBy[r], null);
      Arrays.fill(highBy[r], null);
    }
  }

  /** How many times {@link #reset} ran: an interval shrank, so no earlier verdict holds. */
  private int resets;

  int resets() {
    return resets;
  }

  void reset() {
    resets++;
    for (int r = 0; r < s.size(); r++) {
      Arrays.fill(up[r], 0);
      Arrays.fill(down[r], 0);
    }
    clearRanges();
  }

  /**
   * True when the cell is proven safe: two checked tables at least minIntervalWidth apart in it, or
   * a linear program over part of the table that ranges it that wide ({@link #recordRange}).
   */
  boolean certified(int region, int cell) {
    return width(region, cell) >= minWidth;
  }

  /**
   * Records a cell's smallest and largest value in a linear program over part of the table (some
   * gemeenten free, the others at their true counts), or values it takes at feasible points of
   * one (NaN: not known). A part's feasible set lies inside the whole table's, and suppression only
   * widens it, so each value stays one the cell can take in SPEC 8's audit (continuous variables);
   * so do the values of the checked tables. The lowest and highest of all of them, from any parts,
   * bound the cell's range there from inside; their ends rounded inwards to whole numbers
   * ({@code floor(max) - ceil(min)}) are the proof, made no weaker by the integrality of counts at
   * the ends.
   *
   * @return whether the cell is now proven safe
   */
  boolean recordRange(int region, int cell, double min, double max, int[] free) {
    return recordRange(region, cell, min, max, free, null, null);
  }

  /**
   * {@link #recordRange(int, int, double, double, int[])} with the points of the program over the
   * (sorted) free gemeenten where the cell takes {@code min} and {@code max} (null: not kept), so
   * that {@link #forget} keeps the range where its point is still feasible.
   */
  boolean recordRange(int region, int cell, double min, double max, int[] free, double[] minAt, double[] maxAt) {
    if (!Double.isNaN(min) && min < lpLow[region][cell]) {
      lpLow[region][cell] = min;
      lowBy[region][cell] = point(free, minAt);
    }
    if (!Double.isNaN(max) && max > lpHigh[region][cell]) {
      lpHigh[region][cell] = max;
      highBy[region][cell] = point(free, maxAt);
    }
    return certified(region, cell);
  }

  /**
   * The last point kept, and which cells were secret then: a batch's optimum is recorded for many
   * cells in a row.
   */
  private double[] lastX;
  private int lastStatus;
  private Point last;

  /** An LP point over the (sorted) free gemeenten as a {@link Point}. */
  private Point point(int[] free, double[] x) {
    if (x == null) {
      return new Point(free, null, null, null);
    }
    if (x == lastX && lastStatus == s.statusChanges() && Arrays.equals(free, last.free())) {
      return last;
    }
    int n = CellRelations.CELLS.size();
    List<int[]> at = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    java.util.Map<Integer, double[]> aggregates = new java.util.TreeMap<>();
    for (int k = 0; k < free.length; k++) {
      int g = free[k];
      for (int j = 0; j < n; j++) {
        if (s.status[g][j] == AuditState.SECONDARY) {
          at.add(new int[] {g, j});
          values.add(x[k * n + j]);
        }
      }
      for (int a = s.parent(g); a >= 0; a = s.parent(a)) {
        double[] d = aggregates.computeIfAbsent(a, y -> new double[n]);
        for (int j = 0; j < n; j++) {
          d[j] += x[k * n + j] - s.exact[g][j];
        }
      }
    }
    aggregates.forEach((a, d) -> {
      for (int j = 0; j < n; j++) {
        if (s.status[a][j] == AuditState.SECONDARY) {
          at.add(new int[] {a, j});
          values.add(s.exact[a][j] + d[j]);
        }
      }
    });
    last = new Point(free, at.stream().mapToInt(c -> c[0]).toArray(), at.stream().mapToInt(c -> c[1]).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray());
    lastX = x;
    lastStatus = s.statusChanges();
    return last;
  }

  /**
   * Drops every proof that a cell made published again can invalidate ({@link
   * ReleaseRedundantCells}): its interval, and those of the cells whose upper bound it was,
   * shrink, but only in regions whose cells move with the given gemeenten ({@code moved[g]}: a
   * gemeente's own cells; a province's or Nederland's with the gemeenten below it). A proof over
   * other free gemeenten kept all of those cells at their true values, which lie within every
   * interval, so it still holds. A table in which a moved gemeente was free is checked again
   * against the intervals as they are now ({@link #check}) and kept when it still passes; so is a
   * linear program's range whose point is still feasible ({@link #feasible}): the cell's value
   * there is then still one the cell can take. A range with no point kept over such gemeenten is
   * dropped. Counts as a {@link #reset} for what is cached on proofs
   * ({@link #resets}).
   */
  void forget(boolean[] moved) {
    resets++;
    java.util.Map<Table, Boolean> holds = new java.util.IdentityHashMap<>();
    java.util.Map<Point, Boolean> inside = new java.util.IdentityHashMap<>();
    java.util.function.Predicate<Table> invalid =
        t -> t != null && touches(t.free(), moved) && !holds.computeIfAbsent(t, x -> check(s, x.free(), x.delta()));
    java.util.function.Predicate<Point> lost = p -> p != null && touches(p.free(), moved)
        && !inside.computeIfAbsent(p, this::feasible);
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < up[r].length; j++) {
        if (invalid.test(upBy[r][j])) {
          up[r][j] = 0;
          upBy[r][j] = null;
        }
        if (invalid.test(downBy[r][j])) {
          down[r][j] = 0;
          downBy[r][j] = null;
        }
        if (lost.test(lowBy[r][j])) {
          lpLow[r][j] = Double.POSITIVE_INFINITY;
          lowBy[r][j] = null;
        }
        if (lost.test(highBy[r][j])) {
          lpHigh[r][j] = Double.NEGATIVE_INFINITY;
          highBy[r][j] = null;
        }
      }
    }
  }

  /**
   * Whether an LP point lies within every interval as it is now, up to {@link #FEASIBLE}: the
   * intervals that can have shrunk since it was found are those of the cells it keeps values of
   * ({@link Point}); the relations need no new test, being rows of the program that publishing a
   * cell does not change. False where no point was kept.
   */
  private boolean feasible(Point p) {
    if (p.values() == null) {
      return false;
    }
    for (int i = 0; i < p.values().length; i++) {
      int r = p.regions()[i];
      int j = p.cells()[i];
      if (p.values()[i] < s.lo[r][j] - FEASIBLE || p.values()[i] > s.hi[r][j] + FEASIBLE) {
        return false;
      }
    }
    return true;
  }

  private static boolean touches(int[] free, boolean[] moved) {
    if (free != null) {
      for (int g : free) {
        if (moved[g]) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every proof as it is now, for {@link #restore}. */
  record Snapshot(long[][] up, long[][] down, double[][] lpLow, double[][] lpHigh, Table[][] upBy,
      Table[][] downBy, Point[][] lowBy, Point[][] highBy) {}

  Snapshot snapshot() {
    return new Snapshot(rows(up), rows(down), rows(lpLow), rows(lpHigh), rows(upBy), rows(downBy), rows(lowBy),
        rows(highBy));
  }

  /**
   * The proofs of a {@link #snapshot}, valid again once the table is as it was then; counts as a
   * {@link #reset} for what is cached on proofs.
   */
  void restore(Snapshot k) {
    resets++;
    for (int r = 0; r < s.size(); r++) {
      up[r] = k.up()[r].clone();
      down[r] = k.down()[r].clone();
      lpLow[r] = k.lpLow()[r].clone();
      lpHigh[r] = k.lpHigh()[r].clone();
      upBy[r] = k.upBy()[r].clone();
      downBy[r] = k.downBy()[r].clone();
      lowBy[r] = k.lowBy()[r].clone();
      highBy[r] = k.highBy()[r].clone();
    }
  }

  private static long[][] rows(long[][] a) {
    long[][] c = new long[a.length][];
    Arrays.setAll(c, i -> a[i].clone());
    return c;
  }

  private static double[][] rows(double[][] a) {
    double[][] c = new double[a.length][];
    Arrays.setAll(c, i -> a[i].clone());
    return c;
  }

  /** Tables and points are never changed once recorded, so rows of references suffice. */
  private static <T> T[][] rows(T[][] a) {
    T[][] c = a.clone();
    Arrays.setAll(c, i -> a[i].clone());
    return c;
  }

  /** The lowest value the cell is known to take (a checked table's or a linear program's). */
  double low(int region, int cell) {
    return Math.min(lpLow[region][cell], s.exact[region][cell] + down[region][cell]);
  }

  /** The highest value the cell is known to take (a checked table's or a linear program's). */
  double high(int region, int cell) {
    return Math.max(lpHigh[region][cell], s.exact[region][cell] + up[region][cell]);
  }

  /**
   * The width of a linear program's range [min, max] in whole numbers, ends rounded inwards
   * ({@code floor(max) - ceil(min)}, within the solver's tolerance); {@link AuditState#INF} when
   * unbounded above.
   */
  static long wholeWidth(double min, double max) {
    if (Double.isInfinite(max) || max >= AuditState.INF) {
      return AuditState.INF;
    }
    return (long) Math.floor(max + 1e-6) - (long) Math.ceil(min - 1e-6);
  }

  /**
   * The proven width of a cell's interval: of the checked tables, or of a linear program's range
   * (a lower bound on the width SPEC 8's audit gives it).
   */
  long width(int region, int cell) {
    return Math.max(up[region][cell] - down[region][cell], wholeWidth(low(region, cell), high(region, cell)));
  }

  /**
   * Whether the true table changed by {@code delta[k]} on gemeente {@code free[k]} satisfies every
   * interval and relation (exact).
   */
  static boolean check(AuditState s, int[] free, long[][] delta) {
    int n = CellRelations.CELLS.size();
    java.util.Map<Integer, long[]> aggregates = new java.util.TreeMap<>();
    for (int k = 0; k < free.length; k++) {
      int g = free[k];
      if (!holds(s, g, plus(s.exact[g], delta[k]))) {
        return false;
      }
      for (int a = s.parent(g); a >= 0; a = s.parent(a)) {
        long[] d = aggregates.computeIfAbsent(a, x -> new long[n]);
        for (int j = 0; j < n; j++) {
          d[j] += delta[k][j];
        }
      }
    }
    for (java.util.Map.Entry<Integer, long[]> e : aggregates.entrySet()) {
      if (!holds(s, e.getKey(), plus(s.exact[e.getKey()], e.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private static long[] plus(long[] a, long[] d) {
    long[] x = new long[a.length];
    for (int j = 0; j < a.length; j++) {
      x[j] = a[j] + d[j];
    }
    return x;
  }

  private static boolean holds(AuditState s, int region, long[] x) {
    for (int j = 0; j < x.length; j++) {
      if (x[j] < s.lo[region][j] || x[j] > s.hi[region][j]) {
        return false;
      }
    }
    for (CellRelations.Relation r : CellRelations.RELATIONS) {
      if (!r.holds(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records a table that {@link #check} accepted: widens up/down of every cell of the free
   * gemeenten, their provinces and Nederland.
   */
  void record(int[] free, long[][] delta) {
    int n = CellRelations.CELLS.size();
    java.util.Map<Integer, long[]> aggregates = new java.util.TreeMap<>();
    Table table = new Table(free, delta);
    for (int k = 0; k < free.length; k++) {
      int g = free[k];
      widen(g, delta[k], table);
      for (int a = s.parent(g); a >= 0; a = s.parent(a)) {
        long[] d = aggregates.computeIfAbsent(a, x -> new long[n]);
        for (int j = 0; j < n; j++) {
          d[j] += delta[k][j];
        }
      }
    }
    aggregates.forEach((a, d) -> widen(a, d, table));
  }

  private void widen(int region, long[] d, Table table) {
    for (int j = 0; j < d.length; j++) {
      if (d[j] > up[region][j]) {
        up[region][j] = d[j];
        upBy[region][j] = table;
      }
      if (d[j] < down[region][j]) {
        down[region][j] = d[j];
        downBy[region][j] = table;
      }
    }
  }
}
