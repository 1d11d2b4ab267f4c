package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.testing.SmallArchive;
import nl.gmsd.testing.TestBsns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile deliveries in one archive, beside a good one, through the whole job: each
 * gets the outcome SPEC 11 gives it, the good file is processed as usual, and the run completes
 * in bounded memory (the large ones are generated here, never committed). Register defects stop
 * the run before anything is written, naming the file and line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileArchiveIT {

  private static final String RECEIVED = "2025-07-15T10:00:00Z";

  /** file name -> expected "verdict codes..." (codes sorted, as findings are). */
  private final Map<String, String> expected = new LinkedHashMap<>();
  private List<String> bsns;
  private Path archive;
  private Path output;
  private Path root;
  private String console;

  private String line(String gemeente, String bsn, String type, String start, String end, String vorm) {
    return String.join(";", "20250101", gemeente, bsn, type, start, end, vorm, "", "", "", "", "", "");
  }

  private String good(int i) {
    return line("0363", bsns.get(i % bsns.size()), "01", "20250101", "", "ZIN");
  }

  private void text(String name, String content, String outcome) throws IOException {
    bytes(name, content.getBytes(StandardCharsets.UTF_8), outcome);
  }

  private void bytes(String name, byte[] content, String outcome) throws IOException {
    Files.write(archive.resolve(name), content);
    expected.put(name, outcome);
  }

  private String fileWith(String... records) {
    return SmallArchive.HEADER + "\n" + String.join("\n", records) + "\n";
  }

  @BeforeAll
  void runTheCorpus(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    root = tmp;
    SmallArchive base = SmallArchive.write(tmp.resolve("base"));
    bsns = TestBsns.make(30, 77);
    archive = Files.createDirectories(tmp.resolve("archive"));
    String h = SmallArchive.HEADER;

    text("WMO_H12025_goed.csv", fileWith(good(0), good(1), good(2)), "GOEDGEKEURD");
    text("WMO_H12025_leeg.csv", "", "AFGEKEURD F06");
    text("WMO_H12025_kopregel.csv", h + "\n", "GOEDGEKEURD");
    byte[] random = new byte[4096];
    new Random(1).nextBytes(random);
    bytes("WMO_H12025_binair.csv", random, "AFGEKEURD F05");
    bytes("WMO_H12025_zip.csv", zipLike(), "AFGEKEURD F05");
    bytes("WMO_H12025_cp1252.csv", (h + "\n" + good(3).replace(";ZIN;", ";ZIN;Caf\u00e9")).getBytes(StandardCharsets.ISO_8859_1),
        "AFGEKEURD F05");
    bytes("WMO_H12025_utf16.csv", fileWith(good(4)).getBytes(StandardCharsets.UTF_16), "AFGEKEURD F05");
    text("WMO_H12025_bommidden.csv", fileWith(good(5), "\uFEFF" + good(6)), "AFGEKEURD R10");
    text("WMO_H12025_nul.csv", fileWith(good(7).replace(";01;", ";0\u0000;")), "AFGEKEURD R14");
    text("WMO_H12025_afgekapt.csv", h + "\n" + good(8) + "\n" + "20250101;0363;" + bsns.get(9), "AFGEKEURD R01");
    text("WMO_H12025_crlfmix.csv", h + "\r\n" + good(10) + "\n" + good(11) + "\r\n", "GOEDGEKEURD");
    // A wrong separator is one F07 that names it, not an R01 on every line (issue 14).
    text("WMO_H12025_komma.csv", (h + "\n" + good(12) + "\n").replace(';', ','), "AFGEKEURD F07");
    text("WMO_H12025_tab.csv", (h + "\n" + good(13) + "\n").replace(';', '\t'), "AFGEKEURD F07");
    text("WMO_H12025_extra.csv", fileWith(good(14) + ";extra"), "AFGEKEURD R01");
    text("WMO_H12025_tekort.csv", fileWith(good(15).substring(0, good(15).lastIndexOf(';'))), "AFGEKEURD R01");
    text("WMO_H12025_quotes.csv", fileWith(good(16).replace(";ZIN;", ";\"ZIN\";")), "AFGEKEURD R02");
    text("WMO_H12025_formule.csv", fileWith(good(17).replace(";01;", ";=1+1;")), "AFGEKEURD R14");
    text("WMO_H12025_wetenschap.csv", fileWith(line("0363", "1,23E+08", "01", "20250101", "", "ZIN")), "AFGEKEURD R03");
    text("WMO_H12025_datum.csv", fileWith(line("0363", bsns.get(18), "01", "20250230", "", "ZIN")), "AFGEKEURD R15");
    text("WMO_H12025_groot.csv", fileWith(good(19).replace(";ZIN;;;;;;", ";ZIN;;99999999999;;;;")), "GOEDGEKEURD O21");
    text("WMO_H12025_nullen.csv", fileWith(line("0363", "000000000", "01", "20250101", "", "ZIN")), "AFGEKEURD R13");
    text("WMO_H12025_klein.csv", fileWith(line("0363", bsns.get(20), "01", "20250101", "", "zin")), "AFGEKEURD R18");
    text("WMO_H12025_eind.csv", fileWith(line("0363", bsns.get(21), "01", "20250301", "20250201", "ZIN")), "AFGEKEURD R17");
    text("WMO_H12025_twee.csv", fileWith(good(22), line("0014", bsns.get(23), "01", "20250101", "", "ZIN")), "AFGEKEURD F08");
    text("WMO_H12025_kop.csv", h.replace("BSN", "BURGERSERVICENUMMER") + "\n" + good(24) + "\n", "AFGEKEURD F07");
    text("WMO_H12025_buiten.csv", fileWith(good(25), line("0363", bsns.get(26), "01", "20240101", "20240301", "ZIN")),
        "GOEDGEKEURD W30");
    text("WMO_H12025_dubbel.csv", fileWith(good(27), good(27)), "GOEDGEKEURD W31");
    text("WMO_H12025_excel.xlsx", fileWith(good(28)), "AFGEKEURD F01");
    text("WMO_zonder_periode.csv", fileWith(good(29)), "AFGEKEURD F02");
    text("WMO_H12025_a.b.csv", fileWith(good(0)), "AFGEKEURD F04");
    text("WMO_H12023_oud.csv", fileWith(good(1)), "AFGEKEURD F03 W30"); // records are still checked after F03
    text("WMO_H12025_fusie.csv", fileWith(line("0844", bsns.get(2), "01", "20250101", "", "ZIN")), "AFGEKEURD R12");
    // Large ones, generated here: a single 200 MB line, and 10 million lines with an error each.
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive.resolve("WMO_H12025_eenregel.csv")), 1 << 20)) {
      byte[] block = new byte[1 << 20];
      java.util.Arrays.fill(block, (byte) 'x');
      for (int i = 0; i < 200; i++) {
        out.write(block);
      }
    }
    expected.put("WMO_H12025_eenregel.csv", "AFGEKEURD F07");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive.resolve("WMO_H12025_tienmiljoen.csv")), 1 << 20)) {
      out.write((h + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] bad = "fout\n".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 10_000_000; i++) {
        out.write(bad);
      }
    }
    expected.put("WMO_H12025_tienmiljoen.csv", "AFGEKEURD R01 W31"); // identical lines are duplicates too
    expected.put("WMO_H12025_ontbreekt.csv", "AFGEKEURD F10");
    // Not regular files (issue 14): a named pipe (reading it would block for ever) and a folder.
    Process mkfifo = new ProcessBuilder("mkfifo", archive.resolve("WMO_H12025_fifo.csv").toString()).start();
    try {
      assertEquals(0, mkfifo.waitFor());
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    expected.put("WMO_H12025_fifo.csv", "AFGEKEURD F11");
    Files.createDirectory(archive.resolve("WMO_H12025_map.csv"));
    expected.put("WMO_H12025_map.csv", "AFGEKEURD F11");
    // A symbolic link within the archive is followed.
    Files.createSymbolicLink(archive.resolve("WMO_H12025_link.csv"), archive.resolve("WMO_H12025_goed.csv"));
    expected.put("WMO_H12025_link.csv", "GOEDGEKEURD");
    Files.writeString(archive.resolve("niet-in-manifest.csv"), fileWith(good(3)));

    StringBuilder manifest = new StringBuilder("received_at;account;file\n");
    for (String f : new TreeMap<>(expected).keySet()) {
      manifest.append(RECEIVED).append(";0363;").append(f).append('\n');
    }
    Files.writeString(archive.resolve("manifest.csv"), manifest.toString());
    // A withdrawal of a gemeente that never delivered.
    Files.writeString(archive.resolve("withdrawals.csv"), "gemeentecode;period;withdrawn_at\n0518;H12025;2025-08-01T00:00:00Z\n");

    output = tmp.resolve("out");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(new String[] {"--period=H12025", "--archive=" + archive, "--reference=" + base.reference,
        "--pseudonymKeyFile=" + base.keyFile, "--output=" + output, "--runner=DirectRunner",
        // One gemeente uploads the whole corpus in one window: lift the F09 limit for this run.
        "--maxDeliveriesPerWindow=100"}, ps, ps);
    console = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, console);
  }

  private static byte[] zipLike() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(b)) {
      java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry("WMO.csv");
      // A fixed local time (the same bytes in every time zone): the entry's time is in the header,
      // and on some clock readings the bytes up to the first LF are valid UTF-8, which rightly
      // adds F07 (line 1) before F05.
      entry.setTimeLocal(java.time.LocalDateTime.of(2025, 1, 1, 0, 0));
      z.putNextEntry(entry);
      byte[] noise = new byte[2048];
      new Random(2).nextBytes(noise);
      z.write(noise);
      z.closeEntry();
    }
    return b.toByteArray();
  }

  @Test
  void everyHostileFileGetsItsOutcomeAndTheGoodOneIsProcessed() throws IOException {
    Map<String, String> actual = new TreeMap<>();
    Pattern code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z][0-9]{2})\"");
    List<String> verdicts = Files.readAllLines(output.resolve("technische-toets/verdicts.csv"));
    for (String row : verdicts.subList(1, verdicts.size())) {
      String[] f = row.split(";", -1);
      String report = Files.readString(output.resolve("technische-toets/" + f[0].replace("/", "__") + ".json"));
      List<String> codes = new ArrayList<>();
      Matcher m = code.matcher(report);
      while (m.find()) {
        if (!codes.contains(m.group(1)) && !m.group(1).equals("W32")) {
          codes.add(m.group(1));
        }
      }
      actual.put(f[0], (f[4] + " " + String.join(" ", codes)).trim());
    }
    assertEquals(new TreeMap<>(expected), actual);
  }

  @Test
  void largeHostileFilesAreCountedNotKept() throws IOException {
    String report = Files.readString(output.resolve("technische-toets/WMO_H12025_tienmiljoen.csv.json"));
    assertTrue(report.contains("\"count\": 10000000") || report.contains("\"count\":10000000"), report);
    assertTrue(Files.size(output.resolve("technische-toets/WMO_H12025_tienmiljoen.csv.json")) < 10_000);
  }

  @Test
  void aFileNotInTheManifestIsIgnoredAndListed() throws IOException {
    assertTrue(Files.readString(output.resolve("run.json")).contains("niet-in-manifest.csv"));
    assertFalse(Files.readString(output.resolve("technische-toets/verdicts.csv")).contains("niet-in-manifest.csv"));
  }

  @Test
  void aWithdrawalOfAGemeenteThatNeverDeliveredLeavesItNotDelivered() throws IOException {
    assertTrue(Files.readAllLines(output.resolve("tabellen/wmo.csv"))
        .contains("H12025;gemeente;0518;'s-Gravenhage;totaal;totaal;clienten;.;niet_geleverd"));
  }

  /** Runs on {@code archive} with the base reference data; asserts exit 2 and returns the console. */
  private String runExpectingRefusal(Path archive, Path out) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(new String[] {"--period=H12025", "--archive=" + archive, "--reference=" + root.resolve("base/reference"),
        "--pseudonymKeyFile=" + root.resolve("base/test.key"), "--output=" + out, "--runner=DirectRunner"}, ps, ps);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, rc, text);
    return text;
  }

  @Test
  void aSymbolicLinkLeavingTheArchiveIsRefusedLikeDotDot() throws IOException {
    Path dir = Files.createDirectories(root.resolve("link-out"));
    Path outside = Files.writeString(root.resolve("outside.csv"), SmallArchive.HEADER + "\n");
    Files.createSymbolicLink(dir.resolve("WMO_H12025_a.csv"), outside);
    Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("sub/up"), root);
    for (String row : List.of("WMO_H12025_a.csv", "sub/up/outside.csv")) {
      Files.writeString(dir.resolve("manifest.csv"), "received_at;account;file\n" + RECEIVED + ";0363;" + row + "\n");
      Path out = root.resolve("out-link");
      String text = runExpectingRefusal(dir, out);
      assertTrue(text.contains("manifest.csv line 2: the file path '" + row + "' leads outside the archive"), text);
      assertFalse(Files.exists(out));
    }
  }

  static List<String[]> registerDefects() {
    return List.of(
        new String[] {"received_at;account;file\n2025-07-15T10:00:00Z;0363;a.csv\n2025-07-16T10:00:00Z;0363;a.csv\n", "", "manifest.csv line 3"},
        new String[] {"received_at;account;file\n15-07-2025 10:00;0363;a.csv\n", "", "manifest.csv line 2"},
        new String[] {"received_at;account;file\n2025-07-15T10:00:00Z;363;a.csv\n", "", "manifest.csv line 2"},
        new String[] {"received_at;account;file\n2025-07-15T10:00:00Z;0363;a.csv\n",
            "gemeentecode;period;withdrawn_at\n0518;H32025;2025-08-01T00:00:00Z\n", "withdrawals.csv line 2"});
  }

  @Test
  void registerDefectsStopTheRunBeforeAnythingIsWritten() throws IOException {
    int n = 0;
    for (String[] c : registerDefects()) {
      Path dir = Files.createDirectories(root.resolve("bad-register-" + n++));
      Files.writeString(dir.resolve("a.csv"), SmallArchive.HEADER + "\n");
      Files.writeString(dir.resolve("manifest.csv"), c[0]);
      if (!c[1].isEmpty()) {
        Files.writeString(dir.resolve("withdrawals.csv"), c[1]);
      }
      Path out = root.resolve("out-bad-" + n);
      String text = runExpectingRefusal(dir, out);
      assertTrue(text.contains(c[2]), "message must name " + c[2] + ": " + text);
      assertFalse(Files.exists(out), "nothing may be written");
      try (var siblings = Files.list(root)) {
        assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no staging folder left");
      }
    }
  }
}
