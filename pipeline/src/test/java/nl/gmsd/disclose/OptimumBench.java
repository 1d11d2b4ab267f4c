package nl.gmsd.disclose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.gmsd.avro.CellCount;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.disclose.SyntheticTables.Client;
import nl.gmsd.disclose.SyntheticTables.Gem;

/**
 * Bench tooling (issue 13, item 4; not a test): the cost of the job's chain of protection stages,
 * default settings, against the cheapest safe suppression ({@link OptimalSuppression}) on tables
 * small enough to solve exactly: one province of 5 to 10 gemeenten.
 *
 * <pre>DisclosureBench optimum [N] [SEED] [DIR...]</pre>
 *
 * <ul>
 *   <li>N random provinces (default 200) from SEED (default 20261207), made here, not by {@code
 *       gmsd generate}: 5 to 10 gemeenten of 2 to 600 clients (log-uniform, so many small ones), each
 *       gemeente with its own few types of skewed popularity, clients with one to several
 *       arrangements of one or more types, its own age and financing mix, and couples sharing a
 *       household.
 *   <li>Slices of each counted table in DIR ({@code table-H?????.txt}, {@link CountedTablesExport}):
 *       each province's gemeenten cut into runs of 5 to 10 in code order, each run a table of its
 *       own (the province and Nederland as its sums); {@code -Doptimum.slices=K} keeps K per
 *       table (default all).
 * </ul>
 *
 * <p>{@code -Doptimum.only=SEED} runs the random table of that seed alone (the seed each line
 * names) and lists the cells each side chose. {@code -Doptimum.seconds=S} is the time limit of the optimum per table (default 30);
 * {@code -Doptimum.attack=true} also attacks the chain's output with the independent integer
 * program ({@link IndependentAudit#narrowButProtectable}: narrow cells beyond protection left
 * out). Prints
 * one line per table and a summary: how many tables reached proven optimality, and over those
 * whose optimum needs a secondary cell, the median and worst ratio of the chain's cost to the
 * optimum's, in cells and in suppressed value (the chain's total cells counted as cells and by
 * value, without the penalty); the secondary share of cells; which stage added the cells.
 */
final class OptimumBench {

  static final Period P = Period.parse("H12025");
  static final DisclosureSettings DEFAULTS = DisclosureSettings.defaults();

  /** With {@code -Doptimum.only=SEED}: that one random table, with the cells each side chose. */
  private static boolean VERBOSE;

  private OptimumBench() {}

  record Row(String name, int gemeenten, int cells, int primary, OptimalSuppression.Outcome opt, int hCells,
      long hValue, int hTotals, Map<String, Integer> byStage, int hUnsafe, int hNarrow, double hSeconds) {}

