package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.List;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The group fallback (SPEC 8, revised), for cells the exact stage could not protect: the failing
 * cell's whole linked group is made secret, level by level, auditing after each, until every
 * unsafe cell is proven safe:
 * <ol>
 *   <li>its row and column: every category of its dimension and measure in its region (the
 *       dimension's total included), and its own cell in every sibling region and in the parent;
 *   <li>the same around the parent region;
 *   <li>every cell of its region, its sibling regions and its parent;
 *   <li>every cell of the period.
 * </ol>
 *
 * <p><b>Why this ends safe.</b> Making cells secret only widens intervals, so the last level, with
 * every cell of the period secret, gives every cell the widest interval any choice of secret cells
 * can give it. There each cell's interval is its primary bound [0, minCount - 1] or [0, no upper
 * bound]: the audit proves a cell safe there unless its own region already pins it
 * ({@link Protection}: beyond protection, reported as such). After each level, cells the audit's
 * linear programs could not prove are tried once more by integer program ({@link
 * ExactSuppression#certify}), which finds the whole-number proof where one exists in the cell's
 * part within the node limit. The stage stops at the first level
 * that leaves nothing unsafe, so the table is protected by construction, at the cost of more
 * secret cells the further it has to go.
 */
final class GroupSuppression implements ProtectionStage {

  static final int LEVELS = 4;

  @Override
  public String name() {
    return "group_fallback";
  }

  @Override
  public Report protect(Protection p) {
    int added = 0;
    int level = 0;
    while (!p.unsafe().isEmpty() && level < LEVELS) {
      level++;
      List<int[]> cells = new ArrayList<>();
      for (int[] f : p.unsafe()) {
        cells.addAll(group(p.state, f, level));
      }
      List<int[]> fresh = new ArrayList<>();
      boolean[][] seen = new boolean[p.state.size()][CellRelations.CELLS.size()];
      for (int[] c : cells) {
        if (!p.state.isSecret(c[0], c[1]) && !seen[c[0]][c[1]]) {
          seen[c[0]][c[1]] = true;
          fresh.add(c);
        }
      }
      if (!fresh.isEmpty()) {
        p.suppress(fresh);
        added += fresh.size();
      }
      p.audit();
      // Where the audit's linear programs find no proof, an integer program may (Certificates).
      ExactSuppression.certify(p);
    }
    return new Report(name(), added, 0, level, p.unsafe().size());
  }

  /** The cells of a level's group around f. */
  static List<int[]> group(AuditState s, int[] f, int level) {
    List<int[]> out = new ArrayList<>();
    int n = CellRelations.CELLS.size();
    switch (level) {
      case 1 -> rowAndColumn(s, f[0], f[1], out);
      case 2 -> {
        rowAndColumn(s, f[0], f[1], out);
        if (s.parent(f[0]) >= 0) {
          rowAndColumn(s, s.parent(f[0]), f[1], out);
        }
      }
      case 3 -> {
        List<Integer> regions = new ArrayList<>(HypercubeRounds.siblings(s, f[0]));
        regions.add(f[0]);
        if (s.parent(f[0]) >= 0) {
          regions.add(s.parent(f[0]));
        }
        for (int r : regions) {
          for (int j = 0; j < n; j++) {
            out.add(new int[] {r, j});
          }
        }
      }
      default -> {
        for (int r = 0; r < s.size(); r++) {
          for (int j = 0; j < n; j++) {
            out.add(new int[] {r, j});
          }
        }
      }
    }
    return out;
  }

  /** Every category of the cell's dimension and measure in the region, and the cell in its siblings and parent. */
  private static void rowAndColumn(AuditState s, int region, int cell, List<int[]> out) {
    Cell c = CellRelations.CELLS.get(cell);
    out.add(new int[] {region, cell});
    for (int other : HypercubeRounds.otherCells(cell)) {
      out.add(new int[] {region, other});
    }
    if (c.dimension().equals(TableLayout.TYPE) || c.dimension().equals(TableLayout.TYPEGROEP)) {
      // Types and groups are one row: a type's group, the group's types.
      for (String cat : TableLayout.categories(TableLayout.TYPEGROEP)) {
        out.add(new int[] {region, CellRelations.index(TableLayout.TYPEGROEP, cat, c.measure())});
      }
    }
    for (int sib : HypercubeRounds.siblings(s, region)) {
      out.add(new int[] {sib, cell});
    }
    if (s.parent(region) >= 0) {
      out.add(new int[] {s.parent(region), cell});
    }
  }
}
