package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.gmsd.common.Period;
import nl.gmsd.generate.GenerateCommand;
import nl.gmsd.testing.OutputComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a generated archive (all 342 gemeenten, a small share of their persons) on
 * the embedded Flink engine: the verdicts equal what the generator planted, and no output or log
 * line holds a BSN, the key, or (in published tables) a count below minCount.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedArchiveIT {

  private static final double SCALE = 0.002;
  private static final Period PERIOD = Period.parse("H12025");

  private Path input;
  private Path output;
  private Path key;
  private String log;

  @BeforeAll
  void generateAndRun(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    input = tmp.resolve("input");
    output = tmp.resolve("output");
    key = tmp.resolve("key");
    GenerateCommand.generate(input, SCALE, 42, PERIOD);
    Files.write(key, "a-throwaway-test-key-of-more-than-32-bytes".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintStream err = System.err;
    PrintStream out = System.out;
    // Capture the framework's log lines (slf4j-simple writes to System.err) for the privacy scan.
    System.setErr(console);
    System.setOut(console);
    int rc;
    try {
      rc = RunCommand.run(new String[] {
          "--period=" + PERIOD, "--archive=" + input.resolve("archive"), "--reference=" + input.resolve("reference"),
          "--pseudonymKeyFile=" + key, "--output=" + output, "--runner=FlinkRunner", "--flinkMaster=[local]",
          // Every setting at its default, the LP audit included.
          "--parallelism=2"}, console, console);
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
    log = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, "run failed:\n" + log);
  }

  @Test
  void verdictsEqualWhatTheGeneratorPlanted() throws IOException {
    // planted.csv: file;gemeentecode;period;window;expected_verdict;expected_errors;codes;expected_in_force;...
    TreeMap<String, String> expected = new TreeMap<>();
    List<String> planted = Files.readAllLines(input.resolve("planted.csv"));
    for (String line : planted.subList(1, planted.size())) {
      String[] f = line.split(";", -1);
      expected.put(f[0], f[1] + ";" + f[2] + ";" + f[4] + ";" + f[5] + ";" + f[7]);
    }
    TreeMap<String, String> actual = new TreeMap<>();
    List<String> verdicts = Files.readAllLines(output.resolve("technische-toets/verdicts.csv"));
    for (String line : verdicts.subList(1, verdicts.size())) {
      String[] f = line.split(";", -1);
      actual.put(f[0], f[2] + ";" + f[3] + ";" + f[4] + ";" + f[5] + ";" + f[6]);
    }
    assertEquals(expected, actual);
    assertTrue(actual.values().stream().anyMatch(v -> v.contains(";AFGEKEURD;")));
    assertTrue(actual.values().stream().anyMatch(v -> v.contains(";GEWEIGERD;")));
  }

  @Test
  void theH22024PagesCompareWithTheH12024DeliveriesNotWithZeros() throws IOException {
    // verdicts.csv: file;received_at;gemeentecode;period;verdict;errors;in_force
    Set<String> inForce2024 = new HashSet<>();
    Set<String> inForce2 = new HashSet<>();
    List<String> verdicts = Files.readAllLines(output.resolve("technische-toets/verdicts.csv"));
    for (String line : verdicts.subList(1, verdicts.size())) {
      String[] f = line.split(";", -1);
      if (f[6].equals("true")) {
        (f[3].equals("H12024") ? inForce2024 : f[3].equals("H22024") ? inForce2 : new HashSet<String>()).add(f[2]);
      }
    }
    inForce2024.retainAll(inForce2);
    String withdrawals = Files.readString(input.resolve("archive/withdrawals.csv"));
    int pages = 0;
    for (String code : inForce2024) {
      if (withdrawals.contains(code + ";H12024") || withdrawals.contains(code + ";H22024")) {
        continue;
      }
      String page = Files.readString(output.resolve("op-orde/" + code + "/" + code + "_H22024.html"));
      assertTrue(page.contains("<td class=\"n prev\">"), code + ": no H12024 column");
      assertFalse(page.contains(" van 0 in H12024 "), code + ": a jump from 0");
      pages++;
    }
    assertTrue(pages > 300, "most gemeenten delivered both halves of 2024: " + pages);
  }

  @Test
  void theLogHoldsNoError() {
    for (String line : log.split("\n")) {
      assertFalse(line.contains(" ERROR ") || line.contains("Exception"), line);
    }
  }

  @Test
  void noOutputOrLogHoldsABsnOrTheKey() throws IOException {
    Set<String> bsns = new HashSet<>();
    Pattern nine = Pattern.compile("(?<![0-9])[0-9]{9}(?![0-9])");
    try (Stream<String> lines = Files.lines(input.resolve("reference/personen.csv"))) {
      lines.skip(1).forEach(l -> bsns.add(l.substring(0, 9)));
    }
    try (Stream<Path> files = Files.walk(input.resolve("archive"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("WMO_")).toList()) {
        for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
          String[] fields = l.split(";", -1);
          if (fields.length > 2 && fields[2].matches("[0-9]{9}")) {
            bsns.add(fields[2]);
          }
        }
      }
    }
    bsns.remove("999999999");
    assertTrue(bsns.size() > 10_000, "expected many BSNs, found " + bsns.size());
    String keyText = Files.readString(key);
    List<String> hits = new ArrayList<>();
    for (String f : OutputComparison.files(output)) {
      String text = new String(Files.readAllBytes(output.resolve(f)), StandardCharsets.ISO_8859_1);
      scan(f, text, nine, bsns, hits);
      assertFalse(text.contains(keyText), f + " holds the key");
    }
    scan("the log", log, nine, bsns, hits);
    assertFalse(log.contains(keyText), "the log holds the key");
    assertEquals(List.of(), hits);
  }

  private static void scan(String where, String text, Pattern nine, Set<String> bsns, List<String> hits) {
    Matcher m = nine.matcher(text);
    while (m.find()) {
      if (bsns.contains(m.group())) {
        hits.add(where + " holds a BSN");
        return;
      }
    }
  }

  /**
   * SPEC 8: secondary suppression stays a small share of the count cells ("well under 10 %"; issue
   * 13 asks under 5 % at scale 0.01, this archive is five times smaller and so sparser).
   */
  static final double MAX_SECONDARY_SHARE = 0.05;

  @Test
  void disclosureEndsSafeWithFewSecondaryCells() throws IOException {
    String json = Files.readString(output.resolve("run.json"));
    String audit = json.substring(json.indexOf("\"disclosure_audit\""));
    List<String[]> rows = Files.readAllLines(output.resolve("tabellen/wmo.csv")).stream().skip(1)
        .map(r -> r.split(";", -1)).toList();
    Pattern secondaryCells = Pattern.compile("\"secondary_cells\"\\s*:\\s*(\\d+)");
    for (Period per : List.of(PERIOD, PERIOD.previous())) {
      Period other = per.equals(PERIOD) ? PERIOD.previous() : PERIOD;
      int at = audit.indexOf("\"" + per.code() + "\"");
      int next = audit.indexOf("\"" + other.code() + "\"");
      String block = next > at ? audit.substring(at, next) : audit.substring(at);
      Matcher m = secondaryCells.matcher(block);
      long secondary = 0;
      int tables = 0;
      while (m.find()) {
        secondary += Long.parseLong(m.group(1));
        tables++;
      }
      assertEquals(3, tables, block);
      assertTrue(block.matches("(?s).*\"cells_not_proven_safe\"\\s*:\\s*0\\D.*"), block);
      long cells = rows.stream()
          .filter(f -> f[0].equals(per.code()) && !f[6].endsWith("_per_1000"))
          .filter(f -> f[8].equals("gepubliceerd") || f[8].equals("geheim"))
          .count();
      double share = (double) secondary / cells;
      System.out.printf(java.util.Locale.ROOT, "GeneratedArchiveIT %s: %d secondary cells of %d (%.2f %%)%n",
          per.code(), secondary, cells, 100 * share);
      assertTrue(share < MAX_SECONDARY_SHARE, per.code() + ": " + secondary + " secondary cells of " + cells);
    }
  }

  @Test
  void noPublishedCountIsBelowMinCount() throws IOException {
    List<String> rows = Files.readAllLines(output.resolve("tabellen/wmo.csv"));
    int published = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(";", -1);
      boolean rate = f[6].endsWith("_per_1000");
      if (!f[7].equals(".")) {
        assertEquals("gepubliceerd", f[8], row);
        if (!rate) {
          long v = Long.parseLong(f[7]);
          assertTrue(v >= 8 && v % 5 == 0, "published count below minCount or not rounded: " + row);
          published++;
        }
      }
    }
    assertTrue(published > 1000, "expected many published counts, found " + published);
  }
}
