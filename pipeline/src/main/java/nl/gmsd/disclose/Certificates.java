package nl.gmsd.disclose;

import java.util.Arrays;

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
 * starts over with {@link #reset}.
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

  Certificates(AuditState s) {
    this.s = s;
    this.minWidth = s.settings.minIntervalWidth();
    int n = CellRelations.CELLS.size();
    up = new long[s.size()][n];
    down = new long[s.size()][n];
    lpLow = new double[s.size()][n];
    lpHigh = new double[s.size()][n];
    clearRanges();
  }

  private void clearRanges() {
    for (int r = 0; r < s.size(); r++) {
      Arrays.fill(lpLow[r], Double.POSITIVE_INFINITY);
      Arrays.fill(lpHigh[r], Double.NEGATIVE_INFINITY);
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
  boolean recordRange(int region, int cell, double min, double max) {
    if (!Double.isNaN(min)) {
      lpLow[region][cell] = Math.min(lpLow[region][cell], min);
    }
    if (!Double.isNaN(max)) {
      lpHigh[region][cell] = Math.max(lpHigh[region][cell], max);
    }
    return certified(region, cell);
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
    for (int k = 0; k < free.length; k++) {
      int g = free[k];
      widen(g, delta[k]);
      for (int a = s.parent(g); a >= 0; a = s.parent(a)) {
        long[] d = aggregates.computeIfAbsent(a, x -> new long[n]);
        for (int j = 0; j < n; j++) {
          d[j] += delta[k][j];
        }
      }
    }
    aggregates.forEach(this::widen);
  }

  private void widen(int region, long[] d) {
    for (int j = 0; j < d.length; j++) {
      if (d[j] > up[region][j]) {
        up[region][j] = d[j];
      }
      if (d[j] < down[region][j]) {
        down[region][j] = d[j];
      }
    }
  }
}
