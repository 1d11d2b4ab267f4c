package nl.gmsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputPaths;
import nl.gmsd.intake.DeliveryArchive;
import nl.gmsd.pseudonymise.PseudonymKey;
import nl.gmsd.report.WriteCheckReports;
import nl.gmsd.write.Json;
import nl.gmsd.write.OutputFiles;
import nl.gmsd.write.RecordRunFacts;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code gmsd run}: validates every input before anything is written, runs the pipeline into a
 * hidden staging folder beside the output, writes {@code run.json} last and then moves the
 * folder into place. A run that fails leaves the previous output untouched.
 */
public final class RunCommand {

  public static final String RUN_JSON = "run.json";
  public static final String PERSONEN_FILE = "personen.csv";

  /** A defect in the run's inputs or options, reported before anything is written (exit 2). */
  public static final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
      super(message);
    }
  }

  private RunCommand() {}

  /** Runs with Beam-style arguments; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    GmsdOptions options;
    List<String> problems = RunOptions.problems(args);
    try {
      if (problems.isEmpty()) {
        options = PipelineOptionsFactory.fromArgs(Engines.withDefaults(args)).withValidation().as(GmsdOptions.class);
      } else {
        options = null;
      }
    } catch (IllegalArgumentException e) {
      // What the checks above do not catch (e.g. an unknown --runner): Beam's first line.
      problems = List.of(e.getMessage().lines().findFirst().orElse("bad options"));
      options = null;
    }
    if (options == null) {
      for (String p : problems) {
        err.println("gmsd run: " + p);
      }
      err.println("See 'scripts/gmsd run --help'. Nothing was written.");
      return 2;
    }
    try {
      Path output = execute(options, out);
      out.println("Outputs in " + output);
      return 0;
    } catch (InputException | InputFileException | OutputFolder.RefusedException e) {
      err.println("gmsd run: " + e.getMessage());
      err.println("Nothing was written.");
      return 2;
    } catch (RuntimeException e) {
      err.println("gmsd run: the run failed; the previous output (if any) is untouched.");
      for (Throwable t = e; t != null; t = t.getCause()) {
        err.println("  " + t.getClass().getSimpleName() + ": " + t.getMessage());
      }
      return 1;
    }
  }

  /** Validates, runs and publishes; returns the output folder. Throws on any failure. */
  public static Path execute(GmsdOptions options, PrintStream out) {
    Instant started = Instant.now();
    Period period = parsePeriod(options.getPeriod());
    Path archive = existingDir(options.getArchive(), "--archive");
    Path referenceDir = existingDir(options.getReference(), "--reference");
    Path personen = referenceDir.resolve(PERSONEN_FILE);
    InputPaths.requireFile(personen, "the population register extract",
        "add it to the reference folder, header bsn;geboortedatum;geslacht;huishouden");
    Path keyFile = Paths.get(options.getPseudonymKeyFile()).toAbsolutePath();
    InputPaths.requireFile(keyFile, "the pseudonymisation key (--pseudonymKeyFile)",
        "make one with: head -c 32 /dev/urandom > gmsd.key && chmod 600 gmsd.key");
    try {
      PseudonymKey.read(keyFile); // fail now, not on a worker
    } catch (IllegalArgumentException e) {
      throw new InputException("--pseudonymKeyFile: " + e.getMessage());
    }
    Path output = Paths.get(options.getOutput()).toAbsolutePath().normalize();
    checkOutput(output, archive, referenceDir, keyFile);
    ReferenceData reference = ReferenceData.read(referenceDir);
    requireDivisionsAndInhabitants(reference, referenceDir, period);
    DeliveryArchive deliveries;
    try {
      deliveries = DeliveryArchive.read(archive, period);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.printf("gmsd run %s: %d uploads in the archive's windows up to %s (%d later ones ignored)%n",
        period, deliveries.uploads().size(), period, deliveries.ignoredUploads().size());

    Path staging = output.resolveSibling("." + output.getFileName() + ".partial-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      GmsdPipeline.RunInputs inputs = new GmsdPipeline.RunInputs(period, deliveries.uploads(),
          deliveries.withdrawals(), reference, archive, personen, keyFile, staging);
      Pipeline pipeline = Pipeline.create(options);
      GmsdPipeline.build(pipeline, options, inputs);
      out.printf("Running the pipeline on %s ...%n", Engines.describe(options));
      PipelineResult.State state;
      try (Heartbeat ignored = Heartbeat.every(30, out)) {
        state = pipeline.run().waitUntilFinish();
      }
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state);
      }
      int abandoned = OutputFiles.removeAbandonedTemporaries(staging);
      if (abandoned > 0) {
        out.printf("Removed %d unfinished file(s) of task attempts that failed and were retried.%n", abandoned);
      }
      writeRunJson(staging, options, inputs, deliveries, referenceDir, started);
      publish(staging, output);
      out.printf("Done in %.1f s.%n", (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);
      return output;
    } catch (IOException e) {
      deleteQuietly(staging);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
  }

  /**
   * The division of each result period's year, and inhabitants (of some year, SPEC 6) for each of
   * its gemeenten: without them the tables cannot be made, so say so now, not after the run.
   */
  static void requireDivisionsAndInhabitants(ReferenceData reference, Path referenceDir, Period period) {
    boolean plain = reference.files().contains(ReferenceData.GEMEENTEN_FILE);
    for (Period p : List.of(period, period.previous())) {
      int y = p.year();
      if (!reference.hasDivision(y)) {
        throw new InputException(referenceDir + ": no division for " + y + " (needed for " + p + "); add "
            + (plain ? "the rows with jaar=" + y + " to " + ReferenceData.GEMEENTEN_FILE
                : "CBS's division of " + y + " as gemeenten-alfabetisch-" + y + ".csv"));
      }
      List<String> without = new ArrayList<>();
      for (ReferenceData.Gemeente g : reference.division(y).values()) {
        if (reference.inhabitants(y, g.code()).isEmpty()) {
          without.add(g.code() + " (" + g.name() + ")");
        }
      }
      if (!without.isEmpty()) {
        throw new InputException(referenceDir + ": " + without.size() + " gemeente(n) of the division of " + y
            + " have inhabitants in no year, e.g. " + String.join(", ", without.subList(0, Math.min(5, without.size())))
            + "; add their inhabitants on 1 January to "
            + (plain ? ReferenceData.GEMEENTEN_FILE + " (column inwoners)" : "inwoners.csv"));
      }
    }
  }

  /**
   * The output rule (README): an earlier output of gmsd run as it left it, or a new or empty
   * folder, apart from every input; refused before anything runs.
   */
  static void checkOutput(Path output, Path archive, Path referenceDir, Path keyFile) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("the archive", archive);
    inputs.put("the reference folder", referenceDir);
    inputs.put("the key file", keyFile);
    OutputFolder.requireApartFrom("--output", output, inputs);
    OutputFolder.requireReplaceableRunOutput("--output", output);
  }

  /** Prints the elapsed time while the pipeline runs, so a long run is seen to be alive. */
  static final class Heartbeat implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer;

    private Heartbeat(java.util.concurrent.ScheduledExecutorService timer) {
      this.timer = timer;
    }

    static Heartbeat every(int seconds, PrintStream out) {
      long start = System.nanoTime();
      java.util.concurrent.ScheduledExecutorService timer =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gmsd-heartbeat");
            t.setDaemon(true);
            return t;
          });
      timer.scheduleAtFixedRate(() -> {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf("  ... running, %d min %02d s%n", s / 60, s % 60);
      }, seconds, seconds, java.util.concurrent.TimeUnit.SECONDS);
      return new Heartbeat(timer);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  private static Period parsePeriod(String code) {
    try {
      return Period.parse(code);
    } catch (IllegalArgumentException e) {
      throw new InputException("--period: " + e.getMessage());
    }
  }

  private static Path existingDir(String value, String option) {
    Path p = Paths.get(value).toAbsolutePath().normalize();
    try {
      InputPaths.requireFolder(p, "the folder of " + option, "give the folder's path with " + option + "=DIR");
    } catch (InputFileException e) {
      throw new InputException(option + ": " + e.getMessage());
    }
    return p;
  }

  /** Replaces {@code output} by {@code staging}: the old output stays until the new one is complete. */
  static void publish(Path staging, Path output) throws IOException {
    deleteRecursively(staging.resolve(RecordRunFacts.FOLDER));
    // Again, now: something may have been put into the old output while this run worked.
    OutputFolder.requireReplaceableRunOutput("--output", output);
    Path previous = null;
    if (Files.exists(output)) {
      previous = output.resolveSibling("." + output.getFileName() + ".previous-" + UUID.randomUUID());
      Files.move(output, previous);
    }
    Files.move(staging, output);
    if (previous != null) {
      deleteRecursively(previous);
    }
  }

  private static void writeRunJson(Path staging, GmsdOptions options, GmsdPipeline.RunInputs in,
      DeliveryArchive deliveries, Path referenceDir, Instant started) throws IOException {
    Map<String, Object> run = Json.object();
    run.put("status", "completed");
    run.put("period", in.period().code());
    run.put("result_periods", in.resultPeriods().stream().map(Period::code).toList());
    run.put("periods_read", in.periodsRead().stream().sorted().map(Period::code).toList());

    Map<String, Object> inputs = Json.object();
    Map<String, Object> archiveFiles = Json.object();
    archiveFiles.put(DeliveryArchive.MANIFEST, checksum(in.archive().resolve(DeliveryArchive.MANIFEST)));
    Path withdrawals = in.archive().resolve(DeliveryArchive.WITHDRAWALS);
    if (Files.isRegularFile(withdrawals)) {
      archiveFiles.put(DeliveryArchive.WITHDRAWALS, checksum(withdrawals));
    }
    List<Upload> sorted = new ArrayList<>(in.uploads());
    sorted.sort(Comparator.comparing(Upload::getFile));
    for (Upload u : sorted) {
      Path f = in.archive().resolve(u.getFile());
      archiveFiles.put(u.getFile(), Files.isRegularFile(f) ? checksum(f) : Files.exists(f) ? "not a regular file" : "missing");
    }
    inputs.put("archive", archiveFiles);
    Map<String, Object> refFiles = Json.object();
    List<String> referenceFiles = new ArrayList<>(in.reference().files());
    referenceFiles.add(PERSONEN_FILE);
    for (String name : referenceFiles) {
      refFiles.put(name, checksum(referenceDir.resolve(name)));
    }
    inputs.put("reference", refFiles);
    run.put("inputs", inputs);

    Map<String, Object> deliveryFacts = Json.object();
    deliveryFacts.put("uploads_considered", deliveries.uploads().size());
    deliveryFacts.put("uploads_ignored_later_window", deliveries.ignoredUploads().stream()
        .map(u -> u.getFile() + " (" + u.getReceivedAt() + ", window " + u.getWindow() + ")").toList());
    deliveryFacts.put("files_not_in_manifest", deliveries.unlistedFiles());
    deliveryFacts.put("withdrawals", deliveries.withdrawals().size());
    deliveryFacts.put("verdicts", verdictCounts(staging));
    run.put("deliveries", deliveryFacts);

    run.put("settings", RunOptions.settings(options));
    run.put("inhabitants", inhabitantsSources(in));
    run.put("counts", readCounts(staging));
    Map<String, Object> audits = Json.object();
    for (Period p : in.resultPeriods()) {
      Path a = staging.resolve(RecordRunFacts.FOLDER).resolve("audit-" + p.code() + ".json");
      audits.put(p.code(), Files.isRegularFile(a) ? new Json.Raw(Files.readString(a)) : null);
    }
    run.put("disclosure_audit", audits);
    Map<String, Object> auditMillis = Json.object();
    for (Period p : in.resultPeriods()) {
      Path t = staging.resolve(RecordRunFacts.FOLDER).resolve("audit-" + p.code() + ".millis");
      auditMillis.put(p.code(), Files.isRegularFile(t) ? Long.parseLong(Files.readString(t).trim()) : null);
    }

    Map<String, Object> env = Json.object();
    env.put("engine", Engines.describe(options));
    env.put("started_at", started.toString());
    env.put("finished_at", Instant.now().toString());
    env.put("duration_ms", System.currentTimeMillis() - started.toEpochMilli());
    env.put("archive", in.archive().toString());
    env.put("reference", referenceDir.toString());
    env.put("output", Paths.get(options.getOutput()).toAbsolutePath().normalize().toString());
    env.put("java", System.getProperty("java.version"));
    env.put("disclosure_audit_solve_ms", auditMillis);
    // What the output holds once published (without the run's own .run folder): a later run
    // replaces this folder only while its listing still gives this digest (OutputFolder).
    List<String> listing = new ArrayList<>(OutputFolder.listing(staging, RecordRunFacts.FOLDER));
    listing.add(RUN_JSON);
    env.put("output_files_sha256", OutputFolder.digest(listing));
    run.put("environment", env);
    OutputFiles.writeString(staging.resolve(RUN_JSON), Json.write(run));
  }

  /** Where each period's inhabitants come from (SPEC 6: the nearest year with counts). */
  private static List<Object> inhabitantsSources(GmsdPipeline.RunInputs in) {
    List<Object> list = new ArrayList<>();
    for (Period p : in.resultPeriods()) {
      Map<Integer, Integer> fromYears = new TreeMap<>();
      int missing = 0;
      for (String code : in.reference().division(p.year()).keySet()) {
        var inh = in.reference().inhabitants(p.year(), code);
        if (inh.isPresent()) {
          fromYears.merge(inh.get().fromYear(), 1, Integer::sum);
        } else {
          missing++;
        }
      }
      Map<String, Object> e = Json.object();
      e.put("period", p.code());
      e.put("year", p.year());
      Map<String, Object> from = Json.object();
      fromYears.forEach((y, n) -> from.put(String.valueOf(y), n));
      e.put("gemeenten_per_source_year", from);
      e.put("fallback_used", fromYears.keySet().stream().anyMatch(y -> y != p.year()));
      e.put("gemeenten_without_inhabitants", missing);
      list.add(e);
    }
    return list;
  }

  private static Map<String, Object> verdictCounts(Path staging) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    Path csv = staging.resolve(WriteCheckReports.FOLDER).resolve("verdicts.csv");
    if (Files.isRegularFile(csv)) {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(";", -1);
        counts.merge(f[4], 1, Integer::sum);
      }
    }
    Map<String, Object> m = Json.object();
    counts.forEach(m::put);
    return m;
  }

  private static Map<String, Object> readCounts(Path staging) throws IOException {
    Map<String, Object> m = Json.object();
    Path f = staging.resolve(RecordRunFacts.FOLDER).resolve(RecordRunFacts.COUNTS_FILE);
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] kv = line.split("\t");
        m.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    return m;
  }

  private static Map<String, Object> checksum(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long bytes = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        bytes += n;
      }
    }
    Map<String, Object> m = Json.object();
    m.put("bytes", bytes);
    m.put("sha256", HexFormat.of().formatHex(sha.digest()));
    return m;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteRecursively(dir);
    } catch (IOException ignored) {
      // best effort: a left-over staging folder is hidden and never looks complete
    }
  }
}
