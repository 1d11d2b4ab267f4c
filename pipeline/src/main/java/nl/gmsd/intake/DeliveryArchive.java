package nl.gmsd.intake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.input.InputPaths;

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
  static final List<String> MANIFEST_HEADER = List.of("received_at", "account", "file");
  static final List<String> WITHDRAWALS_HEADER = List.of("gemeentecode", "period", "withdrawn_at");

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
   * Reads and checks the registers of {@code archiveDir} for a run of {@code runPeriod}.
   *
   * @throws ArchiveException on any defect in a register, naming the file, the line and the fix
   * @throws IOException when the archive cannot be read
   */
  public static DeliveryArchive read(Path archiveDir, Period runPeriod) throws IOException {
    if (!Files.isDirectory(archiveDir)) {
      throw new ArchiveException(
          "archive " + archiveDir + " is not a folder: pass --archive=DIR, the folder that holds "
              + MANIFEST + " and the delivered files");
    }
    Path manifestPath = archiveDir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestPath)) {
      throw new ArchiveException(
          "archive " + archiveDir + " has no " + MANIFEST + ": add the upload register, header "
              + String.join(";", MANIFEST_HEADER) + ", one row per uploaded file");
    }
    List<Upload> all = readManifest(archiveDir, manifestPath);
    List<Withdrawal> withdrawals = new ArrayList<>();
    Path withdrawalsPath = archiveDir.resolve(WITHDRAWALS);
    if (Files.exists(withdrawalsPath)) {
      withdrawals = readWithdrawals(withdrawalsPath);
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
        considered, ignored, unlistedFiles(archiveDir, named), withdrawals);
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

  private static List<Upload> readManifest(Path archiveDir, Path manifestPath) throws IOException {
    Path archiveReal = archiveDir.toRealPath();
    List<Line> lines = readLines(manifestPath);
    checkHeader(manifestPath, lines, MANIFEST_HEADER);
    List<Upload> uploads = new ArrayList<>();
    Map<String, Integer> lineOfFile = new HashMap<>();
    for (Line line : lines.subList(1, lines.size())) {
      if (line.text.isEmpty()) {
        continue;
      }
      String[] f = fields(manifestPath, line, MANIFEST_HEADER);
      String receivedAt = f[0];
      String account = f[1];
      String file = f[2];
      Instant at = timestamp(manifestPath, line, "received_at", receivedAt);
      Period window = Period.windowOf(at);
      if (!isGemeentecode(account)) {
        throw defect(
            manifestPath,
            line,
            "account '" + account + "' is not 4 digits",
            "write the uploading account's gemeentecode as 4 digits, e.g. 0363");
      }
      checkRelativePath(manifestPath, line, file);
      Path target = archiveDir.resolve(file);
      checkInsideArchive(manifestPath, line, archiveReal, target, file);
      Integer earlier = lineOfFile.putIfAbsent(file, line.number);
      if (earlier != null) {
        throw defect(
            manifestPath,
            line,
            "file '" + file + "' is already registered on line " + earlier,
            "every upload needs its own file path; keep one of lines " + earlier + " and "
                + line.number);
      }
      uploads.add(
          Upload.newBuilder()
              .setFile(file)
              .setReceivedAt(receivedAt)
              .setReceivedAtMillis(at.toEpochMilli())
              .setAccount(account)
              .setWindow(window.code())
              .setManifestLine(line.number)
              .setPresent(Files.exists(target))
              .build());
    }
    return uploads;
  }

  private static List<Withdrawal> readWithdrawals(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new ArchiveException(
          path + " is not a regular file: remove it, or make it the withdrawal register with header "
              + String.join(";", WITHDRAWALS_HEADER));
    }
    List<Line> lines = readLines(path);
    checkHeader(path, lines, WITHDRAWALS_HEADER);
    List<Withdrawal> withdrawals = new ArrayList<>();
    for (Line line : lines.subList(1, lines.size())) {
      if (line.text.isEmpty()) {
        continue;
      }
      String[] f = fields(path, line, WITHDRAWALS_HEADER);
      if (!isGemeentecode(f[0])) {
        throw defect(
            path,
            line,
            "gemeentecode '" + f[0] + "' is not 4 digits",
            "write the gemeentecode as 4 digits, e.g. 0363");
      }
      if (!Period.isCode(f[1])) {
        throw defect(
            path,
            line,
            "period '" + f[1] + "' is not a period code",
            "write H1YYYY or H2YYYY, e.g. H12025");
      }
      Instant at = timestamp(path, line, "withdrawn_at", f[2]);
      withdrawals.add(new Withdrawal(f[0], f[1], f[2], at.toEpochMilli(), line.number));
    }
    return withdrawals;
  }

  /** A physical line of a register: its number (first line = 1) and text without line end. */
  private record Line(int number, String text) {}

  /**
   * Splits into lines at LF, drops a CR before it and a byte order mark before line 1, and
   * decodes each line as strict UTF-8, so an encoding defect can be reported with its line.
   */
  private static List<Line> readLines(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      start = 3;
    }
    List<Line> lines = new ArrayList<>();
    int number = 1;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      lines.add(new Line(number, decode(path, number, bytes, start, textEnd)));
      number++;
      start = end + 1; // a final line end does not start another line
    }
    return lines;
  }

  private static String decode(Path path, int number, byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ArchiveException(
          path + " line " + number + ": not valid UTF-8; save the file as UTF-8");
    }
  }

  private static void checkHeader(Path path, List<Line> lines, List<String> header) {
    String expected = String.join(";", header);
    if (lines.isEmpty()) {
      throw new ArchiveException(
          path + " is empty: its first line must be the header " + expected);
    }
    Line first = lines.get(0);
    if (!first.text.toLowerCase(Locale.ROOT).equals(expected)) {
      throw defect(
          path, first, "the header is not " + expected, "make the first line exactly " + expected);
    }
  }

  private static String[] fields(Path path, Line line, List<String> header) {
    String[] f = line.text.split(";", -1);
    if (f.length != header.size()) {
      throw defect(
          path,
          line,
          f.length + " fields where " + header.size() + " are expected",
          "write " + String.join(";", header) + ", separated by ';' with no ';' inside a field");
    }
    return f;
  }

  private static Instant timestamp(Path path, Line line, String field, String text) {
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      t = null;
    }
    // Four-digit years only: every period code has one, and epoch millis cannot overflow.
    if (t == null
        || t.getOffset().getTotalSeconds() != 0
        || t.getYear() < 1001
        || t.getYear() > 9999) {
      throw defect(
          path,
          line,
          field + " '" + text + "' is not an ISO-8601 UTC timestamp",
          "write it like 2025-07-15T10:00:00Z (UTC, fractional seconds allowed)");
    }
    return t.toInstant();
  }

  static boolean isGemeentecode(String s) {
    if (s.length() != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A file path must be relative, use {@code /} between folders and have no empty, {@code .} or
   * {@code ..} part: then equal files have equal paths, and no path leaves the archive.
   */
  private static void checkRelativePath(Path path, Line line, String file) {
    String fix = "write the path relative to the archive folder with '/' between folders, "
        + "e.g. 0363/WMO_H12025_amsterdam.csv";
    if (file.isEmpty()) {
      throw defect(path, line, "the file path is empty", fix);
    }
    if (file.indexOf('\\') >= 0 || file.indexOf('\0') >= 0) {
      throw defect(path, line, "the file path '" + file + "' holds '\\' or a NUL character", fix);
    }
    if (file.startsWith("/") || (file.length() >= 2 && Character.isLetter(file.charAt(0)) && file.charAt(1) == ':')) {
      throw defect(path, line, "the file path '" + file + "' is absolute", fix);
    }
    for (String part : file.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw defect(
            path, line, "the file path '" + file + "' has an empty, '.' or '..' part", fix);
      }
    }
  }

  /**
   * A manifest path may not leave the archive, also not through a symbolic link (to a file or to
   * a folder on its way): refused like {@code ../}. A link within the archive is followed. A file
   * this account cannot read is named now, not found broken halfway through the run.
   */
  private static void checkInsideArchive(Path manifestPath, Line line, Path archiveReal, Path target, String file)
      throws IOException {
    InputPaths.Kind kind = InputPaths.kind(target);
    if (kind == InputPaths.Kind.UNREADABLE) {
      throw defect(manifestPath, line, "the file '" + file + "' cannot be read by this account (user "
          + System.getProperty("user.name") + ")", "give it read permission, and its folders search permission");
    }
    if (kind == InputPaths.Kind.MISSING) {
      return; // F10; a link to nothing too
    }
    Path real = target.toRealPath();
    if (!real.startsWith(archiveReal)) {
      throw defect(manifestPath, line, "the file path '" + file + "' leads outside the archive through a "
          + "symbolic link (to " + real + ")", "copy the delivered file into the archive instead of linking to it");
    }
  }

  private static ArchiveException defect(Path path, Line line, String problem, String fix) {
    return new ArchiveException(path + " line " + line.number + ": " + problem + "; " + fix + ".");
  }

  private static List<String> unlistedFiles(Path archiveDir, Set<String> named)
      throws IOException {
    List<String> unlisted = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(archiveDir)) {
      walk.filter(Files::isRegularFile)
          .map(p -> relative(archiveDir, p))
          .filter(rel -> !rel.equals(MANIFEST) && !rel.equals(WITHDRAWALS))
          .filter(rel -> !named.contains(rel))
          .forEach(unlisted::add);
    }
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
