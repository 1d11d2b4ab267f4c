package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.HEADER;
import static nl.gmsd.check.Fixtures.NAME;
import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.check;
import static nl.gmsd.check.Fixtures.codes;
import static nl.gmsd.check.Fixtures.corrupt;
import static nl.gmsd.check.Fixtures.finding;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileCheckerTest {

  private static List<Integer> lines(Integer... l) {
    return Arrays.asList(l);
  }

  private static void assertFinding(FileVerdict v, String code, long count, List<Integer> lines) {
    Finding f = finding(v, code);
    assertNotNull(f, code + " expected in " + codes(v));
    assertEquals(count, f.getCount(), code + " count");
    assertEquals(lines, f.getLines(), code + " lines");
  }

  @Test
  void validFileIsApprovedWithoutFindings() {
    FileVerdict v = check(validLines(20));
    assertEquals("GOEDGEKEURD", v.getVerdict());
    assertEquals(List.of(), v.getFindings());
    assertEquals(0, v.getErrors());
    assertEquals(20, v.getRecords());
    assertEquals("0363", v.getGemeentecode());
    assertEquals("H12025", v.getPeriod());
    assertFalse(v.getBlanked());
    assertFalse(v.getInForce());
    assertNull(v.getInForceFile());
  }

  @Test
  void testBsnsAreDistinctAndPassTheElevenTest() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String b = Fixtures.bsn(i);
      assertEquals(9, b.length());
      assertTrue(Fixtures.elevenProof(b), b.substring(0, 0) + "bsn " + i);
      assertTrue(seen.add(b), "bsn " + i + " repeats");
    }
  }

  /** One field corrupted on lines 3 and 7 of a 12-record file. Column is 0-based. */
  @ParameterizedTest(name = "{2}: column {0} = ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "0|20251301|R10|AANMAAKDATUM|AFGEKEURD",
      "0|20250716|R10|AANMAAKDATUM|AFGEKEURD",
      "0|2025071|R10|AANMAAKDATUM|AFGEKEURD",
      "0|''|R10|AANMAAKDATUM|AFGEKEURD",
      "1|0000|R11|GEMEENTECODE|AFGEKEURD",
      "1|' 0363'|R11|GEMEENTECODE|AFGEKEURD",
      "1|363|R11|GEMEENTECODE|AFGEKEURD",
      "1|03a3|R11|GEMEENTECODE|AFGEKEURD",
      "2|123456789|R13|BSN|AFGEKEURD",
      "2|000000000|R13|BSN|AFGEKEURD",
      "2|12345678|R13|BSN|AFGEKEURD",
      "2|''|R13|BSN|AFGEKEURD",
      "3|19|R14|TYPE_ARRANGEMENT|AFGEKEURD",
      "3|2|R14|TYPE_ARRANGEMENT|AFGEKEURD",
      "3|00|R14|TYPE_ARRANGEMENT|AFGEKEURD",
      "4|20250230|R15|STARTDATUM|AFGEKEURD",
      "4|''|R15|STARTDATUM|AFGEKEURD",
      "4|00000101|R15|STARTDATUM|AFGEKEURD",
      "5|20250631|R16|EINDDATUM|AFGEKEURD",
      "5|2025063|R16|EINDDATUM|AFGEKEURD",
      "5|20241231|R17|EINDDATUM|AFGEKEURD",
      "6|zin|R18|LEVERINGSVORM|AFGEKEURD",
      "6|ABC|R18|LEVERINGSVORM|AFGEKEURD",
      "6|''|R18|LEVERINGSVORM|AFGEKEURD",
      "7|A_1|O20|TOEWIJZINGSNUMMER|GOEDGEKEURD",
      "7|ABCDEFGHIJKLMNOPQRSTU|O20|TOEWIJZINGSNUMMER|GOEDGEKEURD",
      "8|1234567|O21|VOLUME|GOEDGEKEURD",
      "8|1.5|O21|VOLUME|GOEDGEKEURD",
      "9|02|O22|EENHEID|GOEDGEKEURD",
      "9|4|O22|EENHEID|GOEDGEKEURD",
      "10|3|O23|FREQUENTIE|GOEDGEKEURD",
      "11|01|O24|REDEN_BEEINDIGING|GOEDGEKEURD",
      "12|15|O25|REDEN_WIJZIGING|GOEDGEKEURD",
      "12|1|O25|REDEN_WIJZIGING|GOEDGEKEURD",
      "2|'12\"456789'|R02||AFGEKEURD",
      "9|'\"04\"'|R02||AFGEKEURD",
      "8|'1,23E+08'|R03||AFGEKEURD",
      "2|1.23456E+8|R03||AFGEKEURD",
  })
  void oneCorruptFieldGivesItsCode(int column, String value, String code, String field, String verdict) {
    List<String> lines = validLines(12);
    corrupt(lines, 3, column, value);
    corrupt(lines, 7, column, value);
    FileVerdict v = check(lines);
    if (column == 1) { // a second gemeentecode in the file is also F08, on the first one
      assertEquals(List.of("F08", code), codes(v));
      assertFinding(v, "F08", 1, lines(3));
    } else {
      assertEquals(List.of(code), codes(v));
    }
    assertFinding(v, code, 2, lines(3, 7));
    assertEquals(field == null || field.isEmpty() ? null : field, finding(v, code).getField());
    assertEquals(verdict, v.getVerdict());
    assertEquals(column == 1 ? 3 : 2, v.getErrors());
    assertEquals(verdict.equals("GOEDGEKEURD"), v.getBlanked());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "0|20250715", // the day of the upload itself is fine
      "7|1E5", // TOEWIJZINGSNUMMER is not tested for scientific notation
      "7|''", "8|''", "9|''", "10|''", "11|''", "12|''", "5|''",
      "1|1948", // Meierijstad, in the 2025 division
      "2|999999999", // unknown BSN: allowed (W32)
      "3|18", "6|PGB", "8|123456", "9|84", "10|6", "11|39", "12|14",
      "7|ABCDEFGHIJ-123456789",
  })
  void valuesThatAreFine(int column, String value) {
    List<String> lines = validLines(3);
    for (int l = 2; l <= (column == 1 ? 4 : 2); l++) { // one gemeentecode per file
      corrupt(lines, l, column, value);
    }
    FileVerdict v = check(lines);
    assertEquals("GOEDGEKEURD", v.getVerdict(), codes(v).toString());
    assertEquals(0, v.getErrors());
  }

  @Test
  void mergedGemeentecodeIsR12NamingTheNewCode() {
    List<String> lines = validLines(4);
    for (int l = 2; l <= 5; l++) {
      corrupt(lines, l, 1, "0844"); // Schijndel, merged into Meierijstad (1948) in 2017
    }
    FileVerdict v = check(lines);
    assertEquals(List.of("R12"), codes(v));
    assertFinding(v, "R12", 4, lines(2, 3, 4, 5));
    assertTrue(finding(v, "R12").getDetail().contains("0844 → 1948"), finding(v, "R12").getDetail());
    assertEquals("0844", v.getGemeentecode());
    assertEquals("AFGEKEURD", v.getVerdict());
  }

  @Test
  void quoteComesBeforeTheFieldsOwnCodeAndEachFieldHasOneError() {
    List<String> lines = validLines(3);
    corrupt(lines, 2, 2, "\"123\""); // BSN with quotes: R02, not R13
    corrupt(lines, 2, 3, "99"); // R14 on the same record
    corrupt(lines, 2, 8, "9E9"); // R03 on VOLUME
    corrupt(lines, 3, 8, "\"1E5\""); // quote wins over scientific
    FileVerdict v = check(lines);
    assertEquals(List.of("R02", "R03", "R14"), codes(v));
    assertFinding(v, "R02", 2, lines(2, 3));
    assertFinding(v, "R03", 1, lines(2));
    assertFinding(v, "R14", 1, lines(2));
    assertEquals(4, v.getErrors());
    assertEquals("in veld(en): BSN, VOLUME", finding(v, "R02").getDetail());
  }

  @Test
  void wrongFieldCountStopsTheRecord() {
    List<String> lines = validLines(5);
    lines.set(2, "2025;bad;fields"); // line 3
    lines.set(3, lines.get(3) + ";extra\"E"); // line 4, 14 fields with a quote: only R01
    lines.set(4, ""); // blank line 5 in the middle
    FileVerdict v = check(lines);
    assertEquals(List.of("R01"), codes(v));
    assertFinding(v, "R01", 3, lines(3, 4, 5));
    assertEquals(5, v.getRecords());
    assertEquals("AFGEKEURD", v.getVerdict());
  }

  @Test
  void finalLineEndMakesNoRecordButABlankLineAtTheEndDoes() {
    byte[] with = bytes(validLines(3), "\n", false, true);
    byte[] without = bytes(validLines(3), "\n", false, false);
    assertEquals(3, check(NAME, with).getRecords());
    assertEquals(3, check(NAME, without).getRecords());
    assertEquals(List.of(), check(NAME, without).getFindings());
    List<String> blankAtEnd = validLines(3);
    blankAtEnd.add("");
    FileVerdict v = check(NAME, bytes(blankAtEnd, "\n", false, true)); // ends "\n\n"
    assertFinding(v, "R01", 1, lines(5));
  }

  @Test
  void crlfAndBomGiveTheSameFindings() {
    List<String> lines = validLines(12);
    corrupt(lines, 4, 2, "123456789");
    corrupt(lines, 6, 12, "99");
    corrupt(lines, 9, 5, ""); // empty EINDDATUM is fine
    lines.add(lines.get(8)); // line 14 duplicates line 9
    FileVerdict plain = check(NAME, bytes(lines, "\n", false, true));
    for (boolean bom : new boolean[] {false, true}) {
      for (String eol : new String[] {"\n", "\r\n"}) {
        FileVerdict v = check(NAME, bytes(lines, eol, bom, !bom));
        assertEquals(plain.getFindings(), v.getFindings(), "bom " + bom + " eol " + eol.length());
        assertEquals(13, v.getRecords());
      }
    }
    assertFinding(plain, "R13", 1, lines(4));
    assertFinding(plain, "O25", 1, lines(6));
    assertFinding(plain, "W31", 1, lines(14));
  }

  @Test
  void headerIsCaseInsensitiveAndHeaderOnlyFileIsApproved() {
    FileVerdict v = check(NAME, (HEADER.toLowerCase() + "\r\n").getBytes(StandardCharsets.UTF_8));
    assertEquals("GOEDGEKEURD", v.getVerdict());
    assertEquals(0, v.getRecords());
    assertEquals(List.of(), v.getFindings());
    assertEquals("0363", v.getGemeentecode(), "no record: the account's code");
    FileVerdict noEol = check(NAME, HEADER.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), noEol.getFindings());
  }

  @Test
  void wrongHeaderIsF07OnLine1AndRecordsAreStillChecked() {
    List<String> lines = validLines(3);
    lines.set(0, HEADER.replace("BSN", "BSN ")); // no trimming
    corrupt(lines, 3, 2, "123456789");
    FileVerdict v = check(lines);
    assertEquals(List.of("F07", "R13"), codes(v));
    assertFinding(v, "F07", 1, lines(1));
    assertFinding(v, "R13", 1, lines(3));
    assertEquals(3, v.getRecords());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\uFEFF", "\n", "\r\n", "\n" + HEADER + "\n"})
  void emptyFileOrNoHeaderIsF06AndNothingMoreIsRead(String content) {
    FileVerdict v = check(NAME, content.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("F06"), codes(v));
    assertFinding(v, "F06", 1, lines());
    assertEquals(0, v.getRecords());
    assertEquals("AFGEKEURD", v.getVerdict());
    assertEquals(1, v.getErrors());
  }

  @Test
  void invalidUtf8IsF05OnItsLineAndStopsReading() {
    List<String> lines = validLines(6);
    corrupt(lines, 3, 2, "123456789"); // R13 on line 3, read before the bad bytes
    byte[] good = bytes(lines.subList(0, 4)); // lines 1..4
    byte[] bad = "20250701;0363;\u00e9".getBytes(StandardCharsets.ISO_8859_1); // Latin-1 é, line 5
    byte[] rest = ("\n" + String.join("\n", lines.subList(5, 7)) + "\n").getBytes(StandardCharsets.UTF_8);
    FileVerdict v = check(NAME, Fixtures.concat(good, bad, rest));
    assertEquals(List.of("F05", "R13"), codes(v));
    assertFinding(v, "F05", 1, lines(5));
    assertEquals(3, v.getRecords());
    assertEquals("AFGEKEURD", v.getVerdict());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "C0 80|overlong NUL", "ED A0 80|surrogate", "F4 90 80 80|above U+10FFFF", "FF|never valid",
      "E2 82|truncated at the line end", "80|stray continuation"})
  void invalidUtf8Sequences(String hex, String why) {
    String[] parts = hex.split(" ");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    byte[] head = bytes(validLines(1)); // lines 1, 2
    FileVerdict v = check(NAME, Fixtures.concat(head, "x".getBytes(StandardCharsets.UTF_8), b,
        "\n".getBytes(StandardCharsets.UTF_8)));
    assertFinding(v, "F05", 1, lines(3));
  }

  @Test
  void validMultiByteCharactersAreNotF05() {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 7, "é€𝄞"); // valid UTF-8, invalid TOEWIJZINGSNUMMER
    FileVerdict v = check(lines);
    assertEquals(List.of("O20"), codes(v));
  }

  @Test
  void moreThanOneGemeenteIsF08OnceOnTheFirstDifferingRecord() {
    List<String> lines = validLines(8);
    lines.set(2, "short;record"); // R01 records do not take part
    corrupt(lines, 5, 1, "0599");
    corrupt(lines, 7, 1, "0518");
    FileVerdict v = check(lines);
    assertEquals(List.of("F08", "R01"), codes(v));
    assertFinding(v, "F08", 1, lines(5));
    assertEquals("0363", v.getGemeentecode());
  }

  @Test
  void fileGemeentecodeIsTheRawCodeOfTheFirst13FieldRecord() {
    List<String> lines = validLines(3);
    lines.set(1, "a;b");
    corrupt(lines, 3, 1, " 0363");
    FileVerdict v = check(lines);
    assertEquals(" 0363", v.getGemeentecode());
    assertFinding(v, "F08", 1, lines(4));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "WMO_H12025_Amsterdam.csv|''|H12025",
      "WMO_H12025_Amsterdam.TXT|''|H12025",
      "dir/sub/WMO_H12025_A-b_c.CsV|''|H12025",
      "WMO_H22024_Amsterdam.csv|''|H22024",
      "WMO_H12025_Amsterdam.xlsx|F01|H12025",
      "WMO_H12025_Amsterdam|F01|H12025",
      "WMO_H12025_.csv|F02|''",
      "wmo_H12025_Amsterdam.csv|F02|''",
      "WMO_h12025_Amsterdam.csv|F02|''",
      "WMO_H32025_Amsterdam.csv|F02|''",
      "WMO_H1202_Amsterdam.csv|F02|''",
      "WMO_H12024_Amsterdam.csv|F03|H12024",
      "WMO_H22025_Amsterdam.csv|F03|H22025",
      "WMO_H12025_amster.dam.csv|F04|H12025",
      "WMO_H12025_Amster dam.csv|F04|H12025",
      "WMO_H12025_Amsterdam;.csv|F04|H12025",
      "WMO-H12025 Amsterdam.csv|F02 F04|''",
      "WMO H12025.doc|F01 F02 F04|''",
  })
  void fileNameRules(String file, String expected, String period) {
    List<String> lines = validLines(2);
    // records inside both H2 2024 and H1 2025, so W30 stays out of the way
    corrupt(lines, 2, 4, "20240101");
    corrupt(lines, 2, 5, "");
    corrupt(lines, 3, 4, "20240101");
    corrupt(lines, 3, 5, "");
    FileVerdict v = check(file, bytes(lines));
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    assertEquals(want, codes(v));
    assertEquals(period, v.getPeriod());
    for (String c : want) {
      assertFinding(v, c, 1, lines());
    }
    assertEquals(want.size(), v.getErrors());
    assertEquals(want.isEmpty() ? "GOEDGEKEURD" : "AFGEKEURD", v.getVerdict());
  }

  @Test
  void withoutAPeriodTheRunPeriodsDivisionIsUsedAndW30IsNotChecked() {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 4, "20100101");
    corrupt(lines, 2, 5, "20100201"); // would be W30 in H12025
    corrupt(lines, 3, 1, "1948");
    FileVerdict v = check("wmo_x.csv", bytes(lines));
    assertEquals(List.of("F02", "F08"), codes(v));
  }

  @Test
  void missingFileIsF10Only() {
    FileVerdict v = Fixtures.CHECKER.missing(Fixtures.upload("a/WMO_H12025_x.csv"), Fixtures.RUN);
    assertEquals(List.of("F10"), codes(v));
    assertEquals(1, v.getErrors());
    assertEquals("AFGEKEURD", v.getVerdict());
    assertEquals("0363", v.getGemeentecode());
    assertEquals("H12025", v.getPeriod());
    assertEquals(List.of(), finding(v, "F10").getLines());
    assertEquals("", Fixtures.CHECKER.missing(Fixtures.upload("x.csv"), Fixtures.RUN).getPeriod());
  }

  @Test
  void warningsDoNotRejectAndAreCountedOnRejectedFilesToo() {
    List<String> lines = validLines(6);
    corrupt(lines, 2, 4, "20240101");
    corrupt(lines, 2, 5, "20241231"); // W30: ends before H12025
    corrupt(lines, 3, 4, "20250701");
    corrupt(lines, 3, 5, ""); // W30: starts after H12025
    corrupt(lines, 4, 2, "999999999"); // W32
    lines.add(lines.get(5)); // line 8 = line 6: W31
    FileVerdict v = check(lines);
    assertEquals(List.of("W30", "W31", "W32"), codes(v));
    assertEquals("GOEDGEKEURD", v.getVerdict());
    assertEquals(0, v.getErrors());
    assertFinding(v, "W30", 2, lines(2, 3));
    assertFinding(v, "W31", 1, lines(8));
    assertFinding(v, "W32", 1, lines(4));
    corrupt(lines, 7, 3, "55");
    FileVerdict rejected = check(lines);
    assertEquals(List.of("R14", "W30", "W31", "W32"), codes(rejected));
    assertEquals("AFGEKEURD", rejected.getVerdict());
  }

  @Test
  void w30NeedsValidDates() {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 4, "20200101");
    corrupt(lines, 2, 5, "2020013"); // R16: no W30
    corrupt(lines, 3, 4, "20200301");
    corrupt(lines, 3, 5, "20200201"); // R17: no W30
    FileVerdict v = check(lines);
    assertEquals(List.of("R16", "R17"), codes(v));
  }

  @Test
  void duplicateComparesTheRawTextAfterRemovingCr() {
    List<String> lines = validLines(3);
    byte[] content = Fixtures.concat(bytes(lines),
        (lines.get(1) + "\r\n").getBytes(StandardCharsets.UTF_8), // line 5 = line 2 with CRLF
        (lines.get(2) + " \n").getBytes(StandardCharsets.UTF_8)); // line 6 differs by a space
    FileVerdict v = check(NAME, content);
    assertFinding(v, "W31", 1, lines(5));
    assertFinding(v, "O25", 1, lines(6));
  }

  @Test
  void linesListHoldsTheFirstTenDistinctLines() {
    List<String> lines = validLines(30);
    List<Integer> expected = new ArrayList<>();
    for (int l = 3; l <= 31; l += 2) {
      corrupt(lines, l, 8, "\"1\""); // R02 twice on each line
      corrupt(lines, l, 9, "\"04\"");
      if (expected.size() < 10) {
        expected.add(l);
      }
    }
    FileVerdict v = check(lines);
    assertFinding(v, "R02", 30, expected);
    assertEquals(30, v.getErrors());
  }

  @Test
  void optionalErrorsOnlyBlankTheFile() {
    List<String> lines = validLines(4);
    corrupt(lines, 2, 9, "99");
    corrupt(lines, 4, 10, "5");
    FileVerdict v = check(lines);
    assertEquals("GOEDGEKEURD", v.getVerdict());
    assertTrue(v.getBlanked());
    assertEquals(2, v.getErrors());
    assertEquals(List.of("O22", "O23"), codes(v));
  }

  @Test
  void binaryContentGivesFindingsNotExceptions() {
    java.util.Random random = new java.util.Random(20251123L);
    for (int round = 0; round < 200; round++) {
      long seed = random.nextLong();
      java.util.Random r = new java.util.Random(seed);
      byte[] b = new byte[r.nextInt(3000)];
      r.nextBytes(b);
      FileVerdict v = check(round % 2 == 0 ? NAME : "x.zip", b);
      assertNotNull(v.getVerdict(), "seed " + seed);
      if (b.length > 0) {
        assertEquals("AFGEKEURD", v.getVerdict(), "seed " + seed);
      }
    }
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0x54, 0, '\n', (byte) 0xc3, 0x28};
    FileVerdict v = check("WMO_H12025_x.zip", zip);
    assertEquals(List.of("F01", "F05", "F07"), codes(v));
    assertFinding(v, "F05", 1, lines(2));
  }

  @Test
  void hugeLineIsR01AndTheNextLinesAreStillChecked() {
    List<String> lines = validLines(3);
    StringBuilder huge = new StringBuilder(lines.get(1));
    while (huge.length() < 6_000_000) {
      huge.append("0123456789;\"abc\";");
    }
    lines.add(2, huge.toString()); // line 3
    lines.add(huge.toString()); // line 6: duplicate of line 3
    corrupt(lines, 5, 2, "123456789");
    FileVerdict v = check(lines);
    assertEquals(List.of("R01", "R13", "W31"), codes(v));
    assertFinding(v, "R01", 2, lines(3, 6));
    assertFinding(v, "R13", 1, lines(5));
    assertFinding(v, "W31", 1, lines(6));
  }

  @Test
  void recordsAreCheckedAgainstTheDivisionOfThePeriodsYear() throws Exception {
    List<String> lines = validLines(1);
    corrupt(lines, 2, 1, "1948"); // Meierijstad exists from 2017
    lines.set(1, lines.get(1).replace("20250101", "20160101").replace("20250630", "20160630")
        .replace("20250701", "20160701"));
    FileVerdict v = Fixtures.CHECKER.check(Fixtures.upload("WMO_H12016_x.csv", "2016-07-15T00:00:00Z"),
        Fixtures.RUN, new java.io.ByteArrayInputStream(bytes(lines)));
    assertEquals(List.of("R11"), codes(v));
  }

  @ParameterizedTest
  @CsvSource({"123456789,0363", "12345678,0363", "1234567,0363", "036300,036300"})
  void aLongRawGemeentecodeIsNotShownItMayBeABsn(String raw, String shown) {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 1, raw);
    FileVerdict v = check(lines);
    assertEquals(shown, v.getGemeentecode(), "the account's code stands in");
    assertFinding(v, "F08", 1, lines(3));
  }

  @Test
  void verdictHoldsNoBsn() {
    List<String> lines = validLines(5);
    corrupt(lines, 2, 2, "123456789");
    FileVerdict v = check(lines);
    String all = v.toString();
    for (int i = 0; i < 5; i++) {
      assertFalse(all.contains(Fixtures.bsn(i)));
    }
    assertFalse(all.contains("123456789"));
  }
}
