package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.TableLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disclosure control of one period's publication table (SPEC 8): an ordered chain of protection
 * stages over one {@link Protection}, then publishing ({@link PublishedCells}) and the report.
 *
 * <ol>
 *   <li>{@link PrimarySuppression}: counts below minCount become secret; the first audit.
 *   <li>{@link HypercubeRounds}: the cheap heuristic, up to maxAuditRounds rounds, each adding only
 *       cells that widen an unsafe cell.
 *   <li>{@link ExactSuppression}: the cheapest secret cells for each remaining unsafe cell's linked
 *       part, by integer program.
 *   <li>{@link GroupSuppression}: the failing cell's whole linked group, level by level, up to every
 *       cell of the period: safe by construction.
 *   <li>{@link ReleaseRedundantCells}: secondary cells the table turns out not to need are
 *       published again, dearest first, each only when the audit proves every cell it had proven
 *       before once more.
 * </ol>
 *
 * <p>The audit ({@link Audit}) runs after every change; a secret cell counts as safe only when it
 * has two whole-number certificates ({@link Certificates}). Rounding happens before protection and
 * never changes.
 *
 * <p><b>Termination and safety (SPEC 8, revised).</b> (1) Suppressions only grow, and a suppressed
 * cell's interval [0, its parent's upper bound] contains its published one, so the attacker's
 * feasible set only grows and no interval shrinks: a certificate stays valid (with random rounding
 * an interval can change; then the certificates are dropped and found again). (2) Every stage is
 * bounded: the heuristic runs at most maxAuditRounds rounds and stops at the first round that adds
 * no cell, and it adds only cells the audit shows widen a failing cell ({@link Widening}); the
 * exact stage runs at most {@link ExactSuppression#PASSES} passes of node-limited programs; the
 * group fallback has {@link GroupSuppression#LEVELS} levels. (3) The last level makes every cell of
 * the period secret, the widest every interval can be: a cell still unsafe there is beyond
 * protection (its own region pins it), which no choice of secret cells can change; it is reported
 * ({@link AuditReport#beyondProtection()}), never a failure. (4) Publishing a cell again is the
 * one step that narrows intervals: it drops every proof the cell can touch ({@link
 * Certificates#forget}) and is taken back, with every proof as it was, unless the audit proves
 * each cell again; each secondary cell is tried at most once, within a budget of linear programs
 * ({@link ReleaseRedundantCells#LP_BUDGET}). So the stage ends on every table, ends as safe as the
 * audit saw it after the group fallback, and fails only on an internal error (a solver that does
 * not answer).
 */
public final class DisclosureControl implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(DisclosureControl.class);

  /**
   * Fault injection for the atomic-output test (runners' AtomicOutputIT): with this system
   * property set to true the stage fails as on an internal error. A hard table never fails it.
   */
  public static final String FAIL_FOR_TEST = "gmsd.test.failInDisclosure";

  private final long exactNodeLimit;
  private final int exactReach;

  /** Disclosure control with the default stages. */
  public DisclosureControl() {
    this(ExactSuppression.NODE_LIMIT);
  }

  /** With another node limit for the exact stage (tests: 0 forces the group fallback). */
  DisclosureControl(long exactNodeLimit) {
    this(exactNodeLimit, ExactSuppression.REACH_PER_WIDTH);
  }

  /** With another node limit and reach for the exact stage ({@link ExactSuppression}; tests). */
  DisclosureControl(long exactNodeLimit, int exactReach) {
    this.exactNodeLimit = exactNodeLimit;
    this.exactReach = exactReach;
  }

  /** The published cells of one period and what disclosure control did. */
  public record Result(List<TableCell> cells, AuditReport audit) implements Serializable {}

  /** The stages, in order. */
  List<ProtectionStage> chain(DisclosureSettings settings) {
    return List.of(new PrimarySuppression(), new HypercubeRounds(settings.maxAuditRounds()),
        new ExactSuppression(exactNodeLimit, exactReach), new GroupSuppression(),
        new ReleaseRedundantCells(ReleaseRedundantCells.LP_BUDGET, ReleaseRedundantCells.MIN_TRIALS));
  }

  /**
   * Applies disclosure control to {@code table}.
   *
   * @return every region x every count and rate cell, sorted by (period, region level, region
   *     code, region name, dimension, category, measure) in ordinal order, plus the audit report
   */
  public Result apply(PublicationTable table, DisclosureSettings settings) {
    if (Boolean.getBoolean(FAIL_FOR_TEST)) {
      throw new IllegalStateException("internal error injected for a test (" + FAIL_FOR_TEST + ")");
    }
    long started = System.nanoTime();
    try (Protection p = new Protection(new AuditState(table, settings))) {
      return apply(table, p, started);
    }
  }

  private Result apply(PublicationTable table, Protection p, long started) {
    List<ProtectionStage.Report> reports = new ArrayList<>();
    for (ProtectionStage stage : chain(p.state.settings)) {
      long t = System.nanoTime();
      ProtectionStage.Report r = stage.protect(p);
      reports.add(r);
      LOG.info("Disclosure control {}: {}: {} cells made secret, {} published again, {} round(s), {} unsafe left, {} LPs"
          + " so far, {} ms", table.period().code(), r.stage(), r.cellsMadeSecret(), r.cellsReleased(), r.rounds(),
          r.unsafeAfter(), p.lps(),
          (System.nanoTime() - t) / 1_000_000);
    }
    LOG.info("Disclosure control {}: {} linear systems built, {} taken again from the pool", table.period().code(),
        p.audit.systems.built(), p.audit.systems.reused());
    if (!p.unsafe().isEmpty()) {
      // Keys only, never values: which cells the audit could not prove safe even at the end.
      LOG.warn("Disclosure control {}: {} secret cell(s) not proven safe, first: {}", table.period().code(),
          p.unsafe().size(), p.unsafe().stream().limit(5).map(c -> p.state.key(c[0], c[1])).toList());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new Result(PublishedCells.of(table, p.state), report(table, p, reports, millis));
  }

  private static AuditReport report(PublicationTable table, Protection p, List<ProtectionStage.Report> stages,
      long millis) {
    AuditState s = p.state;
    List<AuditReport.TableAudit> tables = new ArrayList<>();
    for (String measure : TableLayout.countMeasures(TableLayout.TOTAAL)) {
      int primary = 0;
      int secondary = 0;
      Long narrowest = null;
      for (PublicationTable.Region r : table.regions()) {
        if (r.level().equals(TableLayout.LEVEL_GEMEENTE) && !r.published()) {
          continue;
        }
        int idx = index(s, r.code());
        for (int j = 0; j < CellRelations.CELLS.size(); j++) {
          if (!CellRelations.CELLS.get(j).measure().equals(measure)) {
            continue;
          }
          if (idx < 0) {
            primary++; // an aggregate with no published gemeente: every cell is an empty sum
            continue;
          }
          switch (s.status[idx][j]) {
            case AuditState.PRIMARY -> primary++;
            case AuditState.SECONDARY -> secondary++;
            default -> {
              continue;
            }
          }
          if (p.cert.certified(idx, j)) {
            long w = p.cert.width(idx, j);
            narrowest = narrowest == null ? w : Math.min(narrowest, w);
          }
        }
      }
      tables.add(new AuditReport.TableAudit(measure, primary, secondary, narrowest));
    }
    return new AuditReport(table.period().code(), List.copyOf(tables), List.copyOf(stages),
        p.beyondProtection().size(), p.unsafe().size(), p.lps(), millis);
  }

  private static int index(AuditState s, String code) {
    for (int i = 0; i < s.size(); i++) {
      if (s.code(i).equals(code)) {
        return i;
      }
    }
    return -1;
  }
}