  static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261207L;
    long millis = (long) (Double.parseDouble(System.getProperty("optimum.seconds", "30")) * 1000);
    int slices = Integer.getInteger("optimum.slices", Integer.MAX_VALUE);
    Path tmp = Files.createTempDirectory("gmsd-optimum");
    List<Row> rows = new ArrayList<>();
    Random rnd = new Random(seed);
    System.out.printf(Locale.ROOT, "optimum bench: %d random provinces from seed %d, time limit %.0f s a table%n", count,
        seed, millis / 1000.0);
    header();
    Long only = Long.getLong("optimum.only");
    if (only != null) {
      VERBOSE = true;
      rows.add(run("random (seed " + only + ")", randomProvince(new Random(only), tmp.resolve("only")), millis));
      return;
    }
    for (int t = 0; t < count; t++) {
      long own = rnd.nextLong();
      rows.add(run("random-" + t + " (seed " + own + ")", randomProvince(new Random(own), tmp.resolve("t" + t)), millis));
    }
    for (int a = 2; a < args.length; a++) {
      List<Path> files = new ArrayList<>();
      try (var list = Files.list(Paths.get(args[a]))) {
        list.filter(f -> f.getFileName().toString().matches("table-H[12]\\d{4}\\.txt")).sorted().forEach(files::add);
      }
      for (Path f : files) {
        PublicationTable whole = CountedTablesExport.load(f);
        List<PublicationTable> cut = slices(whole, new Random(seed));
        for (int i = 0; i < Math.min(slices, cut.size()); i++) {
          PublicationTable sl = cut.get(i);
          String name = f.getFileName() + "#" + sl.regions().get(sl.regions().size() - 2).code() + "/"
              + sl.regions().get(0).code() + "+" + (sl.regions().size() - 3);
          rows.add(run(name, sl, millis));
        }
      }
    }
    summary(rows);
  }

  static Row run(String name, PublicationTable table, long millis) {
    long t0 = System.nanoTime();
    Protection p = new Protection(new AuditState(table, DEFAULTS));
    List<ProtectionStage> chain = new DisclosureControl().chain(DEFAULTS);
    // Net secret cells each stage added (negative for the stage that publishes cells again).
    Map<String, Integer> byStage = new LinkedHashMap<>();
    for (ProtectionStage stage : chain) {
      int before = p.state.secretCount();
      stage.protect(p);
      byStage.put(stage.name(), p.state.secretCount() - before);
    }
    double hSeconds = (System.nanoTime() - t0) / 1e9;
    int hCells = 0;
    long hValue = 0;
    int hTotals = 0;
    List<int[]> secondary = new ArrayList<>();
    for (int r = 0; r < p.state.size(); r++) {
      for (int j = 0; j < CellRelations.CELLS.size(); j++) {
        if (p.state.status[r][j] == AuditState.SECONDARY) {
          hCells++;
          hValue += p.state.exact[r][j];
          hTotals += OptimalSuppression.isTotal(j) ? 1 : 0;
          secondary.add(new int[] {r, j});
        }
      }
    }
    OptimalSuppression tool = new OptimalSuppression(table, DEFAULTS);
    OptimalSuppression.Outcome o = tool.solve(millis, secondary);
    // The chain's output under the independent integer attacker (cells beyond protection left out).
    int hNarrow = !Boolean.getBoolean("optimum.attack") ? -1
        : IndependentAudit.narrowButProtectable(table, tool.publish(secondary), DEFAULTS).size();
    if (VERBOSE) {
      secondary.forEach(c -> System.out.println("  chain:   " + p.state.key(c[0], c[1]) + " = " + p.state.exact[c[0]][c[1]]));
      o.chosen().forEach(c -> System.out.println("  optimum: " + p.state.key(c[0], c[1]) + " = " + p.state.exact[c[0]][c[1]]));
    }
    int cells = p.state.size() * CellRelations.CELLS.size();
    Row row = new Row(name, p.state.gemeenten().length, cells, p.state.count(AuditState.PRIMARY), o, hCells, hValue, hTotals,
        byStage, p.unsafe().size(), hNarrow, hSeconds);
    print(row);
    return row;
  }

  static void header() {
    System.out.println("table | gem | cells | primary | optimum: status, targets, programs, s | optimum cells/value (lower bound)"
        + " | chain cells/value (net cells per stage after primary) | ratio cells, value | chain s | chain unsafe,"
        + " attacker-narrow");
  }

  static void print(Row r) {
    OptimalSuppression.Outcome o = r.opt();
    System.out.printf(Locale.ROOT, "%s | %d | %d | %d | %s, %d, %d, %.1f | %d/%d (%.0f), %d totals | %d/%d (%s), %d totals | %s, %s | %.1f | %d, %d%n",
        r.name(), r.gemeenten(), r.cells(), r.primary(), o.status(), o.targets(), o.rounds(), o.seconds(), o.cells(),
        o.value(), o.lowerBound(), o.totals(), r.hCells(), r.hValue(),
        afterPrimary(r.byStage()), r.hTotals(),
        ratio(r.hCells(), o.cells()), ratio(r.hValue(), o.value()), r.hSeconds(), r.hUnsafe(), r.hNarrow());
    System.out.flush();
  }

  private static String ratio(long h, long opt) {
    return opt == 0 ? (h == 0 ? "=" : "inf") : String.format(Locale.ROOT, "%.2f", (double) h / opt);
  }

  static void summary(List<Row> rows) {
    List<Row> proven = rows.stream().filter(r -> r.opt().status() == OptimalSuppression.Status.OPTIMAL).toList();
    List<Row> needing = proven.stream().filter(r -> r.opt().cells() > 0).toList();
    long zeroBoth = proven.stream().filter(r -> r.opt().cells() == 0 && r.hCells() == 0).count();
    List<Row> zeroOpt = proven.stream().filter(r -> r.opt().cells() == 0 && r.hCells() > 0).toList();
    Map<OptimalSuppression.Status, Long> byStatus = new TreeMap<>();
    rows.forEach(r -> byStatus.merge(r.opt().status(), 1L, Long::sum));
    System.out.printf(Locale.ROOT, "%n%d tables: optimum %s%n", rows.size(), byStatus);
    System.out.printf(Locale.ROOT, "proven optimal: %d; of them %d need no secondary cell (the chain added none in %d,"
        + " some in %d: %s)%n", proven.size(), proven.size() - needing.size(), zeroBoth, zeroOpt.size(),
        zeroOpt.stream().map(r -> r.name() + " " + r.hCells() + " cells").toList());
    double[] rc = needing.stream().mapToDouble(r -> (double) r.hCells() / r.opt().cells()).sorted().toArray();
    double[] rv = needing.stream().mapToDouble(r -> (double) r.hValue() / r.opt().value()).sorted().toArray();
    if (rc.length > 0) {
      System.out.printf(Locale.ROOT, "chain / optimum over the %d proven tables that need secondary cells:"
          + " cells median %.2f, worst %.2f (best %.2f); value median %.2f, worst %.2f (best %.2f)%n", rc.length,
          median(rc), rc[rc.length - 1], rc[0], median(rv), rv[rv.length - 1], rv[0]);
      long over12 = needing.stream().filter(r -> r.hValue() > 1.2 * r.opt().value()).count();
      long over2 = needing.stream().filter(r -> r.hValue() > 2.0 * r.opt().value()).count();
      System.out.printf(Locale.ROOT, "tables above 1.2x the optimum's value: %d, above 2x: %d%n", over12, over2);
    }
    List<Row> open = rows.stream().filter(r -> r.opt().status() == OptimalSuppression.Status.TIME_LIMIT
        && r.opt().lowerBound() > 0 && r.opt().lowerBound() < HypercubeRounds.TOTAL_CELL_PENALTY && r.hTotals() == 0)
        .toList();
    double[] rb = open.stream().mapToDouble(r -> r.hValue() / r.opt().lowerBound()).sorted().toArray();
    if (rb.length > 0) {
      System.out.printf(Locale.ROOT, "time-limited tables with a lower bound, chain without total cells: %d; chain's value"
          + " / lower bound (at least the true ratio): median %.2f, worst %.2f%n", rb.length, median(rb), rb[rb.length - 1]);
    }
    List<Row> withTotal = rows.stream().filter(r -> r.opt().status() == OptimalSuppression.Status.WITH_TOTAL).toList();
    if (!withTotal.isEmpty()) {
      double[] wc = withTotal.stream().mapToDouble(r -> (double) r.hCells() / r.opt().cells()).sorted().toArray();
      double[] wv = withTotal.stream().mapToDouble(r -> (double) r.hValue() / r.opt().value()).sorted().toArray();
      System.out.printf(Locale.ROOT, "optimum with a total cell (an upper bound on the optimum, so the ratio is at most the"
          + " true one): %d tables; cells median %.2f, worst %.2f; value median %.2f, worst %.2f%n", withTotal.size(),
          median(wc), wc[wc.length - 1], median(wv), wv[wv.length - 1]);
    }
    double[] share = rows.stream().mapToDouble(r -> 100.0 * r.hCells() / r.cells()).sorted().toArray();
    double[] optShare = proven.stream().mapToDouble(r -> 100.0 * r.opt().cells() / r.cells()).sorted().toArray();
    System.out.printf(Locale.ROOT, "secondary share of cells, chain: median %.2f%%, worst %.2f%%, all tables %.2f%%;"
        + " optimum: median %.2f%%, all proven tables %.2f%%%n", median(share), share[share.length - 1],
        100.0 * rows.stream().mapToInt(Row::hCells).sum() / rows.stream().mapToInt(Row::cells).sum(),
        optShare.length == 0 ? Double.NaN : median(optShare),
        100.0 * proven.stream().mapToInt(r -> r.opt().cells()).sum() / Math.max(1, proven.stream().mapToInt(Row::cells).sum()));
    Map<String, Integer> stages = new LinkedHashMap<>();
    rows.forEach(r -> r.byStage().forEach((stage, cells) -> stages.merge(stage, cells, Integer::sum)));
    System.out.printf(Locale.ROOT, "chain's net secondary cells by stage: %s;"
        + " tables the chain left unsafe (audit): %d; tables with a cell the integer attacker narrows in the chain's"
        + " output: %d%n", afterPrimary(stages), rows.stream().filter(r -> r.hUnsafe() > 0).count(),
        rows.stream().filter(r -> r.hNarrow() > 0).count());
    System.out.printf(Locale.ROOT, "optimum's time: median %.1f s, worst %.1f s; chain's: median %.1f s%n",
        median(rows.stream().mapToDouble(r -> r.opt().seconds()).sorted().toArray()),
        rows.stream().mapToDouble(r -> r.opt().seconds()).max().orElse(0),
        median(rows.stream().mapToDouble(Row::hSeconds).sorted().toArray()));
  }

  /** The stages' net cells without the primary stage's (those are not secondary). */
  static String afterPrimary(Map<String, Integer> byStage) {
    Map<String, Integer> secondary = new LinkedHashMap<>(byStage);
    secondary.remove(new PrimarySuppression().name());
    return secondary.toString();
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  // ---- tables ----

  /**
   * One province of 5 to 10 gemeenten, each with its own character: a log-uniform size (2 to 600
   * clients), a few types of its own with skewed popularity, its own mix of financing and age.
   */
  static PublicationTable randomProvince(Random rnd, Path dir) throws IOException {
    int g = 5 + rnd.nextInt(6);
    List<Gem> gems = new ArrayList<>();
    List<CellCount> all = new ArrayList<>();
    List<String> types = ArrangementTypes.codes();
    for (int i = 0; i < g; i++) {
      String code = String.format("%04d", i + 1);
      int size = (int) Math.round(Math.exp(Math.log(2) + rnd.nextDouble() * (Math.log(600) - Math.log(2))));
      gems.add(new Gem(code, "G" + code, "Zeeland", 500 + size * (20L + rnd.nextInt(200))));
      List<String> pool = new ArrayList<>();
      for (int k = 1 + rnd.nextInt(6); k > 0; k--) {
        pool.add(types.get(rnd.nextInt(types.size())));
      }
      double pgb = rnd.nextDouble() * 0.4;
      double old = rnd.nextDouble();
      List<Client> clients = new ArrayList<>();
      for (int c = 0; c < size; c++) {
        Map<String, Integer> arr = new TreeMap<>();
        int kinds = 1 + (rnd.nextDouble() < 0.25 ? 1 + rnd.nextInt(2) : 0);
        for (int k = 0; k < kinds; k++) {
          // skewed: the pool's first types far more often than its last
          String type = pool.get((int) (pool.size() * Math.pow(rnd.nextDouble(), 2.5)));
          int many = 1;
          while (many < 9 && rnd.nextDouble() < 0.3) {
            many++;
          }
          arr.merge(type, many, Integer::sum);
        }
        int total = arr.values().stream().mapToInt(Integer::intValue).sum();
        String fin = total >= 2 && rnd.nextDouble() < 0.1 ? "ZIN+PGB" : rnd.nextDouble() < pgb ? "PGB" : "ZIN";
        String age = rnd.nextDouble() < 0.02 ? "onbekend"
            : rnd.nextDouble() < old ? SyntheticTables.AGES.get(2 + rnd.nextInt(3))
            : SyntheticTables.AGES.get(rnd.nextInt(2));
        String sex = rnd.nextDouble() < 0.01 ? "onbekend" : rnd.nextBoolean() ? "M" : "V";
        // couples: every fourth client shares the household of the one before
        String household = rnd.nextDouble() < 0.05 ? null : "h" + (c % 4 == 3 ? c - 1 : c);
        clients.add(new Client(arr, fin, age, sex, household));
      }
      all.addAll(SyntheticTables.count(P, code, clients));
    }
    ReferenceData ref = SyntheticTables.referenceData(dir, P.year(), gems);
    return PublicationTable.build(P, all, ref, x -> TableLayout.STATUS_PUBLISHED);
  }

  /**
   * Each province's published gemeenten cut into runs of 5 to 10 (a last run shorter than 5 joins
   * the one before, up to 14), each a table with the province and Nederland as its sums.
   */
  static List<PublicationTable> slices(PublicationTable whole, Random rnd) {
    Map<String, List<PublicationTable.Region>> byProvince = new TreeMap<>();
    Map<String, PublicationTable.Region> provinces = new TreeMap<>();
    for (PublicationTable.Region r : whole.regions()) {
      if (r.level().equals(TableLayout.LEVEL_GEMEENTE) && r.published()) {
        byProvince.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(r);
      } else if (r.level().equals(TableLayout.LEVEL_PROVINCIE)) {
        provinces.put(r.code(), r);
      }
    }
    List<PublicationTable> out = new ArrayList<>();
    int n = CellRelations.CELLS.size();
    for (Map.Entry<String, List<PublicationTable.Region>> e : byProvince.entrySet()) {
      List<PublicationTable.Region> gems = e.getValue();
      int i = 0;
      while (i < gems.size()) {
        int len = 5 + rnd.nextInt(6);
        int end = gems.size() - (i + len) < 5 ? gems.size() : i + len;
        List<PublicationTable.Region> part = gems.subList(i, end);
        i = end;
        if (part.size() < 5) {
          continue; // a province of fewer than 5 published gemeenten
        }
        List<PublicationTable.Region> regions = new ArrayList<>(part);
        Map<String, long[]> exact = new TreeMap<>();
        long[] sum = new long[n];
        long inh = 0;
        for (PublicationTable.Region r : part) {
          long[] row = whole.exactRow(r.code());
          exact.put(r.code(), row);
          for (int j = 0; j < n; j++) {
            sum[j] += row[j];
          }
          inh += r.inhabitants();
        }
        PublicationTable.Region p = provinces.get(e.getKey());
        regions.add(new PublicationTable.Region(p.level(), p.code(), p.name(), p.parentCode(), p.status(), inh));
        exact.put(p.code(), sum);
        regions.add(new PublicationTable.Region(TableLayout.LEVEL_NEDERLAND, TableLayout.NEDERLAND_CODE,
            TableLayout.NEDERLAND_NAME, null, TableLayout.STATUS_PUBLISHED, inh));
        exact.put(TableLayout.NEDERLAND_CODE, sum.clone());
        out.add(PublicationTable.of(whole.period(), regions, exact));
      }
    }
    return out;
  }
}
