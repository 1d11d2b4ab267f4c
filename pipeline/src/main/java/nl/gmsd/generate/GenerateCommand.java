package nl.gmsd.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import nl.gmsd.OutputFolder;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.generate.GenerationPlan.Planted;
import nl.gmsd.generate.GenerationPlan.Unit;
import nl.gmsd.generate.UnitGenerator.PlantedFile;

/**
 * {@code gmsd generate}: a synthetic delivery archive and reference data for a run (SPEC 10).
 *
 * <p>Writes under the output folder:
 *
 * <ul>
 *   <li>{@code archive/manifest.csv}, {@code archive/withdrawals.csv} and the delivered files,
 *       {@code archive/<window>/WMO_<period>_<gemeentecode>v<n>.csv}, and for half years of 2016-2019
 *       {@code SBO_...} and {@code JEUGD_...} cost files (SPEC 12) in the same way;
 *   <li>{@code reference/gemeenten.csv} (the real division of every shipped year, inhabitants
 *       filled for the years the run reads with the number of generated persons),
 *       {@code reference/herindelingen.csv} (the shipped mergers) and {@code
 *       reference/personen.csv};
 *   <li>{@code planted.csv}, sorted by file, one row per delivered file: {@code
 *       file;gemeentecode;period;window;expected_verdict;expected_errors;codes;expected_in_force;
 *       received_at;account;expected_warnings}, where {@code expected_errors} counts F, R and O
 *       occurrences as verdicts.csv does (1 for the refused 21st delivery), {@code codes} and
 *       {@code expected_warnings} are {@code CODE:count} lists sorted by code (e.g. {@code
 *       R13:1,R16:1}, {@code W31:1,W32:2}), and {@code expected_in_force} marks the latest approved
 *       delivery of its gemeente and period; {@code planted_summary.csv} ({@code key;value}):
 *       persons, clients and records per period, and the planted scenarios.
 * </ul>
 *
 * <p>Persons and BSNs are synthetic ({@link SyntheticBsn}). The output is byte-identical for the
 * same arguments: every random stream is seeded from the seed and a gemeentecode, gemeenten are
 * generated in parallel into separate parts and joined in code order. Memory holds one gemeente
 * per thread.
 */
public final class GenerateCommand {

  public static final Period DEFAULT_PERIOD = Period.parse("H12025");
  static final String USAGE = String.join("\n",
      "Usage: gmsd generate --output=DIR --scale=S --seed=N [--period=H12025]",
      "",
      "Writes a synthetic delivery archive and reference data for a run for the period:",
      "  DIR/archive/     manifest.csv, withdrawals.csv and the delivered WMO files of every",
      "                   half year the run reads (the calendar years of the period and the one before);",
      "                   for half years of 2016-2019 also SBO and JEUGD cost files",
      "  DIR/reference/   gemeenten.csv, herindelingen.csv, personen.csv",
      "  DIR/planted.csv  the expected verdict, errors and in-force flag of every delivered file;",
      "  DIR/planted_summary.csv  counts and planted scenarios",
      "",
      "  --output=DIR     folder to write; must not exist or be empty",
      "  --scale=S        fraction of every gemeente's inhabitants to generate, 0 < S <= 1",
      "                   (1.0 = national volume, about 18 million persons; every gemeente gets",
      "                   at least " + GeneratorSettings.MIN_PERSONS_PER_GEMEENTE + " persons)",
      "  --seed=N         integer; the same arguments give byte-identical output",
      "  --period=P       run period, H1YYYY or H2YYYY (default " + DEFAULT_PERIOD + "); the shipped",
      "                   division must cover its year and the year before",
      "  --threads=T      gemeenten generated in parallel (default: available processors, at most 4);",
      "                   does not change the output",
      "",
      "BSNs are made up (pass the 11-test, not drawn from any register).");

  private GenerateCommand() {}

