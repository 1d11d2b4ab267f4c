package nl.gmsd.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputFileReader;
import nl.gmsd.common.input.InputPaths;
import nl.gmsd.common.input.Row;
import nl.gmsd.common.io.Storage;
import nl.gmsd.intake.RegisterFiles.Manifest;
import nl.gmsd.intake.RegisterFiles.Withdrawals;

/**
 * The registers of a delivery archive (SPEC 2, 11 "Deliveries"): {@code manifest.csv}, the upload
 * register, and the optional {@code withdrawals.csv}, checked as a whole before the run writes
 * anything.
 *
 * <p>Both registers are {@code ;}-separated UTF-8 (an optional byte order mark is skipped), with
 * LF or CRLF line ends and a header line compared case-insensitively. Lines that are completely
 * empty carry nothing and are skipped. Fields are taken as written: no trimming, no quoting.
 *
 * <p>Timestamps are ISO-8601 in UTC: {@code 2025-07-15T10:00:00Z}, optionally with fractional
 * seconds, or with the offset written {@code +00:00}. Another offset is refused, because the
 * upload window and R10 depend on the UTC date and the protocol asks for UTC. Ordering uses
 * epoch milliseconds (finer fractions are kept in the written text, not in the order).
 */
public final class DeliveryArchive {

  public static final String MANIFEST = "manifest.csv";
  public static final String WITHDRAWALS = "withdrawals.csv";

  /** The order among uploads everywhere (SPEC 11): received_at, then file name (ordinal). */
  public static final Comparator<Upload> UPLOAD_ORDER =
      Comparator.comparingLong(Upload::getReceivedAtMillis).thenComparing(Upload::getFile);

  private final List<Upload> uploads;
  private final List<Upload> ignoredUploads;
  private final List<String> unlistedFiles;
  private final List<Withdrawal> withdrawals;

  private DeliveryArchive(
      List<Upload> uploads,
      List<Upload> ignoredUploads,
      List<String> unlistedFiles,
      List<Withdrawal> withdrawals) {
    this.uploads = Collections.unmodifiableList(uploads);
    this.ignoredUploads = Collections.unmodifiableList(ignoredUploads);
    this.unlistedFiles = Collections.unmodifiableList(unlistedFiles);
    this.withdrawals = Collections.unmodifiableList(withdrawals);
  }

  /**
   * Reads and checks the registers of {@code archiveDir} for a run of {@code runPeriod}: every
   * manifest account and withdrawn gemeente must be known to {@code reference} (its division or
   * its mergers), and every manifest path must stay inside the archive.
   *
   * @throws ArchiveException on any defect in a register, naming the file, the line and the fix
   * @throws IOException when the archive cannot be listed
   */
  public static DeliveryArchive read(Path archiveDir, Period runPeriod, ReferenceData reference) throws IOException {
    return read(archiveDir.toString(), runPeriod, reference);
  }

  /**
   * {@link #read(Path, Period, ReferenceData)} for a location: a local path, or a URI served by
   * Beam's file systems ({@link Storage}; there the archive is listed once, and has no symbolic
   * links).
   */
  public static DeliveryArchive read(String archiveDir, Period runPeriod, ReferenceData reference) throws IOException {
    // null for a local archive: read through java.nio as it is
    Map<String, Boolean> remoteListing = Storage.isLocal(archiveDir) ? null : Storage.list(archiveDir);
    List<Upload> all;
    List<Withdrawal> withdrawals = new ArrayList<>();
    try {
      if (remoteListing == null) {
        InputPaths.requireFolder(Path.of(archiveDir), "the delivery archive",
            "pass --archive=DIR, the folder that holds " + MANIFEST + " and the delivered files");
      } else if (remoteListing.isEmpty()) {
        throw new ArchiveException("archive " + archiveDir + " is not a folder that holds files (or does not exist): "
            + "pass --archive=DIR, the folder that holds " + MANIFEST + " and the delivered files");
      }
      String manifestPath = Storage.resolve(archiveDir, MANIFEST);
      if (!exists(remoteListing, manifestPath, MANIFEST)) {
        throw new ArchiveException(
            "archive " + archiveDir + " has no " + MANIFEST + ": add the upload register, header "
                + RegisterFiles.Manifest.FILE.header() + ", one row per uploaded file");
      }
      all = readManifest(archiveDir, manifestPath, reference, remoteListing);
      String withdrawalsPath = Storage.resolve(archiveDir, WITHDRAWALS);
      if (exists(remoteListing, withdrawalsPath, WITHDRAWALS)) {
        withdrawals = readWithdrawals(withdrawalsPath, reference, remoteListing);
      }
    } catch (ArchiveException e) {
      throw e;
    } catch (InputFileException e) {
      throw new ArchiveException(e.getMessage(), e);
    }

    List<Upload> considered = new ArrayList<>();
    List<Upload> ignored = new ArrayList<>();
    for (Upload u : all) {
      // The run's own window is runPeriod itself; later windows are not yet part of this run.
      (Period.parse(u.getWindow()).compareTo(runPeriod) <= 0 ? considered : ignored).add(u);
    }
    considered.sort(UPLOAD_ORDER);
    ignored.sort(UPLOAD_ORDER);

    Set<String> named = new HashSet<>();
    all.forEach(u -> named.add(u.getFile()));
    return new DeliveryArchive(
        considered, ignored, unlistedFiles(archiveDir, remoteListing, named), withdrawals);
  }

