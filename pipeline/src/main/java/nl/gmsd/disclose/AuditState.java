package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * One period's linked table as an outside attacker sees it (SPEC 8): the audited regions
 * (published gemeenten, then provinces and Nederland with at least one published gemeente below
 * them) with, per count cell, the exact value, its disclosure status, its published (rounded)
 * value and the whole-number interval a reader derives for it: a published value r stands for
 * [publishedLower(r), publishedUpper(r)], a primary secret cell for [0, minCount - 1], a secondary
 * one for [0, upper bound of its parent cell]. Mutable only through {@link #suppressPrimary},
 * {@link #suppress} and {@link #unsuppress}.
 *
 * <p>Suppression only widens: a secondary cell's interval contains the published one it replaces
 * for nearest rounding (rounding is monotone and a cell is at most its parent), and a parent that
 * becomes secret only raises its children's upper bounds. {@link #suppress} reports when an
 * interval did shrink (possible with random rounding, which is not monotone), so that the audit's
 * certificates are dropped and found again.
 */
final class AuditState {

  static final byte PUBLISHED = 0;
  static final byte PRIMARY = 1;
  static final byte SECONDARY = 2;

  /** "No upper bound": far above any count, far below overflow when a few are added. */
  static final long INF = Long.MAX_VALUE / 1024;

  final DisclosureSettings settings;
  final List<PublicationTable.Region> regions = new ArrayList<>();
  final long[][] exact;
  final byte[][] status;
  final long[][] rounded;
  final long[][] lo;
  final long[][] hi;
  private final int[] parent;
  private final int[][] members;
  private final int[][] below;
  private final String period;
  private final int[] gemeenten;
  private final int[] provinces;
  private final int nederland;

  AuditState(PublicationTable table, DisclosureSettings settings) {
    this.settings = settings;
    this.period = table.period().code();
    Map<String, List<Integer>> memberLists = new HashMap<>();
    for (PublicationTable.Region r : table.regions()) {
      if (r.level().equals(TableLayout.LEVEL_GEMEENTE) && r.published()) {
        memberLists.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(regions.size());
        memberLists.computeIfAbsent(TableLayout.NEDERLAND_CODE, k -> new ArrayList<>()).add(regions.size());
        regions.add(r);
      }
    }
    for (PublicationTable.Region r : table.regions()) {
      if (!r.level().equals(TableLayout.LEVEL_GEMEENTE) && memberLists.containsKey(r.code())) {
        regions.add(r);
      }
    }
    int size = regions.size();
    int n = CellRelations.CELLS.size();
    Map<String, Integer> byCode = new HashMap<>();
    for (int i = 0; i < size; i++) {
      byCode.put(regions.get(i).code(), i);
    }
    parent = new int[size];
    members = new int[size][];
    below = new int[size][];
    exact = new long[size][];
    status = new byte[size][n];
    rounded = new long[size][n];
    lo = new long[size][n];
    hi = new long[size][n];
    for (int i = 0; i < size; i++) {
      PublicationTable.Region r = regions.get(i);
      parent[i] = r.parentCode() == null ? -1 : byCode.get(r.parentCode());
      exact[i] = table.exactRow(r.code()).clone();
      below[i] = memberLists.getOrDefault(r.code(), List.of()).stream().mapToInt(Integer::intValue).toArray();
    }
    for (int i = 0; i < size; i++) {
      final int self = i;
      members[i] = level(i).equals(TableLayout.LEVEL_PROVINCIE)
          ? below[i]
          : level(i).equals(TableLayout.LEVEL_NEDERLAND)
              ? IntStream.range(0, size).filter(k -> parent[k] == self).toArray()
              : new int[0];
    }
    gemeenten = byLevel(TableLayout.LEVEL_GEMEENTE);
    provinces = byLevel(TableLayout.LEVEL_PROVINCIE);
    int[] nl = byLevel(TableLayout.LEVEL_NEDERLAND);
    nederland = nl.length == 0 ? -1 : nl[0];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < n; j++) {
        long x = exact[i][j];
        status[i][j] = PUBLISHED;
        rounded[i][j] = x < settings.minCount() ? 0 : Rounding.round(x, settings, period, code(i), CellRelations.CELLS.get(j));
      }
    }
    refreshBounds();
  }

  /**
   * Primary suppression (SPEC 8): every count below minCount, zero included, becomes secret.
   *
   * @return how many cells
   */
  int suppressPrimary() {
    int k = 0;
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < exact[i].length; j++) {
        if (exact[i][j] < settings.minCount()) {
          status[i][j] = PRIMARY;
          k++;
        }
      }
    }
    refreshBounds();
    return k;
  }

  int size() {
    return regions.size();
  }

  String code(int region) {
    return regions.get(region).code();
  }

  String level(int region) {
    return regions.get(region).level();
  }

  boolean isGemeente(int region) {
    return level(region).equals(TableLayout.LEVEL_GEMEENTE);
  }

  /** How many cells are secret (primary or secondary). */
  int secretCount() {
    int k = 0;
    for (int r = 0; r < size(); r++) {
      for (int j = 0; j < CellRelations.CELLS.size(); j++) {
        k += isSecret(r, j) ? 1 : 0;
      }
    }
    return k;
  }

  /** How many cells have the given status. */
  int count(byte which) {
    int k = 0;
    for (byte[] row : status) {
      for (byte b : row) {
        k += b == which ? 1 : 0;
      }
    }
    return k;
  }

  boolean isSecret(int region, int cell) {
    return status[region][cell] != PUBLISHED;
  }

  /** The province of a gemeente, Nederland for a province, -1 for Nederland. */
  int parent(int region) {
    return parent[region];
  }

  /** The gemeenten of a province, or the provinces of Nederland. */
  int[] members(int region) {
    return members[region];
  }

  /** Every published gemeente below a province or Nederland. */
  int[] gemeentenBelow(int region) {
    return below[region];
  }

  int[] gemeenten() {
    return gemeenten;
  }

  int[] provinces() {
    return provinces;
  }

  int nederland() {
    return nederland;
  }

  /** The regions whose cells a change of gemeente g's cells moves: g, its province, Nederland. */
  int[] chain(int g) {
    int p = parent[g];
    return p < 0 ? new int[] {g} : parent[p] < 0 ? new int[] {g, p} : new int[] {g, p, parent[p]};
  }

  private int[] byLevel(String level) {
    return IntStream.range(0, size()).filter(i -> level(i).equals(level)).toArray();
  }

  /** Ordinal cell-key order: region level, code, name, dimension, category, measure. */
  Comparator<int[]> cellOrder() {
    return Comparator.<int[], String>comparing(c -> level(c[0]))
        .thenComparing(c -> code(c[0]))
        .thenComparing(c -> regions.get(c[0]).name())
        .thenComparing(c -> CellRelations.CELLS.get(c[1]).dimension())
        .thenComparing(c -> CellRelations.CELLS.get(c[1]).category())
        .thenComparing(c -> CellRelations.CELLS.get(c[1]).measure());
  }

  /**
   * Makes published cells secondary and recomputes every interval.
   *
   * @return true when some interval shrank (only possible with random rounding)
   */
  boolean suppress(List<int[]> cells) {
    for (int[] c : cells) {
      if (status[c[0]][c[1]] == PUBLISHED) {
        status[c[0]][c[1]] = SECONDARY;
      }
    }
    long[][] oldLo = copy(lo);
    long[][] oldHi = copy(hi);
    refreshBounds();
    for (int r = 0; r < size(); r++) {
      for (int j = 0; j < lo[r].length; j++) {
        if (lo[r][j] > oldLo[r][j] || hi[r][j] < oldHi[r][j]) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Takes back a suppression made by {@link #suppress} (a tentative one that did not help): the
   * cells are published again and every interval is what it was.
   */
  void unsuppress(List<int[]> cells) {
    for (int[] c : cells) {
      if (status[c[0]][c[1]] == SECONDARY) {
        status[c[0]][c[1]] = PUBLISHED;
      }
    }
    refreshBounds();
  }

  private static long[][] copy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private int statusChanges;

  /** How many times a cell's status changed so far (a version of which cells are secret). */
  int statusChanges() {
    return statusChanges;
  }

  /**
   * Recomputes every cell's interval: a published value r gives [publishedLower(r),
   * publishedUpper(r)], a primary secret cell [0, minCount - 1], a secondary secret cell [0, upper
   * bound of its parent cell] (the parent's own interval: in-region total, else the same cell of
   * the parent region; none above Nederland's totals).
   */
  private void refreshBounds() {
    statusChanges++;
    int n = CellRelations.CELLS.size();
    for (long[] h : hi) {
      Arrays.fill(h, -1);
    }
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < n; j++) {
        upper(i, j);
        lo[i][j] = status[i][j] == PUBLISHED ? settings.publishedLower(rounded[i][j]) : 0;
      }
    }
  }

  private long upper(int i, int j) {
    if (hi[i][j] >= 0) {
      return hi[i][j];
    }
    long u;
    switch (status[i][j]) {
      case PUBLISHED -> u = settings.publishedUpper(rounded[i][j]);
      case PRIMARY -> u = settings.minCount() - 1;
      default -> {
        int pj = CellRelations.parentInRegion(j);
        if (pj >= 0) {
          u = upper(i, pj);
        } else if (parent[i] >= 0) {
          u = upper(parent[i], j);
        } else {
          u = INF;
        }
      }
    }
    hi[i][j] = u;
    return u;
  }

  /**
   * The upper bound a published cell would get as a secondary one now: its parent cell's current
   * upper bound (the region's total of the measure, for households its clients; for a total the
   * parent region's same cell; none above Nederland's totals).
   */
  long secondaryUpper(int region, int cell) {
    int pj = CellRelations.parentInRegion(cell);
    if (pj >= 0) {
      return hi[region][pj];
    }
    return parent[region] >= 0 ? hi[parent[region]][cell] : INF;
  }

  /** A cell as a readable key, for messages and tie-breaks: no value in it. */
  String key(int region, int cell) {
    Cell c = CellRelations.CELLS.get(cell);
    return period + " " + level(region) + " " + code(region) + " " + c.dimension() + "/" + c.category() + "/"
        + c.measure();
  }
}
