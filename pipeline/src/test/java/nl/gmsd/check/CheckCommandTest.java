package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.corrupt;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = CheckCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private String write(String name, List<String> lines) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes(lines));
    return p.toString();
  }

  @Test
  void approvedFileExitsZero() throws Exception {
    String f = write("WMO_H12025_Amsterdam.csv", validLines(3));
    assertEquals(0, run("--received-at=2025-07-15T10:00:00Z", f));
    assertTrue(out.contains("Oordeel:                  GOEDGEKEURD"), out);
    assertTrue(out.contains("Bestandsnaam:             " + f), out);
    assertFalse(out.contains("Deze levering is nu van kracht"), out);
    assertEquals("", err);
  }

  @Test
  void rejectedFileExitsOneWithDutchDescriptionsAndNoBsn() throws Exception {
    List<String> lines = validLines(3);
    corrupt(lines, 3, 2, "123456789");
    String bad = write("WMO_H12025_Amsterdam.csv", lines);
    String good = write("WMO_H22024_Amsterdam.csv", validLines(2));
    assertEquals(1, run("--received-at=2025-07-15T10:00:00Z", good, bad));
    assertTrue(out.contains(Fixtures.PROTOCOL.text("R13").description()), out);
    assertTrue(out.contains(Fixtures.PROTOCOL.text("R13").fix()), out);
    assertTrue(out.contains("W30"), out); // H12025 records in an H22024 file
    for (int i = 0; i < 3; i++) {
      assertFalse(out.contains(Fixtures.bsn(i)), "no BSN in the output");
    }
    assertFalse(out.contains("123456789"));
  }

  @Test
  void jsonPrintsOneArray() throws Exception {
    String f = write("WMO_H12025_Amsterdam.csv", validLines(2));
    assertEquals(1, run("--json", "--received-at=2026-07-15T10:00:00Z", f, f));
    assertTrue(out.startsWith("[\n  {"), out);
    assertTrue(out.endsWith("}\n]\n"), out);
    assertTrue(out.contains("\"code\": \"F03\""), out); // window H12026: H12025 is too old
    assertTrue(out.contains("\"gemeentecode\": \"0363\""), out);
  }

  @Test
  void windowComesFromReceivedAt() throws Exception {
    String f = write("WMO_H12025_Amsterdam.csv", validLines(2));
    assertEquals(0, run("--received-at=2025-12-31T23:59:59Z", f)); // window H12025
    assertEquals(0, run("--received-at=2025-07-01", f)); // a date: its start, UTC
    assertEquals(1, run("--received-at=2025-07-01T01:30:00+02:00", f)); // 2025-06-30T23:30Z: H22024
    assertTrue(out.contains("F03"), out);
    assertTrue(out.contains("Tijdstip van aanlevering: 2025-07-01T01:30:00+02:00"), out);
    assertEquals(1, run("--received-at=2026-07-01T00:00:00Z", f)); // window H12026: F03
    assertTrue(out.contains("F03"), out);
  }

  @Test
  void f03NamesTheWindowItJudgedAgainst() throws Exception {
    String f = write("WMO_H12025_Amsterdam.csv", validLines(2));
    assertEquals(1, run("--received-at=2026-07-15T08:00:00Z", f));
    assertTrue(out.contains("  Toelichting:   ontvangen op 15 juli 2026 (UTC), dus beoordeeld in het aanleveringsvenster"
        + " van H12026 (aanleveringen van 1 juli 2026 tot en met 31 december 2026), waarin alleen H12026 en H22025"
        + " mogen worden aangeleverd\n"), out);
    assertFalse(out.contains("--received-at"), "the time was given: no hint");
    assertEquals("", err);
  }

  @Test
  void f03WithTheUploadTimeTakenAsNowPointsToReceivedAt() throws Exception {
    List<String> lines = validLines(2);
    for (int l = 2; l <= 3; l++) {
      lines.set(l - 1, lines.get(l - 1).replace("2025", "2024"));
    }
    String f = write("WMO_H12024_Amsterdam.csv", lines); // too old for any window from now on
    assertEquals(1, run(f));
    assertTrue(out.contains("Toelichting:   ontvangen op "), out);
    assertTrue(out.contains("Let op: als tijdstip van aanlevering is nu genomen"), out);
    assertTrue(out.contains("geef dat tijdstip dan op met --received-at=TIJDSTIP, bijvoorbeeld"
        + " --received-at=2024-07-01T09:00:00Z (dan opent het venster van H12024)."), out);
    assertEquals(0, run("--received-at=2024-07-01T09:00:00Z", f), "the suggested time works");
    assertEquals(1, run("--json", f));
    assertTrue(out.contains("mogen worden aangeleverd. (ontvangen op "), out);
    assertTrue(err.contains("give the real upload time with --received-at=TIME, e.g. --received-at=2024-07-01T09:00:00Z"),
        err);
  }

  @Test
  void yearWithoutShippedDivisionUsesTheLatestWithANotice() throws Exception {
    List<String> lines = validLines(2);
    for (int l = 2; l <= 3; l++) {
      lines.set(l - 1, lines.get(l - 1).replace("2025", "2031"));
    }
    String f = write("WMO_H12031_Amsterdam.csv", lines);
    assertEquals(0, run("--received-at=2031-07-15T10:00:00Z", f));
    assertTrue(err.contains("2031") && err.contains("2025"), err);
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertEquals(2, run());
    assertTrue(err.contains("no file"), err);
    assertEquals(2, run("--bogus", "x.csv"));
    assertTrue(err.contains("--bogus"), err);
    String missing = dir.resolve("WMO_H12025_nope.csv").toString();
    assertEquals(2, run(missing));
    assertTrue(err.contains(missing), err);
    assertEquals(2, run(dir.toString()));
    assertTrue(err.contains(dir.toString()), err);
    assertEquals(2, run("--received-at=yesterday", missing));
    assertEquals(0, run("--help"));
    assertTrue(out.contains("Usage: gmsd check"), out);
  }
}
