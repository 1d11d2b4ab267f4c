package nl.gmsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import nl.gmsd.avro.Upload;
import nl.gmsd.check.FileKind;
import nl.gmsd.check.FileKinds;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputPaths;
import nl.gmsd.common.io.LocalCopy;
import nl.gmsd.common.io.Location;
import nl.gmsd.common.io.Storage;
import nl.gmsd.disclose.AuditReport;
import nl.gmsd.intake.DeliveryArchive;
import nl.gmsd.join.PersonMatch;
import nl.gmsd.pseudonymise.PersonenFacts;
import nl.gmsd.pseudonymise.PersonenFile;
import nl.gmsd.pseudonymise.PseudonymKey;
import nl.gmsd.pseudonymise.Pseudonymiser;
import nl.gmsd.write.Json;
import nl.gmsd.write.OutputFiles;
import nl.gmsd.write.RecordRunFacts;
import nl.gmsd.write.RunFacts;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
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
      String output = execute(options, out);
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

  /**
   * Validates, runs and publishes; returns the output folder. Throws on any failure. Every
   * location is a local path or a URI that one of Beam's file systems serves ({@link Storage}).
   */
  public static String execute(GmsdOptions options, PrintStream out) {
    Instant started = Instant.now();
    Period period = parsePeriod(options.getPeriod());
    FileSystems.setDefaultPipelineOptions(options); // the file systems the options configure (hdfs://)
    requireServedLocations(options);
    requireShare(options.getMinPersonMatchShare(), "--minPersonMatchShare");
    String archive = existingDir(options.getArchive(), "--archive");
    String referenceDir = existingDir(options.getReference(), "--reference");
    String personen = Storage.resolve(referenceDir, PERSONEN_FILE);
    requireFile(personen, "the population register extract",
        "add it to the reference folder, header bsn;geboortedatum;geslacht;huishouden");
    String keyFile = Storage.normalize(options.getPseudonymKeyFile());
    requireFile(keyFile, "the pseudonymisation key (--pseudonymKeyFile)",
        "make one with: head -c 32 /dev/urandom > gmsd.key && chmod 600 gmsd.key");
    try {
      PseudonymKey.read(keyFile); // fail now, not on a worker
    } catch (IllegalArgumentException e) {
      throw new InputException("--pseudonymKeyFile: " + e.getMessage());
    }
    String output = Storage.normalize(options.getOutput());
    Path tempRoot = Path.of(options.getTempFolder()).toAbsolutePath().normalize();
    requireTempFolderApart(tempRoot, output, archive, referenceDir);
    try (RunTemporaryFolder temp = RunTemporaryFolder.open(tempRoot)) {
      List<String> live;
      try {
        live = OutputStaging.removeLeftovers(output, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!live.isEmpty()) {
        throw new InputException("another gmsd run is writing --output=" + output + " right now (" + live.get(0)
            + " beside it): wait until it ends, or give another --output");
      }
      checkOutput(output, archive, referenceDir, keyFile);
      long checksStarted = System.nanoTime();
      ReferenceData reference = Storage.isLocal(referenceDir) ? ReferenceData.read(Path.of(referenceDir))
          : LocalCopy.ofFolder(referenceDir, java.util.Set.of(PERSONEN_FILE), ReferenceData::read);
      requireDivisionsAndInhabitants(reference, referenceDir, period);
      PersonenFile personenFile = PersonenFile.open(personen); // its header now; its rows in the run
      DeliveryArchive deliveries;
      try {
        deliveries = DeliveryArchive.read(archive, period, reference);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Object> checkMillis = Json.object();
      checkMillis.put("before_the_job", (System.nanoTime() - checksStarted) / 1_000_000);
      out.printf("gmsd run %s: %d uploads in the archive's windows up to %s (%d later ones ignored)%n",
          period, deliveries.uploads().size(), period, deliveries.ignoredUploads().size());
      return runAndPublish(options, out, started, period, archive, referenceDir, keyFile, output, temp,
          reference, personenFile, deliveries, checkMillis);
    }
  }

  private static String runAndPublish(GmsdOptions options, PrintStream out, Instant started, Period period,
      String archive, String referenceDir, String keyFile, String output, RunTemporaryFolder temp,
      ReferenceData reference, PersonenFile personenFile, DeliveryArchive deliveries, Map<String, Object> checkMillis) {
    OutputStaging staging = null;
    try {
      Engines.keepEngineFilesIn(options, temp);
      staging = OutputStaging.create(output, temp);
      String stagingPath = staging.path();
      GmsdPipeline.RunInputs inputs = new GmsdPipeline.RunInputs(period, deliveries.uploads(),
          deliveries.withdrawals(), reference, archive, personenFile, keyFile, stagingPath);
      Pipeline pipeline = Pipeline.create(options);
      RunFacts.Expected expected = GmsdPipeline.build(pipeline, options, inputs);
      out.printf("Running the pipeline on %s ...%n", Engines.describe(options));
      PipelineResult result;
      PipelineResult.State state;
      try (Heartbeat ignored = Heartbeat.every(30, out)) {
        result = pipeline.run();
        state = result.waitUntilFinish();
      }
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state);
      }
      // The job's counts, verdicts and audits come with its result, not from files it wrote.
      RunFacts facts = RunFacts.read(result.metrics(), expected);
      int abandoned = OutputFiles.removeAbandonedTemporaries(stagingPath);
      if (abandoned > 0) {
        out.printf("Removed %d unfinished file(s) of task attempts that failed and were retried.%n", abandoned);
      }
      // The register's rows were checked while the job read them: any defect stops the run here.
      long factsStarted = System.nanoTime();
      PersonenFacts.Summary register = PersonenFacts.collect(GmsdPipeline.personenFacts(stagingPath), personenFile,
          new Pseudonymiser(PseudonymKey.read(keyFile)));
      checkMillis.put("register_facts_after_the_job", (System.nanoTime() - factsStarted) / 1_000_000);
      out.printf("%s: %d rows checked while the job read them.%n", PERSONEN_FILE, register.rows());
      PersonMatch match = PersonMatch.of(facts.counts());
      checkPersonMatch(match, options.getMinPersonMatchShare(), reference, period, out);
      writeRunJson(stagingPath, options, inputs, deliveries, referenceDir, started, register, facts, match,
          checkMillis);
      staging.publish();
      out.printf("Done in %.1f s.%n", (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);
      return output;
    } catch (IOException e) {
      if (staging != null) {
        staging.deleteQuietly();
      }
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (staging != null) {
        staging.deleteQuietly();
      }
      throw e;
    }
  }

  /**
   * The temporary folder may not lie inside the output or an input: the run's files would land in
   * them. (It is a local folder; a location on another file system cannot hold it.)
   */
  static void requireTempFolderApart(Path tempRoot, String output, String archive, String referenceDir) {
    Path t = OutputFolder.real(tempRoot);
    Map<String, String> places = new LinkedHashMap<>();
    places.put("--output", output);
    places.put("the archive", archive);
    places.put("the reference folder", referenceDir);
    for (Map.Entry<String, String> e : places.entrySet()) {
      if (Storage.isLocal(e.getValue()) && t.startsWith(OutputFolder.real(Location.localPath(e.getValue())))) {
        throw new InputException("--tempFolder=" + tempRoot + " lies inside " + e.getKey() + " (" + e.getValue()
            + "): give a temporary folder outside the output and the inputs, e.g. /tmp");
      }
    }
  }

  /**
   * The division of each result period's year, and inhabitants (of some year, SPEC 6) for each of
   * its gemeenten: without them the tables cannot be made, so say so now, not after the run.
   */
  static void requireDivisionsAndInhabitants(ReferenceData reference, String referenceDir, Period period) {
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
  static void checkOutput(String output, String archive, String referenceDir, String keyFile) {
    Map<String, String> inputs = new LinkedHashMap<>();
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

  /**
   * Every path option is one this program can serve: a value with a scheme is never taken as a
   * local relative path (an {@code --output=hdfs://...} must not end up in a local folder "hdfs:").
   */
  static void requireServedLocations(GmsdOptions options) {
    Map<String, String> locations = new LinkedHashMap<>();
    locations.put("--archive", options.getArchive());
    locations.put("--reference", options.getReference());
    locations.put("--pseudonymKeyFile", options.getPseudonymKeyFile());
    locations.put("--output", options.getOutput());
    for (Map.Entry<String, String> e : locations.entrySet()) {
      try {
        Location.requireServed(e.getKey(), e.getValue());
      } catch (Location.UnservedException x) {
        throw new InputException(x.getMessage());
      }
    }
  }

  private static Period parsePeriod(String code) {
    try {
      return Period.parse(code);
    } catch (IllegalArgumentException e) {
      throw new InputException("--period: " + e.getMessage());
    }
  }

  /** A share is a number from 0 to 1 (not a percentage): anything else would stop every run, or none. */
  static void requireShare(double value, String option) {
    if (!(value >= 0 && value <= 1)) {
      throw new InputException(option + "=" + value + ": give a share from 0 to 1 (0.5 is half; 0 turns the check off)");
    }
  }

  private static String existingDir(String value, String option) {
    String p = Storage.normalize(value);
    try {
      if (Storage.isLocal(p)) {
        InputPaths.requireFolder(Path.of(p), "the folder of " + option, "give the folder's path with " + option + "=DIR");
      } else if (Storage.kind(p) != Storage.Kind.FOLDER) {
        throw new InputException(option + ": " + p + " is not a folder that holds files (or does not exist): give "
            + "the folder's location with " + option + "=DIR");
      }
    } catch (InputFileException e) {
      throw new InputException(option + ": " + e.getMessage());
    } catch (IOException e) {
      throw new InputException(option + ": " + p + " cannot be read (" + e.getMessage() + ")");
    }
    return p;
  }

  /** {@link InputPaths#requireFile} for a location. */
  private static void requireFile(String p, String what, String fixIfMissing) {
    if (Storage.isLocal(p)) {
      InputPaths.requireFile(Path.of(p), what, fixIfMissing);
      return;
    }
    Storage.Kind kind;
    try {
      kind = Storage.kind(p);
    } catch (IOException e) {
      throw new InputFileException(p + " cannot be read (" + what + "): " + e.getMessage());
    }
    if (kind == Storage.Kind.MISSING) {
      throw new InputFileException(p + " does not exist (" + what + "): " + fixIfMissing);
    }
    if (kind == Storage.Kind.FOLDER) {
      throw new InputFileException(p + " is a folder, but " + what + " must be a file: give the path of the file itself");
    }
  }

  /**
   * SPEC 6: a join that matched almost nothing is a wrong input. Below {@code minShare} overall
   * the run stops (exit 2); each gemeente below it is named on the console.
   */
  static void checkPersonMatch(PersonMatch match, double minShare, ReferenceData reference, Period period,
      PrintStream out) {
    List<String> below = match.below(minShare);
    if (!below.isEmpty()) {
      List<String> named = new ArrayList<>();
      for (String g : below) {
        String name = reference.gemeente(period.year(), g).map(ReferenceData.Gemeente::name).orElse("");
        named.add(g + (name.isEmpty() ? "" : " " + name) + " " + PersonMatch.describe(match.perGemeente().get(g)));
      }
      out.printf("Warning: in %d gemeente(n) fewer than %.0f%% of the clients were found in %s (--minPersonMatchShare): %s%n",
          below.size(), 100 * minShare, PERSONEN_FILE, String.join("; ", named));
    }
    if (match.tooFew(minShare)) {
      throw new InputException("only " + PersonMatch.describe(match.total()) + " of the clients found their person in "
          + PERSONEN_FILE + ", fewer than --minPersonMatchShare=" + minShare + ". That is a wrong input, not a result: "
          + "usually " + PERSONEN_FILE + " is another extract than the deliveries' (another region, period or a test "
          + "file), or the deliveries hold made-up BSNs. Check " + PERSONEN_FILE + " and run again (both sides are "
          + "pseudonymised with the same key, so the key is not the cause)");
    }
  }

  private static void writeRunJson(String staging, GmsdOptions options, GmsdPipeline.RunInputs in,
      DeliveryArchive deliveries, String referenceDir, Instant started, PersonenFacts.Summary register,
      RunFacts facts, PersonMatch match, Map<String, Object> checkMillis) throws IOException {
    Map<String, Object> run = Json.object();
    run.put("status", "completed");
    run.put("period", in.period().code());
    run.put("result_periods", in.resultPeriods().stream().map(Period::code).toList());
    run.put("periods_read", in.periodsRead().stream().sorted().map(Period::code).toList());

    Map<String, Object> inputs = Json.object();
    Map<String, Object> archiveFiles = Json.object();
    archiveFiles.put(DeliveryArchive.MANIFEST, checksum(Storage.resolve(in.archive(), DeliveryArchive.MANIFEST)));
    String withdrawals = Storage.resolve(in.archive(), DeliveryArchive.WITHDRAWALS);
    if (isRegularFile(withdrawals)) {
      archiveFiles.put(DeliveryArchive.WITHDRAWALS, checksum(withdrawals));
    }
    List<Upload> sorted = new ArrayList<>(in.uploads());
    sorted.sort(Comparator.comparing(Upload::getFile));
    for (Upload u : sorted) {
      String f = Storage.resolve(in.archive(), u.getFile());
      archiveFiles.put(u.getFile(), isRegularFile(f) ? checksum(f)
          : Storage.kind(f) != Storage.Kind.MISSING ? "not a regular file" : "missing");
    }
    inputs.put("archive", archiveFiles);
    Map<String, Object> refFiles = Json.object();
    List<String> referenceFiles = new ArrayList<>(in.reference().files());
    referenceFiles.add(PERSONEN_FILE);
    for (String name : referenceFiles) {
      refFiles.put(name, checksum(Storage.resolve(referenceDir, name)));
    }
    inputs.put("reference", refFiles);
    run.put("inputs", inputs);

    Map<String, Object> deliveryFacts = Json.object();
    deliveryFacts.put("uploads_considered", deliveries.uploads().size());
    deliveryFacts.put("uploads_ignored_later_window", deliveries.ignoredUploads().stream()
        .map(u -> u.getFile() + " (" + u.getReceivedAt() + ", window " + u.getWindow() + ")").toList());
    deliveryFacts.put("files_not_in_manifest", deliveries.unlistedFiles());
    deliveryFacts.put("withdrawals", deliveries.withdrawals().size());
    deliveryFacts.put("verdicts", new TreeMap<>(facts.verdicts()));
    if (!RecordRunFacts.otherKindsRead(in.periodsRead()).isEmpty()) {
      deliveryFacts.put("verdicts_per_kind", verdictsPerKind(facts)); // SPEC 12: runs of 2016-2019
    }
    run.put("deliveries", deliveryFacts);

    run.put("settings", RunOptions.settings(options));
    run.put("inhabitants", inhabitantsSources(in));
    Map<String, Object> counts = Json.object();
    TreeMap<String, Long> stageCounts = new TreeMap<>();
    facts.counts().forEach((k, v) -> {
      if (!k.startsWith(PersonMatch.KEY_PREFIX)) {
        stageCounts.put(k, v);
      }
    });
    stageCounts.put("persons_read", register.persons());
    stageCounts.forEach(counts::put);
    run.put("counts", counts);
    run.put("person_match", personMatch(match, options.getMinPersonMatchShare()));
    Map<String, Object> audits = Json.object();
    Map<String, Object> auditMillis = Json.object();
    for (Period p : in.resultPeriods()) {
      AuditReport audit = facts.audits().get(p.code());
      audits.put(p.code(), audit.toJsonObject());
      auditMillis.put(p.code(), audit.solveMillis()); // the machine's, so under environment
    }
    run.put("disclosure_audit", audits);

    Map<String, Object> env = Json.object();
    env.put("engine", Engines.describe(options));
    env.put("started_at", started.toString());
    env.put("finished_at", Instant.now().toString());
    env.put("duration_ms", System.currentTimeMillis() - started.toEpochMilli());
    env.put("archive", in.archive());
    env.put("reference", referenceDir);
    env.put("output", Storage.normalize(options.getOutput()));
    env.put("java", System.getProperty("java.version"));
    env.put("disclosure_audit_solve_ms", auditMillis);
    // The input checks done by the driver (the register's rows are checked inside the job).
    env.put("input_checks_ms", checkMillis);
    // What the output holds once published (without the run's own .run folder): a later run
    // replaces this folder only while its listing still gives this digest (OutputFolder).
    List<String> listing = new ArrayList<>(OutputFolder.listing(staging, OutputStaging.RUN_FOLDER));
    listing.add(RUN_JSON);
    env.put("output_files_sha256", OutputFolder.digest(listing));
    run.put("environment", env);
    OutputFiles.writeString(Storage.resolve(staging, RUN_JSON), Json.write(run));
  }

  private static boolean isRegularFile(String f) throws IOException {
    return Storage.isLocal(f) ? Files.isRegularFile(Path.of(f)) : Storage.kind(f) == Storage.Kind.FILE;
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

  /** Per file kind that the run knows (SPEC 12), the files per verdict; empty for a kind without a file. */
  private static Map<String, Object> verdictsPerKind(RunFacts facts) {
    Map<String, Object> m = Json.object();
    for (FileKind k : FileKinds.shipped().all()) {
      Map<String, Object> perVerdict = Json.object();
      facts.verdictsPerKind().getOrDefault(k.id(), new TreeMap<>()).forEach(perVerdict::put);
      m.put(k.id(), perVerdict);
    }
    return m;
  }

  private static Map<String, Object> personMatch(PersonMatch match, double minShare) {
    Map<String, Object> m = Json.object();
    m.put("min_share", minShare);
    m.put("clients", match.total().clients());
    m.put("matched", match.total().matched());
    m.put("share", share(match.total()));
    Map<String, Object> per = Json.object();
    match.perGemeente().forEach((g, s) -> {
      Map<String, Object> e = Json.object();
      e.put("clients", s.clients());
      e.put("matched", s.matched());
      e.put("share", share(s));
      per.put(g, e);
    });
    m.put("per_gemeente", per);
    return m;
  }

  private static Json.Raw share(PersonMatch.Share s) {
    return new Json.Raw(String.format(java.util.Locale.ROOT, "%.4f", s.share()));
  }

  private static Map<String, Object> checksum(String file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long bytes = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Storage.open(file)) {
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

}
