package nl.gmsd.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.common.ReferenceFiles.Gemeenten;
import nl.gmsd.common.ReferenceFiles.GemeentenAlfabetisch;
import nl.gmsd.common.ReferenceFiles.Herindelingen;
import nl.gmsd.common.ReferenceFiles.Inwoners;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputFileReader;
import nl.gmsd.common.input.InputPaths;
import nl.gmsd.common.input.Row;

/**
 * Reads the regional division, inhabitants and mergers of a reference folder (SPEC 6, 10) in
 * either layout: the program's {@code gemeenten.csv}, or CBS's own division files per year
 * ({@code gemeenten-alfabetisch-YYYY.csv}, also under CBS's download name
 * {@code Gemeenten alfabetisch YYYY.csv}) with {@code inwoners.csv}. Both with
 * {@code herindelingen.csv}. Codes and counts come out the same whichever layout is given; names
 * stay as the files write them.
 */
public final class ReferenceFolder {

  public static final String GEMEENTEN_FILE = "gemeenten.csv";
  public static final String INWONERS_FILE = "inwoners.csv";
  public static final String HERINDELINGEN_FILE = "herindelingen.csv";

  /** CBS's division file of one year, saved as CSV (or still a workbook, to say so). */
  private static final Pattern CBS_DIVISION =
      Pattern.compile("(?i)gemeenten[ _-]alfabetisch[ _-](\\d{4})\\.(csv|xlsx|xls)");

  private static final String PLAIN_HEADER = Gemeenten.FILE.header();

  private ReferenceFolder() {}

