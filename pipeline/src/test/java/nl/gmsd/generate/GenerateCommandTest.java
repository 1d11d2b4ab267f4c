package nl.gmsd.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {

  static final double SCALE = 0.001;
  static final long SEED = 20250701L;
  static final Period RUN = Period.parse("H12025");
  static final Pattern NAME = Pattern.compile("WMO_H[12]\\d{4}_[A-Za-z0-9_-]+\\.csv");
  /** SPEC 3's header, written out here on purpose: the generator takes it from the protocol. */
  static final String WMO_HEADER = "AANMAAKDATUM;GEMEENTECODE;BSN;TYPE_ARRANGEMENT;STARTDATUM;EINDDATUM;"
      + "LEVERINGSVORM;TOEWIJZINGSNUMMER;VOLUME;EENHEID;FREQUENTIE;REDEN_BEEINDIGING;REDEN_WIJZIGING";
  static final DateTimeFormatter YYYYMMDD =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  @TempDir static Path tmp;
  static Path out;
  static GenerationSummary summary;
  static List<String[]> planted;
  static List<String[]> manifest;

  @BeforeAll
  static void generateOnce() throws IOException {
    out = tmp.resolve("run");
    summary = GenerateCommand.generate(out, SCALE, SEED, RUN);
    planted = rows(out.resolve("planted.csv"));
    manifest = rows(out.resolve("archive/manifest.csv"));
  }

  /** Data rows (header dropped), split on ';' keeping empty fields. */
  static List<String[]> rows(Path p) throws IOException {
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    List<String[]> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      out.add(l.split(";", -1));
    }
    return out;
  }

  static String header(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.UTF_8).get(0).replace("\uFEFF", "");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "archive/manifest.csv|received_at;account;file",
    "archive/withdrawals.csv|gemeentecode;period;withdrawn_at",
    "reference/gemeenten.csv|jaar;gemeentecode;gemeentenaam;provincie;inwoners",
    "reference/herindelingen.csv|datum;oude_code;nieuwe_code",
    "reference/personen.csv|bsn;geboortedatum;geslacht;huishouden",
    "planted.csv|file;gemeentecode;period;window;expected_verdict;expected_errors;codes;expected_in_force;received_at;account;expected_warnings",
    "planted_summary.csv|key;value",
  })
  void filesExistWithTheirHeaders(String file, String expected) throws IOException {
    assertEquals(expected, header(out.resolve(file)));
  }

  @Test
  void referenceDataReadsBackWithScaledInhabitants() throws IOException {
    ReferenceData generated = ReferenceData.read(out.resolve("reference"));
    ReferenceData shipped = ReferenceData.shipped();
    assertEquals(shipped.mergers(), generated.mergers());
    for (int year : shipped.years()) {
      assertEquals(shipped.division(year).keySet(), generated.division(year).keySet(), "year " + year);
    }
    long sum = 0;
    for (ReferenceData.Gemeente g : generated.division(2025).values()) {
      assertTrue(g.inhabitants() != null && g.inhabitants() >= 1, g.code());
      sum += g.inhabitants();
    }
    assertEquals(summary.persons(), sum);
    for (ReferenceData.Gemeente g : generated.division(2024).values()) {
      assertTrue(g.inhabitants() != null && g.inhabitants() >= 1, g.code());
    }
    assertTrue(generated.division(2023).values().stream().allMatch(g -> g.inhabitants() == null));
    // about the national total at this scale (plus the minimum per gemeente)
    assertTrue(sum >= 17_942_942 * SCALE && sum <= 17_942_942 * SCALE + 342 * GeneratorSettings.MIN_PERSONS_PER_GEMEENTE);
  }

  @Test
  void personenHaveValidUniqueBsnsDatesSexesAndSmallHouseholds() throws IOException {
    Set<String> bsns = new HashSet<>();
    Map<String, Integer> householdSizes = new TreeMap<>();
    for (String[] f : rows(out.resolve("reference/personen.csv"))) {
      assertEquals(4, f.length);
      assertTrue(SyntheticBsn.passesElevenTest(f[0]), "a personen row fails the 11-test");
      assertFalse(f[0].equals("999999999") || f[0].equals("000000000"));
      assertTrue(bsns.add(f[0]), "duplicate BSN in personen.csv");
      LocalDate birth = LocalDate.parse(f[1], YYYYMMDD);
      assertTrue(birth.isBefore(RUN.end()) && birth.isAfter(LocalDate.of(1900, 1, 1)));
      assertTrue(f[2].equals("M") || f[2].equals("V"));
      householdSizes.merge(f[3], 1, Integer::sum);
    }
    assertEquals(summary.personenRows(), bsns.size());
    assertTrue(householdSizes.values().stream().allMatch(n -> n >= 1 && n <= 4));
    assertTrue(summary.persons() > summary.personenRows(), "some persons are missing from personen.csv");
  }

  @Test
  void everyManifestFileIsNamedRightLiesInItsWindowAndIsPlantedOnce() throws IOException {
    TreeSet<String> manifestFiles = new TreeSet<>();
    Set<String> accounts = new TreeSet<>();
    for (String[] m : manifest) {
      assertEquals(3, m.length);
      assertTrue(manifestFiles.add(m[2]), "duplicate manifest path " + m[2]);
      assertTrue(m[1].matches("\\d{4}"));
      accounts.add(m[1]);
      String name = m[2].substring(m[2].indexOf('/') + 1);
      assertTrue(NAME.matcher(name).matches(), name);
      assertTrue(Files.isRegularFile(out.resolve("archive").resolve(m[2])), m[2]);
      Period window = Period.windowOf(Instant.parse(m[0]));
      Period period = Period.parse(name.substring(4, 10));
      assertEquals(window.code(), m[2].substring(0, m[2].indexOf('/')), "window folder of " + m[2]);
      assertTrue(period.equals(window) || period.equals(window.previous()), "F03 for " + m[2]);
      assertTrue(window.compareTo(RUN) <= 0, "upload after the run's window: " + m[2]);
    }
    List<String> plantedFiles = planted.stream().map(p -> p[0]).toList();
    assertEquals(new ArrayList<>(manifestFiles), plantedFiles, "planted.csv lists every file once, sorted");
    Map<String, String[]> byFile = new TreeMap<>();
    planted.forEach(p -> byFile.put(p[0], p));
    for (String[] m : manifest) {
      String[] p = byFile.get(m[2]);
      assertEquals(m[0], p[8]);
      assertEquals(m[1], p[9]);
      assertEquals(Period.windowOf(Instant.parse(m[0])).code(), p[3]);
    }
    // a partnership account uploads for more than one gemeente
    assertTrue(planted.stream().anyMatch(p -> !p[1].equals(p[9])));
    // the manifest is in upload order
    List<String> times = manifest.stream().map(m -> m[0]).toList();
    assertEquals(times.stream().sorted().toList(), times);
  }

  @Test
  void everyGemeenteDeliversEveryPeriodRead() {
    ReferenceData ref = ReferenceData.shipped();
    for (Period p : GenerationPlan.periodsRead(RUN)) {
      Set<String> codes = new TreeSet<>();
      planted.stream().filter(r -> r[2].equals(p.code())).forEach(r -> codes.add(r[1]));
      assertEquals(ref.division(p.year()).keySet(), codes, p.code());
    }
  }

  @Test
  void theRecordsCarryExactlyThePlantedErrors() throws IOException {
    ReferenceData ref = ReferenceData.shipped();
    Map<String, String> receivedAt = new TreeMap<>();
    manifest.forEach(m -> receivedAt.put(m[2], m[0]));
    int unknownBsnFiles = 0;
    for (String[] p : planted) {
      Path file = out.resolve("archive").resolve(p[0]);
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      assertTrue(text.endsWith("\n"));
      List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
      assertEquals(WMO_HEADER, lines.get(0).replace("\r", ""));
      if (!p[1].equals(p[9])) {
        assertTrue(lines.size() > 1, "a file uploaded by another account has a record: " + p[0]);
      }
      Period period = Period.parse(p[2]);
      LocalDate uploaded = Instant.parse(receivedAt.get(p[0])).atOffset(ZoneOffset.UTC).toLocalDate();
      TreeMap<String, Integer> found = new TreeMap<>();
      List<String> warnings = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      boolean unknown = false;
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.replace("\r", "").split(";", -1);
        warnings.addAll(RecordRules.warnings(f, period, seen));
        assertEquals(13, f.length, p[0]);
        assertEquals(p[1], f[1], "gemeentecode of " + p[0]);
        unknown |= f[2].equals("999999999");
        for (String code : RecordRules.errors(f, period, uploaded, ref)) {
          found.merge(code, 1, Integer::sum);
        }
      }
      unknownBsnFiles += unknown ? 1 : 0;
      assertEquals(p[4].equals("GEWEIGERD") ? "" : UnitGenerator.codeCounts(warnings), p[10], "warnings of " + p[0]);
      String expectedCodes = p[4].equals("GEWEIGERD") ? "" : p[6];
      assertEquals(expectedCodes, UnitGenerator.codeCounts(expand(found)), p[0]);
      int count = found.values().stream().mapToInt(Integer::intValue).sum();
      assertEquals(p[4].equals("GEWEIGERD") ? 1 : count, Integer.parseInt(p[5]), p[0]);
      boolean basisErrors = found.keySet().stream().anyMatch(c -> c.startsWith("R"));
      assertEquals(basisErrors ? "AFGEKEURD" : p[4].equals("GEWEIGERD") ? "GEWEIGERD" : "GOEDGEKEURD", p[4], p[0]);
    }
    assertTrue(unknownBsnFiles >= 1, "some files carry BSN 999999999");
    for (String w : List.of("W30", "W31", "W32")) {
      assertTrue(planted.stream().anyMatch(p -> p[10].contains(w)), w);
    }
  }

  static List<String> expand(Map<String, Integer> counts) {
    List<String> out = new ArrayList<>();
    counts.forEach((c, n) -> {
      for (int i = 0; i < n; i++) {
        out.add(c);
      }
    });
    return out;
  }

  @Test
  void theScenariosArePlanted() {
    long rejected = planted.stream().filter(p -> p[4].equals("AFGEKEURD")).count();
    assertTrue(rejected >= 3);
    assertEquals(1, planted.stream().filter(p -> p[4].equals("GEWEIGERD")).count());
    assertTrue(planted.stream().anyMatch(p -> p[4].equals("GOEDGEKEURD") && p[6].startsWith("O")));
    // per gemeente and period: the latest approved delivery is in force, nothing else
    Map<String, List<String[]>> byKey = new TreeMap<>();
    planted.forEach(p -> byKey.computeIfAbsent(p[1] + "/" + p[2], k -> new ArrayList<>()).add(p));
    int withoutInForce = 0;
    int corrected = 0;
    int redelivered = 0;
    int rejectedThenFixed = 0;
    for (List<String[]> group : byKey.values()) {
      group.sort((a, b) -> a[8].compareTo(b[8]) != 0 ? a[8].compareTo(b[8]) : a[0].compareTo(b[0]));
      String[] latestApproved = null;
      for (String[] p : group) {
        if (p[4].equals("GOEDGEKEURD")) {
          latestApproved = p;
        }
      }
      for (String[] p : group) {
        assertEquals(p == latestApproved, Boolean.parseBoolean(p[7]), p[0]);
      }
      withoutInForce += latestApproved == null ? 1 : 0;
      corrected += group.stream().filter(p -> p[3].equals(p[2])).count() >= 2 ? 1 : 0;
      redelivered += group.stream().anyMatch(p -> !p[3].equals(p[2])) ? 1 : 0;
      rejectedThenFixed += group.get(0)[4].equals("AFGEKEURD") && latestApproved != null ? 1 : 0;
      assertTrue(group.stream().filter(p -> p[3].equals(p[2])).count() <= 21);
    }
    assertEquals(1, withoutInForce);
    assertTrue(corrected >= 2 && redelivered >= 1 && rejectedThenFixed >= 1);
  }

  @Test
  void theForcedWarningDeliveryCarriesEveryWarning() throws IOException {
    String key = rows(out.resolve("planted_summary.csv")).stream()
        .map(r -> r[0])
        .filter(k -> k.startsWith("scenario_unknown_bsn_"))
        .findFirst()
        .orElseThrow();
    String[] parts = key.split("_");
    String period = parts[3];
    String code = parts[4];
    String[] row = planted.stream()
        .filter(p -> p[1].equals(code) && p[2].equals(period))
        .findFirst()
        .orElseThrow();
    for (String w : List.of("W30:1", "W31:1", "W32:")) {
      assertTrue(row[10].contains(w), row[0] + " " + row[10]);
    }
  }

  @Test
  void theTwentyFirstUploadIsTheRefusedOne() {
    String[] refused = planted.stream().filter(p -> p[4].equals("GEWEIGERD")).findFirst().orElseThrow();
    List<String[]> sameWindow = planted.stream()
        .filter(p -> p[1].equals(refused[1]) && p[2].equals(refused[2]) && p[3].equals(refused[3]))
        .sorted((a, b) -> a[8].compareTo(b[8]))
        .toList();
    assertEquals(21, sameWindow.size());
    assertEquals(refused[0], sameWindow.get(20)[0]);
    assertEquals("F09:1", refused[6]);
    assertEquals("false", refused[7]);
  }

  @Test
  void theWithdrawalIsLaterThanEveryDeliveryOfItsGemeenteAndPeriod() throws IOException {
    List<String[]> withdrawals = rows(out.resolve("archive/withdrawals.csv"));
    assertEquals(1, withdrawals.size());
    String[] w = withdrawals.get(0);
    Instant withdrawn = Instant.parse(w[2]);
    List<String[]> deliveries = planted.stream().filter(p -> p[1].equals(w[0]) && p[2].equals(w[1])).toList();
    assertFalse(deliveries.isEmpty());
    for (String[] p : deliveries) {
      assertTrue(withdrawn.isAfter(Instant.parse(p[8])), p[0]);
    }
    assertTrue(Period.windowOf(withdrawn).compareTo(RUN) <= 0);
  }

  @Test
  void clientsAreAboutSevenPercentOfInhabitants() {
    for (var e : summary.clientsByPeriod().entrySet()) {
      double rate = (double) e.getValue() / summary.persons();
      assertTrue(rate > 0.05 && rate < 0.09, e.getKey() + ": " + rate);
      assertTrue(summary.recordsByPeriod().get(e.getKey()) > e.getValue());
    }
  }

  @Test
  void sameArgumentsGiveTheSameBytesWhateverTheThreads() throws IOException {
    Path again = tmp.resolve("again");
    GenerateCommand.generate(again, SCALE, SEED, RUN, 1, new PrintStream(new ByteArrayOutputStream()));
    assertEquals(tree(out), tree(again));
  }

  @Test
  void anotherSeedGivesOtherData() throws IOException {
    Path other = tmp.resolve("other");
    GenerateCommand.generate(other, 0.0002, SEED + 1, RUN);
    assertFalse(Arrays.equals(Files.readAllBytes(out.resolve("reference/personen.csv")),
        Files.readAllBytes(other.resolve("reference/personen.csv"))));
  }

  /** Relative path to content hash of every file. */
  static Map<String, Integer> tree(Path root) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  @Test
  void aRunBeforeTheMergersUsesEachYearsDivision() throws IOException {
    Period run = Period.parse("H12019");
    Path dir = tmp.resolve("h12019");
    GenerateCommand.generate(dir, 0.0002, SEED, run);
    ReferenceData ref = ReferenceData.shipped();
    List<String[]> rows = rows(dir.resolve("planted.csv"));
    for (Period p : GenerationPlan.periodsRead(run)) {
      Set<String> codes = new TreeSet<>();
      rows.stream().filter(r -> r[2].equals(p.code())).forEach(r -> codes.add(r[1]));
      assertEquals(ref.division(p.year()).keySet(), codes, p.code());
    }
    assertEquals(List.of("H12018", "H22018", "H12019"), GenerationPlan.periodsRead(run).stream().map(Period::code).toList());
    ReferenceData generated = ReferenceData.read(dir.resolve("reference"));
    assertTrue(generated.division(2018).values().stream().allMatch(g -> g.inhabitants() != null && g.inhabitants() > 0));
  }

  @ParameterizedTest
  @CsvSource({
    "H12025, 'H12024,H22024,H12025'",
    "H22025, 'H12025,H22025'",
    "H22024, 'H12024,H22024'",
    "H12024, 'H12023,H22023,H12024'",
  })
  void periodsReadAreTheHalvesOfTheYearsOfPAndPMinusOne(String run, String expected) {
    assertEquals(expected, String.join(",", GenerationPlan.periodsRead(Period.parse(run)).stream().map(Period::code).toList()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--scale=0.1 --seed=1|missing --output",
    "--output=@ --seed=1|missing --scale",
    "--output=@ --scale=0.1|missing --seed",
    "--output=@ --scale=0 --seed=1|0 < S <= 1",
    "--output=@ --scale=1.5 --seed=1|0 < S <= 1",
    "--output=@ --scale=abc --seed=1|--scale",
    "--output=@ --scale=0.1 --seed=x|--seed",
    "--output=@ --scale=0.1 --seed=1 --period=2025|H1YYYY",
    "--output=@ --scale=0.1 --seed=1 --period=H12030|no regional division for",
    "--output=@ --scale=0.1 --seed=1 --colour=blue|unknown option --colour",
    "--output=@ --scale=0.1 --seed=1 extra|unexpected argument",
    "--output=# --scale=0.1 --seed=1|not empty",
  })
  void badOptionsExitTwoWithAClearMessage(String args, String message) {
    String[] a = args.replace("@", tmp.resolve("never").toString()).replace("#", out.toString()).split(" ");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCommand.run(a, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpDescribesTheOptions() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    assertEquals(0, GenerateCommand.run(new String[] {"--help"}, new PrintStream(o), System.err));
    String text = o.toString(StandardCharsets.UTF_8);
    for (String option : List.of("--output=DIR", "--scale=S", "--seed=N", "--period")) {
      assertTrue(text.contains(option), option);
    }
  }

  @Test
  void theCommandLineWritesAndSummarises() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Path dir = tmp.resolve("cli");
    int code = GenerateCommand.run(new String[] {"--output=" + dir, "--scale=0.0001", "--seed=3", "--period=H22025"},
        new PrintStream(o), new PrintStream(e));
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    assertTrue(o.toString(StandardCharsets.UTF_8).contains("delivered files"));
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("100%"));
    assertTrue(Files.isDirectory(dir.resolve("archive/H22025")));
    assertFalse(Files.exists(dir.resolve(".parts")));
  }

  /** An independent reading of SPEC 3 and 11 for the fields, to count planted errors. */
  static final class RecordRules {
    static final Pattern DIGITS4 = Pattern.compile("\\d{4}");
    static final Pattern TW = Pattern.compile("[A-Za-z0-9-]{1,20}");
    static final Pattern VOLUME = Pattern.compile("\\d{1,6}");
    static final Set<String> EENHEID = Set.of("01", "04", "14", "16", "82", "83", "84");
    static final Set<String> FREQ = Set.of("1", "2", "4", "6");
    static final Set<String> REDEN_EINDE = Set.of("02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39");
    static final Pattern REDEN_WIJZIGING = Pattern.compile("0[1-9]|1[0-4]");
    static final Pattern SCIENTIFIC = Pattern.compile("^[+-]?[0-9]+([.,][0-9]+)?[Ee][+-]?[0-9]+$");

    static LocalDate date(String s) {
      if (!s.matches("\\d{8}")) {
        return null;
      }
      try {
        return LocalDate.parse(s, YYYYMMDD);
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    static List<String> errors(String[] f, Period period, LocalDate uploaded, ReferenceData ref) {
      List<String> e = new ArrayList<>();
      for (int i = 0; i < f.length; i++) {
        assertFalse(f[i].contains("\""), "quote");
        assertFalse(i != 7 && SCIENTIFIC.matcher(f[i]).matches(), "scientific notation");
      }
      LocalDate created = date(f[0]);
      if (created == null || created.isAfter(uploaded)) {
        e.add("R10");
      }
      if (!DIGITS4.matcher(f[1]).matches() || !ref.division(period.year()).containsKey(f[1])) {
        e.add("R11");
      }
      if (!f[2].matches("\\d{9}") || f[2].equals("000000000")
          || !(f[2].equals("999999999") || SyntheticBsn.passesElevenTest(f[2]))) {
        e.add("R13");
      }
      if (!ArrangementTypes.isCode(f[3])) {
        e.add("R14");
      }
      LocalDate start = date(f[4]);
      LocalDate end = f[5].isEmpty() ? null : date(f[5]);
      if (start == null) {
        e.add("R15");
      }
      if (!f[5].isEmpty() && end == null) {
        e.add("R16");
      }
      if (start != null && end != null && end.isBefore(start)) {
        e.add("R17");
      }
      if (!f[6].equals("ZIN") && !f[6].equals("PGB")) {
        e.add("R18");
      }
      if (!f[7].isEmpty() && !TW.matcher(f[7]).matches()) {
        e.add("O20");
      }
      if (!f[8].isEmpty() && !VOLUME.matcher(f[8]).matches()) {
        e.add("O21");
      }
      if (!f[9].isEmpty() && !EENHEID.contains(f[9])) {
        e.add("O22");
      }
      if (!f[10].isEmpty() && !FREQ.contains(f[10])) {
        e.add("O23");
      }
      if (!f[11].isEmpty() && !REDEN_EINDE.contains(f[11])) {
        e.add("O24");
      }
      if (!f[12].isEmpty() && !REDEN_WIJZIGING.matcher(f[12]).matches()) {
        e.add("O25");
      }
      return e;
    }

    static List<String> warnings(String[] f, Period period, Set<String> seen) {
      List<String> w = new ArrayList<>();
      LocalDate start = date(f[4]);
      LocalDate end = f[5].isEmpty() ? null : date(f[5]);
      if (start != null && (f[5].isEmpty() || end != null)
          && !period.overlaps((int) start.toEpochDay(), end == null ? null : (int) end.toEpochDay())) {
        w.add("W30");
      }
      if (!seen.add(String.join(";", f))) {
        w.add("W31");
      }
      if (f[2].equals("999999999")) {
        w.add("W32");
      }
      return w;
    }
  }
}