  /** Runs the command; returns the exit code (0 done, 2 bad options, 1 failure while writing). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path output = null;
    Double scale = null;
    Long seed = null;
    Period period = DEFAULT_PERIOD;
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        return usageError(err, "unexpected argument '" + arg + "' (options take the form --name=value)");
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      try {
        switch (name) {
          case "output" -> {
            nl.gmsd.common.io.Location.requireLocal("gmsd generate", "--output", value);
            output = nl.gmsd.common.io.Location.localPath(value);
          }
          case "scale" -> scale = Double.parseDouble(value);
          case "seed" -> seed = Long.parseLong(value);
          case "period" -> period = Period.parse(value);
          case "threads" -> threads = Integer.parseInt(value);
          default -> {
            return usageError(err, "unknown option --" + name);
          }
        }
      } catch (nl.gmsd.common.io.Location.UnservedException e) {
        return usageError(err, e.getMessage());
      } catch (IllegalArgumentException e) {
        return usageError(err, "bad value for --" + name + ": " + e.getMessage());
      }
    }
    if (output == null || value(output).isEmpty()) {
      return usageError(err, "missing --output=DIR");
    }
    if (scale == null) {
      return usageError(err, "missing --scale=S");
    }
    if (!(scale > 0 && scale <= 1)) {
      return usageError(err, "--scale must be a number with 0 < S <= 1, got " + scale);
    }
    if (seed == null) {
      return usageError(err, "missing --seed=N");
    }
    if (threads < 1) {
      return usageError(err, "--threads must be at least 1");
    }
    try {
      OutputFolder.requireEmpty("gmsd generate", "--output", output);
    } catch (OutputFolder.RefusedException e) {
      err.println("gmsd generate: " + e.getMessage());
      err.println("Nothing was written.");
      return 2;
    }
    GenerationSummary s;
    try {
      s = generate(output, scale, seed, period, threads, err);
    } catch (IllegalArgumentException e) {
      return usageError(err, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      err.println("gmsd generate: failed writing " + output + ": " + e.getMessage());
      return 1;
    }
    out.printf("generated %s at scale %s, seed %d, into %s%n", period, scale, seed, output);
    out.printf("  persons %d (personen.csv rows %d, households %d)%n", s.persons(), s.personenRows(), s.households());
    s.clientsByPeriod().forEach((p, c) -> out.printf("  %s: clients %d, records %d%n", p, c, s.recordsByPeriod().get(p)));
    out.printf("  delivered files %d, record lines %d%n", s.deliveryFiles(), s.deliveryRecordLines());
    if (s.costFiles() > 0) {
      out.printf("  of which cost files (SBO, JEUGD) %d, rows %d%n", s.costFiles(), s.costRows());
    }
    out.printf("  bytes %d, time %.1f s%n", s.bytes(), s.millis() / 1000.0);
    return 0;
  }

  private static String value(Path p) {
    return p.toString().trim();
  }

  private static int usageError(PrintStream err, String message) {
    err.println("gmsd generate: " + message);
    err.println("Run 'gmsd generate --help' for the options.");
    return 2;
  }

  /** Generates into {@code output} with default parallelism and no progress output. */
  public static GenerationSummary generate(Path output, double scale, long seed, Period period) throws IOException {
    return generate(output, scale, seed, period, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  static GenerationSummary generate(Path output, double scale, long seed, Period period, int threads,
      PrintStream progress) throws IOException {
    long started = System.nanoTime();
    ReferenceData ref = ReferenceData.shipped();
    GenerationPlan plan = new GenerationPlan(ref, period, scale, seed);
    Path archive = output.resolve("archive");
    Path reference = output.resolve("reference");
    Path parts = output.resolve(".parts");
    Files.createDirectories(archive);
    Files.createDirectories(reference);
    Files.createDirectories(parts);

    long total = 0;
    for (Unit u : plan.units.values()) {
      total += u.persons();
    }
    if (total > SyntheticBsn.CAPACITY) {
      throw new IllegalArgumentException("too many persons for the synthetic BSN space: " + total);
    }
    UnitGenerator generator = new UnitGenerator(plan, new SyntheticBsn(seed), archive);
    List<Unit> units = new ArrayList<>(plan.units.values());
    List<Future<UnitGenerator.Result>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<UnitGenerator.Result> results = new ArrayList<>();
    try {
      long offset = 0;
      for (Unit u : units) {
        long first = offset;
        Path part = parts.resolve(u.key() + ".part");
        futures.add(pool.submit(() -> generator.generate(u, first, part)));
        offset += u.persons();
      }
      int done = 0;
      int nextReport = 1;
      for (Future<UnitGenerator.Result> f : futures) {
        results.add(f.get());
        done++;
        if (done * 10 >= nextReport * units.size()) {
          progress.printf("gmsd generate: %d%% of gemeenten (%d/%d)%n", done * 100 / units.size(), done, units.size());
          nextReport = done * 10 / units.size() + 1;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    } finally {
      pool.shutdownNow();
    }

    // personen.csv: the parts joined in code order
    Path personen = reference.resolve("personen.csv");
    try (FileChannel outCh = FileChannel.open(personen, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      outCh.write(java.nio.ByteBuffer.wrap("bsn;geboortedatum;geslacht;huishouden\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      for (Unit u : units) {
        Path part = parts.resolve(u.key() + ".part");
        try (FileChannel in = FileChannel.open(part)) {
          long size = in.size();
          long pos = 0;
          while (pos < size) {
            pos += in.transferTo(pos, size - pos, outCh);
          }
        }
        Files.delete(part);
      }
    }
    Files.delete(parts);

    writeGemeenten(ref, plan, reference.resolve("gemeenten.csv"));
    try (InputStream in = GenerateCommand.class.getResourceAsStream("/nl/gmsd/refdata/herindelingen.csv")) {
      if (in == null) {
        throw new IllegalStateException("shipped herindelingen.csv missing");
      }
      Files.copy(in, reference.resolve("herindelingen.csv"));
    }

    List<PlantedFile> files = new ArrayList<>();
    List<String> withdrawals = new ArrayList<>();
    long persons = 0;
    long personenRows = 0;
    long households = 0;
    long recordLines = 0;
    long costFiles = 0;
    long costRows = 0;
    TreeMap<String, Long> clients = new TreeMap<>();
    TreeMap<String, Long> records = new TreeMap<>();
    for (UnitGenerator.Result r : results) {
      files.addAll(r.files);
      withdrawals.addAll(r.withdrawals);
      persons += r.persons;
      personenRows += r.personenRows;
      households += r.households;
      recordLines += r.recordLines;
      costFiles += r.costFiles;
      costRows += r.costRows;
      r.clientsByPeriod.forEach((k, v) -> clients.merge(k, v, Long::sum));
      r.recordsByPeriod.forEach((k, v) -> records.merge(k, v, Long::sum));
    }
    files.sort(Comparator.comparing(PlantedFile::receivedAt).thenComparing(PlantedFile::file));
    try (Writer w = UnitGenerator.writer(archive.resolve("manifest.csv"))) {
      w.write("received_at;account;file\n");
      for (PlantedFile f : files) {
        w.write(f.receivedAt() + ";" + f.account() + ";" + f.file() + "\n");
      }
    }
    try (Writer w = UnitGenerator.writer(archive.resolve("withdrawals.csv"))) {
      w.write("gemeentecode;period;withdrawn_at\n");
      for (String row : withdrawals) {
        w.write(row + "\n");
      }
    }
    files.sort(Comparator.comparing(PlantedFile::file));
    try (Writer w = UnitGenerator.writer(output.resolve("planted.csv"))) {
      w.write("file;gemeentecode;period;window;expected_verdict;expected_errors;codes;expected_in_force;received_at;account;expected_warnings\n");
      for (PlantedFile f : files) {
        w.write(String.join(";", f.file(), f.gemeentecode(), f.period(), f.window(), f.verdict(),
            Integer.toString(f.errors()), f.codes(), Boolean.toString(f.inForce()), f.receivedAt(), f.account(), f.warnings()) + "\n");
      }
    }
    try (Writer w = UnitGenerator.writer(output.resolve("planted_summary.csv"))) {
      w.write("key;value\n");
      w.write("period;" + period + "\n");
      w.write("scale;" + scale + "\n");
      w.write("seed;" + seed + "\n");
      w.write("periods_read;" + String.join(",", plan.periods.stream().map(Period::code).toList()) + "\n");
      w.write("gemeenten;" + units.size() + "\n");
      w.write("persons;" + persons + "\n");
      w.write("personen_rows;" + personenRows + "\n");
      w.write("persons_not_in_register;" + (persons - personenRows) + "\n");
      w.write("households;" + households + "\n");
      for (var e : clients.entrySet()) {
        w.write("clients_" + e.getKey() + ";" + e.getValue() + "\n");
        w.write("records_" + e.getKey() + ";" + records.get(e.getKey()) + "\n");
      }
      w.write("delivered_files;" + files.size() + "\n");
      w.write("delivery_record_lines;" + recordLines + "\n");
      w.write("withdrawals;" + withdrawals.size() + "\n");
      for (Map.Entry<String, Planted> e : plan.scenarios.entrySet()) {
        Planted p = e.getValue();
        w.write("scenario_" + p.scenario().name().toLowerCase() + "_" + p.period() + "_" + e.getKey() + ";"
            + String.join(",", p.errorCodes()) + "\n");
      }
      for (Map.Entry<String, String> e : plan.accounts.entrySet()) {
        w.write("partnership_account_" + e.getKey() + ";" + e.getValue() + "\n");
      }
      if (costFiles > 0) { // only for half years of 2016-2019 (SPEC 12)
        w.write("cost_files;" + costFiles + "\n");
        w.write("cost_rows;" + costRows + "\n");
        for (Map.Entry<String, GenerationPlan.CostPlanted> e : plan.costScenarios.entrySet()) {
          GenerationPlan.CostPlanted p = e.getValue();
          w.write("cost_scenario_" + p.kind().toLowerCase(Locale.ROOT) + "_"
              + p.scenario().name().toLowerCase(Locale.ROOT) + "_" + p.period() + "_" + e.getKey() + ";"
              + String.join(",", p.errorCodes()) + "\n");
        }
      }
    }
    long bytes = 0;
    try (Stream<Path> all = Files.walk(output)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(p);
      }
    }
    return new GenerationSummary(persons, personenRows, households, clients, records, files.size(), recordLines,
        costFiles, costRows,
        bytes, (System.nanoTime() - started) / 1_000_000);
  }

  private static void writeGemeenten(ReferenceData ref, GenerationPlan plan, Path path) throws IOException {
    TreeMap<String, Integer> persons = new TreeMap<>(); // "year/code" -> persons
    for (Unit u : plan.units.values()) {
      for (var e : u.codesByYear().entrySet()) {
        int[] counts = u.personsByYear().get(e.getKey());
        for (int i = 0; i < counts.length; i++) {
          persons.put(e.getKey() + "/" + e.getValue().get(i), Math.max(1, counts[i]));
        }
      }
    }
    try (Writer w = UnitGenerator.writer(path)) {
      w.write("jaar;gemeentecode;gemeentenaam;provincie;inwoners\n");
      for (int year : ref.years()) {
        for (ReferenceData.Gemeente g : ref.division(year).values()) {
          Integer n = plan.years.contains(year) ? persons.get(year + "/" + g.code()) : null;
          w.write(year + ";" + g.code() + ";" + g.name() + ";" + g.province() + ";" + (n == null ? "" : n) + "\n");
        }
      }
    }
  }
}
