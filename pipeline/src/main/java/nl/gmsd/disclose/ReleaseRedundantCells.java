package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The last protection stage: publishes again the secondary cells the table turns out not to need
 * (the "cleaning" of redundant suppressions that cell-suppression heuristics end with). The stages
 * before it protect one unsafe cell at a time, so a cell made secret for an early one is often
 * superfluous once later ones are protected: a total taken by the heuristic, say, where the exact
 * stage later chose cells that protect the same cell.
 *
 * <p>The secondary cells are tried dearest first (the exact value, plus {@link
 * HypercubeRounds#TOTAL_CELL_PENALTY} for a total; ties in ordinal cell-key order): each is
 * published tentatively, the proofs it can invalidate are dropped and the audit runs again ({@link
 * Protection#tryRelease}); it stays published only when every secret cell proven safe before is
 * proven safe again. So the stage never makes the table less safe, as the audit sees it. A
 * province's or Nederland's cell that cannot go alone may be swapped for cheaper cells ({@link
 * #SWAP_GEMEENTEN}), under the same condition.
 *
 * <p><b>Termination.</b> Each secondary cell is tried at most once, and after the first {@link
 * #MIN_TRIALS} no trial starts once the stage has solved {@link #LP_BUDGET} times as many linear
 * programs as everything before it (a deterministic bound on the work: each trial is an audit of
 * the cells whose proofs the cell touched); the cells not tried stay secret, which is safe.
 */
final class ReleaseRedundantCells implements ProtectionStage {

  /**
   * The stage's work, in linear programs, as a multiple of those the audit and the stages before
   * it solved ([decision]: 1, so the stage at most about doubles the time of disclosure control).
   * A deterministic measure of work, not a clock: the same table releases the same cells on every
   * machine and engine. The trial that crosses it is finished; no further one starts.
   */
  static final double LP_BUDGET = 1.0;

  /**
   * The dearest cells tried whatever the budget ([decision]: 50). A small table's earlier stages
   * solve few programs, and its trials are cheap: it is cleaned whole.
   */
  static final int MIN_TRIALS = 50;

  /**
   * A province's or Nederland's cell whose release leaves cells unproven may be swapped for
   * cheaper cells when the gemeenten below it are at most this many ([decision]: 10): the exact
   * stage's program over all of them ({@link ExactSuppression#replace}), which its own part of 4
   * gemeenten may not have reached.
   */
  static final int SWAP_GEMEENTEN = 10;

  private final double lpBudget;
  private final int minTrials;
  private final ExactSuppression exact = new ExactSuppression();

  ReleaseRedundantCells(double lpBudget, int minTrials) {
    this.lpBudget = lpBudget;
    this.minTrials = minTrials;
  }

  @Override
  public String name() {
    return "release_redundant";
  }

  @Override
  public Report protect(Protection p) {
    AuditState s = p.state;
    List<int[]> secondary = new ArrayList<>();
    for (int r = 0; r < s.size(); r++) {
      for (int j = 0; j < CellRelations.CELLS.size(); j++) {
        if (s.status[r][j] == AuditState.SECONDARY) {
          secondary.add(new int[] {r, j});
        }
      }
    }
    secondary.sort(Comparator.<int[]>comparingLong(c -> -HypercubeRounds.secretCellCost(s, c[0], c[1])).thenComparing(s.cellOrder()));
    int released = 0;
    int madeSecret = 0;
    int trials = 0;
    double stopAt = p.lps() * (1 + lpBudget);
    for (int[] c : secondary) {
      if (trials >= minTrials && p.lps() >= stopAt) {
        break;
      }
      trials++;
      boolean swap = !s.isGemeente(c[0]) && s.gemeentenBelow(c[0]).length <= SWAP_GEMEENTEN;
      int instead = p.tryRelease(c, swap ? exact::replace : null);
      if (instead >= 0) {
        released++;
        madeSecret += instead;
      }
    }
    return new Report(name(), madeSecret, released, trials, p.unsafe().size());
  }
}
