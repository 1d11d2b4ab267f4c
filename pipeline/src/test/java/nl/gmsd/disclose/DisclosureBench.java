package nl.gmsd.disclose;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bench tooling (not a test): times the disclosure stage on counted tables saved by {@link
 * CountedTablesExport}, both periods side by side as the pipeline runs them.
 *
 * <pre>DisclosureBench time DIR...
 * DisclosureBench optimum [N] [SEED] [DIR...]</pre>
 *
 * <p>{@code optimum}: the job's chain against the cheapest safe suppression ({@link
 * OptimumBench}) on N random provinces (default 200) from SEED, and on slices of the counted
 * tables in DIR.
 */
public final class DisclosureBench {

  private DisclosureBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "time" -> {
        for (int i = 1; i < args.length; i++) {
          time(Paths.get(args[i]));
        }
      }
      case "audit" -> {
        PublicationTable t = CountedTablesExport.load(Paths.get(args[1]));
        long c0 = cpuNanos();
        long w0 = System.nanoTime();
        Protection p = new Protection(new AuditState(t, DisclosureSettings.defaults()));
        new PrimarySuppression().protect(p);
        System.out.printf(Locale.ROOT, "first audit: %d unsafe, %d LPs, %.1f s wall, %.1f s CPU%n", p.unsafe().size(), p.lps(),
            (System.nanoTime() - w0) / 1e9, (cpuNanos() - c0) / 1e9);
      }
      case "optimum" -> OptimumBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** Count cells of regions that are published (the denominator of the secondary share). */
  static int countCells(List<nl.gmsd.avro.TableCell> cells) {
    int k = 0;
    for (nl.gmsd.avro.TableCell c : cells) {
      boolean rate = c.getMeasure().endsWith("_per_1000");
      boolean gone = c.getStatus().equals("ingetrokken") || c.getStatus().equals("niet_geleverd");
      k += rate || gone ? 0 : 1;
    }
    return k;
  }

  /** CPU time of the whole process so far. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void time(Path dir) throws Exception {
    List<PublicationTable> tables = new ArrayList<>();
    try (var files = java.nio.file.Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().matches("table-H[12]\\d{4}\\.txt")).sorted()
          .forEach(f -> tables.add(CountedTablesExport.load(f)));
    }
    String only = System.getProperty("provinces");
    if (only != null) {
      tables.replaceAll(t -> t.onlyProvinces(java.util.Set.of(only.split(","))));
    }
    DisclosureSettings settings = DisclosureSettings.defaults();
    ExecutorService pool = Executors.newFixedThreadPool(tables.size());
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    List<Future<DisclosureControl.Result>> results = new ArrayList<>();
    for (PublicationTable t : tables) {
      results.add(pool.submit(() -> new DisclosureControl().apply(t, settings)));
    }
    List<DisclosureControl.Result> done = new ArrayList<>();
    for (Future<DisclosureControl.Result> f : results) {
      done.add(f.get());
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpuStart) / 1e9;
    pool.shutdown();
    for (DisclosureControl.Result r : done) {
      AuditReport a = r.audit();
      int primary = 0;
      int secondary = 0;
      for (AuditReport.TableAudit t : a.tables()) {
        primary += t.primaryCells();
        secondary += t.secondaryCells();
      }
      System.out.printf(Locale.ROOT, "%s %s: rounds %d, primary %d, secondary %d (%.2f%% of %d cells), beyond protection %d,"
          + " not proven %d, %.1f s, LPs %d%n", dir.getFileName(), a.period(), a.rounds(), primary, secondary,
          100.0 * secondary / countCells(r.cells()), countCells(r.cells()), a.beyondProtection(), a.unsafeLeft(),
          a.solveMillis() / 1000.0, a.lpCount());
      for (ProtectionStage.Report st : a.stages()) {
        System.out.printf(Locale.ROOT, "    %-16s %6d cells, %2d rounds, %d unsafe after%n", st.stage(), st.cellsMadeSecret(),
            st.rounds(), st.unsafeAfter());
      }
    }
    System.out.printf(Locale.ROOT, "%s: both periods %.1f s wall, %.1f s CPU (the process, all threads)%n",
        dir.getFileName(), wall, cpu);
  }
}
