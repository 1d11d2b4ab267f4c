package nl.gmsd.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.testing.CbsReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference folders as the statistical office has them (SPEC 6), and each kind of defect. */
class ReferenceFolderTest {

  private static final ReferenceData SHIPPED = ReferenceData.shipped();

  @TempDir Path tmp;

  private Path plainFolder() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("plain"));
    copy("gemeenten.csv", f);
    copy("herindelingen.csv", f);
    return f;
  }

  private static void copy(String name, Path folder) throws IOException {
    try (InputStream in = ReferenceFolderTest.class.getResourceAsStream("/nl/gmsd/refdata/" + name)) {
      Files.copy(in, folder.resolve(name));
    }
  }

  private static String failure(Path folder) {
    return assertThrows(InputFileException.class, () -> ReferenceData.read(folder)).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }
  }

  @Test
  void cbsDivisionFilesAsExcelSavesThemGiveTheSameCodesAndCounts() throws IOException {
    Path cbs = tmp.resolve("cbs");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", ',');
    ReferenceData read = ReferenceData.read(cbs);
    assertEquals(CbsReferenceFiles.codesAndCounts(SHIPPED), CbsReferenceFiles.codesAndCounts(read));
    // Names stay as the files write them: Fryslân here, Friesland in the shipped division.
    assertEquals("Fryslân", read.gemeente(2025, "0080").orElseThrow().province());
    assertEquals("Friesland", SHIPPED.gemeente(2025, "0080").orElseThrow().province());
    assertEquals("PV21", read.provinceCode("Fryslân"));
    assertEquals("Nuenen, Gerwen en Nederwetten", read.gemeente(2025, "0820").orElseThrow().name());
    assertEquals(SHIPPED.mergers(), read.mergers());
    assertEquals("gemeenten-alfabetisch-2015.csv", read.files().get(0));
    assertEquals(List.of("inwoners.csv", "herindelingen.csv"), read.files().subList(11, 13));
  }

  @Test
  void cbsDownloadNameWithSemicolonsIsAcceptedToo() throws IOException {
    Path cbs = tmp.resolve("cbs-semicolon");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "Gemeenten alfabetisch %d.csv", ';');
    assertEquals(CbsReferenceFiles.codesAndCounts(SHIPPED), CbsReferenceFiles.codesAndCounts(ReferenceData.read(cbs)));
  }

  @Test
  void gemeentenCsvWithGmCodesFryslanAndProvinceCodes() throws IOException {
    Path f = tmp.resolve("cbs-spellings");
    CbsReferenceFiles.writeGemeentenWithCbsSpellings(f, SHIPPED);
    ReferenceData read = ReferenceData.read(f);
    assertEquals(CbsReferenceFiles.codesAndCounts(SHIPPED), CbsReferenceFiles.codesAndCounts(read));
    assertTrue(read.division(2025).values().stream().anyMatch(g -> g.province().equals("Fryslân")));
  }

  @Test
  void provincesAreKnownByEveryCbsSpellingAndCode() {
    Provinces p = Provinces.shipped();
    for (String s : List.of("Fryslân", "Fryslan", "FRIESLAND", "friesland", "PV21", "pv21")) {
      assertEquals("PV21", p.parse(s).orElseThrow().code(), s);
    }
    assertEquals("Fryslân", p.parse("PV21").orElseThrow().name());
    assertEquals("Noord Holland", p.parse("Noord Holland").orElseThrow().name());
    assertEquals("PV27", p.parse("noord-holland").orElseThrow().code());
    assertTrue(p.parse("Frisland").isEmpty());
    assertTrue(p.parse("PV32").isEmpty());
  }

  @Test
  void anUnknownProvinceIsRefusedNamingFileLineColumnAndTheKnownNames() throws IOException {
    Path f = plainFolder();
    replaceLine(f.resolve("gemeenten.csv"), 3, "2015;0005;Bedum;Frisland;");
    assertMentions(failure(f), "gemeenten.csv line 3: provincie 'Frisland' (column 4) is not a province",
        "Fryslân (Friesland)", "PV20 to PV31");
  }

  @Test
  void aMalformedGemeentecodeIsNamed() throws IOException {
    Path f = plainFolder();
    replaceLine(f.resolve("gemeenten.csv"), 2, "2015;GM003;Appingedam;Groningen;");
    assertMentions(failure(f), "gemeenten.csv line 2: gemeentecode 'GM003' (column 2) is not a gemeentecode",
        "GM0363");
  }

  @Test
  void aFileWrittenWithCommasIsNamedAsSuch() throws IOException {
    Path f = plainFolder();
    Path g = f.resolve("gemeenten.csv");
    Files.writeString(g, Files.readString(g).replace(';', ','));
    assertMentions(failure(f), "gemeenten.csv line 1: the file is separated by ',' (comma) where ';' (semicolon) is expected");
  }

  @Test
  void aTabSeparatedCbsFileIsNamedAsSuch() throws IOException {
    Path cbs = tmp.resolve("cbs-tab");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", '\t');
    assertMentions(failure(cbs), "gemeenten-alfabetisch-2015.csv line 1: the file is separated by tabs where "
        + "';' (semicolon) or ',' (comma) is expected");
  }

  @Test
  void headerDefectsNameTheColumns() throws IOException {
    Path f = plainFolder();
    Path g = f.resolve("gemeenten.csv");
    replaceLine(g, 1, "jaar;gemeentecode;naam;provincie;inwoners;inwoners");
    assertMentions(failure(f), "gemeenten.csv line 1: the header does not match",
        "column gemeentenaam missing", "unknown column 'naam'", "column inwoners more than once",
        "jaar;gemeentecode;gemeentenaam;provincie;inwoners");
  }

  @Test
  void columnsInAnotherOrderAndBlankLinesAreAccepted() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("reordered"));
    copy("herindelingen.csv", f);
    StringBuilder sb = new StringBuilder("Provincie;Inwoners;Gemeentenaam;Jaar;Gemeentecode\r\n");
    for (int year : SHIPPED.years()) {
      for (ReferenceData.Gemeente g : SHIPPED.division(year).values()) {
        sb.append(g.province()).append(';').append(g.inhabitants() == null ? "" : g.inhabitants()).append(';')
            .append(g.name()).append(';').append(year).append(';').append(g.code()).append("\r\n");
      }
      sb.append("\r\n;;;;\r\n");
    }
    Files.writeString(f.resolve("gemeenten.csv"), sb.toString());
    assertEquals(CbsReferenceFiles.codesAndCounts(SHIPPED), CbsReferenceFiles.codesAndCounts(ReferenceData.read(f)));
  }

  @Test
  void aGemeenteTwiceInOneYearNamesBothLines() throws IOException {
    Path f = plainFolder();
    Path g = f.resolve("gemeenten.csv");
    Files.writeString(g, Files.readString(g) + "2024;0200;Apeldoorn;Gelderland;1000\n");
    String m = failure(f);
    assertMentions(m, "gemeenten.csv line 3986: jaar 2024 and gemeentecode 0200 are already on line",
        "one row per jaar and gemeentecode", "keep one of lines");
  }

  @Test
  void manyDefectsAreListedTheFirstTenAndACount() throws IOException {
    Path f = plainFolder();
    Path g = f.resolve("gemeenten.csv");
    Files.writeString(g, Files.readString(g).replace(";Groningen;", ";Gron;"));
    String m = failure(f);
    assertEquals(11, m.split("\n").length, m);
    assertMentions(m, "more defect(s) like these; the first 10 are shown");
  }

  @Test
  void zeroInhabitantsAreRefused() throws IOException {
    Path f = plainFolder();
    replaceLine(f.resolve("gemeenten.csv"), 2, "2015;0003;Appingedam;Groningen;0");
    assertMentions(failure(f), "line 2: inwoners '0' (column 5) is not a whole number of at least 1");
  }

  @Test
  void cbsRowRulesCompareTheCodeColumns() throws IOException {
    Path cbs = tmp.resolve("cbs-rules");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", ';');
    Path y = cbs.resolve("gemeenten-alfabetisch-2025.csv");
    String s = Files.readString(y);
    s = s.replace("363;GM0363;Amsterdam;27;PV27;Noord-Holland", "364;GM0363;Amsterdam;27;PV28;Noord-Holland");
    Files.writeString(y, s);
    String m = failure(cbs);
    assertMentions(m, "Gemeentecode '364' and GemeentecodeGM 'GM0363' differ",
        "Provinciecode '27' and ProvinciecodePV 'PV28' differ");
  }

  @Test
  void anUnclosedQuoteIsNamed() throws IOException {
    Path cbs = tmp.resolve("cbs-quote");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", ',');
    Path y = cbs.resolve("gemeenten-alfabetisch-2025.csv");
    Files.writeString(y, Files.readString(y).replace("\"Nuenen, Gerwen en Nederwetten\"", "\"Nuenen, Gerwen en Nederwetten"));
    assertMentions(failure(cbs), "gemeenten-alfabetisch-2025.csv line", "is not closed on this line");
  }

  @Test
  void windows1252AndUtf16AreNamed() throws IOException {
    Path cbs = tmp.resolve("cbs-ansi");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", ';');
    Path y = cbs.resolve("gemeenten-alfabetisch-2025.csv");
    String text = Files.readString(y).substring(1); // Excel's plain CSV has no byte order mark
    Files.write(y, text.getBytes(Charset.forName("windows-1252")));
    assertMentions(failure(cbs), "gemeenten-alfabetisch-2025.csv line", "not valid UTF-8",
        "Windows-1252", "CSV UTF-8");
    Files.write(y, text.getBytes(StandardCharsets.UTF_16LE));
    byte[] withBom = Files.readAllBytes(y);
    byte[] b = new byte[withBom.length + 2];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xFE;
    System.arraycopy(withBom, 0, b, 2, withBom.length);
    Files.write(y, b);
    assertMentions(failure(cbs), "gemeenten-alfabetisch-2025.csv is UTF-16");
  }

  @Test
  void bothLayoutsAtOnceAreRefused() throws IOException {
    Path f = plainFolder();
    CbsReferenceFiles.writeCbsLayout(tmp.resolve("other"), SHIPPED, "gemeenten-alfabetisch-%d.csv", ',');
    Files.copy(tmp.resolve("other/gemeenten-alfabetisch-2025.csv"), f.resolve("gemeenten-alfabetisch-2025.csv"));
    assertMentions(failure(f), "holds both layouts", "keep one");
  }

  @Test
  void aWorkbookIsAskedToBeSavedAsCsv() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("xlsx"));
    copy("herindelingen.csv", f);
    Files.write(f.resolve("Gemeenten alfabetisch 2025.xlsx"), new byte[] {'P', 'K', 3, 4});
    assertMentions(failure(f), "Gemeenten alfabetisch 2025.xlsx is an Excel workbook", "CSV UTF-8");
  }

  @Test
  void noDivisionAtAllSaysWhichFilesToAdd() throws IOException {
    Path f = Files.createDirectories(tmp.resolve("empty"));
    assertMentions(failure(f), "has no division", "gemeenten.csv", "gemeenten-alfabetisch-YYYY.csv", "inwoners.csv");
  }

  @Test
  void inhabitantsOfAGemeenteNotInThatYearsDivisionAreRefused() throws IOException {
    Path cbs = tmp.resolve("cbs-inw");
    CbsReferenceFiles.writeCbsLayout(cbs, SHIPPED, "gemeenten-alfabetisch-%d.csv", ',');
    Path inw = cbs.resolve("inwoners.csv");
    Files.writeString(inw, Files.readString(inw) + "2024;GM0364;1000\n");
    assertMentions(failure(cbs), "inwoners.csv line", "gemeentecode 'GM0364' (column 2) is not a gemeente in the "
        + "division of 2024 (gemeenten-alfabetisch-2024.csv)");
    Files.delete(inw);
    assertMentions(failure(cbs), "inwoners.csv does not exist", "jaar;gemeentecode;inwoners");
  }

  @Test
  void aMergerFromACodeThatDidNotExistIsRefused() throws IOException {
    Path f = plainFolder();
    Path h = f.resolve("herindelingen.csv");
    Files.writeString(h, Files.readString(h) + "20190101;0364;0363\n20190101;0363;0363\n");
    assertMentions(failure(f), "herindelingen.csv line 73: oude_code '0364' (column 2) is not a gemeente in the division of 2018",
        "herindelingen.csv line 74: oude_code and nieuwe_code are both 0363");
  }

  @Test
  void aFolderWhereAFileIsExpectedIsNamedAsSuch() throws IOException {
    Path f = plainFolder();
    Files.delete(f.resolve("herindelingen.csv"));
    Files.createDirectory(f.resolve("herindelingen.csv"));
    assertMentions(failure(f), "herindelingen.csv is a folder");
  }

  private static void replaceLine(Path file, int number, String text) throws IOException {
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(number - 1, text);
    Files.writeString(file, String.join("\n", lines) + "\n");
  }
}
