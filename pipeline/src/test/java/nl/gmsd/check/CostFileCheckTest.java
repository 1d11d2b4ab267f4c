package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.codes;
import static nl.gmsd.check.Fixtures.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The technical check of the cost files of the 2016-2019 protocol (SPEC 12), rule by rule. */
class CostFileCheckTest {

  static final String SBO_HEADER = "GEMEENTECODE;IV3_CATEGORIE;KOSTEN";
  static final String JEUGD_HEADER = "GEMEENTECODE;TYPE_VOORZIENING;KOSTEN";
  /** In the window of H12018 (uploads of July to December 2018). */
  static final String RECEIVED_2018 = "2018-09-14T10:00:00Z";
  static final Period RUN_2018 = Period.parse("H12018");
  /** Schiermonnikoog: far below 20 000 inhabitants. */
  static final String SMALL = "0088";

  static FileVerdict check(String file, List<String> lines) {
    return check(file, RECEIVED_2018, RUN_2018, lines);
  }

  static FileVerdict check(String file, String receivedAt, Period run, List<String> lines) {
    try {
      return Fixtures.CHECKER.check(Fixtures.upload(file, receivedAt), run, new ByteArrayInputStream(bytes(lines)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<CostRecord> records(String file, List<String> lines) throws IOException {
    FileVerdict v = check(file, lines);
    List<CostRecord> out = new ArrayList<>();
    Fixtures.CHECKER.approvedRecords(Fixtures.upload(file, RECEIVED_2018), v, new ByteArrayInputStream(bytes(lines)),
        CostRecord.class, out::add);
    assertEquals(v.getRecordsPassedOn(), out.size());
    return out;
  }

  static List<String> sbo(String... rows) {
    List<String> lines = new ArrayList<>(List.of(SBO_HEADER));
    lines.addAll(List.of(rows));
    return lines;
  }

  static List<String> jeugd(String... rows) {
    List<String> lines = new ArrayList<>(List.of(JEUGD_HEADER));
    lines.addAll(List.of(rows));
    return lines;
  }

  @Test
  void aGoodSboFileIsApprovedAndItsRowsBecomeCostRecords() throws IOException {
    List<String> lines = sbo(SMALL + ";670;12500", SMALL + ";671;0");
    FileVerdict v = check("SBO_H12018_schier.csv", lines);
    assertEquals(FileChecker.APPROVED, v.getVerdict(), v.toString());
    assertEquals("SBO", v.getKind());
    assertEquals(2018, v.getProtocolYear());
    assertEquals(List.of(), v.getFindings());
    assertEquals(2, v.getRecords());
    List<CostRecord> r = records("SBO_H12018_schier.csv", lines);
    assertEquals(new CostRecord("SBO_H12018_schier.csv", "SBO", SMALL, "H12018", 2, "670", 12500L), r.get(0));
    assertEquals(new CostRecord("SBO_H12018_schier.csv", "SBO", SMALL, "H12018", 3, "671", 0L), r.get(1));
  }

  @Test
  void aGoodJeugdFileWithSomeCategoriesLeftOutIsApproved() throws IOException {
    // A category left out is not delivered, not zero: nothing to check, nothing handed on.
    List<String> lines = jeugd("0363;1;4000000", "0363;3;999999999", "0363;6;0");
    FileVerdict v = check("JEUGD_H22017_ams.txt", lines);
    assertEquals(FileChecker.APPROVED, v.getVerdict(), v.toString());
    assertEquals("JEUGD", v.getKind());
    assertEquals(List.of("1", "3", "6"), records("JEUGD_H22017_ams.txt", lines).stream().map(CostRecord::getCategory).toList());
  }

  @Test
  void aHeaderOnlyCostFileIsApprovedWithNoRows() {
    FileVerdict v = check("JEUGD_H12018_leeg.csv", jeugd());
    assertEquals(FileChecker.APPROVED, v.getVerdict());
    assertEquals(0, v.getRecords());
  }

  @Test
  void anUnknownCategoryIsR40ForSboAndR41ForJeugd() {
    FileVerdict s = check("SBO_H12018_x.csv", sbo(SMALL + ";670;1", SMALL + ";672;1", SMALL + ";67;1", SMALL + ";;1"));
    assertEquals(FileChecker.REJECTED, s.getVerdict());
    assertEquals(List.of(3, 4, 5), finding(s, "R40").getLines());
    assertEquals("IV3_CATEGORIE", finding(s, "R40").getField());
    FileVerdict j = check("JEUGD_H12018_x.csv", jeugd(SMALL + ";0;1", SMALL + ";7;1", SMALL + ";01;1", SMALL + ";2;1"));
    assertEquals(List.of("R41"), codes(j));
    assertEquals(List.of(2, 3, 4), finding(j, "R41").getLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.250.000", "1250000,50", "-120", "+120", " 120", "120 ", "EUR 120", "\u20ac120", "",
      "1000000000", "12a"})
  void kostenThatAreNotWholeEurosAreR42(String kosten) {
    FileVerdict v = check("SBO_H12018_x.csv", sbo(SMALL + ";670;" + kosten));
    assertEquals(List.of("R42"), codes(v), kosten);
    assertEquals(List.of(2), finding(v, "R42").getLines());
    assertEquals("KOSTEN", finding(v, "R42").getField());
    assertEquals(FileChecker.REJECTED, v.getVerdict());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "999999999", "000123"})
  void wholeEurosFromZeroToNineNinesAreFine(String kosten) {
    assertEquals(List.of(), codes(check("SBO_H12018_x.csv", sbo(SMALL + ";670;" + kosten))), kosten);
  }

  @Test
  void scientificNotationAndQuotesAreR03AndR02AsForWmo() {
    FileVerdict v = check("JEUGD_H12018_x.csv", jeugd(SMALL + ";1;1,25E+06", SMALL + ";2;\"100\""));
    assertEquals(List.of("R02", "R03"), codes(v));
    assertEquals(List.of(2), finding(v, "R03").getLines());
    assertEquals(List.of(3), finding(v, "R02").getLines());
  }

  @Test
  void aRepeatedCategoryIsR43OnTheRepeatAlsoForAnExactCopy() {
    FileVerdict v = check("JEUGD_H12018_x.csv",
        jeugd(SMALL + ";1;100", SMALL + ";2;200", SMALL + ";1;300", SMALL + ";2;200"));
    assertEquals(List.of("R43"), codes(v), "an exact copy is R43, not the Wmo warning W31");
    assertEquals(List.of(4, 5), finding(v, "R43").getLines());
    assertEquals("TYPE_VOORZIENING", finding(v, "R43").getField());
    assertEquals(FileChecker.REJECTED, v.getVerdict());
    assertEquals(2, v.getErrors());
  }

  @Test
  void anotherGemeentesCodeIsF08AndAnUnknownCodeR11() {
    FileVerdict v = check("SBO_H12018_x.csv", sbo(SMALL + ";670;1", "0060;671;2"));
    assertEquals(List.of("F08"), codes(v));
    assertEquals(List.of(3), finding(v, "F08").getLines());
    assertEquals(SMALL, v.getGemeentecode());
    FileVerdict unknown = check("SBO_H12018_x.csv", sbo("9999;670;1"));
    assertEquals(List.of("R11"), codes(unknown));
  }

  @Test
  void aMergedGemeentesCodeIsR12NamingTheNewCode() {
    // Leeuwarderadeel (0081) went to Leeuwarden (0080) on 1 January 2018.
    FileVerdict v = check("SBO_H12018_x.csv", sbo("0081;670;1"));
    assertEquals(List.of("R12"), codes(v));
    assertTrue(finding(v, "R12").getDetail().contains("0081 → 0080"), finding(v, "R12").getDetail());
  }

  @Test
  void theWrongNumberOfFieldsIsR01AndTheWmoHeaderIsF07() {
    FileVerdict v = check("SBO_H12018_x.csv", sbo(SMALL + ";670", SMALL + ";671;1;extra", ""));
    assertEquals(List.of("R01"), codes(v));
    assertEquals(List.of(2, 3, 4), finding(v, "R01").getLines());
    List<String> wmo = new ArrayList<>(Fixtures.validLines(1));
    FileVerdict header = check("SBO_H12018_x.csv", wmo);
    assertTrue(codes(header).contains("F07"), codes(header).toString());
  }

  @Test
  void firstTenLineNumbersOnly() {
    List<String> lines = sbo();
    for (int i = 0; i < 14; i++) {
      lines.add(SMALL + ";670;" + (i % 2 == 0 ? "1.000" : "10"));
    }
    FileVerdict v = check("SBO_H12018_x.csv", lines);
    Finding r42 = finding(v, "R42");
    assertEquals(7, r42.getCount());
    assertEquals(List.of(2, 4, 6, 8, 10, 12, 14), r42.getLines());
    Finding r43 = finding(v, "R43");
    assertEquals(13, r43.getCount(), "every 670 after the first, whatever its KOSTEN");
    assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12), r43.getLines());
  }

  @Test
  void costFilesForAPeriodFrom2020AreRefusedWithWhy() {
    // Uploaded in the window of H12021: the period is right for the window, but SBO files are no
    // longer taken (SPEC 12), with the reason in the detail.
    FileVerdict v = check("SBO_H12021_x.csv", "2021-09-01T10:00:00Z", Period.parse("H12021"), sbo(SMALL + ";670;1"));
    assertEquals(List.of("F12"), codes(v));
    assertEquals(FileChecker.REJECTED, v.getVerdict());
    assertEquals(1, v.getErrors());
    assertTrue(finding(v, "F12").getDetail().contains("Monitor Abonnementstarieven"), finding(v, "F12").getDetail());
    assertEquals(List.of(), finding(v, "F12").getLines());
    String text = new CheckReports().dutchText(v, false);
    assertTrue(text.contains("SBO_ worden alleen aangenomen over de perioden van 2016 tot en met 2019"), text);
    assertTrue(text.contains("Monitor Abonnementstarieven"), text);
    // and before 2016, with another reason; still read with the kind's layout, so R42 is found too
    FileVerdict early = check("JEUGD_H22015_x.csv", "2016-03-01T10:00:00Z", Period.parse("H22015"),
        jeugd(SMALL + ";1;1.0"));
    assertEquals(List.of("F12", "R42"), codes(early));
    assertTrue(finding(early, "F12").getDetail().contains("vanaf 2016"), finding(early, "F12").getDetail());
  }

  @Test
  void theWmoFileOf2021IsNotTouchedByTheCostRules() {
    Upload u = Fixtures.upload("WMO_H12021_x.csv", "2021-09-01T10:00:00Z");
    List<String> lines = new ArrayList<>(List.of(Fixtures.HEADER));
    lines.add(String.join(";", "20210801", "0363", Fixtures.bsn(1), "02", "20210101", "", "ZIN", "", "", "", "", "", ""));
    FileVerdict v;
    try {
      v = Fixtures.CHECKER.check(u, Period.parse("H12021"), new ByteArrayInputStream(bytes(lines)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(List.of(), codes(v));
    assertEquals("WMO", v.getKind());
  }

  @Test
  void sboOfAGemeenteOf20000InhabitantsOrMoreIsAcceptedWithANotice() {
    FileVerdict v = check("SBO_H12018_ams.csv", sbo("0363;670;1000", "0363;671;2000"));
    assertEquals(FileChecker.APPROVED, v.getVerdict());
    assertEquals(List.of("W33"), codes(v));
    assertEquals(0, v.getErrors());
    assertTrue(finding(v, "W33").getDetail().contains("931.298 inwoners op 1 januari 2024"), finding(v, "W33").getDetail());
    assertNull(finding(check("SBO_H12018_schier.csv", sbo(SMALL + ";670;1")), "W33"));
    assertNull(finding(check("JEUGD_H12018_ams.csv", jeugd("0363;1;1")), "W33"), "JEUGD is asked of every gemeente");
  }

  @Test
  void aNameInTheWrongCaseIsTheKindsF02() {
    FileVerdict v = check("sbo_H12018_x.csv", sbo(SMALL + ";670;1"));
    assertEquals("SBO", v.getKind());
    assertEquals(List.of("F02"), codes(v));
    String text = new CheckReports().dutchText(v, false);
    assertTrue(text.contains("SBO_<periode>_<vrije tekst>, bijvoorbeeld SBO_H12018_Gemeente.csv"), text);
    assertTrue(text.contains("Let op hoofdletters: SBO en H."), text);
  }

  @Test
  void theDutchReportNamesTheKindAndHasNoOptionalFieldsSentence() {
    FileVerdict v = check("SBO_H12018_schier.csv", sbo(SMALL + ";670;1"));
    String text = new CheckReports().dutchText(v, false);
    assertTrue(text.startsWith("Technische toets SBO-levering (kosten sociale basisondersteuning) (Gemeentelijke Monitor"
        + " Sociaal Domein)\n===="), text);
    assertFalse(text.contains("optionele velden"), text);
    String json = new CheckReports().json(check("SBO_H12018_x.csv", sbo(SMALL + ";999;1")));
    assertTrue(json.contains("IV3_CATEGORIE is niet 670"), json);
  }

  @Test
  void recordsOfAnotherKindAreNotHandedOutAsDeliveryRecords() {
    List<String> lines = sbo(SMALL + ";670;1");
    FileVerdict v = check("SBO_H12018_x.csv", lines);
    assertThrows(IllegalArgumentException.class, () -> Fixtures.CHECKER.approvedRecords(
        Fixtures.upload("SBO_H12018_x.csv", RECEIVED_2018), v, new ByteArrayInputStream(bytes(lines)),
        DeliveryRecord.class, r -> { }));
  }

  // ---- seeded random cost files against an independent reading of SPEC 12's rules ----

  private static final java.util.regex.Pattern SCIENTIFIC =
      java.util.regex.Pattern.compile("^[+-]?[0-9]+([.,][0-9]+)?[Ee][+-]?[0-9]+$");
  private static final List<String> CODES = List.of("0088", "0088", "0088", "0096", "9999", "088", "0081", "\"0088\"");
  private static final String NOISE = ".,-+E \"a";

  private static String pick(java.util.Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static String kosten(java.util.Random r) {
    String digits = Long.toString((long) (r.nextDouble() * Math.pow(10, 1 + r.nextInt(10))));
    return switch (r.nextInt(6)) {
      case 0 -> digits.substring(0, 1) + NOISE.charAt(r.nextInt(NOISE.length())) + digits.substring(1);
      case 1 -> r.nextInt(9) + "," + r.nextInt(99) + "E+0" + r.nextInt(9);
      case 2 -> "";
      default -> digits;
    };
  }

  /** What SPEC 4, 11 and 12 say a cost file's rows get, code by code, read independently of the checker. */
  private static java.util.TreeMap<String, Integer> expectedCodes(List<String> lines, List<String> categories,
      String categoryCode) {
    java.util.TreeMap<String, Integer> codes = new java.util.TreeMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    String first = null;
    boolean other = false;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(";", -1);
      if (f.length != 3) {
        codes.merge("R01", 1, Integer::sum);
        continue;
      }
      if (first == null) {
        first = f[0];
      } else if (!other && !f[0].equals(first)) {
        other = true;
        codes.merge("F08", 1, Integer::sum);
      }
      String[] rule = {f[0].equals("0081") ? "R12" : f[0].equals("0088") || f[0].equals("0096") ? null : "R11",
          categories.contains(f[1]) ? null : categoryCode,
          f[2].matches("[0-9]{1,9}") ? null : "R42"};
      for (int c = 0; c < 3; c++) {
        String code = f[c].contains("\"") ? "R02" : SCIENTIFIC.matcher(f[c]).matches() ? "R03" : rule[c];
        if (code != null) {
          codes.merge(code, 1, Integer::sum);
        }
      }
      boolean categoryOk = categories.contains(f[1]);
      if (categoryOk && !seen.add(f[1])) {
        codes.merge("R43", 1, Integer::sum);
      }
    }
    return codes;
  }

  @org.junit.jupiter.api.Test
  void randomCostFilesGetExactlyTheCodesOfTheRules() throws IOException {
    long seed = Long.getLong("costcheck.seed", 1812L);
    java.util.Random r = new java.util.Random(seed);
    for (int round = 0; round < 400; round++) {
      boolean isSbo = r.nextBoolean();
      List<String> categories = isSbo ? List.of("670", "671") : List.of("1", "2", "3", "4", "5", "6");
      List<String> wrong = isSbo ? List.of("672", "67", "0670", "", "E1") : List.of("0", "7", "01", "", "1.0");
      List<String> lines = new ArrayList<>(List.of(isSbo ? SBO_HEADER : JEUGD_HEADER));
      int n = r.nextInt(9);
      for (int i = 0; i < n; i++) {
        String category = r.nextInt(6) == 0 ? pick(r, wrong) : pick(r, categories);
        String row = pick(r, CODES) + ";" + category + ";" + kosten(r);
        lines.add(r.nextInt(15) == 0 ? row + ";" : r.nextInt(20) == 0 ? "" : row);
      }
      String file = (isSbo ? "SBO" : "JEUGD") + "_H12018_r" + round + ".csv";
      FileVerdict v = check(file, lines);
      String msg = "seed " + seed + " round " + round + ": " + lines;
      java.util.TreeMap<String, Integer> actual = new java.util.TreeMap<>();
      v.getFindings().forEach(f -> actual.put(f.getCode(), (int) f.getCount()));
      assertEquals(expectedCodes(lines, categories, isSbo ? "R40" : "R41"), actual, msg);
      boolean rejected = !actual.isEmpty();
      assertEquals(rejected ? FileChecker.REJECTED : FileChecker.APPROVED, v.getVerdict(), msg);
      if (!rejected) {
        List<CostRecord> rows = records(file, lines);
        assertEquals(lines.size() - 1, rows.size(), msg);
        assertEquals(rows.size(), rows.stream().map(CostRecord::getCategory).distinct().count(), msg);
      }
    }
  }
}
