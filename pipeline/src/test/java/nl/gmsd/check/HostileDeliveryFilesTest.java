package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.HEADER;
import static nl.gmsd.check.Fixtures.NAME;
import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.check;
import static nl.gmsd.check.Fixtures.codes;
import static nl.gmsd.check.Fixtures.finding;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import nl.gmsd.avro.FileVerdict;
import org.junit.jupiter.api.Test;

/**
 * What a vendor's export produces (issue 14): each file gets the code the check gives and a Dutch
 * detail that names the cause, so the coordinator knows what to fix. Never a record's content.
 */
class HostileDeliveryFilesTest {

  private static final CheckReports REPORTS = new CheckReports(Fixtures.PROTOCOL);

  private static String detail(FileVerdict v, String code) {
    return finding(v, code).getDetail();
  }

  private static List<String> withSeparator(List<String> lines, char sep) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.replace(';', sep));
    }
    return out;
  }

  @Test
  void aCommaSeparatedFileIsOneF07NamingTheSeparatorNotAnR01PerLine() {
    FileVerdict v = check(withSeparator(validLines(1000), ','));
    assertEquals(List.of("F07"), codes(v));
    assertTrue(detail(v, "F07").contains("het scheidingsteken is een komma (,) in plaats van een puntkomma (;)"),
        detail(v, "F07"));
    assertEquals(1000, v.getRecords(), "the records are counted");
    assertEquals("AFGEKEURD", v.getVerdict());
    assertEquals(1, v.getErrors());
    assertTrue(REPORTS.dutchText(v).contains("komma"), REPORTS.dutchText(v));
  }

  @Test
  void aTabSeparatedFileIsNamedToo() {
    FileVerdict v = check(withSeparator(validLines(5), '\t'));
    assertEquals(List.of("F07"), codes(v));
    assertTrue(detail(v, "F07").contains("een tab in plaats van een puntkomma"), detail(v, "F07"));
  }

  @Test
  void aHeaderInAnotherOrderIsNamedAndItsRecordsAreNotMisread() {
    List<String> lines = validLines(4);
    List<String> names = new ArrayList<>(Arrays.asList(HEADER.split(";")));
    String first = names.remove(0);
    names.add(first);
    lines.set(0, String.join(";", names));
    FileVerdict v = check(lines);
    assertEquals(List.of("F07"), codes(v));
    assertTrue(detail(v, "F07").contains("andere volgorde"), detail(v, "F07"));
  }

  @Test
  void aMissingColumnIsNamed() {
    List<String> lines = new ArrayList<>();
    for (String l : validLines(3)) {
      List<String> f = new ArrayList<>(Arrays.asList(l.split(";", -1)));
      f.remove(8); // VOLUME
      lines.add(String.join(";", f));
    }
    FileVerdict v = check(lines);
    assertEquals(List.of("F07", "R01"), codes(v));
    assertEquals("ontbrekende kolom(men): VOLUME", detail(v, "F07"));
  }

  @Test
  void anExtraColumnIsNamed() {
    List<String> lines = new ArrayList<>();
    for (String l : validLines(3)) {
      lines.add(l + (lines.isEmpty() ? ";OPMERKING" : ";x"));
    }
    FileVerdict v = check(lines);
    assertEquals(List.of("F07", "R01"), codes(v));
    assertEquals("onbekende kolom(men): OPMERKING", detail(v, "F07"));
  }

  @Test
  void aRenamedColumnIsNamedBothWays() {
    List<String> lines = validLines(2);
    lines.set(0, HEADER.replace("BSN", "BURGERSERVICENUMMER").replace("VOLUME", "VOLUME;VOLUME"));
    FileVerdict v = check(lines);
    assertEquals("ontbrekende kolom(men): BSN; onbekende kolom(men): BURGERSERVICENUMMER; dubbele kolom(men): VOLUME",
        detail(v, "F07"));
  }

  @Test
  void aFileWithoutAHeaderNeverShowsItsFirstRecordAsColumnNames() {
    List<String> lines = validLines(3);
    lines.remove(0);
    FileVerdict v = check(lines);
    assertEquals("regel 1 bevat geen kolomnamen, de kopregel ontbreekt waarschijnlijk", detail(v, "F07"));
    String report = REPORTS.json(v) + REPORTS.dutchText(v);
    assertFalse(Pattern.compile("\\d{9}").matcher(report).find(), report);
    // A header of column names mixed with data: the data values are counted, not shown.
    List<String> mixed = validLines(1);
    mixed.set(0, HEADER.replace("BSN", Fixtures.bsn(7)));
    FileVerdict m = check(mixed);
    assertEquals("ontbrekende kolom(men): BSN; onbekende kolom(men): 1 waarde(n) die geen kolomnaam zijn",
        detail(m, "F07"));
  }

  @Test
  void windows1252IsNamedAsSuch() {
    List<String> lines = validLines(3);
    lines.set(2, lines.get(2).replace(";T-1;", ";Café;"));
    FileVerdict v = check(NAME, String.join("\r\n", lines).getBytes(Charset.forName("windows-1252")));
    assertEquals(List.of("F05"), codes(v));
    assertTrue(detail(v, "F05").contains("Windows-1252 (ANSI)"), detail(v, "F05"));
    assertTrue(REPORTS.dutchText(v).contains("CSV UTF-8"));
  }

  @Test
  void utf16WithAndWithoutByteOrderMarkIsNamedAsSuch() {
    String text = String.join("\r\n", validLines(3));
    for (Charset cs : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      FileVerdict v = check(NAME, text.getBytes(cs));
      assertEquals(List.of("F05"), codes(v), cs.name());
      assertTrue(detail(v, "F05").contains("UTF-16"), cs + ": " + detail(v, "F05"));
    }
  }

  @Test
  void aWorkbookAndRandomBytesAreNamedAsNoText() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
      z.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
      byte[] noise = new byte[2048];
      new Random(3).nextBytes(noise);
      z.write(noise);
      z.closeEntry();
    }
    FileVerdict v = check(NAME, zip.toByteArray());
    assertTrue(detail(v, "F05").contains("zip-bestand"), detail(v, "F05"));
    byte[] random = new byte[4096];
    new Random(1).nextBytes(random);
    assertEquals("het bestand is geen tekstbestand", detail(check(NAME, random), "F05"));
  }

  @Test
  void theRightHeaderStaysWithoutDetail() {
    FileVerdict v = check(NAME, bytes(validLines(2), "\r\n", true, true));
    assertEquals(List.of(), codes(v));
  }
}