  /**
   * The half years whose deliveries in force a run for {@code runPeriod} reads: every half of the
   * calendar years of P and P-1, up to P itself (H12025 reads H12024, H22024 and H12025; H22025
   * reads H12025 and H22025).
   *
   * <p>Why: the run publishes P and P-1, and records are merged per gemeente per calendar year
   * (SPEC 5), so an arrangement active in P-1 or P may be made of records from any half of that
   * year. Halves after P cannot be needed and cannot have a delivery in force yet: their first
   * window is later than the run's.
   */
  public static Set<Period> periodsRead(Period runPeriod) {
    TreeSet<Period> read = new TreeSet<>();
    for (Period p : List.of(runPeriod, runPeriod.previous())) {
      for (Period half : List.of(new Period(1, p.year()), new Period(2, p.year()))) {
        if (half.compareTo(runPeriod) <= 0) {
          read.add(half);
        }
      }
    }
    return Collections.unmodifiableSet(read);
  }

  /** Uploads whose window is not later than the run period, ordered by (received_at, file). */
  public List<Upload> uploads() {
    return uploads;
  }

  /** Uploads of later windows, left out of every output and listed in run.json; same order. */
  public List<Upload> ignoredUploads() {
    return ignoredUploads;
  }

  /**
   * Regular files in the archive (recursively, relative paths with {@code /}, ordinal order) that
   * the manifest does not name, the registers themselves excepted. They are ignored.
   */
  public List<String> unlistedFiles() {
    return unlistedFiles;
  }

  /** The rows of {@code withdrawals.csv} in file order; empty when there is no such file. */
  public List<Withdrawal> withdrawals() {
    return withdrawals;
  }

  // ---------------------------------------------------------------------------------------------

  private static List<Upload> readManifest(String archiveDir, String manifestPath, ReferenceData reference,
      Map<String, Boolean> remoteListing) throws IOException {
    Path archiveReal = remoteListing == null ? Path.of(archiveDir).toRealPath() : null;
    Map<String, InputFileReader.Resolver> resolvers = Map.of(
        RegisterFiles.ACCOUNT_KNOWN, row -> {
          int year = Period.windowOf(row.get(Manifest.RECEIVED_AT)).year();
          return reference.knows(row.get(Manifest.ACCOUNT), List.of(year, year - 1)) ? null
              : "is not a gemeente in the division of " + year + " or " + (year - 1) + ", nor in the mergers; "
                  + "write the uploading account's gemeentecode";
        },
        // a file system with a scheme has no symbolic links: a checked relative path stays inside
        RegisterFiles.FILE_IN_ARCHIVE, row -> archiveReal == null ? null
            : insideArchive(archiveReal, Path.of(Storage.resolve(archiveDir, row.get(Manifest.PATH)))));
    List<Upload> uploads = new ArrayList<>();
    for (Row row : readRegister(Manifest.FILE, manifestPath, MANIFEST, remoteListing, resolvers)) {
      String file = row.get(Manifest.PATH);
      uploads.add(
          Upload.newBuilder()
              .setFile(file)
              .setReceivedAt(row.text(Manifest.RECEIVED_AT))
              .setReceivedAtMillis(row.get(Manifest.RECEIVED_AT).toEpochMilli())
              .setAccount(row.get(Manifest.ACCOUNT))
              .setWindow(Period.windowOf(row.get(Manifest.RECEIVED_AT)).code())
              .setManifestLine(row.line())
              .setPresent(remoteListing == null ? Files.exists(Path.of(Storage.resolve(archiveDir, file)))
                  : remoteListing.containsKey(file))
              .build());
    }
    return uploads;
  }