  /** Reads and checks the reference folder; throws {@link InputFileException} naming file and line. */
  public static ReferenceData read(Path folder) {
    InputPaths.requireFolder(folder, "the reference folder", "pass --reference=DIR, the folder with "
        + GEMEENTEN_FILE + ", " + HERINDELINGEN_FILE + " and personen.csv");
    Path gemeenten = folder.resolve(GEMEENTEN_FILE);
    Path inwoners = folder.resolve(INWONERS_FILE);
    TreeMap<Integer, Path> cbsFiles = new TreeMap<>();
    TreeMap<Integer, Path> workbooks = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path p : entries) {
        Matcher m = CBS_DIVISION.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        int year = Integer.parseInt(m.group(1));
        if (!m.group(2).equalsIgnoreCase("csv")) {
          workbooks.put(year, p);
          continue;
        }
        Path earlier = cbsFiles.put(year, p);
        if (earlier != null) {
          throw new InputFileException(folder + " has two division files for " + year + ": "
              + earlier.getFileName() + " and " + p.getFileName() + "; keep one");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": cannot list the reference folder", e);
    }
    boolean plain = Files.exists(gemeenten);
    if (plain && (!cbsFiles.isEmpty() || Files.exists(inwoners))) {
      throw new InputFileException(folder + " holds both layouts of the division: " + GEMEENTEN_FILE + " and "
          + (cbsFiles.isEmpty() ? INWONERS_FILE : cbsFiles.firstEntry().getValue().getFileName().toString())
          + "; keep one: either " + GEMEENTEN_FILE + ", or CBS's gemeenten-alfabetisch-YYYY.csv files with "
          + INWONERS_FILE);
    }
    workbooks.keySet().removeAll(cbsFiles.keySet());
    if (!workbooks.isEmpty()) {
      Path w = workbooks.firstEntry().getValue();
      throw new InputFileException(w + " is an Excel workbook, not CSV: open it in Excel and save it with "
          + "Save As > CSV UTF-8 as gemeenten-alfabetisch-" + workbooks.firstKey() + ".csv in the same folder");
    }
    if (!plain && cbsFiles.isEmpty()) {
      throw new InputFileException(folder + " has no division: add " + GEMEENTEN_FILE + " (" + PLAIN_HEADER
          + ") or CBS's division files gemeenten-alfabetisch-YYYY.csv (one per year, saved from "
          + "\"Gemeenten alfabetisch\" as CSV) with " + INWONERS_FILE + " (" + Inwoners.FILE.header() + ")");
    }
    ReferenceData.Builder b = new ReferenceData.Builder();
    if (plain) {
      plainDivision(b, InputFileReader.read(Gemeenten.FILE, gemeenten, Map.of()));
      b.file(GEMEENTEN_FILE);
    } else {
      for (Map.Entry<Integer, Path> e : cbsFiles.entrySet()) {
        cbsDivision(b, e.getKey(), InputFileReader.read(GemeentenAlfabetisch.FILE, e.getValue(), Map.of()));
        b.file(e.getValue().getFileName().toString());
      }
      InputPaths.requireFile(inwoners, "the inhabitants beside CBS's division files",
          "add it, header " + Inwoners.FILE.header() + ", one row per year and gemeente (inhabitants on 1 January)");
      inhabitants(b, InputFileReader.read(Inwoners.FILE, inwoners,
          Map.of(ReferenceFiles.IN_DIVISION_OF_YEAR, inDivisionOfYear(b, cbsFiles))));
      b.file(INWONERS_FILE);
    }
    mergers(b, InputFileReader.read(Herindelingen.FILE, folder.resolve(HERINDELINGEN_FILE), mergerResolvers(b)));
    b.file(HERINDELINGEN_FILE);
    return b.build();
  }

  /** The reference data shipped with the program (the real division 2015-2025, plain layout). */
  static ReferenceData shipped() {
    ReferenceData.Builder b = new ReferenceData.Builder();
    plainDivision(b, InputFileReader.read(Gemeenten.FILE, "(shipped) " + GEMEENTEN_FILE, resource(GEMEENTEN_FILE), Map.of()));
    b.file(GEMEENTEN_FILE);
    mergers(b, InputFileReader.read(Herindelingen.FILE, "(shipped) " + HERINDELINGEN_FILE, resource(HERINDELINGEN_FILE),
        mergerResolvers(b)));
    b.file(HERINDELINGEN_FILE);
    return b.build();
  }

  private static byte[] resource(String name) {
    try (InputStream in = ReferenceFolder.class.getResourceAsStream("/nl/gmsd/refdata/" + name)) {
      if (in == null) {
        throw new IllegalStateException("shipped reference data missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void plainDivision(ReferenceData.Builder b, List<Row> rows) {
    for (Row r : rows) {
      Provinces.Province p = r.get(Gemeenten.PROVINCIE);
      b.gemeente(r.get(Gemeenten.JAAR), r.get(Gemeenten.GEMEENTECODE), r.get(Gemeenten.GEMEENTENAAM), p);
      Long inh = r.get(Gemeenten.INWONERS);
      if (inh != null) {
        b.inhabitants(r.get(Gemeenten.JAAR), r.get(Gemeenten.GEMEENTECODE), inh);
      }
    }
  }

  private static void cbsDivision(ReferenceData.Builder b, int year, List<Row> rows) {
    for (Row r : rows) {
      b.gemeente(year, r.get(GemeentenAlfabetisch.GEMEENTECODE_GM), r.get(GemeentenAlfabetisch.GEMEENTENAAM),
          r.get(GemeentenAlfabetisch.PROVINCIENAAM));
    }
  }

  private static void inhabitants(ReferenceData.Builder b, List<Row> rows) {
    for (Row r : rows) {
      b.inhabitants(r.get(Inwoners.JAAR), r.get(Inwoners.GEMEENTECODE), r.get(Inwoners.INWONERS));
    }
  }

  private static void mergers(ReferenceData.Builder b, List<Row> rows) {
    for (Row r : rows) {
      b.merger(new ReferenceData.Merger(r.get(Herindelingen.DATUM), r.get(Herindelingen.OUDE_CODE),
          r.get(Herindelingen.NIEUWE_CODE)));
    }
  }

  /** inwoners.csv: a gemeente of its year's division; for a year without one, of any year. */
  private static InputFileReader.Resolver inDivisionOfYear(ReferenceData.Builder b, TreeMap<Integer, Path> cbsFiles) {
    return row -> {
      int year = row.get(Inwoners.JAAR);
      String code = row.get(Inwoners.GEMEENTECODE);
      if (b.hasDivision(year)) {
        return b.inDivision(year, code) ? null : "is not a gemeente in the division of " + year + " ("
            + cbsFiles.get(year).getFileName() + "); correct the code, or remove the row";
      }
      return b.inAnyDivision(code) ? null : "is not a gemeente in any division given; correct the code, or remove the row";
    };
  }

  /**
   * herindelingen.csv: the old code in the division of the day before the merger, the new one
   * in the division of the first 1 January from the merger on, where the folder has those years
   * (older mergers are history the run does not need, and are taken as written).
   */
  private static Map<String, InputFileReader.Resolver> mergerResolvers(ReferenceData.Builder b) {
    DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
    InputFileReader.Resolver before = row -> {
      LocalDate d = LocalDate.parse(row.get(Herindelingen.DATUM), basic);
      int year = d.minusDays(1).getYear();
      String code = row.get(Herindelingen.OUDE_CODE);
      return !b.hasDivision(year) || b.inDivision(year, code) ? null
          : "is not a gemeente in the division of " + year + ", the year the merger ended it; correct the code or the date";
    };
    InputFileReader.Resolver after = row -> {
      LocalDate d = LocalDate.parse(row.get(Herindelingen.DATUM), basic);
      int year = d.getDayOfYear() == 1 ? d.getYear() : d.getYear() + 1;
      String code = row.get(Herindelingen.NIEUWE_CODE);
      return !b.hasDivision(year) || b.inDivision(year, code) ? null
          : "is not a gemeente in the division of " + year + ", the first after the merger; correct the code or the date";
    };
    return Map.of(ReferenceFiles.BEFORE_MERGER, before, ReferenceFiles.AFTER_MERGER, after);
  }
}
