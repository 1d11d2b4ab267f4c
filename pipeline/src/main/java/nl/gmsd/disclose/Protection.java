package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One period's disclosure control in progress: the table as the attacker sees it ({@link
 * AuditState}), the audit's certificates, the secret cells not proven safe ({@link #unsafe()}) and
 * those no suppression can protect ({@link #beyondProtection()}). The stages of {@link
 * DisclosureControl} work on it in turn.
 *
 * <p><b>Beyond protection.</b> Suppression only widens intervals, so the widest a cell's interval
 * can get is with every cell of the table secret. A cell whose own region, with every cell secret
 * (a primary cell within [0, minCount - 1], every other cell within [0, infinity)) and the
 * region's relations, already keeps it narrower than minIntervalWidth in whole numbers is beyond
 * protection: no choice of secondary cells can help, and the stages leave it alone. Example: a
 * gemeente with fewer than 8 arrangements has at most one client with 4 or more of them, since
 * 2 * 4 > 7; its cell "clients with 4 arrangements" is 0 or 1 whatever is published.
 */
final class Protection implements AutoCloseable {

  final AuditState state;
  final Certificates cert;
  final Audit audit;
  private List<int[]> unsafe = List.of();
  private final boolean[][] beyond;
  private final boolean[][] beyondChecked;
  private long extraLps;

  Protection(AuditState state) {
    this.state = state;
    this.cert = new Certificates(state);
    this.audit = new Audit(state, cert);
    this.beyond = new boolean[state.size()][CellRelations.CELLS.size()];
    this.beyondChecked = new boolean[state.size()][CellRelations.CELLS.size()];
  }

  /** Frees the audit's kept systems (native models). */
  @Override
  public void close() {
    audit.systems.close();
  }

  /** The secret cells not proven safe, and not beyond protection, in ordinal cell-key order. */
  List<int[]> unsafe() {
    return unsafe;
  }

  /** The secret cells beyond protection, in ordinal cell-key order. */
  List<int[]> beyondProtection() {
    List<int[]> out = new ArrayList<>();
    for (int r = 0; r < state.size(); r++) {
      for (int j = 0; j < beyond[r].length; j++) {
        if (beyond[r][j] && state.isSecret(r, j) && !cert.certified(r, j)) {
          out.add(new int[] {r, j});
        }
      }
    }
    out.sort(state.cellOrder());
    return out;
  }

  /** Linear programs solved so far. */
  long lps() {
    return audit.lps() + extraLps;
  }

  void addLps(long k) {
    extraLps += k;
  }

  /** Makes the cells secondary; drops the certificates when an interval shrank (random rounding). */
  void suppress(List<int[]> cells) {
    if (state.suppress(cells)) {
      cert.reset();
    }
  }

  /**
   * Publishes a secondary cell again when the table stays as safe without it: every secret cell
   * proven safe before is proven again (the cells not proven before may stay so). The proofs a
   * published cell can invalidate are dropped first ({@link Certificates#forget}) and found again by
   * the audit; when it cannot, and a {@code replacement} (may be null) makes cells secret that
   * cost less than the cell and protect what it left unproven, the swap stays; else the cell is
   * made secret again and every proof is as it was.
   *
   * @return -1 when the cell stays secret, else how many cells were made secret in its place
   */
  int tryRelease(int[] cell, Replacement replacement) {
    List<int[]> unsafeBefore = unsafe;
    boolean[][] wasUnsafe = new boolean[state.size()][CellRelations.CELLS.size()];
    unsafeBefore.forEach(c -> wasUnsafe[c[0]][c[1]] = true);
    Certificates.Snapshot proofs = cert.snapshot();
    state.unsuppress(List.of(cell));
    boolean[] moved = new boolean[state.size()];
    moved[cell[0]] = true;
    for (int g : state.gemeentenBelow(cell[0])) {
      moved[g] = true;
    }
    cert.forget(moved);
    // The cells in the regions the cell moves with first: a release that fails, fails there
    // nearly always, and then the cells elsewhere whose proofs it touched need no new audit.
    boolean[] near = new boolean[state.size()];
    for (int g = 0; g < state.size(); g++) {
      if (moved[g]) {
        for (int r : state.chain(g)) {
          near[r] = true;
        }
      }
    }
    near[cell[0]] = true;
    List<int[]> fresh = notBeyond(audit.run(near)).stream().filter(c -> !wasUnsafe[c[0]][c[1]]).toList();
    if (fresh.isEmpty()) {
      fresh = audit().stream().filter(c -> !wasUnsafe[c[0]][c[1]]).toList();
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    List<int[]> instead = replacement == null ? List.of() : replacement.replace(this, cell, fresh);
    if (!instead.isEmpty()) {
      long cost = instead.stream().mapToLong(c -> HypercubeRounds.secretCellCost(state, c[0], c[1])).sum();
      if (cost < HypercubeRounds.secretCellCost(state, cell[0], cell[1])
          && audit().stream().allMatch(c -> wasUnsafe[c[0]][c[1]])) {
        return instead.size();
      }
      state.unsuppress(instead);
    }
    state.suppress(List.of(cell));
    cert.restore(proofs);
    unsafe = unsafeBefore;
    return -1;
  }

  /** Cheaper secret cells in place of a released one ({@link ExactSuppression#replace}). */
  interface Replacement {
    /** Makes cells secret for the {@code unproven} ones; returns them (none: nothing found). */
    List<int[]> replace(Protection p, int[] released, List<int[]> unproven);
  }

  /** Audits the cells not certified yet; updates {@link #unsafe()}. */
  List<int[]> audit() {
    unsafe = notBeyond(audit.run());
    return unsafe;
  }

  /** The cells of {@code failing} not beyond protection (tested first where not tested yet). */
  private List<int[]> notBeyond(List<int[]> failing) {
    markBeyond(failing);
    List<int[]> out = new ArrayList<>();
    for (int[] c : failing) {
      if (!beyond[c[0]][c[1]]) {
        out.add(c);
      }
    }
    return out;
  }

  /** Tests the cells not tested yet for being beyond protection. */
  private void markBeyond(List<int[]> cells) {
    Map<Integer, List<Integer>> byRegion = new TreeMap<>();
    for (int[] c : cells) {
      if (!beyondChecked[c[0]][c[1]]) {
        beyondChecked[c[0]][c[1]] = true;
        byRegion.computeIfAbsent(c[0], x -> new ArrayList<>()).add(c[1]);
      }
    }
    int n = CellRelations.CELLS.size();
    List<Integer> regions = new ArrayList<>(byRegion.keySet());
    boolean[][] result = new boolean[regions.size()][];
    java.util.stream.IntStream.range(0, regions.size()).parallel().forEach(i -> {
      int r = regions.get(i);
      long[] lo = new long[n];
      long[] hi = new long[n];
      for (int j = 0; j < n; j++) {
        hi[j] = state.status[r][j] == AuditState.PRIMARY ? state.settings.minCount() - 1 : AuditState.INF;
      }
      long[][] tight = Propagation.tighten(lo, hi);
      List<Integer> undecided = new ArrayList<>();
      boolean[] pinned = new boolean[n];
      for (int j : byRegion.get(r)) {
        if (tight[1][j] - tight[0][j] < state.settings.minIntervalWidth()) {
          pinned[j] = true;
        } else {
          undecided.add(j);
        }
      }
      if (!undecided.isEmpty()) {
        boolean[] byLp = audit.pinnedInOwnRegion(r, undecided, lo, hi);
        for (int j : undecided) {
          pinned[j] = byLp[j];
        }
      }
      result[i] = pinned;
    });
    for (int i = 0; i < regions.size(); i++) {
      for (int j : byRegion.get(regions.get(i))) {
        beyond[regions.get(i)][j] = result[i][j];
      }
    }
  }
}