  private static List<Withdrawal> readWithdrawals(String path, ReferenceData reference,
      Map<String, Boolean> remoteListing) throws IOException {
    Map<String, InputFileReader.Resolver> resolvers = Map.of(
        RegisterFiles.WITHDRAWN_GEMEENTE_KNOWN, row -> {
          int year = row.get(Withdrawals.PERIOD).year();
          return reference.knows(row.get(Withdrawals.GEMEENTECODE), List.of(year)) ? null
              : "is not a gemeente in the division of " + year + ", nor in the mergers: a withdrawal for it would "
                  + "withdraw nothing; correct the gemeentecode";
        });
    List<Withdrawal> withdrawals = new ArrayList<>();
    for (Row row : readRegister(Withdrawals.FILE, path, WITHDRAWALS, remoteListing, resolvers)) {
      withdrawals.add(new Withdrawal(row.get(Withdrawals.GEMEENTECODE), row.get(Withdrawals.PERIOD).code(),
          row.text(Withdrawals.WITHDRAWN_AT), row.get(Withdrawals.WITHDRAWN_AT).toEpochMilli(), row.line()));
    }
    return withdrawals;
  }

  /** Whether a register is there (a local one as {@link InputPaths} sees it: a broken link too). */
  private static boolean exists(Map<String, Boolean> remoteListing, String path, String name) {
    return remoteListing == null ? InputPaths.kind(Path.of(path)) != InputPaths.Kind.MISSING
        : remoteListing.containsKey(name);
  }

  /** A register read by its description: from disk, or its bytes from a file system with a scheme. */
  private static List<Row> readRegister(nl.gmsd.common.input.InputFile file, String path, String name,
      Map<String, Boolean> remoteListing, Map<String, InputFileReader.Resolver> resolvers) throws IOException {
    if (remoteListing == null) {
      return InputFileReader.read(file, Path.of(path), resolvers);
    }
    if (Boolean.TRUE.equals(remoteListing.get(name))) {
      throw new ArchiveException(path + " is a folder: remove it, or make it the register " + name + " with header "
          + file.header());
    }
    return InputFileReader.read(file, path, Storage.readAllBytes(path), resolvers);
  }

  /**
   * A manifest path may not leave the archive, also not through a symbolic link (to a file or to
   * a folder on its way): refused like {@code ../}. A link within the archive is followed. A file
   * this account cannot read is named now, not found broken halfway through the run. Null when
   * the path is fine (or names nothing: F10).
   */
  private static String insideArchive(Path archiveReal, Path target) {
    InputPaths.Kind kind = InputPaths.kind(target);
    if (kind == InputPaths.Kind.UNREADABLE) {
      return "cannot be read by this account (user " + System.getProperty("user.name")
          + "); give it read permission, and its folders search permission";
    }
    if (kind == InputPaths.Kind.MISSING) {
      return null; // F10; a link to nothing too
    }
    Path real;
    try {
      real = target.toRealPath();
    } catch (IOException e) {
      return "cannot be resolved (" + e.getMessage() + ")";
    }
    return real.startsWith(archiveReal) ? null
        : "leads outside the archive through a symbolic link (to " + real + "); copy the delivered file into the "
            + "archive instead of linking to it";
  }

  private static List<String> unlistedFiles(String archiveDir, Map<String, Boolean> remoteListing, Set<String> named)
      throws IOException {
    List<String> unlisted = new ArrayList<>();
    Stream<String> files;
    if (remoteListing == null) {
      Path root = Path.of(archiveDir);
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).map(p -> relative(root, p)).toList().stream();
      }
    } else {
      files = remoteListing.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey);
    }
    files.filter(rel -> !rel.equals(MANIFEST) && !rel.equals(WITHDRAWALS))
        .filter(rel -> !named.contains(rel))
        .forEach(unlisted::add);
    Collections.sort(unlisted);
    return unlisted;
  }

  private static String relative(Path root, Path file) {
    Path rel = root.relativize(file);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part.toString());
    }
    return sb.toString();
  }
}
