package nl.gmsd.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;

/**
 * {@code gmsd check [--json] [--received-at=ISO] FILE...}: the stand-alone technical check on a
 * laptop (SPEC 4, 10), with only the shipped reference data. Exit 0 when every file is approved,
 * 1 when any is rejected, 2 on a usage error.
 */
public final class CheckCommand {

  public static final int APPROVED = 0;
  public static final int REJECTED = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT = String.join("\n",
      "Usage: gmsd check [--json] [--received-at=ISO-8601] FILE...",
      "",
      "Runs the technical check (technische toets) of the Wmo delivery protocol on each FILE,",
      "exactly as on upload, and prints the report in Dutch (or JSON with --json).",
      "",
      "  --json               print one JSON array with a report per file instead of text",
      "  --received-at=TIME   upload time to assume, e.g. 2025-07-15T09:00:00Z (default: now, UTC);",
      "                       it sets the delivery window (the period in the name must be the",
      "                       window's period or the one before) and the latest AANMAAKDATUM",
      "  --help               show this help",
      "",
      "The gemeentecodes are checked against the division shipped with the program, of the year",
      "of the period in the file name (or else the latest shipped year, with a notice).",
      "The limit of 20 deliveries (F09) and which delivery is in force do not apply here.",
      "Exit status: 0 all files approved (GOEDGEKEURD), 1 a file rejected (AFGEKEURD),",
      "2 usage error (unknown option, no file, unreadable file).",
      "");

  private CheckCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean json = false;
    Instant receivedAt = null;
    String receivedAtText = null;
    List<String> files = new ArrayList<>();
    boolean onlyFiles = false;
    for (String a : args) {
      if (onlyFiles || !a.startsWith("-") || a.equals("-")) {
        files.add(a);
      } else if (a.equals("--")) {
        onlyFiles = true;
      } else if (a.equals("--help") || a.equals("-h")) {
        out.print(USAGE_TEXT);
        return APPROVED;
      } else if (a.equals("--json")) {
        json = true;
      } else if (a.startsWith("--received-at=")) {
        receivedAtText = a.substring("--received-at=".length());
        receivedAt = parseTime(receivedAtText);
        if (receivedAt == null) {
          err.println("gmsd check: --received-at must be an ISO-8601 time such as "
              + "2025-07-15T09:00:00Z, not '" + receivedAtText + "'");
          return USAGE;
        }
      } else {
        err.println("gmsd check: unknown option " + a);
        err.print(USAGE_TEXT);
        return USAGE;
      }
    }
    if (files.isEmpty()) {
      err.println("gmsd check: no file given");
      err.print(USAGE_TEXT);
      return USAGE;
    }
    for (String f : files) {
      Path p = Path.of(f);
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        err.println("gmsd check: cannot read file " + f
            + (Files.isDirectory(p) ? " (it is a folder)" : Files.exists(p) ? "" : " (it does not exist)"));
        return USAGE;
      }
    }
    boolean receivedNow = receivedAt == null;
    if (receivedNow) {
      receivedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      receivedAtText = receivedAt.toString();
    }
    Period window = Period.windowOf(receivedAt);
    ReferenceData reference = ReferenceData.shipped();
    Protocol protocol = Protocol.wmo();
    FileChecker checker = new FileChecker(protocol, reference).withLatestDivisionFallback();
    CheckReports reports = new CheckReports(protocol);
    List<FileVerdict> verdicts = new ArrayList<>();
    for (String f : files) {
      Upload upload = Upload.newBuilder()
          .setFile(f)
          .setReceivedAt(receivedAtText)
          .setReceivedAtMillis(receivedAt.toEpochMilli())
          .setAccount("")
          .setWindow(window.code())
          .setManifestLine(0)
          .setPresent(true)
          .build();
      int year = checker.periodYear(upload, window);
      if (checker.divisionYear(year) != year) {
        err.println("gmsd check: " + f + ": the program ships no regional division for " + year
            + "; the gemeentecodes are checked against the latest shipped division, of "
            + checker.divisionYear(year) + " (let op: indeling van " + checker.divisionYear(year)
            + " gebruikt in plaats van " + year + ")");
      }
      FileVerdict v;
      try (InputStream in = Files.newInputStream(Path.of(f))) {
        v = checker.check(upload, window, in);
      } catch (IOException e) {
        err.println("gmsd check: cannot read file " + f + ": " + e.getMessage());
        return USAGE;
      }
      // There is no account: the file's own gemeentecode stands in for it.
      v.setAccount(v.getGemeentecode());
      verdicts.add(v);
    }
    String windowCode = protocol.code("periodNotInWindow");
    if (json) {
      out.print(reports.jsonArray(verdicts));
      for (FileVerdict v : verdicts) {
        if (receivedNow && hasCode(v, windowCode)) {
          err.println("gmsd check: " + v.getFile() + ": " + windowCode + " against the window of " + window
              + ", taking the upload time as now (" + receivedAtText + "); give the real upload time with "
              + "--received-at=TIME" + opening(v).map(o -> ", e.g. --received-at=" + o + " (the window of "
              + v.getPeriod() + " opens then)").orElse(""));
        }
      }
    } else {
      for (int i = 0; i < verdicts.size(); i++) {
        if (i > 0) {
          out.print("\n\n");
        }
        FileVerdict v = verdicts.get(i);
        out.print(reports.dutchText(v, false));
        if (receivedNow && hasCode(v, windowCode)) {
          out.print("\nLet op: als tijdstip van aanlevering is nu genomen (" + receivedAtText + "), zoals bij een"
              + " aanlevering van vandaag; daarom is het bestand beoordeeld in het venster van " + window + ". Is of"
              + " wordt het bestand op een ander moment aangeleverd, geef dat tijdstip dan op met"
              + " --received-at=TIJDSTIP" + opening(v).map(o -> ", bijvoorbeeld --received-at=" + o + " (dan opent het"
              + " venster van " + v.getPeriod() + ")").orElse("") + ".\n");
        }
      }
    }
    return verdicts.stream().allMatch(v -> FileChecker.APPROVED.equals(v.getVerdict()))
        ? APPROVED
        : REJECTED;
  }

  private static boolean hasCode(FileVerdict v, String code) {
    return v.getFindings().stream().anyMatch(f -> f.getCode().equals(code));
  }

  /** The first upload time of the window of the file's own period, e.g. 2025-07-01T09:00:00Z for H12025. */
  private static java.util.Optional<String> opening(FileVerdict v) {
    if (!Period.isCode(v.getPeriod())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Period.parse(v.getPeriod()).next().start() + "T09:00:00Z");
  }

  private static Instant parseTime(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        try { // without an offset: UTC
          return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          try { // a date only: the start of that day, UTC
            return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
          } catch (DateTimeParseException e4) {
            return null;
          }
        }
      }
    }
  }
}
