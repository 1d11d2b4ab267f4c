package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The audit of SPEC 8: for every secret cell, a proof that the attacker cannot narrow it below
 * minIntervalWidth ({@link Certificates}: two whole-number tables consistent with everything
 * published, at least that far apart in the cell, or a linear program's range of the cell over part
 * of the table that wide, ends rounded inwards), or the verdict that no such proof was found.
 *
 * <p><b>How proofs are found.</b> Linear programs over {@link RestrictedSystem}s push secret cells
 * up and down; an optimum whose coordinates are whole numbers is a table, and {@link
 * Certificates#check} checks it exactly before it counts; a cell pushed on its own also leaves its
 * range ({@link Certificates#recordRange}). The systems grow until the cell is proven or the
 * largest has been tried:
 * <ol>
 *   <li>each gemeente alone (its province and Nederland fixed up to their rounding slack), for its
 *       own secret cells and for secret cells of its province and Nederland;
 *   <li>a region with cells left, per family of cells, with a few gemeenten of its province (those
 *       that are secret where it is, so a move between them is free) ({@link #FAMILY_NEIGHBOURS});
 *   <li>per cell, with {@link #NEIGHBOURS} gemeenten of its province and {@link #DONORS} of other
 *       provinces (a cell pinned only through Nederland's rounding interval moves when a gemeente
 *       elsewhere moves the other way);
 *   <li>every gemeente of the province at once (for Nederland's cells: the gemeenten that hold
 *       most of the cell).
 * </ol>
 * In each system the sum of all cells still open is pushed up and down first (one optimum can
 * prove many cells), then each open cell on its own. A cell whose own region, with no link to any
 * other region, already pins it below the width is not tried beyond stage 1.
 *
 * <p><b>What the verdict means.</b> "Certified" is a proof (exact arithmetic, whole numbers, every
 * relation of {@link CellRelations}); "not certified" is not a proof of the opposite, and the
 * protection stages treat it as unsafe, which can only over-protect.
 *
 * <p><b>Determinism.</b> Every system is one task; the tasks of a stage run in parallel, read only
 * the state as it was before the stage, and their tables are recorded afterwards in task order, so
 * nothing depends on thread timing. GLOP is deterministic given where it starts: a system kept in
 * the {@link SystemPool} starts from its last basis, and the pool's content depends only on the
 * order in which systems are taken and given back, which is task order.
 */
final class Audit {

  /** How many other gemeenten of its province stage 2 frees with a region. */
  static final int NEIGHBOURS = 4;

  /**
   * How many gemeenten of other provinces stage 3 (and the protection stages' systems) free with a
   * region: where a cell is secret and largest, so that a cell pinned only through Nederland's
   * rounding interval can move.
   */
  static final int DONORS = 2;

  /** How many gemeenten stage 1 tries for a province's or Nederland's secret cell. */
  static final int AGGREGATE_CANDIDATES = 3;

  /** How many gemeenten stage 3 frees for a cell of Nederland. */
  static final int NEDERLAND_FREE = 12;

  /** Rounds of pushing all open cells up and down together, per system. */
  static final int BATCH_PASSES = 3;

  private final AuditState s;
  private final Certificates cert;
  private final AtomicLong lps = new AtomicLong();
  private final int n = CellRelations.CELLS.size();

  /**
   * Re-solve only what a new suppression touches: a cell left narrow on a system keeps the cells
   * whose bounds held its min and max there ({@link RestrictedSystem#binding}) with those bounds.
   * Suppression only widens bounds, and widening bounds that hold neither optimum leaves both
   * where they were (weak duality), so while those bounds are as they were, and no interval has
   * shrunk since ({@link Certificates#resets}), the cell's range on that system is the same and
   * its two linear programs are not solved again. Read only by later audit runs, so no task of a
   * stage reads what another task of it wrote.
   */
  private record PinKey(int region, int cell, List<Integer> free) {}

  private record Pins(int run, int resets, int[] regions, int[] cells, long[] lo, long[] hi) {}

  private final Map<PinKey, Pins> pins = new java.util.concurrent.ConcurrentHashMap<>();
  private int runs;

  /** Systems kept between uses (taken and given back on the calling thread only). */
  final SystemPool systems;

  Audit(AuditState s, Certificates cert) {
    this.s = s;
    this.cert = cert;
    this.systems = new SystemPool(s, SystemPool.KEPT);
  }

  long lps() {
    return lps.get();
  }

  /**
   * What one system found: checked tables, and per target the lowest and highest value at its own
   * points, and those points (null where none: an unbounded maximum).
   */
  record Found(int[] free, List<long[][]> tables, double[] low, double[] high, double[][] lowAt, double[][] highAt) {}

  /**
   * Certifies what it can of the secret cells not certified yet.
   *
   * @return the secret cells still not certified, in ordinal cell-key order
   */
  List<int[]> run() {
    return run(null);
  }

  /**
   * {@link #run()} for the cells of some regions only ({@code regions[r]}; null: all): the same
   * stages, the other regions' open cells left as they are.
   */
  List<int[]> run(boolean[] regions) {
    only = regions;
    try {
      return runStages();
    } finally {
      only = null;
    }
  }

  /** The regions {@link #run(boolean[])} audits now (null: all). */
  private boolean[] only;

  private List<int[]> runStages() {
    if (s.settings.minIntervalWidth() <= 0) {
      return List.of();
    }
    runs++;
    long t0 = System.nanoTime();
    // Stage 0: population moves, no LP.
    Moves moves = new Moves(s, cert);
    int[] gs = s.gemeenten();
    Moves.Found[] byMoves = new Moves.Found[gs.length];
    IntStream.range(0, gs.length).parallel().forEach(i -> byMoves[i] = moves.tryGemeente(gs[i]));
    for (Moves.Found f : byMoves) {
      for (int i = 0; i < f.free().size(); i++) {
        cert.record(f.free().get(i), f.tables().get(i));
      }
    }
    debug("moves", gs.length, t0);
    // Stage 1: each gemeente alone (all open cells of a gemeente, and of the aggregates above it).
    Map<Integer, List<int[]>> targets = new TreeMap<>();
    for (int g : s.gemeenten()) {
      List<int[]> own = open(g);
      if (!own.isEmpty()) {
        targets.computeIfAbsent(g, x -> new ArrayList<>()).addAll(own);
      }
    }
    for (int a = 0; a < s.size(); a++) {
      if (s.isGemeente(a)) {
        continue;
      }
      for (int[] c : open(a)) {
        for (int g : candidates(a, c[1], AGGREGATE_CANDIDATES)) {
          targets.computeIfAbsent(g, x -> new ArrayList<>()).add(c);
        }
      }
    }
    List<int[]> sets = new ArrayList<>();
    List<List<int[]>> lists = new ArrayList<>();
    targets.forEach((g, list) -> {
      sets.add(new int[] {g});
      lists.add(list);
    });
    solveAll(sets, lists, false);
    debug("stage 1", sets.size(), t0);

    // Cells their own region already pins (with no link to other regions): no system can certify them.
    boolean[][] pinned = propagatedPins(openCells());
    debug("own-region pins (propagation)", 0, t0);

    // Stage 2: per region and family of cells, a few neighbours chosen for that family.
    sets.clear();
    lists.clear();
    Map<Integer, Map<String, List<int[]>>> families = new TreeMap<>();
    for (int[] c : openCells()) {
      if (pinned[c[0]][c[1]]) {
        continue;
      }
      families.computeIfAbsent(c[0], x -> new TreeMap<>()).computeIfAbsent(family(c[1]), x -> new ArrayList<>()).add(c);
    }
    families.forEach((r, byFamily) -> byFamily.forEach((f, cells) -> {
      sets.add(neighbourhood(r, cells, FAMILY_NEIGHBOURS, 0));
      lists.add(cells);
    }));
    solveAll(sets, lists, true);
    debug("stage 2", sets.size(), t0);

    // Stage 3: per cell, neighbours chosen for that cell; cells given the same gemeenten share
    // one system (built once, its batches pushing them together).
    sets.clear();
    lists.clear();
    Map<List<Integer>, List<int[]>> bySystem = new java.util.LinkedHashMap<>();
    for (int[] c : openCells()) {
      if (pinned[c[0]][c[1]]) {
        continue;
      }
      int[] free = neighbourhood(c[0], List.of(c), NEIGHBOURS, DONORS);
      bySystem.computeIfAbsent(Arrays.stream(free).sorted().boxed().toList(), x -> new ArrayList<>()).add(c);
    }
    bySystem.forEach((free, cells) -> {
      sets.add(free.stream().mapToInt(Integer::intValue).toArray());
      lists.add(cells);
    });
    solveAll(sets, lists, true);
    debug("stage 3", sets.size(), t0);

    List<int[]> left = new ArrayList<>();
    for (int[] c : openCells()) {
      if (!pinned[c[0]][c[1]]) {
        left.add(c);
      }
    }
    boolean[][] lpPinned = ownRegionPins(left);
    for (int[] c : left) {
      pinned[c[0]][c[1]] |= lpPinned[c[0]][c[1]];
    }
    debug("own-region pins (LP)", 0, t0);

    // Stage 4: the whole province (for Nederland: the gemeenten holding most of its cells); each cell
    // the batches leave open is also ranged on its own, whose range can prove it where no rounded
    // optimum did (every cell of a sparse province secret, say).
    sets.clear();
    lists.clear();
    Map<Integer, List<int[]>> byProvince = new TreeMap<>();
    for (int[] c : left) {
      if (pinned[c[0]][c[1]]) {
        continue;
      }
      int p = s.isGemeente(c[0]) ? s.parent(c[0]) : c[0];
      byProvince.computeIfAbsent(p, x -> new ArrayList<>()).add(c);
    }
    byProvince.forEach((p, list) -> {
      if (p == s.nederland()) {
        for (int[] c : list) {
          sets.add(candidates(p, c[1], NEDERLAND_FREE));
          lists.add(List.of(c));
        }
      } else {
        sets.add(s.gemeentenBelow(p));
        lists.add(list);
      }
    });
    solveAll(sets, lists, true);
    debug("stage 4", sets.size(), t0);
    List<int[]> failing = openCells();
    failing.sort(s.cellOrder());
    return failing;
  }

  private void debug(String stage, int systems, long t0) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(String.format(java.util.Locale.ROOT, "audit %s: %d systems, %d open after, %d LPs, %.2f s",
          stage, systems, openCells().size(), lps.get(), (System.nanoTime() - t0) / 1e9));
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Audit.class);

  /** How many neighbours stage 2 frees per family of cells. */
  static final int FAMILY_NEIGHBOURS = 2;

  /** A cell's family: its dimension (type and typegroep together) and measure. */
  static String family(int cell) {
    nl.gmsd.common.TableLayout.Cell c = CellRelations.CELLS.get(cell);
    String d = c.dimension().equals(nl.gmsd.common.TableLayout.TYPEGROEP) ? nl.gmsd.common.TableLayout.TYPE : c.dimension();
    return d + "/" + c.measure();
  }

  /** The secret cells of a region not certified yet. */
  private List<int[]> open(int region) {
    List<int[]> out = new ArrayList<>();
    if (only != null && !only[region]) {
      return out;
    }
    for (int j = 0; j < n; j++) {
      if (s.isSecret(region, j) && !cert.certified(region, j)) {
        out.add(new int[] {region, j});
      }
    }
    return out;
  }

  List<int[]> openCells() {
    List<int[]> out = new ArrayList<>();
    for (int r = 0; r < s.size(); r++) {
      out.addAll(open(r));
    }
    return out;
  }

  /**
   * Up to {@code limit} gemeenten below an aggregate to free for its cell: those where the cell is
   * secret first (their own interval is wide), then by the largest true value (room to move down),
   * then by code.
   */
  int[] candidates(int aggregate, int cell, int limit) {
    return Arrays.stream(s.gemeentenBelow(aggregate)).boxed()
        .sorted(Comparator.<Integer>comparingInt(g -> s.isSecret(g, cell) ? 0 : 1)
            .thenComparing(g -> -s.exact[g][cell])
            .thenComparing(g -> s.code(g)))
        .limit(limit)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * A region and up to {@code neighbours} gemeenten of its province (for a province or Nederland:
   * that many and one more of the gemeenten below it): those secret in most of the region's open
   * cells, then with the most of those cells, then by code; then up to {@code donors} gemeenten of
   * other provinces, ranked the same way (counting also where their province is secret).
   */
  int[] neighbourhood(int region, List<int[]> cells, int neighbours, int donors) {
    List<Integer> out = new ArrayList<>();
    int[] pool;
    int limit = neighbours;
    if (s.isGemeente(region)) {
      out.add(region);
      pool = s.gemeentenBelow(s.parent(region));
    } else {
      pool = s.gemeentenBelow(region);
      limit++;
    }
    Arrays.stream(pool).boxed()
        .filter(g -> g != region)
        .sorted(Comparator.<Integer>comparingInt(g -> -secretAmong(g, cells))
            .thenComparing(g -> -massAmong(g, cells))
            .thenComparing(g -> s.code(g)))
        .limit(limit)
        .forEach(out::add);
    // Donors from other provinces: a cell whose Nederland total sits at the edge of its rounding
    // interval moves only if a gemeente elsewhere moves the other way.
    int home = s.isGemeente(region) ? s.parent(region) : region;
    if (donors > 0 && s.nederland() >= 0 && home != s.nederland()) {
      Arrays.stream(s.gemeentenBelow(s.nederland())).boxed()
          .filter(g -> s.parent(g) != home)
          .sorted(Comparator.<Integer>comparingInt(g -> -(secretAmong(g, cells) + secretAmong(s.parent(g), cells)))
              .thenComparing(g -> -massAmong(g, cells))
              .thenComparing(g -> s.code(g)))
          .limit(donors)
          .forEach(out::add);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private int secretAmong(int g, List<int[]> cells) {
    int k = 0;
    for (int[] c : cells) {
      k += s.isSecret(g, c[1]) ? 1 : 0;
    }
    return k;
  }

  private long massAmong(int g, List<int[]> cells) {
    long k = 0;
    for (int[] c : cells) {
      k += s.exact[g][c[1]];
    }
    return k;
  }

  /**
   * Solves every system in parallel ({@code perCell} false: only the batches of all open cells
   * together) and records the tables and ranges found, in task order.
   */
  private void solveAll(List<int[]> sets, List<List<int[]>> lists, boolean perCell) {
    Found[] found = new Found[sets.size()];
    // Systems taken and given back in task order, so that what the pool keeps does not depend on
    // thread timing (SystemPool).
    RestrictedSystem[] systems = new RestrictedSystem[sets.size()];
    try {
      for (int i = 0; i < systems.length; i++) {
        systems[i] = this.systems.take(sets.get(i));
      }
      IntStream.range(0, sets.size()).parallel().forEach(i -> found[i] = certify(systems[i], lists.get(i), perCell));
    } finally {
      for (RestrictedSystem sys : systems) {
        if (sys != null) {
          this.systems.give(sys);
        }
      }
    }
    for (int i = 0; i < found.length; i++) {
      record(found[i], lists.get(i));
    }
  }

  /** Records what {@link #certify} found for the targets: its tables and the targets' values known. */
  private void record(Found f, List<int[]> targets) {
    for (long[][] t : f.tables()) {
      cert.record(f.free(), t);
    }
    for (int k = 0; k < targets.size(); k++) {
      cert.recordRange(targets.get(k)[0], targets.get(k)[1], f.low()[k], f.high()[k], f.free(), f.lowAt()[k],
          f.highAt()[k]);
    }
  }

  /**
   * {@link #certify} over the free gemeenten, with what it found recorded.
   *
   * @return the targets still not certified
   */
  List<int[]> prove(int[] free, List<int[]> targets) {
    record(certify(free, targets), targets);
    List<int[]> left = new ArrayList<>();
    for (int[] c : targets) {
      if (!cert.certified(c[0], c[1])) {
        left.add(c);
      }
    }
    return left;
  }

  /**
   * Pushes the target cells up and down over the system of the free gemeenten, and ranges each
   * target the batches leave unproven on its own (two linear programs); returns the tables found
   * (each checked) and each target's lowest and highest value known (at the optima seen, the
   * checked tables, and what was known before), for {@link Certificates#recordRange}.
   */
  Found certify(int[] free, List<int[]> targets) {
    return certify(free, targets, true);
  }

  /** {@link #certify}; {@code perCell} false: only the batches of all open cells together. */
  Found certify(int[] free, List<int[]> targets, boolean perCell) {
    RestrictedSystem sys = systems.take(free);
    try {
      return certify(sys, targets, perCell);
    } finally {
      systems.give(sys);
    }
  }

  /** {@link #certify(int[], List, boolean)} on a system taken already. */
  private Found certify(RestrictedSystem sys, List<int[]> targets, boolean perCell) {
    int t = targets.size();
    long[] up = new long[t];
    long[] down = new long[t];
    for (int i = 0; i < t; i++) {
      int[] c = targets.get(i);
      up[i] = cert.up[c[0]][c[1]];
      down[i] = cert.down[c[0]][c[1]];
    }
    long w = s.settings.minIntervalWidth();
    List<long[][]> tables = new ArrayList<>();
    int[] sorted;
    // Each target's lowest and highest value at the LP points seen so far: every point is feasible,
    // so [seenLo, seenHi] lies inside the target's LP range, and where it is wide enough the range
    // proof needs no LP of the target's own (the batches' points usually settle most targets).
    double[] seenLo = new double[t];
    double[] seenHi = new double[t];
    // The values at this system's own points only: what is recorded, with this system as the
    // proof's support (Certificates#forget).
    double[] ownLo = new double[t];
    double[] ownHi = new double[t];
    Arrays.fill(ownLo, Double.POSITIVE_INFINITY);
    Arrays.fill(ownHi, Double.NEGATIVE_INFINITY);
    double[][] seen = {seenLo, seenHi, ownLo, ownHi};
    // The points where ownLo and ownHi were found, kept with the proof (Certificates#forget).
    double[][][] ownAt = new double[2][t][];
    for (int i = 0; i < t; i++) {
      int[] c = targets.get(i);
      seenLo[i] = cert.low(c[0], c[1]);
      seenHi[i] = cert.high(c[0], c[1]);
    }
    int solvedBefore = sys.lp.solves();
    sorted = sys.free.clone();
    for (int pass = 0; pass < BATCH_PASSES; pass++) {
      List<Integer> open = new ArrayList<>();
      for (int i = 0; i < t; i++) {
        if (up[i] - down[i] < w) {
          open.add(i);
        }
      }
      if (open.isEmpty()) {
        break;
      }
      // Push up the open cells that can go up, and down those that can go down.
      List<Integer> upVars = new ArrayList<>();
      List<Integer> downVars = new ArrayList<>();
      for (int i : open) {
        int[] c = targets.get(i);
        for (int v : sys.objective(c[0], c[1])) {
          if (canRise(c)) {
            upVars.add(v);
          }
          if (canFall(c)) {
            downVars.add(v);
          }
        }
      }
      int before = countWide(up, down, w);
      if (!upVars.isEmpty()) {
        int[] sum = upVars.stream().mapToInt(Integer::intValue).toArray();
        offerOptimum(sys, sum, true, seen(sys, sys.lp.optimum(sum, true), targets, seen, ownAt), targets, up,
            down, tables);
      }
      if (!downVars.isEmpty()) {
        int[] sum = downVars.stream().mapToInt(Integer::intValue).toArray();
        offerOptimum(sys, sum, false, seen(sys, sys.lp.optimum(sum, false), targets, seen, ownAt), targets, up,
            down, tables);
      }
      if (countWide(up, down, w) == before) {
        break;
      }
    }
    for (int i = 0; i < t && perCell; i++) {
      if (up[i] - down[i] >= w) {
        continue;
      }
      if (Certificates.wholeWidth(seenLo[i], seenHi[i]) >= w) {
        continue;
      }
      int[] c = targets.get(i);
      PinKey key = new PinKey(c[0], c[1], Arrays.stream(sorted).boxed().toList());
      if (stillPinned(key)) {
        continue;
      }
      List<LinearSystem.Optimum> optima = new ArrayList<>(2);
      int[] obj = sys.objective(c[0], c[1]);
      if (canRise(c)) {
        LinearSystem.Optimum hi = seen(sys, sys.lp.optimum(obj, true, true), targets, seen, ownAt);
        optima.add(hi);
        if (hi == null) {
          seenHi[i] = Double.POSITIVE_INFINITY;
          ownHi[i] = Double.POSITIVE_INFINITY;
          ownAt[1][i] = null;
        } else {
          offerIfWhole(sys, hi, targets, up, down, tables);
        }
      }
      if (Certificates.wholeWidth(seenLo[i], seenHi[i]) < w && up[i] - down[i] < w && canFall(c)) {
        LinearSystem.Optimum lo = seen(sys, sys.lp.optimum(obj, false, true), targets, seen, ownAt);
        optima.add(lo);
        offerIfWhole(sys, lo, targets, up, down, tables);
      }
      if (up[i] - down[i] < w && Certificates.wholeWidth(seenLo[i], seenHi[i]) < w && !optima.contains(null)) {
        pin(key, sys, c, optima);
      }
    }
    lps.addAndGet(sys.lp.solves() - solvedBefore);
    return new Found(sorted, tables, ownLo, ownHi, ownAt[0], ownAt[1]);
  }

  /** Forgets every cell's pins: the next run solves every open cell again (tests compare the two). */
  void forgetPins() {
    pins.clear();
  }

  /** Whether the cell's range on the key's system is as it was when found too narrow ({@link PinKey}). */
  private boolean stillPinned(PinKey key) {
    Pins p = pins.get(key);
    if (p == null || p.run() >= runs || p.resets() != cert.resets()) {
      return false;
    }
    for (int i = 0; i < p.regions().length; i++) {
      if (s.lo[p.regions()[i]][p.cells()[i]] != p.lo()[i] || s.hi[p.regions()[i]][p.cells()[i]] != p.hi()[i]) {
        return false;
      }
    }
    return true;
  }

  /** Keeps the bounds that hold the cell's optima on the system (the cell's own among them). */
  private void pin(PinKey key, RestrictedSystem sys, int[] c, List<LinearSystem.Optimum> optima) {
    java.util.Set<Long> cells = new java.util.TreeSet<>();
    cells.add(((long) c[0] << 32) | c[1]);
    for (LinearSystem.Optimum o : optima) {
      sys.binding(o, (r, j) -> cells.add(((long) r << 32) | j));
    }
    int k = cells.size();
    int[] regions = new int[k];
    int[] cs = new int[k];
    long[] lo = new long[k];
    long[] hi = new long[k];
    int i = 0;
    for (long x : cells) {
      regions[i] = (int) (x >> 32);
      cs[i] = (int) x;
      lo[i] = s.lo[regions[i]][cs[i]];
      hi[i] = s.hi[regions[i]][cs[i]];
      i++;
    }
    pins.put(key, new Pins(runs, cert.resets(), regions, cs, lo, hi));
  }

  /**
   * Widens each target's seen values (all, and this system's own) by the optimum's point (none when
   * unbounded), keeping the point where it widens the own ones; returns the optimum.
   */
  private static LinearSystem.Optimum seen(RestrictedSystem sys, LinearSystem.Optimum o, List<int[]> targets,
      double[][] lowHigh, double[][][] ownAt) {
    if (o != null) {
      for (int i = 0; i < targets.size(); i++) {
        double v = sys.valueAt(o.point(), targets.get(i)[0], targets.get(i)[1]);
        lowHigh[0][i] = Math.min(lowHigh[0][i], v);
        lowHigh[1][i] = Math.max(lowHigh[1][i], v);
        if (v < lowHigh[2][i]) {
          lowHigh[2][i] = v;
          ownAt[0][i] = o.point();
        }
        if (v > lowHigh[3][i]) {
          lowHigh[3][i] = v;
          ownAt[1][i] = o.point();
        }
      }
    }
    return o;
  }

  /** Whether the cell's own interval leaves room above its true value. */
  private boolean canRise(int[] c) {
    return s.exact[c[0]][c[1]] < s.hi[c[0]][c[1]];
  }

  /** Whether the cell's own interval leaves room below its true value. */
  private boolean canFall(int[] c) {
    return s.exact[c[0]][c[1]] > s.lo[c[0]][c[1]];
  }

  private static int countWide(long[] up, long[] down, long w) {
    int k = 0;
    for (int i = 0; i < up.length; i++) {
      k += up[i] - down[i] >= w ? 1 : 0;
    }
    return k;
  }

  /** How many re-optimisations a dive makes at most. */
  static final int DIVE_STEPS = 4;

  /**
   * A whole-number point near an LP optimum: every fractional coordinate is bounded to its whole
   * side towards the true table (which is whole and feasible) and the same objective optimised
   * again, up to {@link #DIVE_STEPS} times; null when that fails. Restores every bound it changed.
   */
  static double[] dive(RestrictedSystem sys, int[] objective, boolean max, double[] point) {
    LinearSystem lp = sys.lp;
    try (BoundsUndo bounds = new BoundsUndo(lp)) {
      double[] p = point;
      for (int step = 0; step < DIVE_STEPS; step++) {
        boolean fractional = false;
        for (int v = 0; v < p.length; v++) {
          if (!fractional(p[v])) {
            continue;
          }
          fractional = true;
          if (p[v] > sys.truth(v)) {
            bounds.set(v, lp.lower(v), Math.floor(p[v]));
          } else {
            bounds.set(v, Math.ceil(p[v]), lp.upper(v));
          }
        }
        if (!fractional) {
          return p;
        }
        LinearSystem.Optimum o = lp.solve(objective, max, false);
        if (o == LinearSystem.INFEASIBLE || o == null) {
          return null;
        }
        p = o.point();
      }
      return null;
    }
  }

  private static boolean fractional(double x) {
    return Math.abs(x - Math.rint(x)) > RestrictedSystem.INTEGRAL;
  }

  /** Bounds changed for a dive, put back as they were (in reverse order) when it ends. */
  private static final class BoundsUndo implements AutoCloseable {
    private final LinearSystem lp;
    private final List<double[]> saved = new ArrayList<>();

    BoundsUndo(LinearSystem lp) {
      this.lp = lp;
    }

    void set(int var, double lo, double hi) {
      saved.add(new double[] {var, lp.lower(var), lp.upper(var)});
      lp.setBounds(var, lo, hi);
    }

    @Override
    public void close() {
      for (int i = saved.size() - 1; i >= 0; i--) {
        double[] b = saved.get(i);
        lp.setBounds((int) b[0], b[1], b[2]);
      }
    }
  }

  /**
   * Offers an LP optimum as a table: as it is when whole, else rounded by {@link #dive}.
   */
  private void offerOptimum(RestrictedSystem sys, int[] objective, boolean max, LinearSystem.Optimum o,
      List<int[]> targets, long[] up, long[] down, List<long[][]> tables) {
    if (o == null) {
      return;
    }
    double[] p = o.point();
    if (sys.deviations(p) == null) {
      p = dive(sys, objective, max, p);
      if (p == null) {
        return;
      }
    }
    offer(sys, p, targets, up, down, tables);
  }

  /** Offers an LP optimum as a table where it is whole already (a certificate for free, no dive). */
  private void offerIfWhole(RestrictedSystem sys, LinearSystem.Optimum o, List<int[]> targets, long[] up, long[] down,
      List<long[][]> tables) {
    if (o != null && sys.deviations(o.point()) != null) {
      offer(sys, o.point(), targets, up, down, tables);
    }
  }

  /** A whole-number LP point that passes the exact check becomes a table; it widens the targets. */
  private void offer(RestrictedSystem sys, double[] point, List<int[]> targets, long[] up, long[] down,
      List<long[][]> tables) {
    long[][] d = sys.deviations(point);
    if (d == null || !Certificates.check(s, sys.free, d)) {
      return;
    }
    tables.add(d);
    for (int i = 0; i < targets.size(); i++) {
      int[] c = targets.get(i);
      long v = Math.round(sys.valueAt(point, c[0], c[1])) - s.exact[c[0]][c[1]];
      up[i] = Math.max(up[i], v);
      down[i] = Math.min(down[i], v);
    }
  }

  /** {@link #ownRegionPins} by bound propagation only: true where propagation proves the pin. */
  boolean[][] propagatedPins(List<int[]> cells) {
    boolean[][] pinned = new boolean[s.size()][n];
    Map<Integer, long[][]> tight = new TreeMap<>();
    long w = s.settings.minIntervalWidth();
    for (int[] c : cells) {
      long[][] b = tight.computeIfAbsent(c[0], r -> Propagation.tighten(s.lo[r], s.hi[r]));
      pinned[c[0]][c[1]] = b[1][c[1]] - b[0][c[1]] < w;
    }
    return pinned;
  }

  /**
   * For the given open cells: true where the cell's own region, with every bound and relation of
   * that region and no link to any other, already keeps it below minIntervalWidth (rounded to
   * whole numbers), so that no system can certify it.
   */
  boolean[][] ownRegionPins(List<int[]> cells) {
    boolean[][] pinned = new boolean[s.size()][n];
    Map<Integer, List<Integer>> byRegion = new TreeMap<>();
    for (int[] c : cells) {
      byRegion.computeIfAbsent(c[0], x -> new ArrayList<>()).add(c[1]);
    }
    List<Integer> regions = new ArrayList<>(byRegion.keySet());
    boolean[][] result = new boolean[regions.size()][];
    IntStream.range(0, regions.size()).parallel().forEach(i -> {
      int r = regions.get(i);
      result[i] = pinnedInOwnRegion(r, byRegion.get(r), s.lo[r], s.hi[r]);
    });
    for (int i = 0; i < regions.size(); i++) {
      pinned[regions.get(i)] = result[i];
    }
    return pinned;
  }

  /**
   * True per cell where the region alone, with the given bounds and its relations, keeps the cell's
   * whole-number range below minIntervalWidth: floor(LP max) - ceil(LP min) < width.
   */
  boolean[] pinnedInOwnRegion(int region, List<Integer> cells, long[] lo, long[] hi) {
    boolean[] pinned = new boolean[n];
    long w = s.settings.minIntervalWidth();
    try (LinearSystem sys = new LinearSystem()) {
      for (int j = 0; j < n; j++) {
        sys.variable(lo[j], hi[j] >= AuditState.INF ? Double.POSITIVE_INFINITY : hi[j]);
      }
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        double[] coef = new double[r.coef().length];
        for (int i = 0; i < coef.length; i++) {
          coef[i] = r.coef()[i];
        }
        sys.row(r.cells(), coef, r.equality() ? 0 : Double.NEGATIVE_INFINITY, 0);
      }
      // Points of the region's system (the true counts, and the optima of all cells pushed up and
      // down together) bound each cell's range from inside: a cell they spread by the width in
      // whole numbers is not pinned. The others get their own two LPs.
      double[] top = new double[n];
      double[] bottom = new double[n];
      for (int j = 0; j < n; j++) {
        top[j] = s.exact[region][j];
        bottom[j] = s.exact[region][j];
      }
      int[] all = cells.stream().mapToInt(Integer::intValue).toArray();
      for (boolean max : new boolean[] {true, false}) {
        LinearSystem.Optimum o = sys.optimum(all, max);
        if (o == null) {
          java.util.Arrays.fill(top, Double.POSITIVE_INFINITY);
          continue;
        }
        for (int j = 0; j < n; j++) {
          top[j] = Math.max(top[j], o.point()[j]);
          bottom[j] = Math.min(bottom[j], o.point()[j]);
        }
      }
      for (int j : cells) {
        if (Certificates.wholeWidth(bottom[j], top[j]) >= w) {
          continue;
        }
        double[] range = sys.range(new int[] {j});
        pinned[j] = Certificates.wholeWidth(range[0], range[1]) < w;
      }
      lps.addAndGet(sys.solves());
    }
    return pinned;
  }

}
