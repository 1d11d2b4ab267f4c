package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disclosure control of one period's publication table (SPEC 8): primary suppression of counts
 * below minCount, rounding of the others, rates from the rounded counts, and the audit with
 * hypercube-style secondary suppression until every secret cell keeps a feasible interval of at
 * least minIntervalWidth.
 *
 * <p>Secondary suppression (SPEC 8): failing cells are handled in ordinal cell-key order. For a
 * failing cell, a candidate rectangle is the cell plus one sibling region (another published
 * gemeente of the same province; for a province cell another province) times one other category
 * of the same dimension and measure (the dimension's total, totaal/totaal, included; in the
 * totaal dimension the other totaal measures), i.e. its 4 corners. Nederland has no sibling, so
 * its candidates are the 2-cell lines to another category; a gemeente alone in its province also
 * gets lines. Cost = the exact values of the corners it newly suppresses plus {@link
 * #TOTAL_CELL_PENALTY} per newly suppressed total cell; the cheapest wins, ties by the ordinal
 * cell keys of its corners. A failing cell that a rectangle chosen earlier in the same round
 * already covers gets no further cells. Then the audit runs again.
 */
public final class DisclosureControl implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(DisclosureControl.class);

  /**
   * Cost added per total cell (dimension totaal, "Totaal exclusief verblijf en opvang") a
   * rectangle newly suppresses: totals are the most used figures, so suppress them only when no
   * rectangle without one exists ([decision], as the large penalty of tau-ARGUS).
   */
  public static final long TOTAL_CELL_PENALTY = 1_000_000_000L;

  private final int fullSystemMaxGemeenten;

  /** Disclosure control with the default audit stages. */
  public DisclosureControl() {
    this(Audit.FULL_SYSTEM_MAX_GEMEENTEN);
  }

  /** With another limit for the audit's exact stage 3 (tests: 0, to exercise stage 2). */
  DisclosureControl(int fullSystemMaxGemeenten) {
    this.fullSystemMaxGemeenten = fullSystemMaxGemeenten;
  }

  /** The published cells of one period and what the audit did. */
  public record Result(List<TableCell> cells, AuditReport audit) implements Serializable {}

  /**
   * Applies disclosure control to {@code table}.
   *
   * @return every region x every count and rate cell, sorted by (period, region level, region
   *     code, region name, dimension, category, measure) in ordinal order, plus the audit report
   * @throws DisclosureException when the audit still fails after maxAuditRounds rounds, or no
   *     further cell can be suppressed
   */
  public Result apply(PublicationTable table, DisclosureSettings settings) {
    AuditState s = new AuditState(table, settings);
    int n = CellRelations.CELLS.size();
    long started = System.nanoTime();
    long lps = 0;
    int round = 0;
    Audit.Outcome outcome = null;
    // Per failing cell key: in how many rounds in a row it has failed.
    Map<String, Integer> failStreak = new HashMap<>();
    Map<String, Integer> roundsAdding = new HashMap<>();
    while (true) {
      round++;
      if (settings.minIntervalWidth() <= 0) {
        // Every feasible interval is at least 0 wide: the audit passes without solving anything.
        double[][] unknown = new double[s.size()][n];
        for (double[] row : unknown) {
          java.util.Arrays.fill(row, Double.NaN);
        }
        outcome = new Audit.Outcome(unknown, List.of(), 0);
        break;
      }
      s.refreshBounds();
      outcome = new Audit(s, fullSystemMaxGemeenten).run(outcome == null ? null : outcome.width());
      lps += outcome.lps();
      if (!outcome.failing().isEmpty() && !failStreak.isEmpty()) {
        // Cells failing again after a round of suppression: settle them on the full system, exactly,
        // so that the restricted stages' caution does not snowball into needless suppression (and
        // because with the other gemeenten fixed a published province total can pin a small cell
        // that no rectangle frees: without this the audit does not converge).
        Map<String, Integer> before = failStreak;
        List<int[]> again = outcome.failing().stream().filter(c -> before.containsKey(s.key(c[0], c[1]))).toList();
        if (!again.isEmpty()) {
          outcome = settle(s, outcome, again);
          lps += outcome.lps();
        }
      }
      LOG.info("Disclosure control {}: audit round {}: {} secret cells, {} unsafe, {} LPs so far, {} s",
          table.period().code(), round, s.secretCount(), outcome.failing().size(), lps,
          (System.nanoTime() - started) / 1_000_000_000L);
      if (outcome.failing().isEmpty()) {
        break;
      }
      if (round >= settings.maxAuditRounds()) {
        throw new DisclosureException("period " + table.period().code() + ": " + outcome.failing().size()
            + " secret cells are still unsafe after " + round + " audit rounds (maxAuditRounds), first: "
            + firstKeys(s, outcome.failing()));
      }
      Map<String, Integer> streak = new HashMap<>();
      for (int[] c : outcome.failing()) {
        String key = s.key(c[0], c[1]);
        streak.put(key, failStreak.getOrDefault(key, 0) + 1);
      }
      failStreak = streak;
      List<int[]> added = suppressSecondary(s, outcome.failing(), c -> streak.get(s.key(c[0], c[1])));
      if (added.isEmpty()) {
        // Nothing left to suppress for them: settle these few cells on the full system, exactly.
        outcome = settle(s, outcome, outcome.failing());
        lps += outcome.lps();
        if (outcome.failing().isEmpty()) {
          break;
        }
        throw new DisclosureException("period " + table.period().code() + ": " + outcome.failing().size()
            + " secret cells are unsafe and no further cell can be suppressed (round " + round + "), first: "
            + firstKeys(s, outcome.failing()));
      }
      added.stream().map(c -> CellRelations.CELLS.get(c[1]).measure()).distinct()
          .forEach(m -> roundsAdding.merge(m, 1, Integer::sum));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<TableCell> cells = cells(table, s);
    AuditReport report = report(table, s, outcome, round, lps, millis, roundsAdding);
    return new Result(cells, report);
  }

  /**
   * Settles {@code cells} of {@code outcome}'s failing cells ({@link Audit#settle}): the outcome
   * with their widths updated, the failing cells still unsafe, and the LPs this took.
   */
  private Audit.Outcome settle(AuditState s, Audit.Outcome outcome, List<int[]> cells) {
    Audit full = new Audit(s, fullSystemMaxGemeenten);
    double[][] width = outcome.width();
    full.settle(cells, width);
    List<int[]> still = outcome.failing().stream().filter(c -> !full.isSafe(width[c[0]][c[1]])).toList();
    return new Audit.Outcome(width, still, full.lps());
  }

  /** The keys (never values) of the first few failing cells, for the message. */
  private static String firstKeys(AuditState s, List<int[]> failing) {
    return String.join("; ", failing.stream().limit(5).map(c -> s.key(c[0], c[1])).toList());
  }

  /**
   * Suppresses rectangles for the failing cells; returns the newly suppressed cells. A cell that
   * fails a second round in a row (it was settled on the full system, so it is truly unsafe) may
   * be pinned through another dimension than its own (a type group through its types): it also
   * gets the related-cell pairs of {@link #fallbackPairs} as candidates. A cell failing a third
   * round or more is pinned by a total that the cheap candidates do not free: in the third round
   * its region's total of the measure is suppressed with it (a type group whose sibling groups are
   * fixed by their published types is pinned by that total), from the fourth on its nearest
   * published ancestor's same cell (a published province cell with every sibling at the edge of
   * its interval) ([decision] {@link #ESCALATE_AFTER_ROUNDS}).
   */
  private static List<int[]> suppressSecondary(AuditState s, List<int[]> failing,
      ToIntFunction<int[]> streak) {
    List<int[]> added = new ArrayList<>();
    boolean[][] newNow = new boolean[s.size()][CellRelations.CELLS.size()];
    for (int[] f : failing) {
      List<int[][]> candidates = rectangles(s, f[0], f[1]);
      int rounds = streak.applyAsInt(f);
      if (rounds >= ESCALATE_AFTER_ROUNDS) {
        int total = CellRelations.index(TableLayout.TOTAAL, TableLayout.TOTAAL, CellRelations.CELLS.get(f[1]).measure());
        int[][] up = rounds == ESCALATE_AFTER_ROUNDS && !s.isSecret(f[0], total)
            ? new int[][] {{f[0], f[1]}, {f[0], total}}
            : publishedAncestor(s, f[0], f[1]);
        if (up != null) {
          candidates = new ArrayList<>();
          candidates.add(up);
        }
      } else if (rounds >= 2) {
        candidates = new ArrayList<>(candidates);
        candidates.addAll(fallbackPairs(s, f[0], f[1]));
      }
      int[][] best = cheapest(s, candidates, newNow);
      if (best == COVERED) {
        continue;
      }
      if (best == null) {
        // Every rectangle is secret already: the cell is pinned through another dimension or level.
        best = cheapest(s, fallbackPairs(s, f[0], f[1]), newNow);
      }
      if (best == null || best == COVERED) {
        continue;
      }
      for (int[] c : best) {
        if (!s.isSecret(c[0], c[1])) {
          s.status[c[0]][c[1]] = AuditState.SECONDARY;
          newNow[c[0]][c[1]] = true;
          added.add(c);
        }
      }
    }
    return added;
  }

  private static final int[][] COVERED = new int[0][];

  /** From this many failed rounds in a row, a cell's total, then its ancestor, is suppressed. */
  static final int ESCALATE_AFTER_ROUNDS = 3;

  /** The pair of the cell and its nearest published ancestor's same cell, or null. */
  private static int[][] publishedAncestor(AuditState s, int region, int cell) {
    for (int a = s.parent(region); a >= 0; a = s.parent(a)) {
      if (!s.isSecret(a, cell)) {
        return new int[][] {{region, cell}, {a, cell}};
      }
    }
    return null;
  }

  /**
   * The cheapest candidate that newly suppresses a cell; {@link #COVERED} when a candidate chosen
   * earlier in this round already covers the cell; null when no candidate adds anything.
   */
  private static int[][] cheapest(AuditState s, List<int[][]> candidates, boolean[][] newNow) {
    {
      boolean covered = false;
      int[][] best = null;
      long bestCost = Long.MAX_VALUE;
      String bestKey = null;
      for (int[][] rect : candidates) {
        long cost = 0;
        boolean anyNew = false;
        boolean touchesNew = false;
        for (int[] c : rect) {
          if (!s.isSecret(c[0], c[1])) {
            anyNew = true;
            cost += s.exact[c[0]][c[1]];
            if (CellRelations.isDimensionTotal(CellRelations.CELLS.get(c[1]))) {
              cost += TOTAL_CELL_PENALTY;
            }
          } else if (newNow[c[0]][c[1]]) {
            touchesNew = true;
          }
        }
        if (!anyNew) {
          covered |= touchesNew;
          continue;
        }
        String key = rectangleKey(s, rect);
        if (cost < bestCost || (cost == bestCost && key.compareTo(bestKey) < 0)) {
          best = rect;
          bestCost = cost;
          bestKey = key;
        }
      }
      if (covered) {
        return COVERED;
      }
      return best;
    }
  }

  /**
   * Fallback candidates when every rectangle is secret already: pairs of the failing cell with a
   * cell of the same region that shares a relation with it, or with the same cell of a region
   * below it, of a sibling region or of the parent region.
   */
  private static List<int[][]> fallbackPairs(AuditState s, int region, int cell) {
    List<int[][]> out = new ArrayList<>();
    java.util.TreeSet<Integer> related = new java.util.TreeSet<>();
    for (CellRelations.Relation r : CellRelations.RELATIONS) {
      boolean in = false;
      for (int c : r.cells()) {
        in |= c == cell;
      }
      if (in) {
        for (int c : r.cells()) {
          if (c != cell) {
            related.add(c);
          }
        }
      }
    }
    for (int c : related) {
      out.add(new int[][] {{region, cell}, {region, c}});
    }
    for (int child : s.members(region)) {
      out.add(new int[][] {{region, cell}, {child, cell}});
    }
    int parent = s.parent(region);
    if (parent >= 0) {
      out.add(new int[][] {{region, cell}, {parent, cell}});
      for (int sib : s.members(parent)) {
        if (sib != region) {
          out.add(new int[][] {{region, cell}, {sib, cell}});
        }
      }
    }
    return out;
  }

  private static String rectangleKey(AuditState s, int[][] rect) {
    List<int[]> corners = new ArrayList<>(List.of(rect));
    corners.sort(s.cellOrder());
    StringBuilder b = new StringBuilder();
    for (int[] c : corners) {
      b.append(s.key(c[0], c[1])).append('\u0000');
    }
    return b.toString();
  }

  /** Candidate rectangles (or lines, where the region has no sibling) for a failing cell. */
  private static List<int[][]> rectangles(AuditState s, int region, int cell) {
    List<Integer> siblings = new ArrayList<>();
    int parent = s.parent(region);
    if (parent >= 0) {
      for (int sib : s.members(parent)) {
        if (sib != region) {
          siblings.add(sib);
        }
      }
    }
    List<int[][]> out = new ArrayList<>();
    for (int other : otherCells(cell)) {
      if (siblings.isEmpty()) {
        out.add(new int[][] {{region, cell}, {region, other}});
      }
      for (int sib : siblings) {
        out.add(new int[][] {{region, cell}, {sib, cell}, {region, other}, {sib, other}});
      }
    }
    return out;
  }

  /** The other categories of the cell's dimension and measure, the dimension's total included. */
  static List<Integer> otherCells(int cell) {
    Cell c = CellRelations.CELLS.get(cell);
    List<Integer> out = new ArrayList<>();
    if (c.dimension().equals(TableLayout.TOTAAL)) {
      for (String m : TableLayout.countMeasures(TableLayout.TOTAAL)) {
        if (!m.equals(c.measure())) {
          out.add(CellRelations.index(TableLayout.TOTAAL, TableLayout.TOTAAL, m));
        }
      }
      return out;
    }
    for (String cat : TableLayout.categories(c.dimension())) {
      if (!cat.equals(c.category())) {
        out.add(CellRelations.index(c.dimension(), cat, c.measure()));
      }
    }
    out.add(CellRelations.index(TableLayout.TOTAAL, TableLayout.TOTAAL, c.measure()));
    return out;
  }

  private static List<TableCell> cells(PublicationTable table, AuditState s) {
    Map<String, Integer> audited = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      audited.put(s.code(i), i);
    }
    String period = table.period().code();
    List<TableCell> out = new ArrayList<>();
    for (PublicationTable.Region r : table.regions()) {
      Integer idx = audited.get(r.code());
      boolean notPublished = r.level().equals(TableLayout.LEVEL_GEMEENTE) && !r.published();
      for (Cell c : TableLayout.countCells()) {
        String value = TableLayout.SECRET_VALUE;
        String status = notPublished ? r.status() : TableLayout.STATUS_SECRET;
        if (idx != null) {
          int j = CellRelations.index(c);
          if (!s.isSecret(idx, j)) {
            value = Long.toString(s.rounded[idx][j]);
            status = TableLayout.STATUS_PUBLISHED;
          }
        }
        out.add(cell(period, r, c, value, status));
      }
      for (Cell c : TableLayout.rateCells()) {
        String value = TableLayout.SECRET_VALUE;
        String status = notPublished ? r.status() : TableLayout.STATUS_SECRET;
        if (idx != null) {
          int j = CellRelations.index(c.dimension(), c.category(), TableLayout.countOfRate(c.measure()));
          if (!s.isSecret(idx, j)) {
            value = Long.toString(TableLayout.per1000(s.rounded[idx][j], r.inhabitants()));
            status = TableLayout.STATUS_PUBLISHED;
          }
        }
        out.add(cell(period, r, c, value, status));
      }
    }
    out.sort(Comparator.comparing(TableCell::getPeriod)
        .thenComparing(TableCell::getRegionLevel)
        .thenComparing(TableCell::getRegionCode)
        .thenComparing(TableCell::getRegionName)
        .thenComparing(TableCell::getDimension)
        .thenComparing(TableCell::getCategory)
        .thenComparing(TableCell::getMeasure));
    return out;
  }

  private static TableCell cell(String period, PublicationTable.Region r, Cell c, String value, String status) {
    return TableCell.newBuilder()
        .setPeriod(period)
        .setRegionLevel(r.level())
        .setRegionCode(r.code())
        .setRegionName(r.name())
        .setDimension(c.dimension())
        .setCategory(c.category())
        .setMeasure(c.measure())
        .setValue(value)
        .setStatus(status)
        .build();
  }

  private static AuditReport report(PublicationTable table, AuditState s, Audit.Outcome outcome, int rounds,
      long lps, long millis, Map<String, Integer> roundsAdding) {
    Map<String, Integer> audited = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      audited.put(s.code(i), i);
    }
    List<AuditReport.TableAudit> tables = new ArrayList<>();
    for (String measure : TableLayout.countMeasures(TableLayout.TOTAAL)) {
      int primary = 0;
      int secondary = 0;
      double narrowest = Double.POSITIVE_INFINITY;
      for (PublicationTable.Region r : table.regions()) {
        if (r.level().equals(TableLayout.LEVEL_GEMEENTE) && !r.published()) {
          continue;
        }
        Integer idx = audited.get(r.code());
        for (int j = 0; j < CellRelations.CELLS.size(); j++) {
          if (!CellRelations.CELLS.get(j).measure().equals(measure)) {
            continue;
          }
          if (idx == null) {
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
          narrowest = Math.min(narrowest, outcome.width()[idx][j]);
        }
      }
      tables.add(new AuditReport.TableAudit(measure, primary, secondary,
          Double.isFinite(narrowest) ? narrowest : null, 1 + roundsAdding.getOrDefault(measure, 0)));
    }
    return new AuditReport(table.period().code(), List.copyOf(tables), rounds, lps, millis);
  }
}
