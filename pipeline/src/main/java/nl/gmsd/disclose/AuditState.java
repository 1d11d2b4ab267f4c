package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The audited regions of one period (published gemeenten, provinces and Nederland with at least
 * one published gemeente below them) with, per count cell, the exact value, its disclosure
 * status, its published (rounded) value and the interval a reader can derive from what is
 * published. Mutable: secondary suppression changes statuses, then {@link #refreshBounds()}.
 */
final class AuditState {

  static final byte PUBLISHED = 0;
  static final byte PRIMARY = 1;
  static final byte SECONDARY = 2;

  final DisclosureSettings settings;
  final List<PublicationTable.Region> regions = new ArrayList<>();
  final long[][] exact;
  final byte[][] status;
  final long[][] rounded;
  final double[][] lo;
  final double[][] hi;
  private final int[] parent;
  private final int[][] members;
  private final int[][] below;
  private final String period;

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
    lo = new double[size][n];
    hi = new double[size][n];
    for (int i = 0; i < size; i++) {
      PublicationTable.Region r = regions.get(i);
      parent[i] = r.parentCode() == null ? -1 : byCode.get(r.parentCode());
      exact[i] = table.exactRow(r.code()).clone();
      below[i] = memberLists.getOrDefault(r.code(), List.of()).stream().mapToInt(Integer::intValue).toArray();
    }
    for (int i = 0; i < size; i++) {
      final int self = i;
      members[i] = r(i).level().equals(TableLayout.LEVEL_PROVINCIE)
          ? below[i]
          : r(i).level().equals(TableLayout.LEVEL_NEDERLAND)
              ? java.util.stream.IntStream.range(0, size).filter(k -> parent[k] == self).toArray()
              : new int[0];
    }
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < n; j++) {
        long x = exact[i][j];
        if (x < settings.minCount()) {
          status[i][j] = PRIMARY;
        } else {
          status[i][j] = PUBLISHED;
          rounded[i][j] = Rounding.round(x, settings, period, r(i).code(), CellRelations.CELLS.get(j));
        }
      }
    }
    refreshBounds();
  }

  private PublicationTable.Region r(int i) {
    return regions.get(i);
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
    return byLevel(TableLayout.LEVEL_GEMEENTE);
  }

  int[] provinces() {
    return byLevel(TableLayout.LEVEL_PROVINCIE);
  }

  /** Provinces and Nederland. */
  int[] aggregates() {
    return java.util.stream.IntStream.range(0, size())
        .filter(i -> !level(i).equals(TableLayout.LEVEL_GEMEENTE))
        .toArray();
  }

  int nederland() {
    int[] nl = byLevel(TableLayout.LEVEL_NEDERLAND);
    return nl.length == 0 ? -1 : nl[0];
  }

  private int[] byLevel(String level) {
    return java.util.stream.IntStream.range(0, size()).filter(i -> level(i).equals(level)).toArray();
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
   * Recomputes every cell's interval: a published value r gives [publishedLower(r),
   * publishedUpper(r)], a primary secret cell [0, minCount - 1], a secondary secret cell [0, upper
   * bound of its parent cell] (the parent's own interval: in-region total, else the same cell of
   * the parent region; none above Nederland's totals).
   */
  void refreshBounds() {
    int n = CellRelations.CELLS.size();
    for (double[] h : hi) {
      Arrays.fill(h, Double.NaN);
    }
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < n; j++) {
        upper(i, j);
        lo[i][j] = status[i][j] == PUBLISHED ? settings.publishedLower(rounded[i][j]) : 0;
      }
    }
  }

  private double upper(int i, int j) {
    if (!Double.isNaN(hi[i][j])) {
      return hi[i][j];
    }
    double u;
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
          u = Double.POSITIVE_INFINITY;
        }
      }
    }
    hi[i][j] = u;
    return u;
  }

  /** A cell as a readable key, for messages and tie-breaks: no value in it. */
  String key(int region, int cell) {
    Cell c = CellRelations.CELLS.get(cell);
    return period + " " + level(region) + " " + code(region) + " " + c.dimension() + "/" + c.category() + "/"
        + c.measure();
  }
}
